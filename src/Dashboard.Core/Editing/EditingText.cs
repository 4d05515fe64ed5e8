using System.Globalization;
using System.Resources;

namespace Dashboard.Core.Editing;

/// <summary>The editing area's user-visible strings (Resources/CoreStrings, en and zh-CN), in the current UI culture.</summary>
internal static class EditingText
{
    private static readonly ResourceManager Resources = new("Dashboard.Core.Resources.CoreStrings", typeof(EditingText).Assembly);

    public static string Get(string key) =>
        Resources.GetString(key, CultureInfo.CurrentUICulture) ?? throw new InvalidOperationException($"missing string resource {key}");

    public static string Format(string key, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Get(key), args);
}
