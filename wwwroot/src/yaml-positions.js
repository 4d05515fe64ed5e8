// Maps the .NET side's 1-based {line, column} positions (as YamlDotNet and the API server's causes report them)
// onto CodeMirror document offsets. Out-of-range positions are clamped, never thrown on: a stale error list
// must not break the editor after the user has shortened the text.

/**
 * @param {import("@codemirror/state").Text} doc
 * @param {{line?: number, column?: number, endLine?: number, endColumn?: number}} pos
 * @returns {{from: number, to: number}}
 */
export function rangeOf(doc, pos) {
  const lineNo = clamp(Math.trunc(pos.line ?? 1), 1, doc.lines);
  const line = doc.line(lineNo);
  if (!(pos.column >= 1)) {
    // No column: the line's content, from its indentation on.
    const indent = /^\s*/.exec(line.text)[0].length;
    return { from: line.from + Math.min(indent, line.length), to: line.to };
  }
  const from = line.from + Math.min(Math.trunc(pos.column) - 1, line.length);
  if (pos.endLine >= 1) {
    const endLine = doc.line(clamp(Math.trunc(pos.endLine), lineNo, doc.lines));
    const endCol = pos.endColumn >= 1 ? Math.trunc(pos.endColumn) - 1 : endLine.length;
    const to = endLine.from + Math.min(endCol, endLine.length);
    if (to > from) return { from, to };
  }
  // Underline the token that starts at the column (up to the next space or YAML punctuation).
  const rest = line.text.slice(from - line.from);
  const token = /^[^\s:,\[\]{}#]+/.exec(rest);
  const length = token ? token[0].length : Math.min(1, rest.length);
  return { from, to: from + length };
}

function clamp(value, min, max) {
  if (!Number.isFinite(value)) return min;
  return Math.max(min, Math.min(max, value));
}
