using System.Text.Json.Nodes;
using Dashboard.Core.Relations;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Tests;

/// <summary>Lists captured from the demo cluster (kubectl get -o json; managedFields and secret values dropped).</summary>
internal static class RelationsFixtures
{
    /// <summary>shop: deployments, replicasets, pods, services, the ingress, configmaps, secrets, HPA, PDB, network policies, nodes.</summary>
    public const string Shop = "relations-shop";
    /// <summary>data: a StatefulSet with a claim, PVs, storage classes, a CronJob mounting a claim, a claim whose class is missing.</summary>
    public const string Data = "relations-data";
    /// <summary>payments: a CronJob, the Job created from it by hand, and their pods (no Deployments or ReplicaSets).</summary>
    public const string Payments = "relations-payments";

    public static List<KubeObject> Items(string name) =>
        (JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".json")))!["items"] as JsonArray ?? [])
            .OfType<JsonObject>().Select(o => new KubeObject(o)).ToList();

    public static KubeObject Named(this IEnumerable<KubeObject> items, string kind, string name) =>
        items.Single(o => o.Kind == kind && o.Name == name);

    public static KubeObject NamedLike(this IEnumerable<KubeObject> items, string kind, string prefix) =>
        items.First(o => o.Kind == kind && o.Name.StartsWith(prefix, StringComparison.Ordinal));

    public static List<Relation> OfType(this IEnumerable<Relation> relations, RelationType type) => relations.Where(r => r.Type == type).ToList();

    public static List<string> Names(this IEnumerable<Relation> relations) => relations.Select(r => $"{r.Target.Kind}/{r.Target.Name}").ToList();

    public static List<string> Names(this IEnumerable<Relation> relations, RelationType type) => relations.OfType(type).Names();
}
