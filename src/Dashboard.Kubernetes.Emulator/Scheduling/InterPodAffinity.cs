using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Selectors;

namespace Dashboard.Kubernetes.Emulator.Scheduling;

/// <summary>A pod the scheduler counts on a node.</summary>
internal sealed record BoundPod(string Node, PodRequests Requests, string Namespace, IReadOnlyDictionary<string, string> Labels);

/// <summary>
/// The InterPodAffinity filter for the incoming pod's required podAffinity / podAntiAffinity terms: a term holds in the
/// topology domain (nodes sharing the term's topologyKey label value) of a node when pods matching its selector run
/// there. The first pod of a group may satisfy its own affinity. (The symmetric check of existing pods' anti-affinity
/// against the incoming pod is not simulated.)
/// </summary>
internal sealed class InterPodAffinity
{
    private readonly List<Term> _affinity;
    private readonly List<Term> _anti;

    private InterPodAffinity(List<Term> affinity, List<Term> anti)
    {
        _affinity = affinity;
        _anti = anti;
    }

    public bool IsEmpty => _affinity.Count == 0 && _anti.Count == 0;

    public static InterPodAffinity Compile(JsonObject pod) => new(
        Terms(pod, "spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution"),
        Terms(pod, "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution"));

    private static List<Term> Terms(JsonObject pod, string path) =>
        pod.Items(path).Select(t => new Term(
            LabelSelector.FromObject(t["labelSelector"]),
            t["namespaces"] is JsonArray ns && ns.Count > 0 ? ns.Select(n => n?.ToString() ?? "").ToHashSet(StringComparer.Ordinal) : null,
            t["namespaceSelector"] is JsonObject sel ? LabelSelector.FromObject(sel) : null,
            t.Str("topologyKey") ?? "",
            pod.Namespace())).ToList();

    /// <summary>Finds, per term, the topology values where matching pods run. Call once per scheduling attempt.</summary>
    public void Prepare(IEnumerable<BoundPod> pods, IReadOnlyDictionary<string, NodeInfo> nodes, Func<string, IReadOnlyDictionary<string, string>> namespaceLabels)
    {
        foreach (var term in _affinity.Concat(_anti)) term.Values.Clear();
        foreach (var pod in pods)
        {
            if (!nodes.TryGetValue(pod.Node, out var node)) continue;
            foreach (var term in _affinity.Concat(_anti))
                if (term.Matches(pod.Namespace, pod.Labels, namespaceLabels) && node.Labels.TryGetValue(term.TopologyKey, out var v))
                    term.Values.Add(v);
        }
    }

    /// <summary>The rejection reason for a node, or null when the terms hold there.</summary>
    public NodeRejection? Check(NodeInfo node, string podNamespace, IReadOnlyDictionary<string, string> podLabels,
        Func<string, IReadOnlyDictionary<string, string>> namespaceLabels)
    {
        foreach (var term in _affinity)
        {
            var selfMatch = term.Values.Count == 0 && term.Matches(podNamespace, podLabels, namespaceLabels);
            if (!node.Labels.TryGetValue(term.TopologyKey, out var v) || (!term.Values.Contains(v) && !selfMatch))
                return new(["node(s) didn't match pod affinity rules"], false);
        }
        foreach (var term in _anti)
            if (node.Labels.TryGetValue(term.TopologyKey, out var v) && term.Values.Contains(v))
                return new(["node(s) didn't match pod anti-affinity rules"], true);
        return null;
    }

    private sealed record Term(LabelSelector Selector, HashSet<string>? Namespaces, LabelSelector? NamespaceSelector, string TopologyKey, string OwnNamespace)
    {
        public HashSet<string> Values { get; } = new(StringComparer.Ordinal);

        public bool Matches(string ns, IReadOnlyDictionary<string, string> labels, Func<string, IReadOnlyDictionary<string, string>> namespaceLabels)
        {
            var nsOk = Namespaces?.Contains(ns) == true
                || (NamespaceSelector is { } sel && !sel.MatchesNothing && sel.Matches(namespaceLabels(ns)))
                || (Namespaces is null && NamespaceSelector is null && ns == OwnNamespace);
            return nsOk && !Selector.MatchesNothing && Selector.Matches(labels);
        }
    }
}
