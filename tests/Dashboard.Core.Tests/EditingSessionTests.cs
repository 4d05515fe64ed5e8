using System.Text.Json.Nodes;
using Dashboard.Core.Access;
using Dashboard.Core.Actions;
using Dashboard.Core.Editing;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Tests;

/// <summary>The YAML edit and create flows against the emulator: dry run, diff, apply, 409, 422, strict fields, RBAC.</summary>
public sealed class EditingSessionTests(CacheFixture fx) : IClassFixture<CacheFixture>
{
    private readonly AuditLog _audit = new();
    private YamlEditor Editor => new(fx.Pool, new ActionService(fx.Pool, _audit));
    private ActionContext Admin => new("emulator", fx.AdminIdentity, "admin");

    private async Task<ObjectRef> DeploymentIn(string ns, string name, int replicas = 1)
    {
        await fx.NewNamespace(ns);
        await fx.Admin.CreateAsync(Deployment.Resource, ns, JsonNode.Parse("""
            {"metadata":{"name":"@n"},"spec":{"replicas":@r,"selector":{"matchLabels":{"app":"@n"}},
             "template":{"metadata":{"labels":{"app":"@n"}},"spec":{"containers":[{"name":"web","image":"nginx:1.26"}]}}}}
            """.Replace("@n", name, StringComparison.Ordinal).Replace("@r", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))!.AsObject());
        // Let the deployment controller finish writing its status (this cluster has no nodes, so it settles at once): an edit started earlier would meet a newer resourceVersion
        // and get 409 before any validation (as on a real API server), which is not what these tests are about.
        string? before = null, after = "";
        while (before != after)
        {
            before = (await fx.Admin.GetAsync(Deployment.Resource, ns, name)).ResourceVersion;
            await Task.Delay(300);
            after = (await fx.Admin.GetAsync(Deployment.Resource, ns, name)).ResourceVersion;
        }
        return new ObjectRef(Deployment.Resource, ns, name);
    }

