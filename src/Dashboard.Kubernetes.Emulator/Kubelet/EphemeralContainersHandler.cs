using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Emulator.Server;

namespace Dashboard.Kubernetes.Emulator.Kubelet;

/// <summary>
/// <c>pods/{name}/ephemeralcontainers</c> (what <c>kubectl debug</c> patches): GET returns the pod; PATCH and PUT may
/// only add ephemeral containers — the rest of the pod, and existing ephemeral containers, stay as they are.
/// </summary>
internal static class EphemeralContainersHandler
{
    public static async Task HandleAsync(ApiRequest request)
    {
        var context = request.Context;
        var info = request.Info;
        var pods = context.Type("", "pods");
        var method = request.Http.Request.Method.ToUpperInvariant();
        var current = context.Api.Get(pods, info.Namespace, info.Name);
        if (method == "GET")
        {
            await request.WriteAsync(200, current).ConfigureAwait(false);
            return;
        }
        JsonObject proposed = method switch
        {
            // The patch is applied as a dry run by the system user: only its ephemeralContainers are taken below.
            "PATCH" => context.Api.Patch(pods, info.Namespace, info.Name, request.Http.Request.ContentType ?? "application/strategic-merge-patch+json",
                await request.ReadBodyAsync().ConfigureAwait(false), UserInfo.System, new WriteOptions { DryRun = true }),
            "PUT" => await request.ReadObjectAsync().ConfigureAwait(false),
            _ => throw ApiException.MethodNotSupported("pods/ephemeralcontainers", method),
        };
        var existing = current.Items("spec.ephemeralContainers").ToList();
        var wanted = proposed.Items("spec.ephemeralContainers").ToList();
        foreach (var old in existing)
        {
            var same = wanted.FirstOrDefault(w => w.Str("name") == old.Str("name"));
            if (same is null || !JsonNode.DeepEquals(same, old))
                throw ApiException.InvalidField(pods, info.Name, "spec.ephemeralContainers",
                    $"Forbidden: existing ephemeral containers \"{old.Str("name")}\" may not be removed or changed", "FieldValueForbidden");
        }
        var names = current.Items("spec.containers").Concat(current.Items("spec.initContainers")).Concat(existing).Select(c => c.Str("name")).ToHashSet();
        foreach (var added in wanted.Where(w => !existing.Any(e => e.Str("name") == w.Str("name"))))
        {
            if (names.Contains(added.Str("name")))
                throw ApiException.InvalidField(pods, info.Name, "spec.ephemeralContainers[0].name", $"Duplicate value: \"{added.Str("name")}\"", "FieldValueDuplicate");
            if (string.IsNullOrEmpty(added.Str("image")))
                throw ApiException.InvalidField(pods, info.Name, "spec.ephemeralContainers[0].image", "Required value", "FieldValueRequired");
            added["terminationMessagePath"] ??= "/dev/termination-log";
            added["terminationMessagePolicy"] ??= "File";
            added["imagePullPolicy"] ??= ImageNames.DefaultPullPolicy(added.Str("image")!);
        }
        current.Obj("spec")["ephemeralContainers"] = new JsonArray(wanted.Select(w => (JsonNode)w.DeepClone()).ToArray());
        var written = request.DryRun ? current
            : context.Api.Update(pods, info.Namespace, info.Name, current, UserInfo.System, new WriteOptions { Subresource = "ephemeralcontainers" });
        await request.WriteAsync(200, written).ConfigureAwait(false);
    }
}
