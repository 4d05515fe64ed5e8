using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Relations;

public sealed partial class RelationIndex
{
    /// <summary>
    /// Objects many others point at (every pod names its node and service account): the walk stops there rather than
    /// spread through them to unrelated objects.
    /// </summary>
    private static readonly HashSet<KindKey> Hubs =
    [
        KindKey.Of(Node.Resource), KindKey.Of(ServiceAccount.Resource), KindKey.Of(StorageClass.Resource),
        KindKey.Of(IngressClass.Resource), KindKey.Of(Namespace.Resource),
    ];

    /// <summary>
    /// Links that lead from one object to something many others share (a pod to the ConfigMap every pod mounts, to a
    /// policy selecting the whole namespace): the shared object is drawn but not walked through.
    /// </summary>
    private static readonly HashSet<RelationType> ToShared = [RelationType.Uses, RelationType.SelectedBy, RelationType.RunsOn];

    /// <summary>
    /// The graph around an object, breadth first: every relation of each object reached, up to <paramref name="maxDepth"/>
    /// hops and <paramref name="maxNodes"/> objects. Shared objects (nodes, service accounts, classes, what a pod uses or
    /// is selected by) end a path unless they are the root.
    /// </summary>
    public RelationGraph Graph(ObjectRef root, int maxDepth = 3, int maxNodes = 300)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDepth);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNodes, 1);
        lock (_gate)
        {
            var start = Lookup(root) ?? Stand_in(root);
            var nodes = new Dictionary<NameKey, GraphNode> { [start.Key] = new GraphNode(start.Ref, Lookup(root) is null ? TargetState.Unknown : TargetState.Found, 0) };
            var order = new List<GraphNode> { nodes[start.Key] };
            var edges = new RelationSet();
            var truncated = false;
            var queue = new Queue<(Entry Entry, int Depth)>();
            queue.Enqueue((start, 0));
            while (queue.TryDequeue(out var item))
            {
                var (e, depth) = item;
                if (depth >= maxDepth) continue;
                var around = new RelationSet();
                Neighbors(e, Parts.All, around);
                foreach (var r in around.ToList())
                {
                    if (edges.HasInverse(r)) continue;
                    var key = NameKey.Of(r.Target);
                    if (!nodes.ContainsKey(key))
                    {
                        if (nodes.Count >= maxNodes)
                        {
                            truncated = true;
                            continue;
                        }
                        var node = new GraphNode(r.Target, r.State, depth + 1);
                        nodes[key] = node;
                        order.Add(node);
                        if (r.State == TargetState.Found && !ToShared.Contains(r.Type) && Lookup(r.Target) is { } next && !Hubs.Contains(next.Key.KindKey))
                            queue.Enqueue((next, depth + 1));
                    }
                    edges.Add(r);
                }
            }
            return new RelationGraph(start.Ref, order, edges.ToList(), truncated);
        }
    }
}
