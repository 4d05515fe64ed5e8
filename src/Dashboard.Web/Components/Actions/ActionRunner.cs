using System.Net;
using Dashboard.Core.Actions;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Resources;
using Dashboard.Web.Session;
using Microsoft.Extensions.Localization;
using Radzen;

namespace Dashboard.Web.Components.Actions;

/// <summary>
/// Runs actions for the circuit's user and reports every outcome as a notification: the result's summary on success,
/// the typed error's message on failure (a 401 also ends the session). Scoped: one per circuit.
/// </summary>
public sealed class ActionRunner(ActionService service, UserSession session, DialogService dialogs, NotificationService notifications, IStringLocalizer<ActionStrings> strings)
{
    /// <summary>The actions' strings.</summary>
    public IStringLocalizer<ActionStrings> Strings => strings;

    /// <summary>Runs one action on one object; true when it ran and succeeded (false: cancelled or failed).</summary>
    public async Task<bool> RunAsync(ICapabilityAction action, ResourceKind kind, KubeObject obj, CancellationToken ct = default)
    {
        var target = Target(kind, obj);
        try
        {
            var result = await action.RunAsync(new ActionInvocation(service, session.ActionContext, target, obj, dialogs, strings, ct));
            if (result is null) return false;
            Notify(NotificationSeverity.Success, strings["Result_Done", strings[action.TitleKey]], result.Summary);
            return true;
        }
        catch (Exception e) when (e is ActionFailedException or TimeoutException or ArgumentException)
        {
            Failed(action, e);
            return false;
        }
    }

    /// <summary>Runs a bulk-capable action on several objects, one after the other; returns how many succeeded.</summary>
    public async Task<int> RunBulkAsync(ICapabilityAction action, ResourceKind kind, IReadOnlyList<KubeObject> objects, CancellationToken ct = default)
    {
        var run = action.Bulk ?? throw new InvalidOperationException($"{action.Id} has no bulk form");
        var failures = new List<string>();
        var done = 0;
        foreach (var obj in objects)
        {
            try
            {
                await run(service, session.ActionContext, Target(kind, obj), ct);
                done++;
            }
            catch (ActionFailedException e)
            {
                if (e.ApiError?.StatusCode == HttpStatusCode.Unauthorized) session.CredentialRejected();
                failures.Add(e.Message);
            }
        }
        if (done > 0) Notify(NotificationSeverity.Success, strings["Result_Done", strings[action.TitleKey]], strings["Bulk_Succeeded", done, objects.Count]);
        if (failures.Count > 0) Notify(NotificationSeverity.Error, strings["Result_Failed", strings[action.TitleKey]], string.Join(Environment.NewLine, failures));
        return done;
    }

    private static ObjectRef Target(ResourceKind kind, KubeObject obj) => new(kind, kind.Namespaced ? obj.Namespace : null, obj.Name);

    private void Failed(ICapabilityAction action, Exception e)
    {
        if (e is ActionFailedException { ApiError.StatusCode: HttpStatusCode.Unauthorized }) session.CredentialRejected();
        Notify(NotificationSeverity.Error, strings["Result_Failed", strings[action.TitleKey]], e.Message);
    }

    // Failures stay until read; successes fade.
    private void Notify(NotificationSeverity severity, string summary, string detail) =>
        notifications.Notify(new NotificationMessage { Severity = severity, Summary = summary, Detail = detail, Duration = severity == NotificationSeverity.Error ? 30_000 : 6_000 });
}
