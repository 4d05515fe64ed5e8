using Dashboard.Kubernetes.Models;

namespace Dashboard.Web.Columns;

/// <summary>
/// One kind-specific column of a list page. <see cref="TitleKey"/> is a resource key (looked up in
/// <see cref="TitleResource"/>, default the shell's Strings). <see cref="Text"/> is the cell as text (also used for
/// filtering and export); <see cref="Sort"/> orders it (default: the text); <see cref="Cell"/>, when set, is a component
/// rendered instead of the text, with parameters <c>Object</c> (KubeObject) and <c>Now</c> (DateTimeOffset).
/// </summary>
public sealed record ResourceColumn(string Id, string TitleKey, Func<KubeObject, DateTimeOffset, string> Text)
{
    /// <summary>The sort key of a cell (default: its text, ordinal).</summary>
    public Func<KubeObject, DateTimeOffset, IComparable?>? Sort { get; init; }
    /// <summary>A component that renders the cell.</summary>
    public Type? Cell { get; init; }
    /// <summary>The resource type holding <see cref="TitleKey"/> (null: the shell's Strings).</summary>
    public Type? TitleResource { get; init; }
    /// <summary>CSS width, e.g. "8rem".</summary>
    public string? Width { get; init; }
}
