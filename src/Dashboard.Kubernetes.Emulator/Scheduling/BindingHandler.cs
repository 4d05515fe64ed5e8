using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Server;

namespace Dashboard.Kubernetes.Emulator.Scheduling;

/// <summary><c>POST pods/{name}/binding</c>: a v1 Binding assigns the pod to <c>target.name</c> (what custom schedulers use).</summary>
internal static class BindingHandler
{
    public static async Task HandleAsync(ApiRequest request)
    {
        var info = request.Info;
        if (!HttpMethodIsPost(request)) throw ApiException.MethodNotSupported("pods/binding", request.Http.Request.Method);
        var binding = await request.ReadObjectAsync().ConfigureAwait(false);
        var name = binding.Name().Length > 0 ? binding.Name() : info.Name;
        if (name != info.Name)
            throw ApiException.BadRequest($"the name of the object ({name}) does not match the name on the URL ({info.Name})");
        var target = binding.Str("target.name") ?? "";
        if (target.Length == 0)
            throw ApiException.InvalidField(request.Context.Type("", "pods"), name, "target.name", "Required value", "FieldValueRequired");
        if ((binding.Str("target.kind") ?? "Node") is not ("Node" or ""))
            throw ApiException.InvalidField(request.Context.Type("", "pods"), name, "target.kind", "must be empty or 'Node'");
        // The API only binds; the Scheduled event is the caller's (the scheduler records it).
        if (!request.DryRun) PodBinder.Bind(request.Context, info.Namespace, info.Name, target, binding.Str("metadata.uid"));
        await request.WriteAsync(201, Success(201)).ConfigureAwait(false);
    }

    private static bool HttpMethodIsPost(ApiRequest request) =>
        string.Equals(request.Http.Request.Method, "POST", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Status a successful binding or eviction answers with.</summary>
    public static JsonObject Success(int code) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["code"] = code,
    };
}
