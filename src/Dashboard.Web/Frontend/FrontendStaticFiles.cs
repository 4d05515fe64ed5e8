using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Dashboard.Web.Frontend;

/// <summary>
/// Serves the web root's public folders only. wwwroot is also the npm project (package.json, sources, node_modules,
/// the check page): none of that is the app's to serve. Hashed chunks are cached for good; the rest is revalidated.
/// </summary>
internal static class FrontendStaticFiles
{
    /// <summary>Top-level folders of wwwroot that the app serves (_content: packages' static web assets, e.g. Radzen).</summary>
    internal static readonly string[] PublicFolders = ["css", "js", "dist", "img", "fonts", "_content"];

    /// <summary>Adds the static-file middleware over the web root's public folders.</summary>
    public static IApplicationBuilder UseDashboardStaticFiles(this IApplicationBuilder app, IWebHostEnvironment environment) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PublicFolderProvider(environment.WebRootFileProvider),
            ContentTypeProvider = ContentTypes(),
            OnPrepareResponse = context =>
            {
                var path = context.Context.Request.Path.Value ?? "";
                context.Context.Response.Headers.CacheControl = path.StartsWith("/dist/chunks/", StringComparison.Ordinal)
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
            },
        });

    private static FileExtensionContentTypeProvider ContentTypes()
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".map"] = "application/json";
        types.Mappings[".mjs"] = "text/javascript";
        return types;
    }

    /// <summary>A view of a file provider limited to <see cref="PublicFolders"/>.</summary>
    internal sealed class PublicFolderProvider(IFileProvider inner) : IFileProvider
    {
        public IFileInfo GetFileInfo(string subpath) =>
            IsPublic(subpath) ? inner.GetFileInfo(subpath) : new NotFoundFileInfo(subpath);

        public IDirectoryContents GetDirectoryContents(string subpath) =>
            IsPublic(subpath) ? inner.GetDirectoryContents(subpath) : NotFoundDirectoryContents.Singleton;

        public IChangeToken Watch(string filter) => inner.Watch(filter);

        internal static bool IsPublic(string subpath)
        {
            var path = subpath.TrimStart('/', '\\');
            var slash = path.IndexOfAny(['/', '\\']);
            if (slash <= 0) return false;
            var folder = path[..slash];
            return PublicFolders.Contains(folder, StringComparer.Ordinal) && !path.Contains("..", StringComparison.Ordinal);
        }
    }
}
