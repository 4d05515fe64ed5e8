using System.Text.Json.Nodes;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections;

/// <summary>Health of replica-counting workloads from desired/ready/available counts and the controller's conditions.</summary>
internal static class WorkloadHealth
{
    public static RowHealth Of(bool deleting, long desired, long ready, long available, long updated, JsonNode? conditions)
    {
        if (deleting) return RowHealth.Progressing;
        if (S(Condition(conditions, "Progressing").P("reason")) == "ProgressDeadlineExceeded" || IsTrue(conditions, "ReplicaFailure"))
            return RowHealth.Failed;
        if (ready >= desired && available >= desired && updated >= desired) return RowHealth.Ok;
        if (S(Condition(conditions, "Available").P("status")) == "False") return RowHealth.Warning;
        return RowHealth.Progressing;
    }
}
