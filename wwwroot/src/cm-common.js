// Pieces shared by the YAML editor and the diff view: themes that follow the app's light/dark switch, and sizing.
import { EditorView } from "@codemirror/view";
import { oneDark } from "@codemirror/theme-one-dark";

const fontFamily = 'ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace';

/** The app's monospace font, for editors that size themselves to their content (the two sides of a MergeView). */
export const monoFont = EditorView.theme({
  "&": { fontSize: "13px" },
  ".cm-scroller": { fontFamily },
});

// Fill the host element and scroll inside it: the host decides the height (a panel, a dialog, a full page).
export const fillHost = EditorView.theme({
  "&": { height: "100%", fontSize: "13px" },
  ".cm-scroller": { overflow: "auto", fontFamily },
});

const light = EditorView.theme({}, { dark: false });

/**
 * The theme extension for a mode: One Dark (with its highlight style) or CodeMirror's default light look.
 * @param {boolean} dark
 */
export function themeFor(dark) {
  return dark ? oneDark : light;
}
