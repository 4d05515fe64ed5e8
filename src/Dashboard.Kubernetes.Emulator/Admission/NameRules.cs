using System.Text.RegularExpressions;

namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>
/// The name and label syntax rules of k8s.io/apimachinery's validation package, with their exact error texts
/// (kubectl users see these verbatim in 422 responses).
/// </summary>
internal static partial class NameRules
{
    public const string Dns1123SubdomainError =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    public const string Dns1123LabelError =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    public const string Dns1035LabelError =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    public const string QualifiedNameError =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    public const string LabelValueError =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label1123();
    [GeneratedRegex(@"^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label1035();
    [GeneratedRegex(@"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedName();
    [GeneratedRegex(@"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    /// <summary>Problems of a DNS-1123 subdomain (most object names).</summary>
    public static IEnumerable<string> Dns1123Subdomain(string value)
    {
        if (value.Length > 253) yield return "must be no more than 253 characters";
        if (!Subdomain().IsMatch(value)) yield return Dns1123SubdomainError;
    }

    /// <summary>Problems of a DNS-1123 label (namespaces, container names).</summary>
    public static IEnumerable<string> Dns1123Label(string value)
    {
        if (value.Length > 63) yield return "must be no more than 63 characters";
        if (!Label1123().IsMatch(value)) yield return Dns1123LabelError;
    }

    /// <summary>Problems of a DNS-1035 label (services).</summary>
    public static IEnumerable<string> Dns1035Label(string value)
    {
        if (value.Length > 63) yield return "must be no more than 63 characters";
        if (!Label1035().IsMatch(value)) yield return Dns1035LabelError;
    }

    /// <summary>Problems of a name that is only used as a URL path segment (RBAC objects).</summary>
    public static IEnumerable<string> PathSegment(string value)
    {
        if (value is "." or "..") yield return $"may not be '{value}'";
        foreach (var bad in new[] { "/", "%" })
            if (value.Contains(bad, StringComparison.Ordinal)) yield return $"may not contain '{bad}'";
    }

    /// <summary>Problems of a label or annotation key (<c>prefix/name</c>).</summary>
    public static IEnumerable<string> QualifiedKey(string key)
    {
        var parts = key.Split('/');
        string name;
        if (parts.Length == 1) name = parts[0];
        else if (parts.Length == 2)
        {
            var prefix = parts[0];
            name = parts[1];
            if (prefix.Length == 0) yield return "prefix part must be non-empty";
            else foreach (var p in Dns1123Subdomain(prefix)) yield return "prefix part " + p;
        }
        else
        {
            yield return "a qualified name " + QualifiedNameError.Replace("name part must", "must", StringComparison.Ordinal)
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
            yield break;
        }
        if (name.Length == 0) yield return "name part must be non-empty";
        else
        {
            if (name.Length > 63) yield return "name part must be no more than 63 characters";
            if (!QualifiedName().IsMatch(name)) yield return QualifiedNameError;
        }
    }

    /// <summary>Problems of a label value.</summary>
    public static IEnumerable<string> LabelValueProblems(string value)
    {
        if (value.Length > 63) yield return "must be no more than 63 characters";
        if (!LabelValue().IsMatch(value)) yield return LabelValueError;
    }
}
