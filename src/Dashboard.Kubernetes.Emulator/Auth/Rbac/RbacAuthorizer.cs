using System.Threading.Channels;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Server;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Auth.Rbac;

/// <summary>
/// kube-apiserver's authorization chain as seen from outside: system:masters always allowed (the privileged-group
/// authorizer), then RBAC: ClusterRoleBindings everywhere, RoleBindings in their namespace, deny by default.
/// The RBAC objects are read through an index that is rebuilt only after an RBAC object changed.
/// </summary>
internal sealed class RbacAuthorizer : IAuthorizer
{
    private readonly EmulatorContext _context;
    private readonly ChannelReader<StoredEvent> _changes;
    private readonly object _gate = new();
    private volatile RbacSnapshot? _snapshot;

    public RbacAuthorizer(EmulatorContext context)
    {
        _context = context;
        // Writes publish to watchers before they return, so a binding created by one request is seen by the next.
        _changes = context.Store.Watch(null, null, null, o => o.Type.Group == AuthModule.RbacGroup).Events;
    }

    /// <summary>The current index, rebuilt when RBAC objects changed since the last call.</summary>
    public RbacSnapshot Snapshot
    {
        get
        {
            var current = _snapshot;
            if (current is not null && !_changes.TryPeek(out _)) return current;
            lock (_gate)
            {
                var changed = false;
                while (_changes.TryRead(out _)) changed = true;
                if (_snapshot is null || changed) _snapshot = RbacSnapshot.Build(_context);
                return _snapshot;
            }
        }
    }

    public AuthorizationDecision Authorize(AuthorizationAttributes attributes)
    {
        if (attributes.User.IsMaster) return AuthorizationDecision.Allow;
        var snapshot = Snapshot;
        var keys = RbacSnapshot.UserKeys(attributes.User);
        var errors = new List<string>();
        foreach (var b in Applicable(snapshot, keys, attributes.Namespace))
        {
            var (rules, error) = snapshot.RulesOf(b);
            if (error is not null) errors.Add(error);
            foreach (var rule in rules)
                if (rule.Allows(attributes))
                    return new AuthorizationDecision(true, "RBAC: allowed by " + b.Describe(b.SubjectFor(keys)!));
        }
        return new AuthorizationDecision(false, errors.Count == 0 ? "" : "RBAC: " + Aggregate(errors));
    }

    /// <summary>Every rule that applies to the user in a namespace (SelfSubjectRulesReview), plus evaluation errors.</summary>
    public (List<PolicyRule> Rules, List<string> Errors) RulesFor(UserInfo user, string ns)
    {
        var rules = new List<PolicyRule>();
        var errors = new List<string>();
        // The privileged-group authorizer resolves no rules: masters list what the cluster-admin binding grants them.
        var snapshot = Snapshot;
        foreach (var b in Applicable(snapshot, RbacSnapshot.UserKeys(user), ns))
        {
            var (r, error) = snapshot.RulesOf(b);
            if (error is not null) errors.Add(error);
            rules.AddRange(r);
        }
        return (rules, errors);
    }

    private static IEnumerable<Binding> Applicable(RbacSnapshot snapshot, HashSet<string> keys, string ns)
    {
        foreach (var b in snapshot.ClusterBindingsFor(keys)) yield return b;
        if (ns.Length == 0) yield break;
        foreach (var b in snapshot.RoleBindingsFor(keys, ns)) yield return b;
    }

    /// <summary>Formats errors like apimachinery's aggregate error: one as is, several in brackets.</summary>
    internal static string Aggregate(IReadOnlyList<string> errors) =>
        errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors) + "]";
}
