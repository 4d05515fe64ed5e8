using Microsoft.JSInterop;

namespace Dashboard.Web.Frontend;

/// <summary>
/// One widget made by a browser module's <c>create(...)</c> (terminal, editor, diff): the imported module and the
/// handle it returned. Disposing calls the handle's <c>dispose()</c> and releases both references; a circuit that is
/// already gone (tab closed) is not an error.
/// </summary>
internal sealed class JsWidget : IAsyncDisposable
{
    private readonly IJSObjectReference _module;
    private int _disposed;

    private JsWidget(IJSObjectReference module, IJSObjectReference handle)
    {
        _module = module;
        Handle = handle;
    }

    /// <summary>The object <c>create</c> returned.</summary>
    public IJSObjectReference Handle { get; }

    /// <summary>True once disposed: calls are then ignored.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) == 1;

    /// <summary>Imports the module at <paramref name="url"/> and calls its <c>create</c> with the arguments.</summary>
    public static async Task<JsWidget> CreateAsync(IJSRuntime js, string url, params object?[] args)
    {
        var module = await js.InvokeAsync<IJSObjectReference>("import", url);
        try
        {
            var handle = await module.InvokeAsync<IJSObjectReference>("create", args);
            return new JsWidget(module, handle);
        }
        catch
        {
            await DisposeQuietlyAsync(module);
            throw;
        }
    }

    /// <summary>Calls a method of the handle; does nothing once disposed or when the circuit is gone.</summary>
    public async ValueTask InvokeVoidAsync(string method, params object?[] args)
    {
        if (IsDisposed) return;
        try
        {
            await Handle.InvokeVoidAsync(method, args);
        }
        catch (JSDisconnectedException)
        {
        }
    }

    /// <summary>Calls a method of the handle and returns its result (<paramref name="fallback"/> once disposed or disconnected).</summary>
    public async ValueTask<T> InvokeAsync<T>(string method, T fallback, params object?[] args)
    {
        if (IsDisposed) return fallback;
        try
        {
            return await Handle.InvokeAsync<T>(method, args);
        }
        catch (JSDisconnectedException)
        {
            return fallback;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        try
        {
            await Handle.InvokeVoidAsync("dispose");
        }
        catch (Exception e) when (e is JSDisconnectedException or JSException or TaskCanceledException or ObjectDisposedException)
        {
            // The page is gone or the widget already tore itself down: nothing left to release in the browser.
        }
        await DisposeQuietlyAsync(Handle);
        await DisposeQuietlyAsync(_module);
    }

    private static async ValueTask DisposeQuietlyAsync(IJSObjectReference reference)
    {
        try
        {
            await reference.DisposeAsync();
        }
        catch (Exception e) when (e is JSDisconnectedException or JSException or TaskCanceledException or ObjectDisposedException)
        {
        }
    }
}
