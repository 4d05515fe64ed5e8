namespace Dashboard.Core.Projections.Cron;

/// <summary>One comma-separated part of a cron field: a value, a range, or either with a step; <c>*</c> is the full range.</summary>
/// <param name="Start">First value.</param>
/// <param name="End">Last value (equal to <paramref name="Start"/> for a single value).</param>
/// <param name="Step">Step (1 when none).</param>
/// <param name="IsStar">Written as <c>*</c> or <c>?</c> (with or without a step).</param>
public readonly record struct CronPart(int Start, int End, int Step, bool IsStar)
{
    /// <summary>True for a single value.</summary>
    public bool IsSingle => Start == End && !IsStar;
}

/// <summary>One field of a cron expression: the parts as written and the set of values they select.</summary>
public sealed class CronField
{
    internal CronField(int min, int max, IReadOnlyList<CronPart> parts)
    {
        Min = min;
        Max = max;
        Parts = parts;
        foreach (var p in parts)
            for (var v = p.Start; v <= p.End; v += p.Step) Bits |= 1UL << v;
        // As in the cron library Kubernetes uses: "*" or "?" (step 1) is a wildcard for the day-of-month/day-of-week rule.
        IsWildcard = parts.Any(p => p.IsStar && p.Step == 1);
    }

    /// <summary>Smallest value of the field.</summary>
    public int Min { get; }
    /// <summary>Largest value of the field.</summary>
    public int Max { get; }
    /// <summary>The parts as written.</summary>
    public IReadOnlyList<CronPart> Parts { get; }
    /// <summary>True when written as <c>*</c> or <c>?</c>.</summary>
    public bool IsWildcard { get; }
    internal ulong Bits { get; }

    /// <summary>True when the value is selected.</summary>
    public bool Contains(int value) => value >= 0 && value < 64 && (Bits & (1UL << value)) != 0;

    /// <summary>The selected values in order.</summary>
    public IReadOnlyList<int> Values
    {
        get
        {
            var list = new List<int>();
            for (var v = Min; v <= Max; v++)
                if (Contains(v)) list.Add(v);
            return list;
        }
    }

    /// <summary>True when every part is a single value.</summary>
    public bool IsList => Parts.All(p => p.IsSingle);

    /// <summary>The step of a lone <c>*/n</c> part, or null.</summary>
    public int? EveryStep => Parts.Count == 1 && Parts[0] is { IsStar: true, Step: > 1 } p ? p.Step : null;
}
