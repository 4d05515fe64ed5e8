namespace Dashboard.Core.Access;

/// <summary>"May I do <see cref="Verb"/> on this resource/subresource in this namespace (and name)?"</summary>
public sealed record AccessQuery(string Verb, string Group, string Resource, string? Namespace = null, string? Name = null, string? Subresource = null)
{
    /// <summary>How a person would read the target: <c>deployments.apps/scale "web" in namespace "shop"</c>.</summary>
    public string Describe()
    {
        var resource = (Group.Length == 0 ? Resource : $"{Resource}.{Group}") + (string.IsNullOrEmpty(Subresource) ? "" : "/" + Subresource);
        var name = string.IsNullOrEmpty(Name) ? "" : $" \"{Name}\"";
        var scope = string.IsNullOrEmpty(Namespace) ? " cluster-wide" : $" in namespace \"{Namespace}\"";
        return $"{resource}{name}{scope}";
    }
}

/// <summary>The answer, with an explanation a person can read when it is "no".</summary>
/// <param name="Allowed">True when the API server would allow it.</param>
/// <param name="Explanation">For a "no": why, in plain words (the server's reason when it gives one).</param>
public sealed record AccessAnswer(bool Allowed, string? Explanation)
{
    /// <summary>A "yes".</summary>
    public static AccessAnswer Yes { get; } = new(true, null);
}
