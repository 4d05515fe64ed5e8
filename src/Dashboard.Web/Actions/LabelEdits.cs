using System.Text.RegularExpressions;

namespace Dashboard.Web.Actions;

/// <summary>
/// The labels editor's text (<c>key=value</c> per line) turned into the changes to send: new or changed keys with their
/// value, removed keys with null. Keys and values are checked with the API server's rules so mistakes are shown
/// before anything is sent.
/// </summary>
internal static partial class LabelEdits
{
    private static readonly IReadOnlyDictionary<string, string?> NoChanges = new Dictionary<string, string?>();

    /// <summary>The text for the current labels, sorted by key.</summary>
    public static string Format(IReadOnlyDictionary<string, string> labels) =>
        string.Join('\n', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    /// <summary>The changes from <paramref name="current"/> to the edited text, or the first error (line, reason key, text).</summary>
    public static (IReadOnlyDictionary<string, string?> Changes, LabelError? Error) Diff(IReadOnlyDictionary<string, string> current, string text)
    {
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) return (NoChanges, new LabelError(i + 1, "Labels_Error_Format", line));
            var key = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            if (!ValidKey(key)) return (NoChanges, new LabelError(i + 1, "Labels_Error_Key", key));
            if (!ValidValue(value)) return (NoChanges, new LabelError(i + 1, "Labels_Error_Value", value));
            if (!wanted.TryAdd(key, value)) return (NoChanges, new LabelError(i + 1, "Labels_Error_Duplicate", key));
        }
        var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in wanted)
            if (!current.TryGetValue(key, out var old) || old != value) changes[key] = value;
        foreach (var key in current.Keys)
            if (!wanted.ContainsKey(key)) changes[key] = null;
        return (changes, null);
    }

    // A label key is an optional DNS subdomain prefix and a name of up to 63 characters.
    private static bool ValidKey(string key)
    {
        var slash = key.LastIndexOf('/');
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0)
        {
            var prefix = key[..slash];
            if (prefix.Length is 0 or > 253 || !Subdomain().IsMatch(prefix)) return false;
        }
        return name.Length is > 0 and <= 63 && Name().IsMatch(name);
    }

    private static bool ValidValue(string value) => value.Length == 0 || (value.Length <= 63 && Name().IsMatch(value));

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex Name();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}

/// <summary>What is wrong with the labels text: the line, the resource key of the reason, and the offending text.</summary>
internal sealed record LabelError(int Line, string ReasonKey, string Text);
