using System.Globalization;
using Dashboard.Core.Streams;

namespace Dashboard.Core.Tests;

/// <summary>The viewer's state: search, match navigation, filtering, highlighting and the 100k-line bound.</summary>
public sealed class LogViewTests
{
    private static readonly LogSource A = new("ns", "web-a", "app");
    private static readonly LogSource B = new("ns", "web-b", "app");

    private static LogLine L(string text, LogSource? source = null) => new(source ?? A, null, text);

    private static LogView With(params string[] lines)
    {
        var view = new LogView();
        view.Append(lines.Select(t => L(t)).ToList());
        return view;
    }

    [Fact]
    public void Next_and_previous_walk_the_matching_lines_and_wrap()
    {
        var view = With("GET /", "error: disk full", "GET /cart", "ERROR again", "ok");
        view.Search("error");
        Assert.Equal(2, view.MatchCount);
        Assert.Equal(-1, view.CurrentMatch);
        Assert.Equal(1, view.Next());
        Assert.True(view.IsCurrent(1));
        Assert.Equal(3, view.Next());
        Assert.Equal(1, view.Next());
        Assert.Equal(3, view.Previous());
        Assert.Equal(1, view.Previous());

        view.Search("error", matchCase: true);
        Assert.Equal(1, view.MatchCount);
        view.Search("nothing like it");
        Assert.Null(view.Next());
        Assert.Null(view.Previous());
    }

    [Fact]
    public void Only_matching_turns_the_search_into_a_filter_and_new_lines_are_searched_as_they_come()
    {
        var view = With("a 1", "b 2", "a 3");
        view.Search("a ", onlyMatching: true);
        Assert.True(view.Filtering);
        Assert.Equal(2, view.Count);
        Assert.Equal(["a 1", "a 3"], view.Rows(0, 10).Select(l => l.Text));

        view.Append([L("b 4"), L("a 5")]);
        Assert.Equal(3, view.Count);
        Assert.Equal("a 5", view[2].Text);
        Assert.Equal(0, view.Next()); // rows of a filtered view are match numbers
        Assert.Equal(1, view.Next());
        Assert.True(view.IsCurrent(1));

        view.Search("a ", onlyMatching: false);
        Assert.Equal(5, view.Count);
    }

    [Fact]
    public void Highlighting_splits_every_occurrence_in_the_shown_case()
    {
        var view = With();
        view.Search("err");
        Assert.Equal([new LogSegment("an ", false), new LogSegment("Err", true), new LogSegment(" and ", false), new LogSegment("err", true)],
            view.Highlight("an Err and err"));
        Assert.Equal([new LogSegment("plain", false)], With().Highlight("plain"));
        view.Search("err", matchCase: true);
        Assert.Equal([new LogSegment("Err", false)], view.Highlight("Err"));
    }

    [Fact]
    public void Prefixes_are_searchable_in_merged_logs_and_status_lines_by_their_text()
    {
        var view = new LogView();
        view.Append([L("x", A), L("x", B), LogLine.ForStatus(B, LogStatus.Restarted, count: 2)]);
        view.Search("web-b", withPrefix: true);
        Assert.Equal(2, view.MatchCount);
        view.Search("web-b");
        Assert.Equal(0, view.MatchCount);
        view.Search("restarted");
        Assert.Equal(1, view.MatchCount);
        view.Search("x", withPrefix: true);
        Assert.Equal("[pod/web-b/app] x", view.TextOf(L("x", B), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_view_keeps_the_last_lines_up_to_its_capacity_and_its_matches_follow()
    {
        var view = new LogView(capacity: 1000);
        view.Search("match");
        for (var batch = 0; batch < 30; batch++)
            view.Append(Enumerable.Range(batch * 100, 100).Select(i => L(i % 10 == 0 ? $"match {i}" : $"line {i}")).ToList());
        Assert.Equal(1000, view.LineCount);
        Assert.Equal(2000, view.Trimmed);
        Assert.Equal("line 2001", view[1].Text);
        Assert.Equal(100, view.MatchCount);
        Assert.Equal(0, view.Next());
        Assert.Equal("match 2000", view[0].Text);

        view.Next();
        view.Append(Enumerable.Range(3000, 15).Select(i => L($"line {i}")).ToList());
        Assert.Equal(0, view.CurrentMatch); // its line was trimmed: the current match moves to the oldest left
        Assert.Equal(98, view.MatchCount); // matches 2000 and 2010 went with the 15 oldest lines

        view.Clear();
        Assert.Equal(0, view.Count);
        Assert.Equal(0, view.MatchCount);
    }

    [Fact]
    public void A_hundred_thousand_lines_stay_bounded_and_searchable()
    {
        var view = new LogView();
        for (var batch = 0; batch < 30; batch++)
            view.Append(Enumerable.Range(batch * 5000, 5000).Select(i => L($"request {i} took {i % 97} ms")).ToList());
        Assert.Equal(100_000, view.LineCount);
        view.Search("took 96 ms", onlyMatching: true);
        Assert.Equal(Enumerable.Range(50_000, 100_000).Count(i => i % 97 == 96), view.Count);
        Assert.All(view.Rows(0, 50), l => Assert.EndsWith("took 96 ms", l.Text, StringComparison.Ordinal));
    }
}
