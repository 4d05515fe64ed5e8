using Dashboard.Core.Access;
using Dashboard.Core.Actions;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Web.Components.Actions;

// The built-in actions. Each is gated by the Core capability its kind registers, asks for the verb the API server
// will check, and either opens its dialog or runs straight away.

internal sealed class ScaleAction() : CapabilityAction<IScalable>("scale", "Action_Scale", "unfold_more", 10, "patch", "scale")
{
    public override async Task<ActionResult?> RunAsync(ActionInvocation i) =>
        await i.DialogAsync<ScaleDialog, int?>(TitleKey) is int replicas ? await i.Service.ScaleAsync(i.Context, i.Target, replicas, i.Cancellation) : null;
}

internal sealed class RestartAction() : CapabilityAction<IRestartable>("restart", "Action_Restart", "restart_alt", 20)
{
    public override async Task<ActionResult?> RunAsync(ActionInvocation i) =>
        await i.Dialogs.Confirm(i.Strings["Restart_Confirm", i.Target.Name], i.Strings["Action_Restart"], new Radzen.ConfirmOptions
        {
            OkButtonText = i.Strings["Action_Restart"], CancelButtonText = i.Strings["Dialog_Cancel"],
        }) == true ? await i.Service.RestartAsync(i.Context, i.Target, i.Cancellation) : null;

    public override Func<ActionService, ActionContext, ObjectRef, CancellationToken, Task<ActionResult>>? Bulk => (s, c, t, ct) => s.RestartAsync(c, t, ct);
}

internal sealed class RollbackAction() : CapabilityAction<IRollbackable>("rollback", "Action_Rollback", "history", 30)
{
    public override async Task<ActionResult?> RunAsync(ActionInvocation i) =>
        await i.DialogAsync<RollbackDialog, long?>(TitleKey, new() { ["Invocation"] = i }, "60rem") is long revision
            ? await i.Service.RollbackAsync(i.Context, i.Target, revision, i.Cancellation) : null;
}

internal sealed class PauseAction() : CapabilityAction<IPausable>("pause", "Action_Pause", "pause", 40)
{
    public override bool Shown(KubeObject obj) => !Flag(obj, "paused");
    public override async Task<ActionResult?> RunAsync(ActionInvocation i) => await i.Service.SetPausedAsync(i.Context, i.Target, true, i.Cancellation);
}

internal sealed class ResumeAction() : CapabilityAction<IPausable>("resume", "Action_Resume", "play_arrow", 40)
{
    public override bool Shown(KubeObject obj) => Flag(obj, "paused");
    public override async Task<ActionResult?> RunAsync(ActionInvocation i) => await i.Service.SetPausedAsync(i.Context, i.Target, false, i.Cancellation);
}

internal sealed class SetImageAction() : CapabilityAction<IImageSettable>("set-image", "Action_SetImage", "inventory_2", 50)
{
    public override async Task<ActionResult?> RunAsync(ActionInvocation i) =>
        await i.DialogAsync<SetImageDialog, ImageChange>(TitleKey) is { } change
            ? await i.Service.SetImageAsync(i.Context, i.Target, change.Container, change.Image, i.Cancellation) : null;
}

internal sealed class SuspendAction() : CapabilityAction<ISuspendable>("suspend", "Action_Suspend", "pause_circle", 10)
{
    public override bool Shown(KubeObject obj) => !Flag(obj, "suspend");
    public override async Task<ActionResult?> RunAsync(ActionInvocation i) => await i.Service.SetSuspendedAsync(i.Context, i.Target, true, i.Cancellation);
}

internal sealed class UnsuspendAction() : CapabilityAction<ISuspendable>("unsuspend", "Action_Unsuspend", "play_circle", 10)
{
    public override bool Shown(KubeObject obj) => Flag(obj, "suspend");
    public override async Task<ActionResult?> RunAsync(ActionInvocation i) => await i.Service.SetSuspendedAsync(i.Context, i.Target, false, i.Cancellation);
}

