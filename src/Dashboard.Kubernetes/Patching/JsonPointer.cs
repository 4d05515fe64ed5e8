using System.Globalization;
using System.Text;

namespace Dashboard.Kubernetes.Patching;

/// <summary>An RFC 6901 JSON Pointer: a sequence of reference tokens such as <c>/spec/containers/0/image</c>.</summary>
public sealed class JsonPointer
{
    private JsonPointer(IReadOnlyList<string> tokens) => Tokens = tokens;

    /// <summary>The pointer to the whole document (<c>""</c>).</summary>
    public static JsonPointer Root { get; } = new([]);

    /// <summary>The unescaped reference tokens, outermost first.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>True for the pointer to the whole document.</summary>
    public bool IsRoot => Tokens.Count == 0;

    /// <summary>Parses a pointer; throws <see cref="PatchException"/> unless it is empty or starts with <c>/</c>.</summary>
    public static JsonPointer Parse(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        if (pointer.Length == 0) return Root;
        if (pointer[0] != '/') throw new PatchException($"JSON pointer \"{pointer}\" must be empty or start with '/'");
        var tokens = pointer[1..].Split('/');
        for (var i = 0; i < tokens.Length; i++) tokens[i] = Unescape(tokens[i], pointer);
        return new JsonPointer(tokens);
    }

    /// <summary>Builds a pointer from unescaped tokens.</summary>
    public static JsonPointer Create(params string[] tokens) => new(tokens.ToArray());

    /// <summary>Escapes one reference token: <c>~</c> becomes <c>~0</c>, <c>/</c> becomes <c>~1</c>.</summary>
    public static string Escape(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
    }

    /// <summary>The pointer without its last token (the parent container's pointer).</summary>
    public JsonPointer Parent => IsRoot ? this : new JsonPointer(Tokens.Take(Tokens.Count - 1).ToArray());

    /// <summary>The last token; empty for the root.</summary>
    public string Last => IsRoot ? "" : Tokens[^1];

    /// <summary>True when this pointer is a proper prefix of <paramref name="other"/> (it names an ancestor).</summary>
    public bool IsProperPrefixOf(JsonPointer other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Tokens.Count >= other.Tokens.Count) return false;
        for (var i = 0; i < Tokens.Count; i++)
            if (!string.Equals(Tokens[i], other.Tokens[i], StringComparison.Ordinal)) return false;
        return true;
    }

    /// <summary>Parses an array index token: digits without leading zeros. Returns -1 when the token is not one.</summary>
    public static int ParseIndex(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0')) return -1;
        foreach (var c in token) if (c is < '0' or > '9') return -1;
        return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var t in Tokens) sb.Append('/').Append(Escape(t));
        return sb.ToString();
    }

    private static string Unescape(string token, string pointer)
    {
        if (!token.Contains('~', StringComparison.Ordinal)) return token;
        var sb = new StringBuilder(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] != '~') { sb.Append(token[i]); continue; }
            // ~1 is decoded before ~0 would be wrong: "~01" must become "~1", so decode pairwise left to right.
            var next = i + 1 < token.Length ? token[i + 1] : '\0';
            sb.Append(next switch
            {
                '0' => '~',
                '1' => '/',
                _ => throw new PatchException($"JSON pointer \"{pointer}\" has an invalid escape: '~' must be followed by '0' or '1'"),
            });
            i++;
        }
        return sb.ToString();
    }
}
