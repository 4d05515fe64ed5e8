namespace Dashboard.Core.Relations;

/// <summary>
/// Shares equal values between index entries: the pods of one ReplicaSet name the same owner, ConfigMaps, Secret,
/// namespace and node, so each such string and reference is kept once instead of once per pod. Not thread-safe (the
/// index uses it under its lock). Forgets everything past a bound, so that churn cannot grow it without end.
/// </summary>
internal sealed class Interner
{
    private const int Bound = 200_000;
    private readonly Dictionary<object, object> _values = [];

    public T Share<T>(T value) where T : class
    {
        if (_values.TryGetValue(value, out var shared)) return (T)shared;
        if (_values.Count >= Bound) _values.Clear();
        _values[value] = value;
        return value;
    }

    public string? ShareOrNull(string? value) => value is null ? null : Share(value);
}
