using Dashboard.Core.Actions;

namespace Dashboard.Web.Components.Actions;

/// <summary>
/// The audit page's filter (also applied by the export endpoint, so a download holds what the page shows): the
/// cluster in use, free text over target/details/message, exact user and action, and the outcome (success/failure).
/// </summary>
public sealed record AuditFilter(string Cluster, string? Text, string? User, string? Action, string? Outcome)
{
    /// <summary>True when the entry passes.</summary>
    public bool Matches(AuditEntry e) =>
        e.Cluster == Cluster
        && (string.IsNullOrWhiteSpace(User) || string.Equals(e.User, User, StringComparison.Ordinal))
        && (string.IsNullOrWhiteSpace(Action) || string.Equals(e.Action, Action, StringComparison.Ordinal))
        && (string.IsNullOrWhiteSpace(Outcome) || (Outcome == "success") == e.Succeeded)
        && (string.IsNullOrWhiteSpace(Text) || Contains(e.Target, Text) || Contains(e.Details, Text) || Contains(e.Message, Text) || Contains(e.User, Text));

    /// <summary>The entries that pass, in the log's order (newest first).</summary>
    public static IReadOnlyList<AuditEntry> Apply(IEnumerable<AuditEntry> entries, AuditFilter filter) => entries.Where(filter.Matches).ToList();

    private static bool Contains(string value, string text) => value.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase);
}
