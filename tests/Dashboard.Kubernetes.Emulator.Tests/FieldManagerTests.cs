using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Patching;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>Server-side apply ownership, FieldsV1 notation and conflicts, without HTTP.</summary>
public class FieldManagerTests
{
    private static readonly ResourceType Deployment = BuiltInResources.Types.First(t => t.Kind == "Deployment");
    private readonly FieldManager _manager = new(TimeProvider.System);

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private const string Config = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
           "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1","ports":[{"containerPort":80,"protocol":"TCP"}]}]}}}}
        """;

    [Fact]
    public void ApplyRecordsFieldsInFieldsV1Notation()
    {
        var created = _manager.Apply(Deployment, null, Obj(Config), "kubectl", force: false);
        var entry = created.Items("metadata.managedFields").Single();
        Assert.Equal("kubectl", entry.Str("manager"));
        Assert.Equal("Apply", entry.Str("operation"));
        Assert.Equal("apps/v1", entry.Str("apiVersion"));
        Assert.Equal("FieldsV1", entry.Str("fieldsType"));
        var fields = entry["fieldsV1"]!;
        Assert.NotNull(fields.At("f:spec.f:replicas"));
        Assert.Equal("{}", fields.At("f:spec.f:selector")!.ToJsonString()); // label selectors are atomic
        var container = fields.At("f:spec.f:template.f:spec.f:containers")!["k:{\"name\":\"nginx\"}"]!;
        Assert.NotNull(container["."]);
        Assert.NotNull(container["f:ports"]!["k:{\"containerPort\":80,\"protocol\":\"TCP\"}"]);
        Assert.Null(fields["f:metadata"]!["f:name"]);
    }

    [Fact]
    public void PortsAreKeyedWithTheDefaultedProtocol()
    {
        var created = _manager.Apply(Deployment, null, Obj(Config.Replace(",\"protocol\":\"TCP\"", "", StringComparison.Ordinal)), "kubectl", force: false);
        var ports = created.Items("metadata.managedFields").Single().At("fieldsV1.f:spec.f:template.f:spec.f:containers")!["k:{\"name\":\"nginx\"}"]!["f:ports"]!;
        Assert.NotNull(ports["k:{\"containerPort\":80,\"protocol\":\"TCP\"}"]);
    }

    [Fact]
    public void ConflictWithAnUpdateManagerNamesItsApiVersionAndField()
    {
        var live = _manager.Apply(Deployment, null, Obj(Config), "kubectl", force: false);
        var scaled = live.Clone();
        scaled["spec"]!["replicas"] = 5;
        _manager.RecordUpdate(Deployment, live, scaled, "kubectl-client-side-apply", null);

        var e = Assert.Throws<ApiException>(() => _manager.Apply(Deployment, scaled.Clone(), Obj(Config), "kubectl", force: false));
        Assert.Equal(409, e.Code);
        Assert.Equal("Conflict", e.Reason);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas", e.Message);
        var cause = e.Details!["causes"]![0]!;
        Assert.Equal("FieldManagerConflict", cause.Str("reason"));
        Assert.Equal("conflict with \"kubectl-client-side-apply\" using apps/v1", cause.Str("message"));
        Assert.Equal(".spec.replicas", cause.Str("field"));

        var forced = _manager.Apply(Deployment, scaled.Clone(), Obj(Config), "kubectl", force: true);
        Assert.Equal(2, forced.Int("spec.replicas"));
        Assert.DoesNotContain(forced.Items("metadata.managedFields"), m => m.Str("manager") == "kubectl-client-side-apply");
    }

    [Fact]
    public void AStaleResourceVersionInTheConfigurationIsAConflict()
    {
        var live = _manager.Apply(Deployment, null, Obj(Config), "a", force: false);
        live.Meta()["resourceVersion"] = "7";
        var config = Obj(Config);
        config.Meta()["resourceVersion"] = "6";
        var e = Assert.Throws<ApiException>(() => _manager.Apply(Deployment, live, config, "a", force: false));
        Assert.Equal(409, e.Code);
        config.Meta()["resourceVersion"] = "7";
        Assert.Equal("7", _manager.Apply(Deployment, live, config, "a", force: false).Str("metadata.resourceVersion"));
    }

    [Fact]
    public void SameValueIsSharedOwnershipNotAConflict()
    {
        var live = _manager.Apply(Deployment, null, Obj(Config), "a", force: false);
        var both = _manager.Apply(Deployment, live, Obj(Config), "b", force: false);
        Assert.Equal(2, both.Items("metadata.managedFields").Count());
    }

    [Fact]
    public void ConflictsInKeyedListsUseTheKeyInTheFieldPath()
    {
        var live = _manager.Apply(Deployment, null, Obj(Config), "a", force: false);
        var e = Assert.Throws<ApiException>(() => _manager.Apply(Deployment, live, Obj(Config.Replace("nginx:1", "nginx:2", StringComparison.Ordinal).Replace("\"replicas\":2", "\"replicas\":3", StringComparison.Ordinal)), "b", force: false));
        Assert.Equal("Apply failed with 2 conflicts: conflicts with \"a\":\n- .spec.replicas\n- .spec.template.spec.containers[name=\"nginx\"].image", e.Message);
    }

    [Fact]
    public void FieldsDroppedFromTheConfigurationAreRemovedUnlessOthersOwnThem()
    {
        var live = _manager.Apply(Deployment, null, Obj(Config), "kubectl", force: false);
        var withoutLabels = Obj(Config);
        withoutLabels["metadata"]!.AsObject().Remove("labels");
        withoutLabels["spec"]!.AsObject().Remove("replicas");
        var labeled = live.Clone();
        labeled["metadata"]!["labels"]!["extra"] = "x";
        _manager.RecordUpdate(Deployment, live, labeled, "kubectl-label", null);

        var after = _manager.Apply(Deployment, labeled, withoutLabels, "kubectl", force: false);
        Assert.Null(after.At("spec.replicas"));
        Assert.Null(after.At("metadata.labels.app"));
        Assert.Equal("x", after.Str("metadata.labels.extra"));
    }

    [Fact]
    public void ListElementsDroppedFromTheConfigurationAreRemoved()
    {
        var two = Config.Replace("}]}}}}", "},{\"name\":\"side\",\"image\":\"busybox\"}]}}}}", StringComparison.Ordinal);
        var live = _manager.Apply(Deployment, null, Obj(two), "kubectl", force: false);
        Assert.Equal(2, live.Items("spec.template.spec.containers").Count());
        var after = _manager.Apply(Deployment, live, Obj(Config), "kubectl", force: false);
        Assert.Equal(["nginx"], after.Items("spec.template.spec.containers").Select(c => c.Str("name")));
    }

    [Fact]
    public void UpdatesTakeOwnershipOfWhatTheyChange()
    {
        var live = _manager.Apply(Deployment, null, Obj(Config), "kubectl", force: false);
        var edited = live.Clone();
        edited["spec"]!["replicas"] = 7;
        _manager.RecordUpdate(Deployment, live, edited, "kubectl-edit", "");
        var entries = edited.Items("metadata.managedFields").ToList();
        Assert.Null(entries.Single(e => e.Str("manager") == "kubectl").At("fieldsV1.f:spec.f:replicas"));
        var edit = entries.Single(e => e.Str("manager") == "kubectl-edit");
        Assert.Equal("Update", edit.Str("operation"));
        Assert.Equal("{\"f:spec\":{\"f:replicas\":{}}}", edit["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public void CreatesOwnAddedMapsAsMembersButNotAlwaysPresentStructs()
    {
        var created = Obj(Config);
        _manager.RecordUpdate(Deployment, null, created, "kubectl-create", null);
        var fields = created.Items("metadata.managedFields").Single()["fieldsV1"]!;
        Assert.NotNull(fields.At("f:metadata.f:labels")!["."]);
        Assert.NotNull(fields.At("f:spec.f:template.f:metadata.f:labels")!["."]);
        Assert.Null(fields["f:spec"]!["."]);
        Assert.Null(fields.At("f:spec.f:template")!["."]);
    }
}
