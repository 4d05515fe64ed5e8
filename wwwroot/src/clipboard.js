// Clipboard access that also works where navigator.clipboard is missing: the dashboard is often reached over plain
// http (a NodePort or a port-forward to a non-localhost name), which is not a secure context.

/**
 * Copies text to the clipboard.
 * @param {string} text
 * @returns {Promise<boolean>} whether the browser accepted the copy
 */
export async function writeClipboard(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission denied or no user activation: fall through to the legacy path.
    }
  }
  return legacyCopy(text);
}

/**
 * Reads text from the clipboard, or null when the browser refuses (insecure context, permission denied).
 * @returns {Promise<string | null>}
 */
export async function readClipboard() {
  if (!navigator.clipboard || !window.isSecureContext || !navigator.clipboard.readText) return null;
  try {
    return await navigator.clipboard.readText();
  } catch {
    return null;
  }
}

function legacyCopy(text) {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.top = "-1000px";
  area.style.opacity = "0";
  const focused = document.activeElement;
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  if (focused instanceof HTMLElement) focused.focus();
  return ok;
}
