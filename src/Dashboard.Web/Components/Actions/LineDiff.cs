namespace Dashboard.Web.Components.Actions;

/// <summary>One line of a diff: kept (' '), removed ('-') or added ('+').</summary>
public readonly record struct DiffLine(char Op, string Text);

/// <summary>
/// A line diff by longest common subsequence — enough for pod templates (a few hundred lines), where a quadratic
/// table is a few thousand cells. Longer inputs fall back to "all removed, all added" rather than burn memory.
/// </summary>
public static class LineDiff
{
    private const long MaxCells = 4_000_000;

    /// <summary>The edit script from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static IReadOnlyList<DiffLine> Compute(string before, string after)
    {
        var a = Split(before);
        var b = Split(after);
        if ((long)a.Length * b.Length > MaxCells)
            return [.. a.Select(l => new DiffLine('-', l)), .. b.Select(l => new DiffLine('+', l))];
        // lcs[i, j] = length of the LCS of a[i..] and b[j..].
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var result = new List<DiffLine>(a.Length + b.Length);
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y]) { result.Add(new DiffLine(' ', a[x])); x++; y++; }
            else if (lcs[x + 1, y] >= lcs[x, y + 1]) result.Add(new DiffLine('-', a[x++]));
            else result.Add(new DiffLine('+', b[y++]));
        }
        while (x < a.Length) result.Add(new DiffLine('-', a[x++]));
        while (y < b.Length) result.Add(new DiffLine('+', b[y++]));
        return result;
    }

    private static string[] Split(string text) => text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');
}
