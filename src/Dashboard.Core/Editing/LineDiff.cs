namespace Dashboard.Core.Editing;

/// <summary>How a line of a diff relates the two texts.</summary>
public enum DiffLineKind
{
    /// <summary>In both texts.</summary>
    Same,
    /// <summary>Only in the original.</summary>
    Removed,
    /// <summary>Only in the proposed text.</summary>
    Added,
    /// <summary>A run of unchanged lines left out (<see cref="DiffLine.Text"/> is empty, <see cref="DiffLine.Skipped"/> counts them).</summary>
    Collapsed,
}

/// <summary>One line of a unified diff, with its 1-based numbers in the original and proposed texts.</summary>
public sealed record DiffLine(DiffLineKind Kind, int? Before, int? After, string Text, int Skipped = 0);

/// <summary>
/// A line diff of two YAML texts (longest common subsequence over lines, after trimming the common head and tail),
/// for the server-rendered diff view and its tests. Texts are small (one object), and the table is bounded: past
/// <see cref="MaxCells"/> the middle is shown as removed-then-added.
/// </summary>
public static class LineDiff
{
    /// <summary>The largest LCS table computed (lines × lines).</summary>
    public const int MaxCells = 4_000_000;

    /// <summary>The unified diff; unchanged runs longer than 2 × <paramref name="context"/> are collapsed (negative: none).</summary>
    public static IReadOnlyList<DiffLine> Compute(string before, string after, int context = 3)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = Lines(before);
        var b = Lines(after);
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head]) head++;
        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)]) tail++;

        var lines = new List<DiffLine>();
        for (var i = 0; i < head; i++) lines.Add(new DiffLine(DiffLineKind.Same, i + 1, i + 1, a[i]));
        Middle(a, b, head, a.Length - tail, b.Length - tail, lines);
        for (var k = tail; k > 0; k--) lines.Add(new DiffLine(DiffLineKind.Same, a.Length - k + 1, b.Length - k + 1, a[^k]));
        return context < 0 ? lines : Collapse(lines, context);
    }

    /// <summary>The number of changed blocks (runs of added/removed lines).</summary>
    public static int Blocks(IReadOnlyList<DiffLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var blocks = 0;
        for (var i = 0; i < lines.Count; i++)
            if (lines[i].Kind is DiffLineKind.Added or DiffLineKind.Removed && (i == 0 || lines[i - 1].Kind is DiffLineKind.Same or DiffLineKind.Collapsed)) blocks++;
        return blocks;
    }

    private static string[] Lines(string text)
    {
        var t = text.EndsWith('\n') ? text[..^1] : text;
        return t.Length == 0 ? [] : t.Split('\n');
    }

    private static void Middle(string[] a, string[] b, int start, int endA, int endB, List<DiffLine> lines)
    {
        var n = endA - start;
        var m = endB - start;
        if ((long)n * m > MaxCells)
        {
            for (var i = start; i < endA; i++) lines.Add(new DiffLine(DiffLineKind.Removed, i + 1, null, a[i]));
            for (var j = start; j < endB; j++) lines.Add(new DiffLine(DiffLineKind.Added, null, j + 1, b[j]));
            return;
        }
        // lcs[i, j]: the longest common subsequence of a[start+i..endA) and b[start+j..endB).
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
            for (var j = m - 1; j >= 0; j--)
                lcs[i, j] = a[start + i] == b[start + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[start + x] == b[start + y])
            {
                lines.Add(new DiffLine(DiffLineKind.Same, start + x + 1, start + y + 1, a[start + x]));
                x++;
                y++;
            }
            else if (x < n && (y == m || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                // Removals first on a tie, as unified diffs print a replaced line.
                lines.Add(new DiffLine(DiffLineKind.Removed, start + x + 1, null, a[start + x]));
                x++;
            }
            else
            {
                lines.Add(new DiffLine(DiffLineKind.Added, null, start + y + 1, b[start + y]));
                y++;
            }
        }
    }

    private static List<DiffLine> Collapse(List<DiffLine> lines, int context)
    {
        var result = new List<DiffLine>();
        var i = 0;
        while (i < lines.Count)
        {
            if (lines[i].Kind != DiffLineKind.Same)
            {
                result.Add(lines[i++]);
                continue;
            }
            var end = i;
            while (end < lines.Count && lines[end].Kind == DiffLineKind.Same) end++;
            var keepHead = i == 0 ? 0 : context;
            var keepTail = end == lines.Count ? 0 : context;
            if (end - i > keepHead + keepTail + 1)
            {
                result.AddRange(lines.GetRange(i, keepHead));
                var skipped = end - i - keepHead - keepTail;
                var first = lines[i + keepHead];
                result.Add(new DiffLine(DiffLineKind.Collapsed, first.Before, first.After, "", skipped));
                result.AddRange(lines.GetRange(end - keepTail, keepTail));
            }
            else result.AddRange(lines.GetRange(i, end - i));
            i = end;
        }
        return result;
    }
}
