using Dashboard.Core.Access;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Components.Actions;
using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;
using Radzen;

namespace Dashboard.Web.Actions;

/// <summary>Edits an object's labels (one <c>key=value</c> per line), applied as a merge patch of the changes only.</summary>
internal sealed class EditLabelsAction(IStringLocalizer<ShellStrings> s) : IObjectAction
{
    public string Id => "labels";
    public string TitleKey => "Action_EditLabels";
    public Type TitleResource => typeof(ShellStrings);
    public string Icon => "label";
    public int Order => 900;
    public bool Destructive => false;

    public bool AppliesTo(ResourceKind kind) => kind.Verbs.Contains("patch");

    public AccessQuery Permission(ResourceKind kind, KubeObject obj) => new("patch", kind.Group, kind.Plural, kind.Namespaced ? obj.Namespace : null, obj.Name);

    public async Task RunAsync(ObjectActionContext context)
    {
        var changes = await context.Dialogs.OpenAsync<LabelsDialog>(s["Labels_Title", context.Object.Name],
            new Dictionary<string, object?> { ["Labels"] = context.Object.Labels },
            new DialogOptions { Width = "36rem", CloseDialogOnEsc = true }) as IReadOnlyDictionary<string, string?>;
        if (changes is null || changes.Count == 0) return;
        var result = await context.Actions.LabelAsync(context.Session.ActionContext, context.Target, changes).ConfigureAwait(true);
        context.Notifications.Notify(NotificationSeverity.Success, s["Action_Done"], result.Summary);
    }
}
