// Read-only diff of two YAML texts (the object now vs what will be applied), side by side or unified.
import { Compartment, EditorState } from "@codemirror/state";
import { EditorView, lineNumbers, highlightSpecialChars, drawSelection } from "@codemirror/view";
import { syntaxHighlighting, defaultHighlightStyle, foldGutter } from "@codemirror/language";
import { MergeView, unifiedMergeView, getChunks, goToNextChunk, goToPreviousChunk } from "@codemirror/merge";
import { yaml } from "@codemirror/lang-yaml";
import { ensureStyle } from "./styles.js";
import { fillHost, monoFont, themeFor } from "./cm-common.js";

// A side-by-side MergeView does not scroll by itself: the wrapper scrolls, and both editors grow with their text.
const hostCss = `
.dash-diff { height: 100%; overflow: auto; }
`;

/**
 * Shows the difference between original and proposed inside element.
 * @param {HTMLElement} element host; the view fills it
 * @param {{ original?: string, proposed?: string, dark?: boolean, mode?: "split" | "unified",
 *   collapseUnchanged?: boolean }} [options]
 */
export function create(element, options) {
  if (!(element instanceof HTMLElement)) throw new Error("merge.create: element is required");
  return new DiffHandle(element, options ?? {});
}

class DiffHandle {
  constructor(element, options) {
    ensureStyle("dash-diff-css", hostCss);
    this.element = element;
    this.original = options.original ?? "";
    this.proposed = options.proposed ?? "";
    this.dark = !!options.dark;
    this.mode = options.mode === "unified" ? "unified" : "split";
    this.collapse = options.collapseUnchanged !== false;
    this.disposed = false;
    element.classList.add("dash-diff");
    this.render();
  }

  /**
   * @param {string} original
   * @param {string} proposed
   */
  setContent(original, proposed) {
    if (this.disposed) return;
    this.original = original ?? "";
    this.proposed = proposed ?? "";
    this.render();
  }

  /** @param {"split" | "unified"} mode */
  setMode(mode) {
    if (this.disposed) return;
    const next = mode === "unified" ? "unified" : "split";
    if (next === this.mode) return;
    this.mode = next;
    this.render();
  }

  /** @param {boolean} dark */
  setTheme(dark) {
    if (this.disposed) return;
    this.dark = !!dark;
    for (const view of this.views()) view.dispatch({ effects: this.theme.reconfigure(themeFor(this.dark)) });
  }

  /** @returns {number} how many changed chunks the diff has (0 when the texts are equal) */
  changeCount() {
    if (this.disposed) return 0;
    if (this.merge) return this.merge.chunks.length;
    return getChunks(this.unified.state)?.chunks.length ?? 0;
  }

  /** Moves to the next changed chunk; false when there is none after the cursor. */
  nextChange() {
    return this.runOnProposed(goToNextChunk);
  }

  /** Moves to the previous changed chunk. */
  previousChange() {
    return this.runOnProposed(goToPreviousChunk);
  }

  dispose() {
    if (this.disposed) return;
    this.disposed = true;
    this.destroyViews();
    this.element.classList.remove("dash-diff");
  }

  render() {
    this.destroyViews();
    this.theme = new Compartment();
    const collapseUnchanged = this.collapse ? { margin: 3, minSize: 4 } : undefined;
    if (this.mode === "split") {
      this.merge = new MergeView({
        a: { doc: this.original, extensions: [...this.extensions(), monoFont] },
        b: { doc: this.proposed, extensions: [...this.extensions(), monoFont] },
        parent: this.element,
        gutter: true,
        highlightChanges: true,
        collapseUnchanged,
      });
    } else {
      this.unified = new EditorView({
        parent: this.element,
        state: EditorState.create({
          doc: this.proposed,
          extensions: [
            ...this.extensions(),
            fillHost,
            unifiedMergeView({ original: this.original, mergeControls: false, gutter: true, collapseUnchanged }),
          ],
        }),
      });
    }
  }

  extensions() {
    return [
      lineNumbers(),
      foldGutter(),
      highlightSpecialChars(),
      drawSelection(),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      yaml(),
      EditorState.readOnly.of(true),
      EditorView.editable.of(false),
      this.theme.of(themeFor(this.dark)),
    ];
  }

  views() {
    if (this.merge) return [this.merge.a, this.merge.b];
    return this.unified ? [this.unified] : [];
  }

  runOnProposed(command) {
    if (this.disposed) return false;
    const view = this.merge ? this.merge.b : this.unified;
    return command({ state: view.state, dispatch: (tr) => view.dispatch(tr) });
  }

  destroyViews() {
    this.merge?.destroy();
    this.unified?.destroy();
    this.merge = null;
    this.unified = null;
  }
}
