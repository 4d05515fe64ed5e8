using System.Globalization;
using System.Resources;

namespace Dashboard.Core.Streams;

/// <summary>The log and terminal texts from CoreStrings.resx (en, zh-CN).</summary>
internal static class StreamStrings
{
    private static readonly ResourceManager Resources = new("Dashboard.Core.Resources.CoreStrings", typeof(StreamStrings).Assembly);

    public static string Get(string key, CultureInfo culture) => Resources.GetString(key, culture) ?? key;

    public static string Format(string key, CultureInfo culture, params object?[] args) =>
        string.Format(culture, Get(key, culture), args);

    /// <summary>A status line: {0} the container (or pod), {1} the cluster's words, {2} the number that goes with it.</summary>
    public static string Status(LogLine line, CultureInfo culture)
    {
        var subject = line.Source is null ? "" : line.Source.Container ?? line.Source.Pod;
        return Format("Logs_" + line.Status, culture, subject, line.Detail ?? "", line.Count);
    }
}
