using Dashboard.Core.Diagnostics;
using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components.Diagnostics;

/// <summary>A finding in the reader's language.</summary>
public static class FindingText
{
    /// <summary>
    /// The finding's sentence, localized by its code (with the container as {0}); Core's English summary when the code
    /// has no translation yet (a finding added in Core before its strings).
    /// </summary>
    public static string Summary(IStringLocalizer<DiagnosticsStrings> l, Finding f)
    {
        var text = l["Diag_" + f.Code, f.Container ?? ""];
        return text.ResourceNotFound ? f.Summary : text.Value;
    }
}
