using Dashboard.Core.Access;
using Dashboard.Core.Actions;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Resources;
using Microsoft.Extensions.Localization;
using Radzen;

namespace Dashboard.Web.Components.Actions;

/// <summary>
/// An action on one object backed by a Core capability (registered in ActionsSetup). Which kinds it applies to comes
/// from the capability interfaces (<see cref="ActionService.Offers{T}"/>), never from kind names. It appears on the
/// shell's ObjectToolbar through <see cref="ToolbarAction"/> and, when it has a <see cref="Bulk"/> form, on the list
/// page's bulk bar; both ask <see cref="Permission"/> to enable it and show the refusal's reason otherwise.
/// </summary>
public interface ICapabilityAction
{
    /// <summary>Stable id (also the button's data-action).</summary>
    string Id { get; }

    /// <summary>Key of the title in <see cref="ActionStrings"/>.</summary>
    string TitleKey { get; }

    /// <summary>Material icon name.</summary>
    string Icon { get; }

    /// <summary>Destroys or disrupts something: asks for a typed confirmation and is styled as a danger.</summary>
    bool Destructive { get; }

    /// <summary>Order in the toolbar.</summary>
    int Order { get; }

    /// <summary>True when the kind offers the capability.</summary>
    bool AppliesTo(ResourceKind kind, ActionService service);

    /// <summary>True when the action makes sense in the object's current state (pause vs resume).</summary>
    bool Shown(KubeObject obj) => true;

    /// <summary>What the user must be allowed to do.</summary>
    AccessQuery Permission(ResourceKind kind, KubeObject obj);

    /// <summary>Runs interactively (dialogs as needed); null when the user cancelled.</summary>
    Task<ActionResult?> RunAsync(ActionInvocation invocation);

    /// <summary>True when the object is gone afterwards, so the detail page should not stay on it.</summary>
    bool LeavesPage => false;

    /// <summary>The non-interactive form for bulk use on selected rows, or null when the action is not offered in bulk.</summary>
    Func<ActionService, ActionContext, ObjectRef, CancellationToken, Task<ActionResult>>? Bulk => null;
}

/// <summary>Everything an action needs to run once.</summary>
public sealed record ActionInvocation(ActionService Service, ActionContext Context, ObjectRef Target, KubeObject Object, DialogService Dialogs,
    IStringLocalizer<ActionStrings> Strings, CancellationToken Cancellation)
{
    /// <summary>Opens a dialog component with Kind/Object parameters (plus extra ones) and returns what it closed with.</summary>
    public async Task<T?> DialogAsync<TDialog, T>(string titleKey, Dictionary<string, object?>? extra = null, string width = "36rem") where TDialog : Microsoft.AspNetCore.Components.ComponentBase
    {
        var parameters = new Dictionary<string, object?> { ["Kind"] = Target.Kind, ["Object"] = Object };
        foreach (var (k, v) in extra ?? []) parameters[k] = v;
        var result = await Dialogs.OpenAsync<TDialog>($"{Strings[titleKey]}: {Target.Name}", parameters, new DialogOptions { Width = width, CloseDialogOnEsc = true });
        return result is T t ? t : default;
    }
}
