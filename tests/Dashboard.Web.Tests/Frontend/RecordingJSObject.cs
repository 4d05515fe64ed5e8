using Microsoft.JSInterop;

namespace Dashboard.Web.Tests.Frontend;

/// <summary>A JavaScript object that records the calls made on it (for handles handed out later than bUnit's).</summary>
internal sealed class RecordingJSObject : IJSObjectReference
{
    public List<(string Method, object?[] Args)> Calls { get; } = [];

    /// <summary>What a call returns (default: the type's default).</summary>
    public Func<string, object?[], object?>? Result { get; init; }

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args)
    {
        Calls.Add((identifier, args ?? []));
        return ValueTask.FromResult(Result?.Invoke(identifier, args ?? []) is TValue value ? value : default!);
    }

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
        InvokeAsync<TValue>(identifier, args);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
