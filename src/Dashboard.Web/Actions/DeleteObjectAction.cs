using Dashboard.Core.Access;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Components.Actions;
using Dashboard.Web.Navigation;
using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;
using Radzen;

namespace Dashboard.Web.Actions;

/// <summary>Deletes any object after a confirmation that names it and offers the propagation policy.</summary>
internal sealed class DeleteObjectAction(IStringLocalizer<ShellStrings> s) : IObjectAction
{
    public string Id => "delete";
    public string TitleKey => "Action_Delete";
    public Type TitleResource => typeof(ShellStrings);
    public string Icon => "delete";
    public int Order => 1000;
    public bool Destructive => true;

    public bool AppliesTo(ResourceKind kind) => kind.Verbs.Contains("delete");

    public AccessQuery Permission(ResourceKind kind, KubeObject obj) => new("delete", kind.Group, kind.Plural, kind.Namespaced ? obj.Namespace : null, obj.Name);

    public async Task RunAsync(ObjectActionContext context)
    {
        var propagation = await context.Dialogs.OpenAsync<DeleteDialog>(s["Delete_Title", context.Kind.Kind, context.Object.Name],
            new Dictionary<string, object?> { ["Kind"] = context.Kind, ["Object"] = context.Object },
            new DialogOptions { Width = "32rem", CloseDialogOnEsc = true }) as string;
        if (propagation is null) return;
        var result = await context.Actions.DeleteAsync(context.Session.ActionContext, context.Target, propagation).ConfigureAwait(true);
        context.Notifications.Notify(NotificationSeverity.Success, s["Action_Done"], result.Summary);
        context.Navigation.NavigateTo(ResourceUrls.List(context.Kind, context.Object.Namespace is { } ns ? [ns] : null));
    }
}
