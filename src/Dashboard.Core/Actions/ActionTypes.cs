using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Actions;

/// <summary>The object an action is about.</summary>
public sealed record ObjectRef(ResourceKind Kind, string? Namespace, string Name)
{
    /// <summary><c>deployments.apps shop/web</c>.</summary>
    public override string ToString() => $"{Kind.QualifiedName} {(string.IsNullOrEmpty(Namespace) ? "" : Namespace + "/")}{Name}";
}

/// <summary>Who acts: the cluster, the identity whose credential makes the calls, and the user name for the audit log.</summary>
public sealed record ActionContext(string Cluster, string Identity, string User);

/// <summary>What an action did, in a sentence, and the object as the server returned it.</summary>
public sealed record ActionResult(string Summary, KubeObject? Object = null);

/// <summary>
/// An action the API server refused or that could not be carried out; <see cref="Exception.Message"/> says what and
/// why in plain words, <see cref="ApiError"/> carries the server's details (field causes, code) when there are any.
/// </summary>
public sealed class ActionFailedException(string action, ObjectRef? target, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The action's name (scale, restart...).</summary>
    public string Action { get; } = action;
    /// <summary>The target, when the action had one.</summary>
    public ObjectRef? Target { get; } = target;
    /// <summary>The API error behind the failure, if any.</summary>
    public KubeApiException? ApiError => InnerException as KubeApiException;
}

/// <summary>One revision of a workload (Deployment ReplicaSet or StatefulSet/DaemonSet ControllerRevision).</summary>
public sealed record Revision(long Number, string Name, DateTimeOffset? Created, System.Text.Json.Nodes.JsonObject Template, string? ChangeCause);

/// <summary>Progress of a drain.</summary>
public sealed record DrainProgress(int Total, int Evicted, string? Waiting);

/// <summary>Changes replica counts (Deployments, StatefulSets, ReplicaSets, ReplicationControllers).</summary>
public interface IScalable
{
    /// <summary>Sets spec.replicas through the scale subresource.</summary>
    Task<ActionResult> ScaleAsync(ActionContext context, ObjectRef target, int replicas, CancellationToken ct);
}

/// <summary>Restarts all pods through a rolling update (the restartedAt annotation).</summary>
public interface IRestartable
{
    /// <summary>Triggers a rolling restart.</summary>
    Task<ActionResult> RestartAsync(ActionContext context, ObjectRef target, CancellationToken ct);
}

/// <summary>Pauses and resumes rollouts (Deployments).</summary>
public interface IPausable
{
    /// <summary>Pauses (true) or resumes (false).</summary>
    Task<ActionResult> SetPausedAsync(ActionContext context, ObjectRef target, bool paused, CancellationToken ct);
}

/// <summary>Lists revisions and rolls back to one.</summary>
public interface IRollbackable
{
    /// <summary>Revisions, newest first.</summary>
    Task<IReadOnlyList<Revision>> RevisionsAsync(ActionContext context, ObjectRef target, CancellationToken ct);

    /// <summary>Rolls the pod template back to a revision.</summary>
    Task<ActionResult> RollbackAsync(ActionContext context, ObjectRef target, long revision, CancellationToken ct);
}

/// <summary>Sets a container's image in a pod template.</summary>
public interface IImageSettable
{
    /// <summary>Sets the image of <paramref name="container"/>.</summary>
    Task<ActionResult> SetImageAsync(ActionContext context, ObjectRef target, string container, string image, CancellationToken ct);
}

/// <summary>Suspends and resumes scheduling (CronJobs), and runs a Job now.</summary>
public interface ISuspendable
{
    /// <summary>Suspends (true) or resumes (false).</summary>
    Task<ActionResult> SetSuspendedAsync(ActionContext context, ObjectRef target, bool suspended, CancellationToken ct);

    /// <summary>Creates a Job from the CronJob's template now.</summary>
    Task<ActionResult> TriggerAsync(ActionContext context, ObjectRef target, CancellationToken ct);
}

/// <summary>Cordons, uncordons and drains nodes.</summary>
public interface ICordonable
{
    /// <summary>Marks the node (un)schedulable.</summary>
    Task<ActionResult> SetCordonedAsync(ActionContext context, ObjectRef target, bool cordoned, CancellationToken ct);

    /// <summary>Cordons, then evicts every pod that is not a DaemonSet's or a mirror pod, honouring PodDisruptionBudgets.</summary>
    Task<ActionResult> DrainAsync(ActionContext context, ObjectRef target, IProgress<DrainProgress>? progress, TimeSpan timeout, CancellationToken ct);
}

/// <summary>Evicts pods (honouring PodDisruptionBudgets).</summary>
public interface IEvictable
{
    /// <summary>Evicts the pod.</summary>
    Task<ActionResult> EvictAsync(ActionContext context, ObjectRef target, CancellationToken ct);
}
