// Limits of calls into .NET. Blazor Server refuses hub messages over 32 KB by default (and closes the circuit), so
// text going to .NET is split into pieces well under that, or pulled by .NET as a stream.

/** Characters per call: at most 3 UTF-8 bytes each, plus JSON escaping, stays under 32 KB. */
export const MAX_CHARS_PER_CALL = 8192;

/**
 * Splits text into pieces of at most max UTF-16 units, never between the halves of a surrogate pair.
 * @param {string} text
 * @param {number} [max]
 * @returns {string[]}
 */
export function splitText(text, max = MAX_CHARS_PER_CALL) {
  if (text.length <= max) return [text];
  const pieces = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + max, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

/**
 * Whether a string can go to .NET as one argument.
 * @param {string} text
 */
export function fitsInOneCall(text) {
  return text.length <= MAX_CHARS_PER_CALL;
}
