using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Server;

/// <summary>What a request addresses, parsed from its path and method the way the API server's RequestInfoFactory does.</summary>
public sealed record RequestInfo
{
    /// <summary>True for <c>/api/...</c> and <c>/apis/...</c> paths that name a resource.</summary>
    public bool IsResourceRequest { get; init; }
    /// <summary>The URL path.</summary>
    public string Path { get; init; } = "";
    /// <summary>The authorization verb: get, list, watch, create, update, patch, delete, deletecollection.</summary>
    public string Verb { get; init; } = "";
    /// <summary>API group ("" for core).</summary>
    public string Group { get; init; } = "";
    /// <summary>API version.</summary>
    public string Version { get; init; } = "";
    /// <summary>Resource plural.</summary>
    public string Resource { get; init; } = "";
    /// <summary>Subresource, or "".</summary>
    public string Subresource { get; init; } = "";
    /// <summary>Namespace, or "".</summary>
    public string Namespace { get; init; } = "";
    /// <summary>Object name, or "".</summary>
    public string Name { get; init; } = "";
    /// <summary>True when the path itself names an object (a watch of one object by field selector does not).</summary>
    public bool HasNameInPath { get; init; }
    /// <summary>The served type, when the resource exists.</summary>
    public ResourceType? Type { get; init; }

    /// <summary>resource or resource/subresource, as RBAC sees it.</summary>
    public string RbacResource => Subresource.Length > 0 ? $"{Resource}/{Subresource}" : Resource;

    /// <summary>Parses a request; <paramref name="watchParam"/> is the value of <c>?watch=</c>.</summary>
    public static RequestInfo Parse(string method, string path, string? watchParam, string? fieldSelector, ResourceCatalog catalog)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var info = new RequestInfo { Path = path, Verb = method.ToLowerInvariant() };
        int i;
        string group;
        if (segments.Length >= 2 && segments[0] == "api") { group = ""; i = 1; }
        else if (segments.Length >= 3 && segments[0] == "apis") { group = segments[1]; i = 2; }
        else return info with { Verb = NonResourceVerb(method) };
        var version = segments[i++];
        var rest = segments[i..];
        if (rest.Length == 0) return info with { Verb = NonResourceVerb(method), Group = group, Version = version };

        string ns = "", resource, name = "", sub = "";
        if (rest[0] == "namespaces" && rest.Length >= 3 && !(rest.Length == 3 && rest[2] is "status" or "finalize"))
        {
            ns = rest[1];
            resource = rest[2];
            if (rest.Length > 3) name = rest[3];
            if (rest.Length > 4) sub = string.Join('/', rest[4..]);
        }
        else
        {
            resource = rest[0];
            if (rest.Length > 1) name = rest[1];
            if (rest.Length > 2) sub = string.Join('/', rest[2..]);
            if (resource == "namespaces" && name.Length > 0) ns = name;
        }

        var hasNameInPath = name.Length > 0 && !(resource == "namespaces" && rest.Length == 1);
        var isWatch = watchParam is "true" or "1";
        if (isWatch && name.Length == 0 && fieldSelector is not null)
        {
            // A watch of one object by name is authorized as that object, like the real API server does.
            foreach (var term in fieldSelector.Split(','))
                if (term.StartsWith("metadata.name=", StringComparison.Ordinal)) name = term["metadata.name=".Length..];
        }
        var verb = method.ToUpperInvariant() switch
        {
            "GET" or "HEAD" => isWatch ? "watch" : NameFromPath(rest, ns) ? "get" : "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => NameFromPath(rest, ns) ? "delete" : "deletecollection",
            _ => method.ToLowerInvariant(),
        };
        return info with
        {
            IsResourceRequest = true,
            Verb = verb,
            Group = group,
            Version = version,
            Resource = resource,
            Subresource = sub,
            Namespace = ns,
            Name = name,
            HasNameInPath = hasNameInPath,
            Type = catalog.Find(group, version, resource),
        };
    }

    private static bool NameFromPath(string[] rest, string ns)
    {
        if (rest[0] == "namespaces" && ns.Length > 0 && rest.Length >= 3 && !(rest.Length == 3 && rest[2] is "status" or "finalize")) return rest.Length >= 4;
        return rest.Length >= 2;
    }

    private static string NonResourceVerb(string method) => method.ToUpperInvariant() switch
    {
        "GET" or "HEAD" => "get",
        "POST" => "post",
        "PUT" => "put",
        "PATCH" => "patch",
        "DELETE" => "delete",
        _ => method.ToLowerInvariant(),
    };
}
