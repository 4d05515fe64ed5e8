using System.Diagnostics.CodeAnalysis;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Projections;

/// <summary>One kind's projection, usable without knowing the row type.</summary>
public interface IRowProjection
{
    /// <summary>The kind projected.</summary>
    ResourceKind Kind { get; }
    /// <summary>The row type (PodRow, DeploymentRow...).</summary>
    Type RowType { get; }
    /// <summary>Builds the row for an object of <see cref="Kind"/>.</summary>
    IResourceRow Project(KubeObject obj, DateTimeOffset now);
}

/// <summary>A typed projection.</summary>
/// <typeparam name="TRow">The row type.</typeparam>
public sealed class RowProjection<TRow> : IRowProjection where TRow : IResourceRow<TRow>
{
    internal static RowProjection<TRow> Instance { get; } = new();

    private RowProjection() { }

    /// <inheritdoc />
    public ResourceKind Kind => TRow.Kind;
    /// <inheritdoc />
    public Type RowType => typeof(TRow);

    /// <summary>Builds the typed row.</summary>
    public TRow From(KubeObject obj, DateTimeOffset now) => TRow.From(obj, now);

    IResourceRow IRowProjection.Project(KubeObject obj, DateTimeOffset now) => TRow.From(obj, now);
}

/// <summary>
/// The registry of row projections, keyed by API group and kind (not version: a row reads the fields every served
/// version has). Generic code asks <see cref="TryGet"/> and falls back to name/namespace/age for kinds without one.
/// Adding a kind means adding its row file and one line here.
/// </summary>
public static class RowProjections
{
    private static readonly Dictionary<(string Group, string Kind), IRowProjection> ByKind = Build(
        RowProjection<PodRow>.Instance,
        RowProjection<DeploymentRow>.Instance,
        RowProjection<ReplicaSetRow>.Instance,
        RowProjection<StatefulSetRow>.Instance,
        RowProjection<DaemonSetRow>.Instance,
        RowProjection<JobRow>.Instance,
        RowProjection<CronJobRow>.Instance,
        RowProjection<ServiceRow>.Instance,
        RowProjection<IngressRow>.Instance,
        RowProjection<NodeRow>.Instance,
        RowProjection<NamespaceRow>.Instance,
        RowProjection<ConfigMapRow>.Instance,
        RowProjection<SecretRow>.Instance,
        RowProjection<PersistentVolumeClaimRow>.Instance,
        RowProjection<PersistentVolumeRow>.Instance,
        RowProjection<EventRow>.Instance);

    private static Dictionary<(string, string), IRowProjection> Build(params IRowProjection[] projections) =>
        projections.ToDictionary(p => (p.Kind.Group, p.Kind.Kind));

    /// <summary>Every registered projection.</summary>
    public static IReadOnlyCollection<IRowProjection> All => ByKind.Values;

    /// <summary>The projection for a kind, if there is one.</summary>
    public static bool TryGet(ResourceKind kind, [NotNullWhen(true)] out IRowProjection? projection)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return ByKind.TryGetValue((kind.Group, kind.Kind), out projection);
    }

    /// <summary>True when the kind has a projection.</summary>
    public static bool Has(ResourceKind kind) => TryGet(kind, out _);

    /// <summary>The typed projection of a row type.</summary>
    public static RowProjection<TRow> Of<TRow>() where TRow : IResourceRow<TRow> => RowProjection<TRow>.Instance;
}
