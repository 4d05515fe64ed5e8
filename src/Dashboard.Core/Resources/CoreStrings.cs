using System.Globalization;
using System.Resources;

namespace Dashboard.Core.Resources;

/// <summary>
/// Dashboard.Core's user-visible strings (CoreStrings.resx, CoreStrings.zh-CN.resx), looked up by key in
/// <see cref="CultureInfo.CurrentUICulture"/> unless a culture is given. Keys carry an area prefix (Cron_, Probe_...).
/// </summary>
public static class CoreStrings
{
    private static readonly ResourceManager Manager = new("Dashboard.Core.Resources.CoreStrings", typeof(CoreStrings).Assembly);

    /// <summary>The string for a key; the key itself when it is missing (a visible, testable failure).</summary>
    public static string Get(string key, CultureInfo? culture = null) => Manager.GetString(key, culture ?? CultureInfo.CurrentUICulture) ?? key;

    /// <summary>The string for a key with its placeholders filled, formatted in the same culture.</summary>
    public static string Format(CultureInfo? culture, string key, params object?[] args)
    {
        var c = culture ?? CultureInfo.CurrentUICulture;
        return string.Format(c, Get(key, c), args);
    }
}
