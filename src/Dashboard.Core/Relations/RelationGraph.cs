namespace Dashboard.Core.Relations;

/// <summary>One object of a relationship graph.</summary>
/// <param name="Ref">The object.</param>
/// <param name="State">Whether it exists.</param>
/// <param name="Depth">Hops from the root.</param>
public sealed record GraphNode(ObjectRef Ref, TargetState State, int Depth);

/// <summary>The neighbourhood of an object, for a relationship view to draw: nodes, and one edge per link.</summary>
/// <param name="Root">Where the walk started.</param>
/// <param name="Nodes">The objects reached, the root first.</param>
/// <param name="Edges">The links between them, each once (not again from its other end).</param>
/// <param name="Truncated">True when the node limit stopped the walk: the view should say that it shows part of the graph.</param>
public sealed record RelationGraph(ObjectRef Root, IReadOnlyList<GraphNode> Nodes, IReadOnlyList<Relation> Edges, bool Truncated);
