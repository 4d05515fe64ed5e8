namespace Dashboard.Kubernetes.Emulator.Api;

/// <summary>An authenticated caller, as TokenReview and SelfSubjectReview report it.</summary>
public sealed record UserInfo(string Name, string Uid, IReadOnlyList<string> Groups)
{
    /// <summary>Extra attributes (from impersonation or ServiceAccount tokens).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Extra { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The identity controllers act with inside the emulator: it bypasses authorization like the real ones.</summary>
    public static UserInfo System { get; } = new("system:kube-controller-manager", "", ["system:masters", "system:authenticated"]);

    /// <summary>True for members of system:masters, who bypass authorization.</summary>
    public bool IsMaster => Groups.Contains("system:masters");
}
