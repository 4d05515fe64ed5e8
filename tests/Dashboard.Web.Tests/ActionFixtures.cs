using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Web.Tests;

/// <summary>Objects captured from the demo cluster (Fixtures/*.json).</summary>
internal static class ActionFixtures
{
    public static KubeObject Object(string name) =>
        new(JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".json")))!.AsObject());

    public static IReadOnlyList<KubeObject> Items(string name) =>
        (Object(name).Json["items"] as JsonArray ?? []).OfType<JsonObject>().Select(o => new KubeObject(o)).ToList();
}
