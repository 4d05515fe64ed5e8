using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Relations;

/// <summary>
/// The objects a pod spec names: ConfigMaps and Secrets (volumes, projected sources, env valueFrom, envFrom, image
/// pull secrets), PersistentVolumeClaims (volumes, and the claims generic ephemeral volumes create), the
/// ServiceAccount and the Node.
/// </summary>
internal static class PodSpecReferences
{
    private static readonly string[] ContainerLists = ["initContainers", "containers", "ephemeralContainers"];

    public static void Collect(KubeObject holder, string specPath, bool isPod, List<Reference> refs)
    {
        if (At(holder.Json, specPath) is not JsonObject spec) return;
        var ns = holder.Namespace;
        foreach (var volume in Objects(spec["volumes"]))
        {
            var volumeName = Str(volume, "name");
            if (volume["configMap"] is JsonObject cm) Add(refs, ConfigMap.Resource, ns, Str(cm, "name"), RelationType.Uses, ReferencePath.Volume, volumeName, Optional(cm));
            if (volume["secret"] is JsonObject secret) Add(refs, Secret.Resource, ns, Str(secret, "secretName"), RelationType.Uses, ReferencePath.Volume, volumeName, Optional(secret));
            if (volume["persistentVolumeClaim"] is JsonObject claim)
                Add(refs, PersistentVolumeClaim.Resource, ns, Str(claim, "claimName"), RelationType.Mounts, ReferencePath.Volume, volumeName, false);
            // A generic ephemeral volume's claim is created by the control plane as <pod>-<volume>.
            if (isPod && volume["ephemeral"] is JsonObject && volumeName is not null)
                Add(refs, PersistentVolumeClaim.Resource, ns, $"{holder.Name}-{volumeName}", RelationType.Mounts, ReferencePath.Volume, volumeName, false);
            if (volume["projected"] is JsonObject projected)
                foreach (var source in Objects(projected["sources"]))
                {
                    if (source["configMap"] is JsonObject pcm) Add(refs, ConfigMap.Resource, ns, Str(pcm, "name"), RelationType.Uses, ReferencePath.ProjectedVolume, volumeName, Optional(pcm));
                    if (source["secret"] is JsonObject ps) Add(refs, Secret.Resource, ns, Str(ps, "name"), RelationType.Uses, ReferencePath.ProjectedVolume, volumeName, Optional(ps));
                }
        }
        foreach (var list in ContainerLists)
            foreach (var container in Objects(spec[list]))
            {
                var containerName = Str(container, "name") ?? "";
                foreach (var env in Objects(container["env"]))
                {
                    if (env["valueFrom"] is not JsonObject from) continue;
                    var where = $"{containerName}/{Str(env, "name")}";
                    if (from["configMapKeyRef"] is JsonObject cmKey) Add(refs, ConfigMap.Resource, ns, Str(cmKey, "name"), RelationType.Uses, ReferencePath.EnvValueFrom, where, Optional(cmKey));
                    if (from["secretKeyRef"] is JsonObject secretKey) Add(refs, Secret.Resource, ns, Str(secretKey, "name"), RelationType.Uses, ReferencePath.EnvValueFrom, where, Optional(secretKey));
                }
                foreach (var envFrom in Objects(container["envFrom"]))
                {
                    if (envFrom["configMapRef"] is JsonObject cmRef) Add(refs, ConfigMap.Resource, ns, Str(cmRef, "name"), RelationType.Uses, ReferencePath.EnvFrom, containerName, Optional(cmRef));
                    if (envFrom["secretRef"] is JsonObject secretRef) Add(refs, Secret.Resource, ns, Str(secretRef, "name"), RelationType.Uses, ReferencePath.EnvFrom, containerName, Optional(secretRef));
                }
            }
        foreach (var pull in Objects(spec["imagePullSecrets"]))
            Add(refs, Secret.Resource, ns, Str(pull, "name"), RelationType.Uses, ReferencePath.ImagePullSecret, null, false);
        // serviceAccount is the deprecated alias the API still fills in.
        Add(refs, ServiceAccount.Resource, ns, Str(spec, "serviceAccountName") ?? Str(spec, "serviceAccount"), RelationType.Uses, ReferencePath.ServiceAccountName, null, false);
        Add(refs, Node.Resource, null, Str(spec, "nodeName"), RelationType.RunsOn, ReferencePath.NodeName, null, false);
    }

    internal static void Add(List<Reference> refs, ResourceKind kind, string? ns, string? name, RelationType type, ReferencePath path, string? where, bool optional)
    {
        if (string.IsNullOrEmpty(name)) return;
        refs.Add(new Reference(ObjectRef.To(kind, ns, name), type, new Via(path, where, optional)));
    }

    internal static JsonNode? At(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
            if (node is not JsonObject o || !o.TryGetPropertyValue(part, out node)) return null;
        return node;
    }

    internal static IEnumerable<JsonObject> Objects(JsonNode? node) => (node as JsonArray ?? []).OfType<JsonObject>();

    internal static string? Str(JsonObject? o, string key) => o?[key] is JsonValue v ? v.ToString() : null;

    private static bool Optional(JsonObject o) => o["optional"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
