using System.Text.Json.Nodes;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections.Details;

/// <summary>One status condition of any kind (pods, workloads, nodes, jobs...).</summary>
/// <param name="Type">Ready, Available, Progressing...</param>
/// <param name="Status">True, False or Unknown.</param>
/// <param name="Reason">The machine-readable reason, if any.</param>
/// <param name="Message">The human-readable message, if any.</param>
/// <param name="LastTransition">lastTransitionTime (or lastUpdateTime when that is all there is).</param>
/// <param name="Age">The age of the last transition as kubectl prints ages, or &lt;unknown&gt;.</param>
public sealed record ConditionView(string Type, string Status, string? Reason, string? Message, DateTimeOffset? LastTransition, string Age)
{
    /// <summary>True when Status is "True".</summary>
    public bool IsTrue => Status == "True";

    /// <summary>The conditions in status.conditions, in the order the API lists them.</summary>
    public static IReadOnlyList<ConditionView> From(JsonNode? conditions, DateTimeOffset now) =>
        Objects(conditions).Select(c =>
        {
            var at = Time(c["lastTransitionTime"]) ?? Time(c["lastUpdateTime"]) ?? Time(c["lastHeartbeatTime"]);
            return new ConditionView(S(c["type"]) ?? "", S(c["status"]) ?? "Unknown", Empty(S(c["reason"])), Empty(S(c["message"])), at, KubeFormat.Age(at, now));
        }).ToList();

    private static string? Empty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
