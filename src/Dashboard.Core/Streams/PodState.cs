using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Streams;

/// <summary>
/// The newest known version of one pod, fed by a watch, and a task that completes at its next change: container
/// streams wait on it (instead of polling) for a waiting container to start or a stopped one to restart.
/// </summary>
internal sealed class PodState
{
    private readonly object _gate = new();
    private KubeObject? _pod;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PodState(KubeObject pod) => _pod = pod;

    /// <summary>The pod now (null once deleted) and the task of its next change.</summary>
    public (KubeObject? Pod, Task Changed) Current { get { lock (_gate) return (_pod, _changed.Task); } }

    public void Update(KubeObject pod) => Set(pod);

    public void Delete() => Set(null);

    private void Set(KubeObject? pod)
    {
        TaskCompletionSource fired;
        lock (_gate)
        {
            if (_pod is null) return; // a deleted pod stays deleted (a new pod of the same name is another source)
            _pod = pod;
            fired = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        fired.TrySetResult();
    }
}
