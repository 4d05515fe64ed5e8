using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Core.Resources;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections.Details;

/// <summary>The three probes a container can have.</summary>
public enum ProbeKind
{
    /// <summary>Restarts the container when it fails.</summary>
    Liveness,
    /// <summary>Takes the pod out of service endpoints when it fails.</summary>
    Readiness,
    /// <summary>Holds the other probes until it succeeds.</summary>
    Startup,
}

/// <summary>
/// A probe with the API's defaults applied (period 10s, timeout 1s, delay 0s, success 1, failure 3) and in words:
/// "HTTP GET :8080/healthz every 10s, timeout 1s, after 5s, fails after 3".
/// </summary>
/// <param name="Kind">Which probe.</param>
/// <param name="Action">"HTTP GET :8080/healthz", "TCP :5432", "gRPC :9090", "exec cat /tmp/ready".</param>
/// <param name="PeriodSeconds">periodSeconds.</param>
/// <param name="TimeoutSeconds">timeoutSeconds.</param>
/// <param name="InitialDelaySeconds">initialDelaySeconds.</param>
/// <param name="SuccessThreshold">successThreshold.</param>
/// <param name="FailureThreshold">failureThreshold.</param>
/// <param name="Sentence">The whole probe in words, in the culture it was built for.</param>
public sealed record ProbeView(ProbeKind Kind, string Action, int PeriodSeconds, int TimeoutSeconds, int InitialDelaySeconds,
    int SuccessThreshold, int FailureThreshold, string Sentence)
{
    /// <summary>Reads a probe; null when there is none.</summary>
    public static ProbeView? From(ProbeKind kind, JsonNode? probe, CultureInfo? culture = null)
    {
        if (probe is not JsonObject p) return null;
        var c = culture ?? CultureInfo.CurrentUICulture;
        var action = ActionOf(p, c);
        var period = (int)(L(p["periodSeconds"]) ?? 10);
        var timeout = (int)(L(p["timeoutSeconds"]) ?? 1);
        var delay = (int)(L(p["initialDelaySeconds"]) ?? 0);
        var success = (int)(L(p["successThreshold"]) ?? 1);
        var failure = (int)(L(p["failureThreshold"]) ?? 3);
        var parts = new List<string>
        {
            action + " " + CoreStrings.Format(c, "Probe_Every", period),
            CoreStrings.Format(c, "Probe_Timeout", timeout),
        };
        if (delay > 0) parts.Add(CoreStrings.Format(c, "Probe_After", delay));
        if (success > 1) parts.Add(CoreStrings.Format(c, "Probe_SucceedsAfter", success));
        parts.Add(CoreStrings.Format(c, "Probe_FailsAfter", failure));
        return new ProbeView(kind, action, period, timeout, delay, success, failure, string.Join(CoreStrings.Get("Probe_Separator", c), parts));
    }

    private static string ActionOf(JsonObject p, CultureInfo c)
    {
        if (p["httpGet"] is JsonObject http)
        {
            var scheme = (S(http["scheme"]) ?? "HTTP").ToUpperInvariant();
            var path = S(http["path"]) is { Length: > 0 } pa ? pa : "/";
            if (!path.StartsWith('/')) path = "/" + path;
            return $"{scheme} GET {S(http["host"])}:{S(http["port"])}{path}";
        }
        if (p["tcpSocket"] is JsonObject tcp) return $"TCP {S(tcp["host"])}:{S(tcp["port"])}";
        if (p["grpc"] is JsonObject grpc)
            return S(grpc["service"]) is { Length: > 0 } service ? $"gRPC :{S(grpc["port"])} {service}" : $"gRPC :{S(grpc["port"])}";
        if (p["exec"] is JsonObject exec)
            return CoreStrings.Format(c, "Probe_Exec", string.Join(' ', Strings(exec["command"]).Select(Quote)));
        return CoreStrings.Get("Probe_Unknown", c);
    }

    private static string Quote(string arg) => arg.Length == 0 || arg.Any(char.IsWhiteSpace) ? "\"" + arg.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" : arg;
}