    // Replaces the first occurrence (spec comes before status, whose fields often read the same).
    private static string Replace(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"\"{from}\" is not in the text");
        return text[..at] + to + text[(at + from.Length)..];
    }

    private static int LineOf(string text, string fragment) =>
        text.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains(fragment, StringComparison.Ordinal)).i + 1;

    private async Task<int> PodCount(string ns, string app) =>
        (await fx.Admin.ListAsync(Pod.Resource, ns, new ListOptions { LabelSelector = "app=" + app })).Items.Count(p => p.DeletionTimestamp is null);

    [Fact]
    public async Task Editing_replicas_dry_runs_with_a_diff_then_applies_and_the_pods_follow()
    {
        var web = await DeploymentIn("edit-replicas", "web");
        await CacheFixture.Eventually(() => PodCount("edit-replicas", "web").GetAwaiter().GetResult() == 1, "the first pod");
        var session = await Editor.EditAsync(Admin, web);
        Assert.DoesNotContain("managedFields", session.OriginalText, StringComparison.Ordinal);
        var text = Replace(session.OriginalText, "  replicas: 1\n", "  replicas: 3\n");

        var dry = await session.DryRunAsync(text);
        Assert.Equal(EditStatus.Valid, dry.Status);
        Assert.Contains(new FieldChange("spec.replicas", FieldChangeKind.Changed, "1", "3"), dry.Diff!.Changes);
        Assert.Contains("  replicas: 1\n", dry.Diff.Before, StringComparison.Ordinal);
        Assert.Contains("  replicas: 3\n", dry.Diff.After, StringComparison.Ordinal);
        Assert.Equal(1, (await fx.Admin.GetAsync(Deployment.Resource, "edit-replicas", "web")).GetInt64("spec.replicas"));

        var applied = await session.ApplyAsync(text);
        Assert.Equal(EditStatus.Applied, applied.Status);
        Assert.Equal(applied.Result!.ResourceVersion, session.BaseResourceVersion);
        await CacheFixture.Eventually(() => PodCount("edit-replicas", "web").GetAwaiter().GetResult() == 3, "three pods");
        Assert.Contains(_audit.Entries, e => e.Action == "edit" && e.Details == "dry-run" && e.Succeeded);
        Assert.Contains(_audit.Entries, e => e.Action == "edit" && e.Details == "" && e.Succeeded && e.Target == web.ToString());

        Assert.Equal(EditStatus.Unchanged, (await session.ApplyAsync(session.OriginalText)).Status);
    }

    [Fact]
    public async Task Removing_a_line_removes_the_field_and_managed_fields_can_be_shown()
    {
        var web = await DeploymentIn("edit-remove", "web");
        await fx.Admin.PatchAsync(Deployment.Resource, "edit-remove", "web", PatchType.Merge, JsonNode.Parse("""{"metadata":{"labels":{"team":"a","tier":"b"}}}""")!);
        var session = await Editor.EditAsync(Admin, web, includeManagedFields: true);
        Assert.Contains("managedFields:", session.OriginalText, StringComparison.Ordinal);
        session.IncludeManagedFields = false;
        var text = Replace(session.OriginalText, "    team: a\n", "");

        var applied = await session.ApplyAsync(text);

        Assert.Equal(EditStatus.Applied, applied.Status);
        var stored = await fx.Admin.GetAsync(Deployment.Resource, "edit-remove", "web");
        Assert.False(stored.Labels.ContainsKey("team"));
        Assert.Equal("b", stored.Labels["tier"]);
        Assert.NotNull(stored.Metadata["managedFields"]);
    }

    [Fact]
    public async Task Invalid_yaml_and_identity_changes_are_reported_at_their_line_without_calling_the_server()
    {
        var web = await DeploymentIn("edit-yaml", "web");
        var session = await Editor.EditAsync(Admin, web);
        var broken = Replace(session.OriginalText, "  replicas: 1\n", "  replicas: [1\n");
        fx.Emulator.Context.Requests.Clear();

        var outcome = await session.DryRunAsync(broken);

        Assert.Equal(EditStatus.Rejected, outcome.Status);
        var problem = Assert.Single(outcome.Problems);
        Assert.InRange(problem.Line!.Value, LineOf(broken, "replicas: [1"), LineOf(broken, "replicas: [1") + 2);
        Assert.Equal(broken, outcome.UserText);

        var renamed = Replace(session.OriginalText, "  name: web\n", "  name: web2\n");
        var rename = await session.ApplyAsync(renamed);
        Assert.Equal(EditStatus.Rejected, rename.Status);
        var p = Assert.Single(rename.Problems);
        Assert.Equal(("metadata.name", LineOf(renamed, "  name: web2"), 3), (p.Field, p.Line, p.Column));
        Assert.DoesNotContain(fx.Emulator.Context.Requests.Entries, r => r.Verb is "update" or "patch");
    }

    [Fact]
    public async Task A_422_places_each_cause_at_its_field_and_strict_validation_places_unknown_fields()
    {
        var web = await DeploymentIn("edit-invalid", "web");
        var session = await Editor.EditAsync(Admin, web);

        var negative = Replace(session.OriginalText, "  replicas: 1\n", "  replicas: -2\n");
        var invalid = await session.DryRunAsync(negative);
        Assert.Equal(EditStatus.Invalid, invalid.Status);
        var cause = Assert.Single(invalid.Problems);
        Assert.Equal(("spec.replicas", LineOf(negative, "replicas: -2"), 3, true), (cause.Field, cause.Line, cause.Column, cause.Exact));
        Assert.Contains("greater than or equal to 0", cause.Message, StringComparison.Ordinal);

        var unknown = Replace(session.OriginalText, "  replicas: 1\n", "  replicas: 1\n  replicaz: 2\n");
        var strict = await session.ApplyAsync(unknown);
        Assert.Equal(EditStatus.Invalid, strict.Status);
        var field = Assert.Single(strict.Problems);
        Assert.Equal(("spec.replicaz", LineOf(unknown, "replicaz"), 3), (field.Field, field.Line, field.Column));
        Assert.Equal(1, (await fx.Admin.GetAsync(Deployment.Resource, "edit-invalid", "web")).GetInt64("spec.replicas"));
    }

    private async Task<(EditSession Session, string Mine, EditConflict Conflict)> ConflictAsync(string ns)
    {
        var web = await DeploymentIn(ns, "web");
        var session = await Editor.EditAsync(Admin, web);
        var mine = Replace(session.OriginalText, "  replicas: 1\n", "  replicas: 2\n");
        // Another client changes the image meanwhile.
        await fx.Admin.PatchAsync(Deployment.Resource, ns, "web", PatchType.StrategicMerge, JsonNode.Parse(
            """{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}""")!);

        var outcome = await session.ApplyAsync(mine);

        Assert.Equal(EditStatus.Conflict, outcome.Status);
        Assert.Equal(mine, outcome.UserText);
        Assert.Equal(mine, outcome.Conflict!.UserText);
        Assert.Contains("image: nginx:1.27", outcome.Conflict.ServerText, StringComparison.Ordinal);
        return (session, mine, outcome.Conflict);
    }

    [Fact]
    public async Task A_409_resolved_by_reapplying_keeps_both_changes()
    {
        var (session, mine, conflict) = await ConflictAsync("edit-409-reapply");

        var outcome = await session.ResolveAsync(conflict, ConflictResolution.Reapply);

        Assert.Equal(EditStatus.Applied, outcome.Status);
        Assert.Equal(mine, conflict.UserText);
        var stored = await fx.Admin.GetAsync(Deployment.Resource, "edit-409-reapply", "web");
        Assert.Equal(2, stored.GetInt64("spec.replicas"));
        Assert.Equal("nginx:1.27", (string?)stored.Json["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
    }

    [Theory]
    [InlineData(EditSession.ReapplyAttempts - 1, EditStatus.Applied)]
    [InlineData(EditSession.ReapplyAttempts, EditStatus.Conflict)]
    public async Task A_reapply_that_meets_another_409_merges_again_a_few_times(int conflicts, EditStatus expected)
    {
        // A controller writing the object between the reapply's read and its write: the emulator answers 409 to the
        // next PUTs of this deployment.
        var ns = $"edit-409-again-{conflicts}";
        var (session, _, conflict) = await ConflictAsync(ns);
        using (fx.Emulator.Context.Faults.Add(new Kubernetes.Emulator.Testing.Fault
        {
            PathContains = $"/namespaces/{ns}/deployments/web", Method = "PUT", StatusCode = 409, Times = conflicts,
        }))
        {
            var outcome = await session.ResolveAsync(conflict, ConflictResolution.Reapply);
            Assert.Equal(expected, outcome.Status);
        }
        var stored = await fx.Admin.GetAsync(Deployment.Resource, ns, "web");
        Assert.Equal(expected == EditStatus.Applied ? 2 : 1, stored.GetInt64("spec.replicas"));
    }

    [Fact]
    public async Task A_409_resolved_by_overwriting_writes_the_users_text()
    {
        var (session, _, conflict) = await ConflictAsync("edit-409-overwrite");

        var outcome = await session.ResolveAsync(conflict, ConflictResolution.Overwrite);

        Assert.Equal(EditStatus.Applied, outcome.Status);
        var stored = await fx.Admin.GetAsync(Deployment.Resource, "edit-409-overwrite", "web");
        Assert.Equal(2, stored.GetInt64("spec.replicas"));
        Assert.Equal("nginx:1.26", (string?)stored.Json["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.Contains(_audit.Entries, e => e.Action == "edit" && e.Details == "overwrite" && e.Succeeded);
    }

    [Fact]
    public async Task A_409_cancelled_loads_the_new_version_and_keeps_the_users_text()
    {
        var (session, mine, conflict) = await ConflictAsync("edit-409-cancel");

        var outcome = await session.ResolveAsync(conflict, ConflictResolution.Cancel);

        Assert.Equal(EditStatus.Cancelled, outcome.Status);
        Assert.Equal(mine, outcome.UserText);
        Assert.Contains("image: nginx:1.27", outcome.ProposedText, StringComparison.Ordinal);
        Assert.Equal(session.OriginalText, outcome.ProposedText);
        Assert.Equal(1, (await fx.Admin.GetAsync(Deployment.Resource, "edit-409-cancel", "web")).GetInt64("spec.replicas"));
        // The kept text is now based on the new version: applying it again is a plain edit, not a conflict.
        var again = await session.ResolveAsync(new EditConflict(session.Original, session.OriginalText, mine), ConflictResolution.Reapply);
        Assert.Equal(EditStatus.Applied, again.Status);
    }

    [Fact]
    public async Task A_reapply_onto_the_same_field_reports_the_conflict_in_the_merged_text()
    {
        var web = await DeploymentIn("edit-409-both", "web");
        var session = await Editor.EditAsync(Admin, web);
        var mine = Replace(session.OriginalText, "  replicas: 1\n", "  replicas: 2\n");
        await fx.Admin.ScaleAsync(Deployment.Resource, "edit-409-both", "web", 4);
        var conflict = (await session.ApplyAsync(mine)).Conflict!;
        // The controller writes the deployment's status until its four replicas exist; the last apply below must not
        // race it (a 409 there would be right, but is not what this test is about).
        await CacheFixture.Eventually(() =>
        {
            var d = fx.Admin.GetAsync(Deployment.Resource, "edit-409-both", "web").GetAwaiter().GetResult();
            return d.GetInt64("status.observedGeneration") == d.Generation && d.GetInt64("status.replicas") == 4
                && d.GetInt64("status.updatedReplicas") == 4;
        }, "four replicas created");

        var outcome = await session.ResolveAsync(conflict, ConflictResolution.Reapply);

        Assert.Equal(EditStatus.MergeConflicts, outcome.Status);
        Assert.Equal(new MergeConflict("spec.replicas", "1", "2", "4"), Assert.Single(outcome.MergeConflicts));
        Assert.Equal(mine, outcome.UserText);
        var problem = Assert.Single(outcome.Problems);
        Assert.Equal(LineOf(outcome.ProposedText!, "  replicas: 2"), problem.Line);
        Assert.Equal(4, (await fx.Admin.GetAsync(Deployment.Resource, "edit-409-both", "web")).GetInt64("spec.replicas"));
        Assert.Equal(EditStatus.Applied, (await session.ApplyAsync(outcome.ProposedText!)).Status);
        Assert.Equal(2, (await fx.Admin.GetAsync(Deployment.Resource, "edit-409-both", "web")).GetInt64("spec.replicas"));
    }

    private const string Bundle = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          mode: fast
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
        spec:
          replicas: 1
          selector:
            matchLabels: {app: api}
          template:
            metadata:
              labels: {app: api}
            spec:
              containers:
              - name: api
                image: nginx:1.27
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          namespace: create-other
        spec:
          selector: {app: api}
          ports:
          - port: 80
        """;

    [Fact]
    public async Task A_multi_document_create_dry_runs_each_document_then_creates_them_all()
    {
        await fx.NewNamespace("create-multi");
        await fx.NewNamespace("create-other");
        var create = Editor.Create(Admin, "create-multi");
        Assert.Throws<InvalidOperationException>(() => create.ApplyAsync(Bundle).GetAwaiter().GetResult());

        var dry = await create.DryRunAsync(Bundle);
        Assert.True(dry.AllSucceeded, string.Join("; ", dry.Documents.Select(d => d.Message)));
        Assert.Equal([1, 8, 24], dry.Documents.Select(d => d.Line));
        Assert.DoesNotContain((await fx.Admin.ListAsync(ConfigMap.Resource, "create-multi")).Items, c => c.Name == "settings");

        var applied = await create.ApplyAsync(Bundle);
        Assert.True(applied.AllSucceeded);
        Assert.Equal(
        [
            new ObjectRef(ConfigMap.Resource, "create-multi", "settings"),
            new ObjectRef(Deployment.Resource, "create-multi", "api"),
            new ObjectRef(Service.Resource, "create-other", "api"),
        ], applied.Documents.Select(d => d.Target));
        var cm = await fx.Admin.GetAsync(ConfigMap.Resource, "create-multi", "settings");
        Assert.Contains(cm.Metadata["managedFields"]!.AsArray(), m => (string?)m!["manager"] == ActionService.FieldManager && (string?)m["operation"] == "Apply");
        await fx.Admin.GetAsync(Service.Resource, "create-other", "api");
    }

    [Fact]
    public async Task A_create_reports_yaml_errors_and_each_documents_field_errors_at_their_lines()
    {
        await fx.NewNamespace("create-bad");
        var create = Editor.Create(Admin, "create-bad");

        var broken = await create.DryRunAsync("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [x\n");
        Assert.NotNull(broken.YamlError);
        Assert.Empty(broken.Documents);
        Assert.False(create.IsChecked("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [x\n"));

        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bad\nspec:\n  replicas: -1\n  selector:\n    matchLabels: {app: bad}\n  template:\n    metadata:\n      labels: {app: bad}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n        imagePullPolicee: Always\n---\nkind: Nothing\napiVersion: v9\nmetadata:\n  name: x\n";
        var result = await create.DryRunAsync(text);

        Assert.Equal([true, false, false], result.Documents.Select(d => d.Succeeded));
        var unknown = Assert.Single(result.Documents[1].Problems);
        Assert.Equal(("spec.template.spec.containers[0].imagePullPolicee", LineOf(text, "imagePullPolicee")), (unknown.Field, unknown.Line));
        Assert.Contains("Nothing", result.Documents[2].Message, StringComparison.Ordinal);

        var fixedText = text.Replace("        imagePullPolicee: Always\n", "", StringComparison.Ordinal);
        var invalid = await create.DryRunAsync(fixedText);
        var cause = Assert.Single(invalid.Documents[1].Problems);
        Assert.Equal(("spec.replicas", LineOf(fixedText, "replicas: -1"), 3), (cause.Field, cause.Line, cause.Column));
    }

    [Fact]
    public async Task A_viewer_is_not_offered_write_mode_and_the_server_refuses_their_writes()
    {
        var web = await DeploymentIn("edit-viewer", "web");
        await fx.Admin.CreateAsync(RoleBinding.Resource, "edit-viewer", JsonNode.Parse("""
            {"metadata":{"name":"viewer"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},
             "subjects":[{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"edit-viewer"}]}
            """)!.AsObject());
        var identity = fx.Pool.SignIn("emulator", fx.Emulator.Context.Users.Add("edit-viewer"));
        var viewer = new ActionContext("emulator", identity, "edit-viewer");
        var permissions = new PermissionService(fx.Pool);

        var session = await Editor.EditAsync(viewer, web);
        var edit = await EditPermissions.CheckAsync(permissions, "emulator", identity, session.RequiredAccess);
        Assert.False(edit.Allowed);
        Assert.Contains("update", edit.Explanation, StringComparison.Ordinal);
        var create = await EditPermissions.CheckAsync(permissions, "emulator", identity, EditPermissions.ForDocuments(Bundle, "edit-viewer", fx.Admin.Kinds));
        Assert.False(create.Allowed);
        Assert.True((await EditPermissions.CheckAsync(permissions, "emulator", fx.AdminIdentity, session.RequiredAccess)).Allowed);

        var outcome = await session.ApplyAsync(Replace(session.OriginalText, "  replicas: 1\n", "  replicas: 5\n"));
        Assert.Equal(EditStatus.Forbidden, outcome.Status);
        Assert.Equal(1, (await fx.Admin.GetAsync(Deployment.Resource, "edit-viewer", "web")).GetInt64("spec.replicas"));
        Assert.Contains(_audit.Entries, e => e.User == "edit-viewer" && e.Action == "edit" && !e.Succeeded);
    }
}
