using System.Text.RegularExpressions;

namespace Dashboard.Web.Components.Actions;

/// <summary>
/// Input rules of the action dialogs, as the API server applies them (so the user learns before submitting): label
/// keys and values (apimachinery's IsQualifiedName / IsValidLabelValue), image references (the distribution grammar),
/// replica counts. Each returns the resx key of the problem, or null when the input is fine.
/// </summary>
public static partial class ActionValidation
{
    /// <summary>Upper bound offered by the scale dialog (the API allows int32; more is a typo).</summary>
    public const int MaxReplicas = 10_000;

    /// <summary>Replicas: a whole number in 0..<see cref="MaxReplicas"/>.</summary>
    public static string? Replicas(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "Validation_Required";
        if (!int.TryParse(text.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)) return "Validation_WholeNumber";
        return n is < 0 or > MaxReplicas ? "Validation_ReplicasRange" : null;
    }

    /// <summary>A label or annotation key: [prefix/]name, prefix a DNS subdomain of at most 253, name at most 63.</summary>
    public static string? Key(string? key)
    {
        if (string.IsNullOrEmpty(key)) return "Validation_Required";
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0)
        {
            var prefix = key[..slash];
            if (prefix.Length == 0 || prefix.Length > 253 || !DnsSubdomain().IsMatch(prefix)) return "Validation_KeyPrefix";
        }
        if (name.Length == 0 || name.Length > 63 || !QualifiedName().IsMatch(name)) return "Validation_KeyName";
        return null;
    }

    /// <summary>A label value: empty, or at most 63 of alphanumerics, '-', '_', '.', starting and ending alphanumeric.</summary>
    public static string? LabelValue(string? value) =>
        string.IsNullOrEmpty(value) ? null : value.Length > 63 || !QualifiedName().IsMatch(value) ? "Validation_LabelValue" : null;

    /// <summary>An annotation value: anything, within the API's 256 KiB for all annotations.</summary>
    public static string? AnnotationValue(string? value) => (value?.Length ?? 0) > 256 * 1024 ? "Validation_AnnotationSize" : null;

    /// <summary>An image reference: [registry[:port]/]path[:tag][@digest], lowercase path.</summary>
    public static string? Image(string? image)
    {
        if (string.IsNullOrWhiteSpace(image)) return "Validation_Required";
        if (image.Length > 4096 || !ImageReference().IsMatch(image)) return "Validation_Image";
        return null;
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$", RegexOptions.CultureInvariant)]
    private static partial Regex ImageReference();
}
