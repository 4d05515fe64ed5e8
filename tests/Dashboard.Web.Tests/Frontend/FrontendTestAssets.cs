using Bunit;
using Microsoft.Extensions.FileProviders;

namespace Dashboard.Web.Tests.Frontend;

/// <summary>
/// A web root holding only a front-end manifest, so components resolve module URLs without the real bundles (bUnit
/// mocks the JavaScript anyway). The manifest's version is <see cref="Version"/>.
/// </summary>
internal static class FrontendTestAssets
{
    public const string Version = "test0123456789ab";

    private static readonly Lazy<PhysicalFileProvider> Root = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), "dashboard-web-tests-webroot-" + Environment.ProcessId);
        Directory.CreateDirectory(Path.Combine(dir, "dist"));
        File.WriteAllText(Path.Combine(dir, "dist", "manifest.json"),
            $$"""{ "version": "{{Version}}", "entries": { "editor": "editor.js", "merge": "merge.js", "terminal": "terminal.js", "files": "files.js" } }""");
        return new PhysicalFileProvider(dir);
    });

    public static IFileProvider WebRoot => Root.Value;

    /// <summary>The URL a component imports for a module, in bUnit (base http://localhost/).</summary>
    public static string UrlOf(string module) => $"http://localhost/dist/{module}.js?v={Version}";

    /// <summary>Mocks a module and the handle its <c>create</c> returns; returns the handle's interop to inspect calls.</summary>
    public static (BunitJSModuleInterop Module, BunitJSModuleInterop Handle) MockWidget(BunitContext ctx, string module)
    {
        var url = UrlOf(module);
        var mod = ctx.JSInterop.SetupModule(inv => inv.Identifier == "import" && Equals(inv.Arguments[0], url));
        var handle = mod.SetupModule("create", _ => true);
        return (mod, handle);
    }

    /// <summary>The <c>create</c> call: element, then the .NET reference (when the widget has one), then options.</summary>
    public static JSRuntimeInvocation CreateCall(BunitJSModuleInterop module) => Assert.Single(module.Invocations["create"]);

    /// <summary>Calls of one method on a handle.</summary>
    public static IReadOnlyList<JSRuntimeInvocation> Calls(BunitJSModuleInterop handle, string method) =>
        [.. handle.Invocations[method]];

    /// <summary>Reads a property of an anonymous options object passed to JavaScript.</summary>
    public static object? Option(object? options, string name) => options?.GetType().GetProperty(name)?.GetValue(options);
}
