using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;
using static Dashboard.Core.Relations.PodSpecReferences;

namespace Dashboard.Core.Relations;

/// <summary>References written in the specs of Ingresses, claims, volumes and autoscalers.</summary>
internal static class SpecReferences
{
    public static IEnumerable<Reference> Ingress(KubeObject ingress)
    {
        var refs = new List<Reference>();
        var ns = ingress.Namespace;
        var spec = ingress.Spec;
        if (spec?["defaultBackend"]?["service"] is JsonObject fallback)
            Add(refs, Service.Resource, ns, Str(fallback, "name"), RelationType.RoutesTo, ReferencePath.IngressDefaultBackend, null, false);
        foreach (var rule in Objects(spec?["rules"]))
        {
            var host = Str(rule, "host") is { Length: > 0 } h ? h : "*";
            foreach (var path in Objects(rule["http"]?["paths"]))
                if (path["backend"]?["service"] is JsonObject backend)
                    Add(refs, Service.Resource, ns, Str(backend, "name"), RelationType.RoutesTo, ReferencePath.IngressRule, host + (Str(path, "path") ?? "/"), false);
        }
        foreach (var tls in Objects(spec?["tls"]))
        {
            var hosts = string.Join(",", (tls["hosts"] as JsonArray ?? []).Select(x => x?.ToString()));
            Add(refs, Secret.Resource, ns, Str(tls, "secretName"), RelationType.Uses, ReferencePath.IngressTls, hosts.Length == 0 ? null : hosts, false);
        }
        Add(refs, IngressClass.Resource, null, Str(spec, "ingressClassName"), RelationType.Uses, ReferencePath.IngressClassName, null, false);
        return refs;
    }

    public static IEnumerable<Reference> Claim(KubeObject claim)
    {
        var refs = new List<Reference>();
        Add(refs, PersistentVolume.Resource, null, Str(claim.Spec, "volumeName"), RelationType.BoundTo, ReferencePath.VolumeName, null, false);
        Add(refs, StorageClass.Resource, null, Str(claim.Spec, "storageClassName"), RelationType.Uses, ReferencePath.StorageClassName, null, false);
        return refs;
    }

    public static IEnumerable<Reference> Volume(KubeObject volume)
    {
        var refs = new List<Reference>();
        if (volume.Spec?["claimRef"] is JsonObject claimRef && Str(claimRef, "name") is { Length: > 0 } name)
        {
            // The uid tells a claim that was deleted and recreated under the same name from the one the volume is bound to.
            var target = ObjectRef.To(PersistentVolumeClaim.Resource, Str(claimRef, "namespace"), name) with { Uid = Str(claimRef, "uid") is { Length: > 0 } uid ? uid : null };
            refs.Add(new Reference(target, RelationType.BoundTo, new Via(ReferencePath.ClaimRef)));
        }
        Add(refs, StorageClass.Resource, null, Str(volume.Spec, "storageClassName"), RelationType.Uses, ReferencePath.StorageClassName, null, false);
        return refs;
    }

    public static IEnumerable<Reference> Autoscaler(KubeObject hpa)
    {
        if (hpa.Spec?["scaleTargetRef"] is not JsonObject target || Str(target, "name") is not { Length: > 0 } name || Str(target, "kind") is not { Length: > 0 } kind)
            return [];
        var apiVersion = Str(target, "apiVersion") ?? "";
        var ns = RelationRules.IsNamespaced(new KindKey(ObjectRef.GroupOf(apiVersion), kind)) ? hpa.Namespace : null;
        return [new Reference(new ObjectRef(apiVersion, kind, ns, name), RelationType.Scales, new Via(ReferencePath.ScaleTargetRef))];
    }
}
