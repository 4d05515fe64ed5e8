namespace Dashboard.Web.Frontend;

/// <summary>Reads the app's Radzen theme (material, material-dark...) for the widgets that draw their own colours.</summary>
internal static class AppTheme
{
    /// <summary>True for the dark variants (Radzen names them <c>*-dark</c>, or <c>dark</c> itself).</summary>
    public static bool IsDark(string? theme) =>
        theme is not null && (theme.Equals("dark", StringComparison.OrdinalIgnoreCase) || theme.EndsWith("-dark", StringComparison.OrdinalIgnoreCase));
}
