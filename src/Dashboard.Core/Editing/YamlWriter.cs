using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Core.Editing;

/// <summary>
/// JSON trees to block-style YAML the way kubectl prints them (sigs.k8s.io/yaml over go-yaml): sequences not indented
/// under their key, strings that would read back as another type double-quoted ("true", "1", timestamps), strings
/// with indicators single-quoted, multi-line strings as literal blocks. Keys come in the order given.
/// </summary>
internal static class YamlWriter
{
    /// <summary>Writes one document (no leading <c>---</c>).</summary>
    public static string Write(JsonNode? root, Func<JsonObject, string, IEnumerable<KeyValuePair<string, JsonNode?>>>? order = null)
    {
        var sb = new StringBuilder();
        order ??= static (o, _) => o;
        switch (root)
        {
            case JsonObject { Count: > 0 } o: Mapping(sb, o, 0, false, "", order); break;
            case JsonArray { Count: > 0 } a: Sequence(sb, a, 0, false, "", order); break;
            default: sb.Append(Inline(root)).Append('\n'); break;
        }
        return sb.ToString();
    }

    // continueLine: the first entry goes on the current line, after a sequence item's "- ".
    private static void Mapping(StringBuilder sb, JsonObject o, int indent, bool continueLine, string path, Func<JsonObject, string, IEnumerable<KeyValuePair<string, JsonNode?>>> order)
    {
        var first = true;
        foreach (var (key, value) in order(o, path))
        {
            if (!first || !continueLine) sb.Append(' ', indent);
            first = false;
            sb.Append(Key(key)).Append(':');
            Value(sb, value, indent, path.Length == 0 ? key : path + "." + key, order, inMapping: true);
        }
    }

    private static void Sequence(StringBuilder sb, JsonArray a, int indent, bool continueLine, string path, Func<JsonObject, string, IEnumerable<KeyValuePair<string, JsonNode?>>> order)
    {
        var first = true;
        foreach (var item in a)
        {
            if (!first || !continueLine) sb.Append(' ', indent);
            first = false;
            sb.Append('-');
            Value(sb, item, indent, path + "[]", order, inMapping: false);
        }
    }

    private static void Value(StringBuilder sb, JsonNode? value, int indent, string path,
        Func<JsonObject, string, IEnumerable<KeyValuePair<string, JsonNode?>>> order, bool inMapping)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 } child when inMapping:
                sb.Append('\n');
                Mapping(sb, child, indent + 2, false, path, order);
                break;
            case JsonObject { Count: > 0 } child:
                sb.Append(' ');
                Mapping(sb, child, indent + 2, true, path, order);
                break;
            case JsonArray { Count: > 0 } items when inMapping:
                // go-yaml style: a sequence under a key starts at the key's own indentation.
                sb.Append('\n');
                Sequence(sb, items, indent, false, path, order);
                break;
            case JsonArray { Count: > 0 } items:
                sb.Append(' ');
                Sequence(sb, items, indent + 2, true, path, order);
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String && Literal(v.GetValue<string>()) is { } block:
                sb.Append(' ').Append(block.Header).Append('\n');
                foreach (var line in block.Lines)
                {
                    if (line.Length > 0) sb.Append(' ', indent + 2).Append(line);
                    sb.Append('\n');
                }
                break;
            default:
                sb.Append(' ').Append(Inline(value)).Append('\n');
                break;
        }
    }

    /// <summary>A scalar, or an empty collection, on one line.</summary>
    internal static string Inline(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => Scalar(v.GetValue<string>()),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => v.ToJsonString(),
        },
        _ => value.ToJsonString(),
    };

    private static string Key(string key) => Scalar(key);

    /// <summary>A string as a plain, single-quoted or double-quoted scalar, whichever reads back as the same string.</summary>
    internal static string Scalar(string s)
    {
        if (s.Length == 0 || NeedsDoubleQuotes(s)) return DoubleQuoted(s);
        if (ResolvesToNonString(s)) return DoubleQuoted(s);
        if (PlainSafe(s)) return s;
        return "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private static bool NeedsDoubleQuotes(string s)
    {
        foreach (var c in s)
            if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF') return true;
        return false;
    }

    // Anything a YAML 1.1 or 1.2 reader could take for a null, boolean, number or timestamp.
    private static bool ResolvesToNonString(string s)
    {
        if (s.Length == 0) return false;
        switch (s.ToUpperInvariant())
        {
            case "~" or "NULL" or "TRUE" or "FALSE" or "YES" or "NO" or "ON" or "OFF" or "Y" or "N"
                or ".INF" or "-.INF" or "+.INF" or ".NAN":
                return true;
        }
        var i = s[0] is '-' or '+' ? 1 : 0;
        if (i < s.Length && s[i] == '.') i++;
        return i < s.Length && char.IsAsciiDigit(s[i]);
    }

    private static bool PlainSafe(string s)
    {
        if (s.Length == 0 || char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1])) return false;
        var c0 = s[0];
        if (c0 is ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`') return false;
        if (c0 is '-' or '?' or ':' && (s.Length == 1 || s[1] == ' ')) return false;
        if (s == "---" || s == "...") return false;
        if (s.EndsWith(':')) return false;
        if (s.Contains(": ", StringComparison.Ordinal) || s.Contains(" #", StringComparison.Ordinal) || s.Contains('\t', StringComparison.Ordinal)) return false;
        return true;
    }

    private static string DoubleQuoted(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                case '\0': sb.Append("\\0"); break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF')
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private sealed record Block(string Header, string[] Lines);

    // Multi-line text reads best as a literal block; the chomping indicator keeps its trailing newlines exact.
    private static Block? Literal(string s)
    {
        if (!s.Contains('\n', StringComparison.Ordinal)) return null;
        foreach (var c in s)
            if (c != '\n' && c != '\t' && (char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF')) return null;
        var body = s.TrimEnd('\n');
        var trailing = s.Length - body.Length;
        // A first line starting with a space would need an indentation indicator; a blank-only text has no content line.
        if (body.Length == 0 || body[0] == ' ') return null;
        var header = trailing switch { 0 => "|-", 1 => "|", _ => "|+" };
        var lines = (trailing > 1 ? s[..^1] : body).Split('\n');
        return new Block(header, lines);
    }
}
