using Dashboard.Core.Access;
using Dashboard.Web.Hosting;

namespace Dashboard.Web.Session;

/// <summary>
/// The namespaces picked in the header (empty: all) and the ones the user can pick from. Users who may not list
/// namespaces get the namespaces SelfSubjectRulesReview shows they can read, among candidates: their ServiceAccount's
/// namespace, the context's default, what they typed before (this circuit), and in demo mode the demo's namespaces.
/// </summary>
public sealed class NamespaceState(UserSession session, PermissionService permissions, ClusterConnections clusters)
{
    private readonly List<string> _typed = [];

    /// <summary>The selected namespaces; empty means all namespaces.</summary>
    public IReadOnlyList<string> Selected { get; private set; } = [];

    /// <summary>The namespaces offered in the picker.</summary>
    public IReadOnlyList<string> Available { get; private set; } = [];

    /// <summary>False when the user may not list namespaces (the picker then explains and accepts typed names).</summary>
    public bool CanListAll { get; private set; } = true;

    /// <summary>Raised when the selection changes.</summary>
    public event Action? Changed;

    /// <summary>Loads what the user may pick from.</summary>
    public async Task LoadAsync(CancellationToken ct = default)
    {
        var access = await permissions.NamespacesAsync(session.Cluster.Name, session.Identity, Candidates(), ct).ConfigureAwait(false);
        CanListAll = access.CanListAll;
        Available = access.Namespaces;
        // A restricted user cannot see "all namespaces": start on the namespaces they can read.
        if (!CanListAll && Selected.Count == 0 && Available.Count > 0) Selected = [Available[0]];
    }

    /// <summary>Selects namespaces (empty for all).</summary>
    public void Select(IEnumerable<string> namespaces)
    {
        var next = namespaces.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (next.SequenceEqual(Selected)) return;
        Selected = next;
        Changed?.Invoke();
    }

    /// <summary>Adds a namespace the user typed; it is checked and offered when readable. Returns true when it is.</summary>
    public async Task<bool> AddTypedAsync(string ns, CancellationToken ct = default)
    {
        ns = ns.Trim();
        if (ns.Length == 0) return false;
        if (!_typed.Contains(ns, StringComparer.Ordinal)) _typed.Add(ns);
        await LoadAsync(ct).ConfigureAwait(false);
        return Available.Contains(ns, StringComparer.Ordinal);
    }

    private IEnumerable<string> Candidates()
    {
        const string saPrefix = "system:serviceaccount:";
        if (session.UserName.StartsWith(saPrefix, StringComparison.Ordinal))
            yield return session.UserName[saPrefix.Length..].Split(':')[0];
        yield return session.Cluster.DefaultNamespace;
        foreach (var t in _typed) yield return t;
        if (clusters.Emulator is { } emulator)
        {
            var (items, _) = emulator.Context.Store.List(emulator.Context.Type("", "namespaces"), null);
            foreach (var ns in items) yield return ns.Name;
        }
    }
}
