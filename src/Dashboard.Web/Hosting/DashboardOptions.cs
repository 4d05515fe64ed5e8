using System.ComponentModel.DataAnnotations;

namespace Dashboard.Web.Hosting;

/// <summary>Settings bound from the <c>Dashboard</c> configuration section (and <c>Dashboard__*</c> environment variables).</summary>
public sealed class DashboardOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard";

    /// <summary>The mode; <see cref="DashboardMode.Auto"/> picks one from the environment.</summary>
    public DashboardMode Mode { get; set; } = DashboardMode.Auto;

    /// <summary>A kubeconfig file to use instead of <c>KUBECONFIG</c> / <c>~/.kube/config</c>.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>The kubeconfig context to open first (default: its current-context).</summary>
    public string? Context { get; set; }

    /// <summary>The emulator scenario in demo mode.</summary>
    [Required]
    public string DemoScenario { get; set; } = "demo";

    /// <summary>Multiplies the emulator's simulated delays (tests use a small value).</summary>
    [Range(0.001, 100)]
    public double DemoTimeScale { get; set; } = 1;

    /// <summary>Pods in the <c>large</c> demo scenario (performance work).</summary>
    [Range(0, 1_000_000)]
    public int DemoLargePods { get; set; } = 30_000;

    /// <summary>Nodes in the <c>large</c> demo scenario.</summary>
    [Range(1, 100_000)]
    public int DemoLargeNodes { get; set; } = 500;

    /// <summary>
    /// Trust the <c>Authorization: Bearer</c> header set by an authenticating proxy (oauth2-proxy) instead of the sign-in
    /// form. Only safe when nothing but the proxy can reach the dashboard.
    /// </summary>
    public bool TrustedProxy { get; set; }

    /// <summary>Sign-in attempts allowed per client address per minute.</summary>
    [Range(1, 10_000)]
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>
    /// A directory for the Data Protection keys that encrypt session cookies. Set it to a volume shared by all replicas
    /// (and kept across restarts) so sessions survive both; unset, keys live in the user profile.
    /// </summary>
    public string? DataProtectionKeys { get; set; }

    /// <summary>How long a sign-in lasts without use.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
}
