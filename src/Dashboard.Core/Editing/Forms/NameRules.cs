using System.Text.RegularExpressions;

namespace Dashboard.Core.Editing.Forms;

/// <summary>The API server's name and key rules (k8s.io/apimachinery validation), checked before anything is sent.</summary>
public static partial class NameRules
{
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigKey();

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex Qualified();

    /// <summary>RFC 1123 label: names of Services, namespaces, ports, containers.</summary>
    public static bool IsDns1123Label(string? s) => s is { Length: > 0 and <= 63 } && Label().IsMatch(s);

    /// <summary>RFC 1123 subdomain: names of most objects (Deployments, ConfigMaps, Secrets).</summary>
    public static bool IsDns1123Subdomain(string? s) => s is { Length: > 0 and <= 253 } && Subdomain().IsMatch(s);

    /// <summary>A ConfigMap or Secret data key.</summary>
    public static bool IsConfigMapKey(string? s) => s is { Length: > 0 and <= 253 } && s is not ("." or "..") && ConfigKey().IsMatch(s);

    /// <summary>A label (or selector) key: optional DNS subdomain prefix and '/', then a qualified name.</summary>
    public static bool IsLabelKey(string? s)
    {
        if (string.IsNullOrEmpty(s)) return false;
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? s : s[(slash + 1)..];
        if (slash >= 0 && !IsDns1123Subdomain(s[..slash])) return false;
        return name.Length is > 0 and <= 63 && Qualified().IsMatch(name);
    }

    /// <summary>A label value: empty, or up to 63 characters of a qualified name.</summary>
    public static bool IsLabelValue(string? s) => s is not null && (s.Length == 0 || s.Length <= 63 && Qualified().IsMatch(s));

    /// <summary>A TCP/UDP port number.</summary>
    public static bool IsPort(int port) => port is >= 1 and <= 65535;

    /// <summary>A protocol a port may use.</summary>
    public static bool IsProtocol(string? s) => s is "TCP" or "UDP" or "SCTP";

    /// <summary>A container image reference: non-empty, no whitespace (the registry resolves the rest).</summary>
    public static bool IsImage(string? s) => !string.IsNullOrWhiteSpace(s) && !s.Any(char.IsWhiteSpace);
}
