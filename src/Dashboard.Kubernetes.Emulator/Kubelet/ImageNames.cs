using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Kubernetes.Emulator.Kubelet;

/// <summary>How containerd names, identifies and fails to pull images, for container statuses and events.</summary>
internal static class ImageNames
{
    /// <summary>The tag that no registry has (provokes ImagePullBackOff).</summary>
    public const string MissingTag = "doesnotexist";
    /// <summary>The registry host that does not resolve (provokes ImagePullBackOff).</summary>
    public const string MissingRegistry = "registry.invalid";

    /// <summary>The fully qualified reference: <c>nginx</c> → <c>docker.io/library/nginx:latest</c>.</summary>
    public static string Normalize(string image)
    {
        var (domain, path, tag, digest) = Parse(image);
        return digest is not null ? $"{domain}/{path}@{digest}" : $"{domain}/{path}:{tag}";
    }

    /// <summary>The image ID a running container reports: <c>docker.io/library/nginx@sha256:…</c>.</summary>
    public static string ImageId(string image)
    {
        var (domain, path, _, digest) = Parse(image);
        return $"{domain}/{path}@{digest ?? "sha256:" + Hex(Normalize(image))}";
    }

    /// <summary>A plausible, stable size in bytes for the Pulled event.</summary>
    public static long Size(string image) => 5_000_000 + (long)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(image))) % 150_000_000);

    /// <summary>The pull policy the API server defaults to when the spec has none.</summary>
    public static string DefaultPullPolicy(string image)
    {
        var (_, _, tag, digest) = Parse(image);
        return digest is null && tag == "latest" ? "Always" : "IfNotPresent";
    }

    /// <summary>The containerd error for an image that cannot be pulled, or null when the pull succeeds.</summary>
    public static string? PullError(string image)
    {
        var (domain, path, tag, _) = Parse(image);
        var reference = Normalize(image);
        if (domain == MissingRegistry)
            return $"rpc error: code = Unknown desc = failed to pull and unpack image \"{reference}\": failed to resolve reference \"{reference}\": " +
                   $"failed to do request: Head \"https://{domain}/v2/{path}/manifests/{tag}\": dial tcp: lookup {domain}: no such host";
        if (tag == MissingTag)
            return $"rpc error: code = NotFound desc = failed to pull and unpack image \"{reference}\": failed to resolve reference \"{reference}\": {reference}: not found";
        return null;
    }

    private static (string Domain, string Path, string Tag, string? Digest) Parse(string image)
    {
        string? digest = null;
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = image[(at + 1)..];
            image = image[..at];
        }
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        var tag = "latest";
        if (colon > slash)
        {
            tag = image[(colon + 1)..];
            image = image[..colon];
        }
        var first = image.IndexOf('/', StringComparison.Ordinal);
        string domain, path;
        if (first > 0 && (image[..first].Contains('.', StringComparison.Ordinal) || image[..first].Contains(':', StringComparison.Ordinal) || image[..first] == "localhost"))
        {
            domain = image[..first];
            path = image[(first + 1)..];
        }
        else
        {
            domain = "docker.io";
            path = first < 0 ? "library/" + image : image;
        }
        return (domain, path, tag, digest);
    }

    private static string Hex(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
}
