namespace Dashboard.Web.Columns;

/// <summary>How a status badge looks.</summary>
public enum StatusTone
{
    /// <summary>Neutral (no opinion).</summary>
    Neutral,
    /// <summary>Healthy.</summary>
    Good,
    /// <summary>In progress or degraded.</summary>
    Warning,
    /// <summary>Failed.</summary>
    Bad,
}

/// <summary>The text of a status badge and its tone.</summary>
public sealed record ResourceStatus(string Text, StatusTone Tone)
{
    /// <summary>No status to show.</summary>
    public static ResourceStatus None { get; } = new("", StatusTone.Neutral);
}
