using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Scheduling;

/// <summary>A node taint.</summary>
internal sealed record Taint(string Key, string Value, string Effect)
{
    /// <summary>The taint a cordoned node carries.</summary>
    public const string Unschedulable = "node.kubernetes.io/unschedulable";
    /// <summary>The taint a node whose Ready condition is not True carries.</summary>
    public const string NotReady = "node.kubernetes.io/not-ready";

    /// <summary>Reads <c>spec.taints</c>.</summary>
    public static List<Taint> Of(JsonObject node) =>
        node.Items("spec.taints").Select(t => new Taint(t.Str("key") ?? "", t.Str("value") ?? "", t.Str("effect") ?? "")).ToList();

    /// <summary>True when one of the tolerations tolerates this taint (v1helper.TolerationsTolerateTaint).</summary>
    public bool ToleratedBy(IEnumerable<JsonObject> tolerations) => tolerations.Any(Tolerates);

    private bool Tolerates(JsonObject toleration)
    {
        var effect = toleration.Str("effect") ?? "";
        if (effect.Length > 0 && effect != Effect) return false;
        var key = toleration.Str("key") ?? "";
        var op = toleration.Str("operator") ?? "Equal";
        if (key.Length > 0 && key != Key) return false;
        if (key.Length == 0 && op != "Exists") return false;
        return op == "Exists" || (toleration.Str("value") ?? "") == Value;
    }

    /// <summary>How the scheduler prints an untolerated taint: <c>{key: value}</c>.</summary>
    public override string ToString() => $"{{{Key}: {Value}}}";
}
