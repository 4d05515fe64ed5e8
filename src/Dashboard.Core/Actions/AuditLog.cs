using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Core.Actions;

/// <summary>One change made through the dashboard.</summary>
/// <param name="At">When it finished.</param>
/// <param name="User">Who (the signed-in user's name).</param>
/// <param name="Cluster">Which cluster.</param>
/// <param name="Action">What (scale, restart, delete...).</param>
/// <param name="Target">On what (<c>deployments.apps shop/web</c>), or the documents applied.</param>
/// <param name="Details">Parameters (replicas=3, image=..., revision=2...).</param>
/// <param name="Succeeded">The outcome.</param>
/// <param name="Message">The result summary or the error.</param>
public sealed record AuditEntry(DateTimeOffset At, string User, string Cluster, string Action, string Target, string Details, bool Succeeded, string Message)
{
    /// <summary>The object acted on, when the action had one (not for YAML applies), to decide who may see the entry.</summary>
    public ObjectRef? Ref { get; init; }
}

/// <summary>
/// The audit trail of every action made through the dashboard: bounded in memory, observable, exportable as CSV and
/// JSON. (The API server's own audit log, where enabled, records the same calls under the user's identity.)
/// </summary>
public sealed class AuditLog(int capacity = 10_000)
{
    private readonly object _gate = new();
    private readonly LinkedList<AuditEntry> _entries = new();

    /// <summary>Raised after an entry was recorded.</summary>
    public event Action<AuditEntry>? Recorded;

    /// <summary>Entries, newest first.</summary>
    public IReadOnlyList<AuditEntry> Entries { get { lock (_gate) return [.. _entries]; } }

    /// <summary>Adds an entry (the oldest is dropped beyond the capacity).</summary>
    public void Record(AuditEntry entry)
    {
        lock (_gate)
        {
            _entries.AddFirst(entry);
            while (_entries.Count > capacity) _entries.RemoveLast();
        }
        Recorded?.Invoke(entry);
    }

    /// <summary>CSV (RFC 4180) of the given entries (default: all).</summary>
    public string ExportCsv(IEnumerable<AuditEntry>? entries = null)
    {
        var sb = new StringBuilder("time,user,cluster,action,target,details,outcome,message\r\n");
        foreach (var e in entries ?? Entries)
        {
            sb.Append(string.Join(',', new[]
            {
                e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), e.User, e.Cluster, e.Action, e.Target, e.Details,
                e.Succeeded ? "success" : "failure", e.Message,
            }.Select(Csv))).Append("\r\n");
        }
        return sb.ToString();
    }

    /// <summary>JSON array of the given entries (default: all).</summary>
    public string ExportJson(IEnumerable<AuditEntry>? entries = null)
    {
        var array = new JsonArray((entries ?? Entries).Select(e => (JsonNode)new JsonObject
        {
            ["time"] = e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["user"] = e.User,
            ["cluster"] = e.Cluster,
            ["action"] = e.Action,
            ["target"] = e.Target,
            ["details"] = e.Details,
            ["outcome"] = e.Succeeded ? "success" : "failure",
            ["message"] = e.Message,
        }).ToArray());
        return array.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
