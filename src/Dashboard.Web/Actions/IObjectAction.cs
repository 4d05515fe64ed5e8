using Dashboard.Core.Access;
using Dashboard.Core.Actions;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Session;
using Microsoft.AspNetCore.Components;
using Radzen;

namespace Dashboard.Web.Actions;

/// <summary>
/// An action on one object, shown as a button of the detail page's toolbar. Register with
/// <c>services.AddSingleton&lt;IObjectAction, YourAction&gt;()</c>; the toolbar asks <see cref="Permission"/> of every
/// action that <see cref="AppliesTo"/> the kind, disables the refused ones with the API server's explanation, and hides
/// itself for users who may do none of them. <see cref="RunAsync"/> may open dialogs; an <see cref="ActionFailedException"/>
/// it throws is shown to the user (and a 401 ends the session).
/// </summary>
public interface IObjectAction
{
    /// <summary>A stable id (also the button's <c>data-action</c>).</summary>
    string Id { get; }

    /// <summary>The resource key of the button's text.</summary>
    string TitleKey { get; }

    /// <summary>The resource marker type holding <see cref="TitleKey"/>.</summary>
    Type TitleResource { get; }

    /// <summary>A Material icon name.</summary>
    string Icon { get; }

    /// <summary>Position in the toolbar (lower first); Delete is 1000, so that it comes last.</summary>
    int Order { get; }

    /// <summary>True for actions that destroy something (drawn in the danger colour).</summary>
    bool Destructive { get; }

    /// <summary>Whether the action exists for a kind at all.</summary>
    bool AppliesTo(ResourceKind kind);

    /// <summary>Whether the action makes sense in the object's current state (pause vs resume); re-read as the object changes.</summary>
    bool Shown(KubeObject obj) => true;

    /// <summary>The access the action needs on this object.</summary>
    AccessQuery Permission(ResourceKind kind, KubeObject obj);

    /// <summary>Carries the action out (confirming first where it is destructive).</summary>
    Task RunAsync(ObjectActionContext context);
}

/// <summary>What an action gets to work with: the object, the user's session and the UI services.</summary>
public sealed record ObjectActionContext(
    ResourceKind Kind,
    KubeObject Object,
    UserSession Session,
    ActionService Actions,
    DialogService Dialogs,
    NotificationService Notifications,
    NavigationManager Navigation)
{
    /// <summary>The target for <see cref="ActionService"/>.</summary>
    public ObjectRef Target => new(Kind, Object.Namespace, Object.Name);
}
