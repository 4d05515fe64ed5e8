// xterm.js terminal for the exec page. The .NET component owns the session: it writes the container's output with
// write() and receives keystrokes (OnInput) and size changes (OnResize) through its DotNetObjectReference.
import { Terminal } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import xtermCss from "@xterm/xterm/css/xterm.css";
import { readClipboard, writeClipboard } from "./clipboard.js";
import { splitText } from "./interop.js";
import { ensureStyle } from "./styles.js";
import { darkTheme, lightTheme } from "./terminal-themes.js";

const hostCss = `
.dash-terminal { width: 100%; height: 100%; min-height: 8rem; overflow: hidden; }
.dash-terminal .xterm { height: 100%; padding: 4px; box-sizing: border-box; }
`;

/**
 * Opens a terminal inside element.
 * @param {HTMLElement} element container; the terminal fills it and follows its size
 * @param {{ invokeMethodAsync(name: string, ...args: any[]): Promise<any> } | null} dotNetRef receives OnInput(text),
 *   OnResize(cols, rows) and OnCopy(ok)
 * @param {{ dark?: boolean, fontSize?: number, fontFamily?: string, scrollback?: number, copyOnSelect?: boolean,
 *   cursorBlink?: boolean, focus?: boolean }} [options]
 */
export function create(element, dotNetRef, options) {
  if (!(element instanceof HTMLElement)) throw new Error("terminal.create: element is required");
  return new TerminalHandle(element, dotNetRef ?? null, options ?? {});
}

class TerminalHandle {
  constructor(element, dotNetRef, options) {
    ensureStyle("dash-xterm-css", xtermCss);
    ensureStyle("dash-terminal-css", hostCss);
    this.element = element;
    this.dotNetRef = dotNetRef;
    this.copyOnSelect = options.copyOnSelect !== false;
    this.disposed = false;
    this.pendingFit = 0;
    this.lastSize = null;
    element.classList.add("dash-terminal");

    this.term = new Terminal({
      allowProposedApi: false,
      cursorBlink: options.cursorBlink !== false,
      fontFamily: options.fontFamily || 'ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace',
      fontSize: options.fontSize || 13,
      scrollback: options.scrollback ?? 5000,
      theme: options.dark ? darkTheme : lightTheme,
    });
    this.fitAddon = new FitAddon();
    this.term.loadAddon(this.fitAddon);
    this.term.open(element);

    this.subscriptions = [
      this.term.onData((data) => this.sendInput(data)),
      // Legacy mouse reports arrive as binary strings; they are ASCII except for coordinates past column 95.
      this.term.onBinary((data) => this.sendInput(data)),
      this.term.onResize(({ cols, rows }) => this.reportSize(cols, rows)),
      this.term.onSelectionChange(() => {
        if (this.copyOnSelect && this.term.hasSelection()) void this.copySelection();
      }),
    ];
    this.term.attachCustomKeyEventHandler((event) => this.handleKey(event));

    // Follow the container, not the window: the terminal sits in resizable panels and tabs.
    this.observer = new ResizeObserver(() => this.scheduleFit());
    this.observer.observe(element);
    this.fit();
    // xterm only raises onResize on a change; the session needs the first size too.
    this.reportSize(this.term.cols, this.term.rows);
    if (options.focus !== false) this.term.focus();
  }

  /**
   * Writes output from the container. Resolves once xterm has parsed it, which gives the caller back-pressure.
   * @param {string | Uint8Array} data
   * @returns {Promise<void>}
   */
  write(data) {
    if (this.disposed || data == null) return Promise.resolve();
    return new Promise((resolve) => this.term.write(data, resolve));
  }

  /** Writes a line of local text (a status message, not container output). */
  writeln(text) {
    if (this.disposed) return Promise.resolve();
    return new Promise((resolve) => this.term.writeln(String(text ?? ""), resolve));
  }

  /** Clears the screen and scrollback. */
  clear() {
    if (!this.disposed) this.term.clear();
  }

  /** Resets the terminal state (modes, colours, buffer), e.g. before a new session in the same view. */
  reset() {
    if (!this.disposed) this.term.reset();
  }

  focus() {
    if (!this.disposed) this.term.focus();
  }

  /** @returns {{cols: number, rows: number}} */
  size() {
    return { cols: this.term.cols, rows: this.term.rows };
  }

  /** Refits to the container now; returns the size. */
  fit() {
    if (this.disposed) return this.size();
    // proposeDimensions is undefined while the container is hidden (display: none, a collapsed tab): keep the size.
    const proposed = this.fitAddon.proposeDimensions();
    if (proposed && proposed.cols > 0 && proposed.rows > 0 && Number.isFinite(proposed.cols)) this.fitAddon.fit();
    return this.size();
  }

  /** @param {boolean} dark */
  setTheme(dark) {
    if (!this.disposed) this.term.options.theme = dark ? darkTheme : lightTheme;
  }

  /** @param {number} size font size in px; refits */
  setFontSize(size) {
    if (this.disposed || !(size > 0)) return;
    this.term.options.fontSize = size;
    this.fit();
  }

  /** Copies the selection, if any. Resolves to whether something was copied. */
  async copySelection() {
    if (this.disposed || !this.term.hasSelection()) return false;
    const ok = await writeClipboard(this.term.getSelection());
    this.notify("OnCopy", ok);
    return ok;
  }

  /**
   * Pastes text as if typed (bracketed paste when the program asked for it). Without text, reads the clipboard;
   * resolves to false when the browser refuses to give it (then the browser's own paste still works).
   * @param {string} [text]
   */
  async paste(text) {
    if (this.disposed) return false;
    const value = text ?? (await readClipboard());
    if (value == null) return false;
    this.term.paste(value);
    return true;
  }

  /** @returns {string} the selected text */
  getSelection() {
    return this.disposed ? "" : this.term.getSelection();
  }

  dispose() {
    if (this.disposed) return;
    this.disposed = true;
    if (this.pendingFit) cancelAnimationFrame(this.pendingFit);
    this.observer.disconnect();
    for (const s of this.subscriptions) s.dispose();
    this.term.dispose();
    this.element.classList.remove("dash-terminal");
    this.dotNetRef = null;
  }

  handleKey(event) {
    if (event.type !== "keydown") return true;
    const key = event.key.toLowerCase();
    // Ctrl+Shift+C / Ctrl+Shift+V like desktop terminals; plain Ctrl+C must reach the shell as SIGINT.
    if (event.ctrlKey && event.shiftKey && key === "c") {
      void this.copySelection();
      event.preventDefault();
      return false;
    }
    if (event.ctrlKey && event.shiftKey && key === "v") {
      void this.paste();
      event.preventDefault();
      return false;
    }
    return true;
  }

  scheduleFit() {
    if (this.pendingFit || this.disposed) return;
    this.pendingFit = requestAnimationFrame(() => {
      this.pendingFit = 0;
      this.fit();
    });
  }

  reportSize(cols, rows) {
    if (this.lastSize && this.lastSize.cols === cols && this.lastSize.rows === rows) return;
    this.lastSize = { cols, rows };
    this.notify("OnResize", cols, rows);
  }

  sendInput(data) {
    // A large paste arrives as one event; keep each call to .NET small (in order: calls are queued on one circuit).
    for (const piece of splitText(data)) this.notify("OnInput", piece);
  }

  notify(method, ...args) {
    if (!this.dotNetRef || this.disposed) return;
    // The circuit may be gone (page closed): a rejected call here is expected and must not surface as an error.
    this.dotNetRef.invokeMethodAsync(method, ...args).catch(() => {});
  }
}
