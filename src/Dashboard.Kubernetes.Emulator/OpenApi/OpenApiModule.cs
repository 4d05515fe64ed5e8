using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Server;

namespace Dashboard.Kubernetes.Emulator.OpenApi;

/// <summary>Serves /openapi/v3 (index and per group-version documents) and validates write bodies against the schemas.</summary>
internal sealed class OpenApiModule : IEmulatorModule
{
    public void Register(EmulatorContext context)
    {
        var documents = new OpenApiDocuments(context);
        context.Paths["/openapi/v3"] = request => request.WriteAsync(200, documents.Index());
        context.Paths["/openapi/v3/*"] = request =>
        {
            var path = request.Http.Request.Path.Value!["/openapi/v3/".Length..].Trim('/');
            var doc = documents.Document(path) ?? throw ApiException.PathNotFound();
            if (request.Query("hash") == doc.Hash)
                request.Http.Response.Headers.CacheControl = "public, immutable";
            request.Http.Response.Headers.ETag = $"\"{doc.Hash}\"";
            return request.WriteBytesAsync(200, doc.Body);
        };
        context.BodyValidators.Add(new FieldValidator(context));
    }
}
