using Dashboard.Core.Access;
using Dashboard.Core.Actions;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Actions;
using Dashboard.Web.Navigation;
using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components.Actions;

/// <summary>
/// Puts one of the capability actions (<see cref="ICapabilityAction"/> of this folder, also used by the list page's bulk
/// bar) on the shell's <see cref="ObjectToolbar"/>: same id, permission and state; runs through
/// <see cref="ActionRunner"/> so that every outcome is reported.
/// </summary>
internal sealed class ToolbarAction(ICapabilityAction inner, ActionService service, IStringLocalizer<ActionStrings> strings) : Web.Actions.IObjectAction
{
    public string Id => inner.Id;
    public string TitleKey => inner.TitleKey;
    public Type TitleResource => typeof(ActionStrings);
    public string Icon => inner.Icon;
    public int Order => inner.Order;
    public bool Destructive => inner.Destructive;

    public bool AppliesTo(ResourceKind kind) => inner.AppliesTo(kind, service);

    public bool Shown(KubeObject obj) => inner.Shown(obj);

    public AccessQuery Permission(ResourceKind kind, KubeObject obj) => inner.Permission(kind, obj);

    public async Task RunAsync(ObjectActionContext context)
    {
        var runner = new ActionRunner(context.Actions, context.Session, context.Dialogs, context.Notifications, strings);
        // A deleted object's page has nothing left to show: go back to its list, as the shell's delete did.
        if (await runner.RunAsync(inner, context.Kind, context.Object) && inner.LeavesPage)
            context.Navigation.NavigateTo(ResourceUrls.List(context.Kind, context.Object.Namespace is { } ns ? [ns] : null));
    }
}
