using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Web.Columns;

/// <summary>
/// A status for any object, CRDs included, from the conventions most kinds follow: a terminating object says so;
/// else <c>status.phase</c>; else the Ready, Available or Established condition.
/// </summary>
public static class GenericStatus
{
    /// <summary>The status of an object by convention.</summary>
    public static ResourceStatus Of(KubeObject obj)
    {
        if (obj.DeletionTimestamp is not null) return new("Terminating", StatusTone.Warning);
        if (obj.GetString("status.phase") is { Length: > 0 } phase) return new(phase, PhaseTone(phase));
        var conditions = obj.Status?["conditions"] as JsonArray;
        foreach (var type in new[] { "Ready", "Available", "Established" })
        {
            var c = conditions?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);
            if (c is null) continue;
            var ok = (string?)c["status"] == "True";
            return new(ok ? type : "Not" + type, ok ? StatusTone.Good : StatusTone.Bad);
        }
        return ResourceStatus.None;
    }

    private static StatusTone PhaseTone(string phase) => phase switch
    {
        "Running" or "Active" or "Bound" or "Succeeded" or "Available" => StatusTone.Good,
        "Pending" or "Terminating" or "Released" => StatusTone.Warning,
        "Failed" or "Lost" or "Unknown" => StatusTone.Bad,
        _ => StatusTone.Neutral,
    };
}
