using System.Text.Json.Nodes;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections.Details;

/// <summary>An object a volume, an env var or an envFrom refers to, so that the page can link to it.</summary>
/// <param name="Kind">ConfigMap, Secret or PersistentVolumeClaim.</param>
/// <param name="Name">The object's name (same namespace as the pod).</param>
/// <param name="Optional">True when the reference is optional (a missing object is then no error).</param>
public sealed record ObjectReference(string Kind, string Name, bool Optional = false);

/// <summary>A pod volume: its type (the API field name: configMap, secret, persistentVolumeClaim, emptyDir...), a short
/// description of its source, and the objects it refers to.</summary>
/// <param name="Name">The volume's name.</param>
/// <param name="Type">The source's field name.</param>
/// <param name="Source">"claim data-postgres-0", "config map app-config", "medium Memory, limit 1Gi", "/var/log (Directory)"...</param>
/// <param name="References">ConfigMaps, Secrets and claims the volume uses (several for projected volumes).</param>
public sealed record VolumeView(string Name, string Type, string Source, IReadOnlyList<ObjectReference> References)
{
    /// <summary>The volumes of a pod spec.</summary>
    public static IReadOnlyList<VolumeView> From(JsonNode? volumes) => Objects(volumes).Select(One).ToList();

    private static VolumeView One(JsonObject v)
    {
        var name = S(v["name"]) ?? "";
        var refs = new List<ObjectReference>();
        foreach (var (key, node) in v)
        {
            if (key == "name" || node is not JsonObject src) continue;
            return new VolumeView(name, key, Describe(key, src, refs), refs);
        }
        return new VolumeView(name, "", "", refs);
    }

    private static string Describe(string type, JsonObject src, List<ObjectReference> refs)
    {
        switch (type)
        {
            case "configMap":
                refs.Add(new ObjectReference("ConfigMap", S(src["name"]) ?? "", B(src["optional"]) == true));
                return S(src["name"]) ?? "";
            case "secret":
                refs.Add(new ObjectReference("Secret", S(src["secretName"]) ?? "", B(src["optional"]) == true));
                return S(src["secretName"]) ?? "";
            case "persistentVolumeClaim":
                refs.Add(new ObjectReference("PersistentVolumeClaim", S(src["claimName"]) ?? ""));
                return S(src["claimName"]) ?? "";
            case "emptyDir":
                var parts = new List<string>();
                if (S(src["medium"]) is { Length: > 0 } medium) parts.Add(medium);
                if (S(src["sizeLimit"]) is { Length: > 0 } limit) parts.Add("≤ " + limit);
                return string.Join(", ", parts);
            case "hostPath":
                return S(src["type"]) is { Length: > 0 } t ? $"{S(src["path"])} ({t})" : S(src["path"]) ?? "";
            case "projected":
                var sources = new List<string>();
                foreach (var s in Objects(src["sources"]))
                {
                    if (s["configMap"] is JsonObject cm)
                    {
                        refs.Add(new ObjectReference("ConfigMap", S(cm["name"]) ?? "", B(cm["optional"]) == true));
                        sources.Add("configMap " + S(cm["name"]));
                    }
                    else if (s["secret"] is JsonObject sec)
                    {
                        refs.Add(new ObjectReference("Secret", S(sec["name"]) ?? "", B(sec["optional"]) == true));
                        sources.Add("secret " + S(sec["name"]));
                    }
                    else if (s["serviceAccountToken"] is JsonObject) sources.Add("serviceAccountToken");
                    else if (s["downwardAPI"] is JsonObject) sources.Add("downwardAPI");
                    else if (s["clusterTrustBundle"] is JsonObject) sources.Add("clusterTrustBundle");
                }
                return string.Join(", ", sources);
            case "nfs":
                return $"{S(src["server"])}:{S(src["path"])}";
            case "csi":
                return S(src["driver"]) ?? "";
            case "ephemeral":
                return S(src["volumeClaimTemplate"].P("spec").P("storageClassName")) ?? "";
            default:
                return "";
        }
    }
}
