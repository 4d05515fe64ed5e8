namespace Dashboard.Core.Access;

/// <summary>"May I do <see cref="Verb"/> on this resource/subresource in this namespace (and name)?"</summary>
public sealed record AccessQuery(string Verb, string Group, string Resource, string? Namespace = null, string? Name = null, string? Subresource = null)
{
    /// <summary>How a person would read the target: <c>deployments.apps/scale "web" in namespace "shop"</c>.</summary>
    public string Describe() => Target() + (string.IsNullOrEmpty(Namespace) ? " cluster-wide" : $" in namespace \"{Namespace}\"");

    /// <summary>The resource and name in the API's terms, without the scope: <c>deployments.apps/scale "web"</c>.</summary>
    public string Target()
    {
        var resource = (Group.Length == 0 ? Resource : $"{Resource}.{Group}") + (string.IsNullOrEmpty(Subresource) ? "" : "/" + Subresource);
        return string.IsNullOrEmpty(Name) ? resource : $"{resource} \"{Name}\"";
    }
}

/// <summary>Why a "no" is a no.</summary>
public enum DenialKind
{
    /// <summary>No Role or ClusterRole bound to the user allows it (the server gave no reason).</summary>
    NoRule,
    /// <summary>The authorizer gave its reason (<see cref="AccessAnswer.Detail"/>).</summary>
    ServerReason,
    /// <summary>The check itself failed (<see cref="AccessAnswer.Detail"/> is the evaluation error).</summary>
    CheckFailed,
}

/// <summary>
/// The answer, with an explanation a person can read when it is "no". <see cref="Explanation"/> is English (logs,
/// audit); the web layer words a denial in the reader's language from <see cref="Query"/>, <see cref="Denial"/> and
/// <see cref="Detail"/>.
/// </summary>
/// <param name="Allowed">True when the API server would allow it.</param>
/// <param name="Explanation">For a "no": why, in plain words (the server's reason when it gives one).</param>
public sealed record AccessAnswer(bool Allowed, string? Explanation)
{
    /// <summary>A "yes".</summary>
    public static AccessAnswer Yes { get; } = new(true, null);

    /// <summary>What was asked (set on a "no").</summary>
    public AccessQuery? Query { get; init; }

    /// <summary>Why it is a "no".</summary>
    public DenialKind Denial { get; init; }

    /// <summary>The server's reason or the evaluation error, in its own words.</summary>
    public string? Detail { get; init; }
}
