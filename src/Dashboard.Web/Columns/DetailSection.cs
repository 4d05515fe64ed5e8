using Dashboard.Kubernetes.Models;

namespace Dashboard.Web.Columns;

/// <summary>
/// A section of the generic detail page, registered in DI (<c>services.AddSingleton(new DetailSection(...))</c>).
/// <see cref="Component"/> receives parameters <c>Kind</c> (ResourceKind) and <c>Object</c> (KubeObject, the live
/// object: the section re-renders when it changes). Sections are ordered by <see cref="Order"/>; the generic ones use
/// 100 (metadata), 200 (conditions), 900 (events), 1000 (YAML).
/// </summary>
public sealed record DetailSection(string Id, string TitleKey, Type Component, int Order, Func<ResourceKind, bool> AppliesTo)
{
    /// <summary>The resource type holding <see cref="TitleKey"/> (null: the shell's Strings).</summary>
    public Type? TitleResource { get; init; }
}
