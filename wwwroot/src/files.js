// Small browser helpers for the .NET side: copy text to the clipboard and save text as a file (YAML export, logs).
import { writeClipboard } from "./clipboard.js";

/**
 * Copies text to the clipboard.
 * @param {string} text
 * @returns {Promise<boolean>} whether the copy succeeded
 */
export function copyText(text) {
  return writeClipboard(text ?? "");
}

/**
 * Offers text as a file download without a server round trip.
 * @param {string} fileName suggested file name, e.g. "deployment-web.yaml"
 * @param {string} text file content
 * @param {string} [mimeType] defaults to text/plain
 * @returns {boolean} true when the download was started
 */
export function downloadText(fileName, text, mimeType) {
  const type = (mimeType || "text/plain") + ";charset=utf-8";
  const blob = new Blob([text ?? ""], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = sanitizeFileName(fileName);
  link.rel = "noopener";
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a later tick is enough.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

/**
 * Makes a name safe to offer as a download on every OS (no path separators, no control characters).
 * @param {string} name
 * @returns {string}
 */
export function sanitizeFileName(name) {
  const cleaned = String(name ?? "")
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, "_")
    .replace(/^[.\s]+|[.\s]+$/g, "")
    .slice(0, 200);
  return cleaned || "download.txt";
}
