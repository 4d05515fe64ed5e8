using System.Globalization;

namespace Dashboard.Core.Streams;

/// <summary>One piece of a displayed line: plain text or a search match.</summary>
/// <param name="Text">The text.</param>
/// <param name="Match">True for a match of the search.</param>
public readonly record struct LogSegment(string Text, bool Match);

/// <summary>
/// What a log viewer shows: the last <see cref="Capacity"/> lines of a session, a search over them (matches counted by
/// line, next/previous with wrap-around, highlighting), and optionally only the matching lines. Pure state, no I/O:
/// the page appends the session's batches and renders rows by index (virtualized). Appending is incremental (only new
/// lines are searched); trimming the oldest lines keeps memory bounded at 100k lines.
/// </summary>
public sealed class LogView
{
    private readonly List<LogLine> _lines = [];
    private readonly List<long> _matches = []; // serial numbers of matching lines, ascending
    private long _first; // serial number of _lines[0]
    private int _current = -1;

    /// <summary>Creates a view that keeps at most <paramref name="capacity"/> lines.</summary>
    public LogView(int capacity = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>Lines kept at most; older ones are trimmed.</summary>
    public int Capacity { get; }
    /// <summary>Lines trimmed from the top so far.</summary>
    public long Trimmed => _first;
    /// <summary>Lines held.</summary>
    public int LineCount => _lines.Count;
    /// <summary>The search text (empty: no search).</summary>
    public string Query { get; private set; } = "";
    /// <summary>Case-sensitive search.</summary>
    public bool MatchCase { get; private set; }
    /// <summary>Show only matching lines (a filter) instead of all lines with highlights.</summary>
    public bool OnlyMatching { get; private set; }
    /// <summary>Search in the pod/container prefix too (merged logs show it).</summary>
    public bool WithPrefix { get; private set; }
    /// <summary>Lines that match the search.</summary>
    public int MatchCount => _matches.Count;
    /// <summary>The current match (0-based among <see cref="MatchCount"/>), or -1.</summary>
    public int CurrentMatch => _current;
    /// <summary>True while a filter hides lines.</summary>
    public bool Filtering => OnlyMatching && Query.Length > 0;
    /// <summary>Rows to display.</summary>
    public int Count => Filtering ? _matches.Count : _lines.Count;

    /// <summary>The line shown at a row.</summary>
    public LogLine this[int row] => Filtering ? _lines[(int)(_matches[row] - _first)] : _lines[row];

    /// <summary>The lines of rows [start, start+count), for a virtualized list's items provider.</summary>
    public IReadOnlyList<LogLine> Rows(int start, int count)
    {
        start = Math.Clamp(start, 0, Count);
        count = Math.Clamp(count, 0, Count - start);
        var rows = new LogLine[count];
        for (var i = 0; i < count; i++) rows[i] = this[start + i];
        return rows;
    }

    /// <summary>Every line held, oldest first (for download).</summary>
    public IReadOnlyList<LogLine> All => _lines;

    /// <summary>Adds a batch; searches only the new lines; trims the oldest beyond capacity.</summary>
    public void Append(IReadOnlyList<LogLine> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var line in batch)
        {
            var serial = _first + _lines.Count;
            _lines.Add(line);
            if (Query.Length > 0 && IsMatch(line)) _matches.Add(serial);
        }
        if (_lines.Count > Capacity) Trim(_lines.Count - Capacity);
    }

    private void Trim(int count)
    {
        _lines.RemoveRange(0, count);
        _first += count;
        var gone = _matches.BinarySearch(_first);
        if (gone < 0) gone = ~gone;
        if (gone > 0)
        {
            _matches.RemoveRange(0, gone);
            _current = _current < 0 ? -1 : Math.Max(_current - gone, _matches.Count > 0 ? 0 : -1);
        }
    }

    /// <summary>Removes every line (the session goes on).</summary>
    public void Clear()
    {
        _first += _lines.Count;
        _lines.Clear();
        _matches.Clear();
        _current = -1;
    }

    /// <summary>Sets the search and recomputes the matches (one pass over the lines held).</summary>
    public void Search(string? query, bool matchCase = false, bool onlyMatching = false, bool withPrefix = false)
    {
        Query = query ?? "";
        MatchCase = matchCase;
        OnlyMatching = onlyMatching;
        WithPrefix = withPrefix;
        _matches.Clear();
        _current = -1;
        if (Query.Length == 0) return;
        for (var i = 0; i < _lines.Count; i++)
            if (IsMatch(_lines[i])) _matches.Add(_first + i);
    }

    /// <summary>Moves to the next match (wrapping) and returns the row to scroll to, or null without matches.</summary>
    public int? Next()
    {
        if (_matches.Count == 0) return null;
        _current = (_current + 1) % _matches.Count;
        return RowOfMatch(_current);
    }

    /// <summary>Moves to the previous match (wrapping) and returns its row, or null without matches.</summary>
    public int? Previous()
    {
        if (_matches.Count == 0) return null;
        _current = _current <= 0 ? _matches.Count - 1 : _current - 1;
        return RowOfMatch(_current);
    }

    /// <summary>True when the row shows the current match.</summary>
    public bool IsCurrent(int row) => _current >= 0 && RowOfMatch(_current) == row;

    private int RowOfMatch(int match) => Filtering ? match : (int)(_matches[match] - _first);

    /// <summary>The text searched and shown for a line (without timestamp).</summary>
    public string TextOf(LogLine line, CultureInfo? culture = null) => line.Format(false, WithPrefix, culture);

    private bool IsMatch(LogLine line) =>
        TextOf(line).Contains(Query, MatchCase ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);

    /// <summary>Splits text into plain and matching segments for highlighting.</summary>
    public IReadOnlyList<LogSegment> Highlight(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Query.Length == 0) return [new LogSegment(text, false)];
        var comparison = MatchCase ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var segments = new List<LogSegment>();
        var at = 0;
        while (at < text.Length)
        {
            var hit = text.IndexOf(Query, at, comparison);
            if (hit < 0) break;
            if (hit > at) segments.Add(new LogSegment(text[at..hit], false));
            segments.Add(new LogSegment(text.Substring(hit, Query.Length), true));
            at = hit + Query.Length;
        }
        if (at < text.Length) segments.Add(new LogSegment(text[at..], false));
        return segments;
    }
}
