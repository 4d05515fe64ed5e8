using System.Globalization;
using Microsoft.Playwright;

namespace Dashboard.E2E.Pages;

/// <summary>The logs page of a pod or a workload.</summary>
public sealed class LogsPage(IPage page)
{
    public IPage Page { get; } = page;

    /// <summary>The log list (role log).</summary>
    public ILocator Log => Page.GetByRole(AriaRole.Log);

    /// <summary>The rendered lines.</summary>
    public ILocator Lines => Log.Locator(".log-line");

    /// <summary>The pod/container prefixes of the rendered lines (merged logs).</summary>
    public ILocator Prefixes => Log.Locator(".log-prefix");

    public ILocator Search => Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search logs" });

    public ILocator Previous => Page.GetByRole(AriaRole.Checkbox, new() { Name = "Previous" });

    /// <summary>Lines held by the viewer (from the status line, "N lines").</summary>
    public async Task<int> LineCountAsync()
    {
        var text = await Page.GetByTestId("line-count").InnerTextAsync();
        return int.Parse(text.Split(' ')[0], NumberStyles.Integer, CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until the viewer holds more than <paramref name="count"/> lines.</summary>
    public async Task WaitForMoreThanAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await LineCountAsync() <= count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the logs viewer stayed at {count} lines");
            await Task.Delay(100);
        }
    }
}
