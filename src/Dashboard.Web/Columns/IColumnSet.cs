using Dashboard.Kubernetes.Models;

namespace Dashboard.Web.Columns;

/// <summary>
/// The kind-specific columns and status of one kind's list page. Register one per kind in DI
/// (<c>services.AddSingleton&lt;IColumnSet, PodColumns&gt;()</c>); kinds without one get the generic columns.
/// </summary>
public interface IColumnSet
{
    /// <summary>The kind.</summary>
    ResourceKind Kind { get; }

    /// <summary>Columns shown between Name/Namespace and Age.</summary>
    IReadOnlyList<ResourceColumn> Columns { get; }

    /// <summary>The status badge of an object.</summary>
    ResourceStatus Status(KubeObject obj, DateTimeOffset now);
}
