using Dashboard.Core.Actions;
using Dashboard.Core.Caching;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Editing;

/// <summary>
/// Entry point of YAML viewing, editing and creating. Reads are made with the user's credential through the client
/// pool; every write goes through <see cref="ActionService"/>, so it is audited.
/// </summary>
public sealed class YamlEditor(KubeClientPool clients, ActionService actions)
{
    internal KubeClientPool Clients { get; } = clients;
    internal ActionService Actions { get; } = actions;

    /// <summary>The object's YAML as the server has it now.</summary>
    public async Task<string> GetYamlAsync(ActionContext context, ObjectRef target, bool includeManagedFields = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(target);
        var obj = await Clients.Get(context.Cluster, context.Identity).GetAsync(target.Kind, target.Namespace, target.Name, ct).ConfigureAwait(false);
        return ObjectYaml.Render(obj.Json, includeManagedFields);
    }

    /// <summary>Starts editing the object as it is on the server now.</summary>
    public async Task<EditSession> EditAsync(ActionContext context, ObjectRef target, bool includeManagedFields = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(target);
        var obj = await Clients.Get(context.Cluster, context.Identity).GetAsync(target.Kind, target.Namespace, target.Name, ct).ConfigureAwait(false);
        return new EditSession(this, context, target, obj) { IncludeManagedFields = includeManagedFields };
    }

    /// <summary>Starts editing from an object the caller already holds (e.g. from the cache).</summary>
    public EditSession Edit(ActionContext context, ObjectRef target, KubeObject current, bool includeManagedFields = false) =>
        new(this, context, target, current.Clone()) { IncludeManagedFields = includeManagedFields };

    /// <summary>A create session whose documents default to <paramref name="defaultNamespace"/>.</summary>
    public CreateSession Create(ActionContext context, string defaultNamespace) => new(this, context, defaultNamespace);
}
