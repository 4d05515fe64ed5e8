// Injects a stylesheet once per document, so that every bundle is a single self-contained ES module
// (Blazor imports it with import() and no page has to know about a CSS file).
const injected = new Set();

/**
 * @param {string} id unique id of the stylesheet
 * @param {string} css its text
 */
export function ensureStyle(id, css) {
  if (injected.has(id) || document.getElementById(id)) {
    injected.add(id);
    return;
  }
  const style = document.createElement("style");
  style.id = id;
  style.textContent = css;
  document.head.appendChild(style);
  injected.add(id);
}
