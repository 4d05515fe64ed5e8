using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Tests.Projections;

/// <summary>Fixture objects: captured from the demo cluster (kubectl get -o json) or hand-written where the demo has none.</summary>
internal static class ProjectionFixtures
{
    public static KubeObject Load(string name) =>
        new(JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".json")))!.AsObject());

    public static IEnumerable<KubeObject> Items(string name) =>
        (Load(name).Json["items"] as JsonArray ?? []).OfType<JsonObject>().Select(o => new KubeObject(o));

    public static KubeObject Item(string list, string name) => Items(list).Single(o => o.Name == name);

    public static KubeObject Parse(string json) => new(JsonNode.Parse(json)!.AsObject());

    /// <summary>A time after every fixture was captured.</summary>
    public static DateTimeOffset Now { get; } = new(2026, 11, 22, 1, 30, 0, TimeSpan.Zero);
}
