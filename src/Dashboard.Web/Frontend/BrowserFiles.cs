using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Dashboard.Web.Frontend;

/// <summary>Copy text to the user's clipboard and save text as a file in the browser (YAML export, logs download).</summary>
internal sealed class BrowserFiles(IJSRuntime js, FrontendModules modules, NavigationManager navigation) : IAsyncDisposable
{
    private IJSObjectReference? _module;

    /// <summary>Copies text; false when the browser refused (no permission, no user gesture).</summary>
    public async Task<bool> CopyTextAsync(string text) =>
        await (await ModuleAsync()).InvokeAsync<bool>("copyText", text);

    /// <summary>Offers text as a download named <paramref name="fileName"/> (made safe for every OS).</summary>
    public async Task DownloadTextAsync(string fileName, string text, string mimeType = "text/plain") =>
        await (await ModuleAsync()).InvokeAsync<bool>("downloadText", fileName, text, mimeType);

    private async ValueTask<IJSObjectReference> ModuleAsync() =>
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", navigation.ToAbsoluteUri(modules.PathOf("files")).ToString());

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_module is null) return;
        try
        {
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
        }
    }
}