internal sealed class TriggerAction() : CapabilityAction<ISuspendable>("trigger", "Action_Trigger", "bolt", 20)
{
    // Creating the Job is what the API server checks (kubectl create job --from=cronjob/x).
    public override AccessQuery Permission(ResourceKind kind, KubeObject obj) => new("create", Job.Resource.Group, Job.Resource.Plural, obj.Namespace);
    public override async Task<ActionResult?> RunAsync(ActionInvocation i) => await i.Service.TriggerAsync(i.Context, i.Target, i.Cancellation);
}

internal sealed class CordonAction() : CapabilityAction<ICordonable>("cordon", "Action_Cordon", "block", 10)
{
    public override bool Shown(KubeObject obj) => !Flag(obj, "unschedulable");
    public override async Task<ActionResult?> RunAsync(ActionInvocation i) => await i.Service.SetCordonedAsync(i.Context, i.Target, true, i.Cancellation);
}

internal sealed class UncordonAction() : CapabilityAction<ICordonable>("uncordon", "Action_Uncordon", "check_circle", 10)
{
    public override bool Shown(KubeObject obj) => Flag(obj, "unschedulable");
    public override async Task<ActionResult?> RunAsync(ActionInvocation i) => await i.Service.SetCordonedAsync(i.Context, i.Target, false, i.Cancellation);
}

internal sealed class DrainAction() : CapabilityAction<ICordonable>("drain", "Action_Drain", "move_down", 20)
{
    public override bool Destructive => true;

    public override async Task<ActionResult?> RunAsync(ActionInvocation i)
    {
        var outcome = await i.DialogAsync<DrainDialog, DrainOutcome>(TitleKey, new() { ["Invocation"] = i });
        if (outcome?.Error is { } error) throw error;
        return outcome?.Result;
    }
}

internal sealed class EvictAction() : CapabilityAction<IEvictable>("evict", "Action_Evict", "logout", 80, "create", "eviction")
{
    public override bool Destructive => true;

    public override async Task<ActionResult?> RunAsync(ActionInvocation i) =>
        await i.DialogAsync<ConfirmNameDialog, bool?>(TitleKey, new() { ["Message"] = i.Strings["Evict_Confirm", i.Target.Name].Value, ["ConfirmKey"] = TitleKey }) == true
            ? await i.Service.EvictAsync(i.Context, i.Target, i.Cancellation) : null;
}

internal sealed class AnnotateAction() : AnyKindAction("annotate", "Action_Annotate", "sticky_note_2", 910, "patch")
{
    public override async Task<ActionResult?> RunAsync(ActionInvocation i) =>
        await i.DialogAsync<MetadataMapDialog, Dictionary<string, string?>>(TitleKey, new() { ["Labels"] = false }, "48rem") is { Count: > 0 } changes
            ? await i.Service.AnnotateAsync(i.Context, i.Target, changes, i.Cancellation) : null;
}

// Re-implements the interface so that LeavesPage (a default interface member) maps to this class's value.
internal sealed class DeleteAction() : AnyKindAction("delete", "Action_Delete", "delete", 1000, "delete"), ICapabilityAction
{
    public override bool Destructive => true;

    public bool LeavesPage => true;

    public override async Task<ActionResult?> RunAsync(ActionInvocation i) =>
        await i.DialogAsync<DeleteOptionsDialog, DeleteRequest>(TitleKey) is { } r
            ? await i.Service.DeleteAsync(i.Context, i.Target, r.Propagation, r.GracePeriodSeconds, r.Force, i.Cancellation) : null;

    public override Func<ActionService, ActionContext, ObjectRef, CancellationToken, Task<ActionResult>>? Bulk => (s, c, t, ct) => s.DeleteAsync(c, t, ct: ct);
}

/// <summary>What the set-image dialog asks for.</summary>
public sealed record ImageChange(string Container, string Image);

/// <summary>What the delete dialog asks for.</summary>
public sealed record DeleteRequest(string? Propagation, long? GracePeriodSeconds, bool Force);

/// <summary>How a drain ended (the dialog runs it, to show progress).</summary>
public sealed record DrainOutcome(ActionResult? Result, Exception? Error);
