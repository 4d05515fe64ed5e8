using Dashboard.Core.Access;
using Dashboard.Core.Actions;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Web.Components.Actions;

/// <summary>An action gated by one capability interface and one verb on the object (or a subresource of it).</summary>
internal abstract class CapabilityAction<TCapability>(string id, string titleKey, string icon, int order, string verb = "patch", string? subresource = null)
    : ICapabilityAction where TCapability : class
{
    public string Id => id;
    public string TitleKey => titleKey;
    public string Icon => icon;
    public int Order => order;
    public virtual bool Destructive => false;

    public virtual bool AppliesTo(ResourceKind kind, ActionService service) => service.Offers<TCapability>(kind);

    public virtual bool Shown(KubeObject obj) => true;

    public virtual AccessQuery Permission(ResourceKind kind, KubeObject obj) =>
        new(verb, kind.Group, kind.Plural, kind.Namespaced ? obj.Namespace : null, obj.Name, subresource);

    public abstract Task<ActionResult?> RunAsync(ActionInvocation invocation);

    public virtual Func<ActionService, ActionContext, ObjectRef, CancellationToken, Task<ActionResult>>? Bulk => null;

    protected static bool Flag(KubeObject obj, string field) => obj.Json["spec"]?[field] is System.Text.Json.Nodes.JsonValue v && v.GetValue<bool>();
}

/// <summary>An action every kind has (no capability needed): label, annotate, delete.</summary>
internal abstract class AnyKindAction(string id, string titleKey, string icon, int order, string verb) : CapabilityAction<object>(id, titleKey, icon, order, verb)
{
    public override bool AppliesTo(ResourceKind kind, ActionService service) => true;
}
