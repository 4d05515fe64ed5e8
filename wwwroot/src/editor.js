// CodeMirror 6 YAML editor. The .NET component is the source of truth for validation (YamlDotNet, the API server's
// 422 causes): it sends errors with markErrors(); the editor reports the text with OnChange, debounced. Text too
// large for one call to .NET is announced with OnChangeLarge and read by .NET as a stream (getTextBytes).
import { basicSetup } from "codemirror";
import { Annotation, Compartment, EditorSelection, EditorState, Transaction } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { indentWithTab } from "@codemirror/commands";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { yaml } from "@codemirror/lang-yaml";
import { fillHost, themeFor } from "./cm-common.js";
import { rangeOf } from "./yaml-positions.js";
import { fitsInOneCall } from "./interop.js";

// Marks transactions that came from .NET (setText), so they are not echoed back as OnChange.
const fromHost = Annotation.define();

/**
 * Opens a YAML editor inside element.
 * @param {HTMLElement} element host; the editor fills it
 * @param {{ invokeMethodAsync(name: string, ...args: any[]): Promise<any> } | null} dotNetRef receives OnChange(text)
 * @param {{ text?: string, readOnly?: boolean, dark?: boolean, debounceMs?: number, focus?: boolean }} [options]
 */
export function create(element, dotNetRef, options) {
  if (!(element instanceof HTMLElement)) throw new Error("editor.create: element is required");
  return new EditorHandle(element, dotNetRef ?? null, options ?? {});
}

class EditorHandle {
  constructor(element, dotNetRef, options) {
    this.dotNetRef = dotNetRef;
    this.debounceMs = options.debounceMs ?? 300;
    this.timer = 0;
    this.disposed = false;
    this.readOnly = !!options.readOnly;
    this.dark = !!options.dark;
    this.theme = new Compartment();
    this.editable = new Compartment();
    this.view = new EditorView({ state: this.newState(options.text ?? ""), parent: element });
    if (options.focus) this.view.focus();
  }

  newState(text) {
    return EditorState.create({
      doc: text,
      extensions: [
        basicSetup,
        keymap.of([indentWithTab]),
        yaml(),
        lintGutter(),
        fillHost,
        this.theme.of(themeFor(this.dark)),
        this.editable.of(readOnlyExtension(this.readOnly)),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && update.transactions.some((tr) => tr.docChanged && !tr.annotation(fromHost))) {
            this.scheduleChange();
          }
        }),
      ],
    });
  }

  /** @returns {string} */
  getText() {
    return this.view.state.doc.toString();
  }

  /** The text as UTF-8, for .NET to read as a stream (IJSStreamReference) whatever its size. */
  getTextBytes() {
    return new TextEncoder().encode(this.getText());
  }

  /**
   * Replaces the text. By default only the differing middle is replaced, so undo returns to the previous text and
   * the cursor and scroll position survive; resetHistory starts afresh (a different object was loaded).
   * @param {string} text
   * @param {boolean} [resetHistory]
   */
  setText(text, resetHistory) {
    if (this.disposed) return;
    text = text ?? "";
    if (resetHistory) {
      this.cancelChange();
      this.view.setState(this.newState(text));
      return;
    }
    const current = this.view.state.doc.toString();
    if (current === text) return;
    let start = 0;
    const max = Math.min(current.length, text.length);
    while (start < max && current.charCodeAt(start) === text.charCodeAt(start)) start++;
    let endCur = current.length;
    let endNew = text.length;
    while (endCur > start && endNew > start && current.charCodeAt(endCur - 1) === text.charCodeAt(endNew - 1)) {
      endCur--;
      endNew--;
    }
    this.view.dispatch({
      changes: { from: start, to: endCur, insert: text.slice(start, endNew) },
      annotations: [fromHost.of(true), Transaction.addToHistory.of(true)],
    });
  }

  /** @param {boolean} readOnly */
  setReadOnly(readOnly) {
    if (this.disposed) return;
    this.readOnly = !!readOnly;
    this.view.dispatch({ effects: this.editable.reconfigure(readOnlyExtension(this.readOnly)) });
  }

  /** @param {boolean} dark */
  setTheme(dark) {
    if (this.disposed) return;
    this.dark = !!dark;
    this.view.dispatch({ effects: this.theme.reconfigure(themeFor(this.dark)) });
  }

  /**
   * Shows problems as underlines with messages (hover, gutter markers). An empty list clears them.
   * @param {{line: number, column?: number, endLine?: number, endColumn?: number, message: string,
   *   severity?: "error" | "warning" | "info"}[]} errors 1-based positions
   * @returns {number} how many were shown
   */
  markErrors(errors) {
    if (this.disposed) return 0;
    const doc = this.view.state.doc;
    const diagnostics = (errors ?? []).map((e) => {
      const { from, to } = rangeOf(doc, e);
      return { from, to, severity: severityOf(e.severity), message: String(e.message ?? ""), source: e.source || undefined };
    });
    this.view.dispatch(setDiagnostics(this.view.state, diagnostics));
    return diagnostics.length;
  }

  /**
   * Moves the cursor to a line (1-based) and column and scrolls it to the middle of the view.
   * @param {number} line
   * @param {number} [column]
   */
  scrollTo(line, column) {
    if (this.disposed) return;
    const { from } = rangeOf(this.view.state.doc, { line, column: column ?? 1 });
    this.view.dispatch({
      selection: EditorSelection.cursor(from),
      effects: EditorView.scrollIntoView(from, { y: "center" }),
    });
    this.view.focus();
  }

  focus() {
    if (!this.disposed) this.view.focus();
  }

  /**
   * Drops a pending OnChange because the caller is about to read the text itself (before a save).
   * @returns {boolean} whether a change was pending
   */
  flush() {
    const pending = this.timer !== 0;
    this.cancelChange();
    return pending;
  }

  dispose() {
    if (this.disposed) return;
    this.disposed = true;
    this.cancelChange();
    this.view.destroy();
    this.dotNetRef = null;
  }

  scheduleChange() {
    if (!this.dotNetRef) return;
    this.cancelChange();
    this.timer = setTimeout(() => {
      this.timer = 0;
      this.notifyChange();
    }, this.debounceMs);
  }

  cancelChange() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = 0;
  }

  notifyChange() {
    if (!this.dotNetRef || this.disposed) return;
    const text = this.getText();
    if (fitsInOneCall(text)) this.dotNetRef.invokeMethodAsync("OnChange", text).catch(() => {});
    else this.dotNetRef.invokeMethodAsync("OnChangeLarge", text.length).catch(() => {});
  }
}

function readOnlyExtension(readOnly) {
  // readOnly (not editable=false) keeps the cursor, selection and search working in the viewer.
  return EditorState.readOnly.of(readOnly);
}

function severityOf(value) {
  return value === "warning" || value === "info" || value === "hint" ? value : "error";
}
