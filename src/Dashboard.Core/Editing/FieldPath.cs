using System.Globalization;
using System.Text;

namespace Dashboard.Core.Editing;

/// <summary>One step of a field path: a mapping key or a sequence index.</summary>
public readonly record struct FieldStep(string? Key, int Index)
{
    /// <summary>A mapping key.</summary>
    public static FieldStep Named(string key) => new(key, -1);
    /// <summary>A sequence index.</summary>
    public static FieldStep At(int index) => new(null, index);
    /// <summary>True for a sequence index.</summary>
    public bool IsIndex => Key is null;
}

/// <summary>
/// Field paths as the API server writes them in Status causes and strict-decoding errors:
/// <c>spec.template.spec.containers[0].image</c>, <c>metadata.labels[app.kubernetes.io/name]</c>, optionally with a
/// leading dot.
/// </summary>
public static class FieldPath
{
    /// <summary>Splits a path into steps; a bracketed number is an index, any other bracketed text a key.</summary>
    public static IReadOnlyList<FieldStep> Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var steps = new List<FieldStep>();
        var i = 0;
        var name = new StringBuilder();
        void Flush()
        {
            if (name.Length > 0) steps.Add(FieldStep.Named(name.ToString()));
            name.Clear();
        }
        while (i < path.Length)
        {
            var c = path[i];
            if (c == '.') { Flush(); i++; continue; }
            if (c == '[')
            {
                var close = path.IndexOf(']', i + 1);
                if (close < 0) { name.Append(path, i, path.Length - i); break; }
                Flush();
                var inner = path[(i + 1)..close];
                steps.Add(int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? FieldStep.At(index) : FieldStep.Named(inner));
                i = close + 1;
                continue;
            }
            name.Append(c);
            i++;
        }
        Flush();
        return steps;
    }

    /// <summary>Writes steps back in the server's style: dotted names, bracketed indexes and keys that are not identifiers.</summary>
    public static string Format(IEnumerable<FieldStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var sb = new StringBuilder();
        foreach (var step in steps)
        {
            if (step.IsIndex) sb.Append('[').Append(step.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            else if (IsIdentifier(step.Key!)) sb.Append(sb.Length == 0 ? "" : ".").Append(step.Key);
            else sb.Append('[').Append(step.Key).Append(']');
        }
        return sb.ToString();
    }

    private static bool IsIdentifier(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$');
}
