using Dashboard.Core.Access;
using Dashboard.Kubernetes.Client;

namespace Dashboard.Core.Actions;

/// <summary>
/// Which audit entries a user may see: their own, and those on objects they may read (get on the object's resource in
/// its namespace, asked with SelfSubjectAccessReview and cached by the permission service). An entry names an object,
/// who changed it and how; anyone who may read the object could learn as much from it and its events, nobody else.
/// YAML applies without a single object are shown to their author only.
/// </summary>
public static class AuditVisibility
{
    /// <summary>The question deciding whether an entry on <paramref name="target"/> is visible.</summary>
    public static AccessQuery Query(ObjectRef target) =>
        new("get", target.Kind.Group, target.Kind.Plural, target.Kind.Namespaced ? target.Namespace : null);

    /// <summary>
    /// The entries <paramref name="user"/> (signed in as <paramref name="identity"/>) may see, in their order. When the
    /// permission check itself fails, only the user's own entries (closed, not open).
    /// </summary>
    public static async Task<IReadOnlyList<AuditEntry>> VisibleAsync(PermissionService permissions, string cluster, string identity, string user,
        IReadOnlyList<AuditEntry> entries, CancellationToken ct = default)
    {
        bool Own(AuditEntry e) => string.Equals(e.User, user, StringComparison.Ordinal);
        var queries = entries.Where(e => !Own(e) && e.Ref is not null).Select(e => Query(e.Ref!)).Distinct().ToList();
        IReadOnlyDictionary<AccessQuery, AccessAnswer> answers;
        try
        {
            answers = queries.Count == 0 ? new Dictionary<AccessQuery, AccessAnswer>() : await permissions.CanAllAsync(cluster, identity, queries, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KubeApiException or KubeConnectionException)
        {
            return entries.Where(Own).ToList();
        }
        return entries.Where(e => Own(e) || (e.Ref is { } r && answers.TryGetValue(Query(r), out var a) && a.Allowed)).ToList();
    }
}
