using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;

namespace Dashboard.Kubernetes.Emulator.Auth.Rbac;

/// <summary>A subject of a binding, as written.</summary>
internal sealed record Subject(string Kind, string Name, string Namespace);

/// <summary>A ClusterRoleBinding or RoleBinding reduced to what authorization needs.</summary>
internal sealed record Binding(int Order, bool IsCluster, string Name, string Namespace, string RoleKind, string RoleName, IReadOnlyList<Subject> Subjects)
{
    /// <summary>The first subject that names the user, or null (the real appliesTo walks subjects in order).</summary>
    public Subject? SubjectFor(HashSet<string> userKeys)
    {
        foreach (var s in Subjects)
            if (RbacSnapshot.SubjectKey(s, Namespace) is { } key && userKeys.Contains(key)) return s;
        return null;
    }

    /// <summary>"ClusterRoleBinding "x" of ClusterRole "y" to User "z"", as the RBAC authorizer describes a match.</summary>
    public string Describe(Subject subject)
    {
        var who = subject.Kind == "ServiceAccount"
            ? $"{subject.Kind} \"{subject.Name}/{(subject.Namespace.Length > 0 ? subject.Namespace : Namespace)}\""
            : $"{subject.Kind} \"{subject.Name}\"";
        return IsCluster
            ? $"ClusterRoleBinding \"{Name}\" of {RoleKind} \"{RoleName}\" to {who}"
            : $"RoleBinding \"{Name}/{Namespace}\" of {RoleKind} \"{RoleName}\" to {who}";
    }
}

/// <summary>
/// An immutable, indexed view of every RBAC object: roles by name and bindings by subject key, so that a request
/// is authorized by looking up the caller's few keys instead of scanning all bindings.
/// </summary>
internal sealed class RbacSnapshot
{
    private readonly Dictionary<string, IReadOnlyList<PolicyRule>> _clusterRoles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<PolicyRule>> _roles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Binding>> _clusterBindings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, List<Binding>>> _roleBindings = new(StringComparer.Ordinal);

    public static RbacSnapshot Build(EmulatorContext context)
    {
        var s = new RbacSnapshot();
        foreach (var o in context.Api.List(context.Type(AuthModule.RbacGroup, "clusterroles")))
            s._clusterRoles[o.Name()] = Rules(o);
        foreach (var o in context.Api.List(context.Type(AuthModule.RbacGroup, "roles")))
            s._roles[o.Namespace() + "/" + o.Name()] = Rules(o);
        var order = 0;
        foreach (var o in context.Api.List(context.Type(AuthModule.RbacGroup, "clusterrolebindings")))
            s.Index(s._clusterBindings, ToBinding(o, true, order++));
        foreach (var o in context.Api.List(context.Type(AuthModule.RbacGroup, "rolebindings")))
        {
            if (!s._roleBindings.TryGetValue(o.Namespace(), out var byKey))
                s._roleBindings[o.Namespace()] = byKey = new(StringComparer.Ordinal);
            s.Index(byKey, ToBinding(o, false, order++));
        }
        return s;
    }

    private static IReadOnlyList<PolicyRule> Rules(JsonObject role) => role.Items("rules").Select(PolicyRule.FromJson).ToList();

    private static Binding ToBinding(JsonObject o, bool isCluster, int order) =>
        new(order, isCluster, o.Name(), o.Namespace(), o.Str("roleRef.kind") ?? "", o.Str("roleRef.name") ?? "",
            o.Items("subjects").Select(x => new Subject(x.Str("kind") ?? "", x.Str("name") ?? "", x.Str("namespace") ?? "")).ToList());

    private void Index(Dictionary<string, List<Binding>> index, Binding b)
    {
        foreach (var subject in b.Subjects)
        {
            if (SubjectKey(subject, b.Namespace) is not { } key) continue;
            if (!index.TryGetValue(key, out var list)) index[key] = list = [];
            if (list.Count == 0 || list[^1] != b) list.Add(b);
        }
    }

    /// <summary>The index key of a subject: users and service accounts by user name, groups by group name.</summary>
    internal static string? SubjectKey(Subject s, string bindingNamespace) => s.Kind switch
    {
        "User" => "u:" + s.Name,
        "Group" => "g:" + s.Name,
        "ServiceAccount" when (s.Namespace.Length > 0 ? s.Namespace : bindingNamespace) is { Length: > 0 } ns =>
            $"u:system:serviceaccount:{ns}:{s.Name}",
        _ => null,
    };

    /// <summary>The index keys that name a user.</summary>
    internal static HashSet<string> UserKeys(UserInfo user)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal) { "u:" + user.Name };
        foreach (var g in user.Groups) keys.Add("g:" + g);
        return keys;
    }

    /// <summary>The cluster-wide bindings naming the user, in store order.</summary>
    public IEnumerable<Binding> ClusterBindingsFor(HashSet<string> userKeys) => Lookup(_clusterBindings, userKeys);

    /// <summary>The role bindings of a namespace naming the user, in store order.</summary>
    public IEnumerable<Binding> RoleBindingsFor(HashSet<string> userKeys, string ns) =>
        _roleBindings.TryGetValue(ns, out var byKey) ? Lookup(byKey, userKeys) : [];

    private static IEnumerable<Binding> Lookup(Dictionary<string, List<Binding>> index, HashSet<string> userKeys)
    {
        var found = new SortedDictionary<int, Binding>();
        foreach (var key in userKeys)
            if (index.TryGetValue(key, out var list))
                foreach (var b in list) found[b.Order] = b;
        return found.Values;
    }

    /// <summary>The rules a binding grants, or the error the real authorizer reports when its role is missing.</summary>
    public (IReadOnlyList<PolicyRule> Rules, string? Error) RulesOf(Binding b)
    {
        if (b.RoleKind == "ClusterRole")
            return _clusterRoles.TryGetValue(b.RoleName, out var cr) ? (cr, null) : ([], $"clusterrole.rbac.authorization.k8s.io \"{b.RoleName}\" not found");
        if (b.RoleKind == "Role" && !b.IsCluster)
            return _roles.TryGetValue(b.Namespace + "/" + b.RoleName, out var r) ? (r, null) : ([], $"role.rbac.authorization.k8s.io \"{b.RoleName}\" not found");
        return ([], $"unsupported role reference kind: \"{b.RoleKind}\"");
    }
}
