using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>A patch that pins no resourceVersion survives a concurrent write, as with the API server's GuaranteedUpdate.</summary>
public sealed class PatchRetryTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    /// <summary>Writes the object behind the patch's back the first time the patch reaches admission.</summary>
    private sealed class Interloper(ObjectApi api, string name) : IAdmissionPlugin
    {
        public int Order => 10_000;
        public bool Armed { get; set; } = true;

        public void Admit(AdmissionRequest request)
        {
            if (!Armed || request.Operation != AdmissionOperation.Update || request.Object.Name() != name) return;
            Armed = false;
            var current = api.Store.Get(request.Type, request.Object.Namespace(), name)!.ToJson();
            current.Obj("data")["other"] = "written-meanwhile";
            api.Store.Update(request.Type, current, null);
        }
    }

    private static JsonObject ConfigMap(string name) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name },
        ["data"] = new JsonObject { ["k"] = "v" },
    };

    [Fact]
    public async Task An_unpinned_merge_patch_is_reapplied_to_the_fresh_object()
    {
        fx.Emulator.Context.Api.AddAdmission(new Interloper(fx.Emulator.Context.Api, "raced"));
        using var api = new RawApi(fx.Emulator);
        Assert.Equal(201, (await api.Post("/api/v1/namespaces/default/configmaps", ConfigMap("raced"))).Code);

        var (code, body) = await api.Send(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/raced",
            new JsonObject { ["data"] = new JsonObject { ["k"] = "patched" } }, "application/merge-patch+json");
        Assert.Equal(200, code);
        Assert.Equal("patched", (string?)body!["data"]!["k"]);
        Assert.Equal("written-meanwhile", (string?)body["data"]!["other"]);
    }

    [Fact]
    public async Task A_patch_that_pins_a_stale_resource_version_still_conflicts()
    {
        fx.Emulator.Context.Api.AddAdmission(new Interloper(fx.Emulator.Context.Api, "pinned"));
        using var api = new RawApi(fx.Emulator);
        var (_, created) = await api.Post("/api/v1/namespaces/default/configmaps", ConfigMap("pinned"));
        var rv = (string?)created!["metadata"]!["resourceVersion"];

        var (code, status) = await api.Send(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/pinned",
            new JsonObject { ["metadata"] = new JsonObject { ["resourceVersion"] = rv }, ["data"] = new JsonObject { ["k"] = "patched" } },
            "application/merge-patch+json");
        Assert.Equal(409, code);
        Assert.Equal("Conflict", (string?)status!["reason"]);
    }
}
