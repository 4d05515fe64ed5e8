using System.Text.Json;
using Microsoft.Extensions.FileProviders;

namespace Dashboard.Web.Frontend;

/// <summary>
/// Where the browser modules built from wwwroot/src live (wwwroot/dist, see docs/FRONTEND.md). URLs carry the
/// manifest's version, so a rebuilt module is never served from a browser's cache.
/// </summary>
internal sealed class FrontendModules(IFileProvider webRoot)
{
    private const string ManifestPath = "dist/manifest.json";
    private readonly Lock _lock = new();
    private (DateTimeOffset Modified, Manifest Manifest)? _loaded;

    /// <summary>The module's path relative to the app's base, e.g. <c>dist/editor.js?v=47089645036c4207</c>.</summary>
    /// <exception cref="InvalidOperationException">The bundles were not built (no manifest) or lack the module.</exception>
    public string PathOf(string module)
    {
        var manifest = Load();
        if (!manifest.Entries.TryGetValue(module, out var file))
            throw new InvalidOperationException($"The front-end module '{module}' is missing from wwwroot/{ManifestPath}; rebuild the web project.");
        return $"dist/{file}?v={Uri.EscapeDataString(manifest.Version)}";
    }

    private Manifest Load()
    {
        // Re-read when the file changes: a developer rebuilds the bundles while the app runs.
        var info = webRoot.GetFileInfo(ManifestPath);
        if (!info.Exists)
            throw new InvalidOperationException(
                $"The front-end bundles are missing (wwwroot/{ManifestPath}). Build the web project with Node.js and npm installed (docs/FRONTEND.md).");
        lock (_lock)
        {
            if (_loaded is { } loaded && loaded.Modified == info.LastModified) return loaded.Manifest;
            using var stream = info.CreateReadStream();
            var manifest = JsonSerializer.Deserialize<Manifest>(stream, JsonOptions)
                ?? throw new InvalidOperationException($"wwwroot/{ManifestPath} is empty.");
            _loaded = (info.LastModified, manifest);
            return manifest;
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private sealed record Manifest(string Version, Dictionary<string, string> Entries);
}
