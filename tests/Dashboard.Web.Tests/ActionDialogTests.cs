using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Bunit;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Components.Actions;

namespace Dashboard.Web.Tests;

public sealed class ActionDialogTests(WebFixture fx) : IClassFixture<WebFixture>
{
    private static KubeObject Deployment() => ActionFixtures.Object("deployment-fraud-detector");

    [Fact]
    public void Scale_accepts_0_to_N_and_explains_anything_else()
    {
        using var ctx = fx.Context();
        var cut = ctx.Render<ScaleDialog>(p => p.Add(d => d.Kind, Kubernetes.Models.Deployment.Resource).Add(d => d.Object, Deployment()));
        Assert.Contains("Current replicas: 1", cut.Markup);
        var input = cut.Find("input[type=number]");
        input.Input("-1");
        Assert.Equal("Replicas must be between 0 and 10000.", cut.Find("[role=alert]").TextContent);
        Assert.True(cut.FindAll("button").Single(b => b.TextContent.Trim() == "Scale").HasAttribute("disabled"));
        input.Input("two");
        Assert.Equal("Enter a whole number.", cut.Find("[role=alert]").TextContent);
        input.Input("0");
        Assert.Empty(cut.FindAll("[role=alert]"));
        Assert.False(cut.FindAll("button").Single(b => b.TextContent.Trim() == "Scale").HasAttribute("disabled"));
    }

    [Fact]
    public void Set_image_validates_the_reference_and_refuses_the_unchanged_image()
    {
        using var ctx = fx.Context();
        var cut = ctx.Render<SetImageDialog>(p => p.Add(d => d.Kind, Kubernetes.Models.Deployment.Resource).Add(d => d.Object, Deployment()));
        IElement Submit() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Set image");
        Assert.Equal("detector", cut.Find("select option").TextContent);
        Assert.Equal("The image is unchanged.", cut.Find("[role=alert]").TextContent);
        cut.Find("input[type=text]").Input("Fraud Detector:2");
        Assert.StartsWith("Not a valid image reference", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.True(Submit().HasAttribute("disabled"));
        cut.Find("input[type=text]").Input("ghcr.io/acme-demo/fraud-detector:1.5.0");
        Assert.Empty(cut.FindAll("[role=alert]"));
        Assert.False(Submit().HasAttribute("disabled"));
    }

    [Fact]
    public void Label_editor_checks_key_and_value_syntax_and_duplicates()
    {
        using var ctx = fx.Context();
        var cut = ctx.Render<MetadataMapDialog>(p => p.Add(d => d.Kind, Kubernetes.Models.Deployment.Resource).Add(d => d.Object, Deployment()).Add(d => d.Labels, true));
        IElement Save() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Save");
        Assert.Equal("app", cut.Find("input[aria-label='Key 1']").GetAttribute("value"));
        Assert.True(Save().HasAttribute("disabled")); // nothing changed yet
        cut.FindAll("button").Single(b => b.TextContent.Trim().EndsWith("Add", StringComparison.Ordinal)).Click();
        cut.Find("input[aria-label='Key 2']").Input("bad key");
        Assert.StartsWith("The key's name must be", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        cut.Find("input[aria-label='Key 2']").Input("app");
        Assert.Equal(2, cut.FindAll("[role=alert]").Count(a => a.TextContent == "This key appears more than once."));
        cut.Find("input[aria-label='Key 2']").Input("tier");
        cut.Find("input[aria-label='Value 2']").Input("not valid!");
        Assert.StartsWith("A label value must be", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.True(Save().HasAttribute("disabled"));
        cut.Find("input[aria-label='Value 2']").Input("backend");
        Assert.Empty(cut.FindAll("[role=alert]"));
        Assert.Contains("1 change(s) will be saved.", cut.Markup);
        Assert.False(Save().HasAttribute("disabled"));
    }

    [Fact]
    public void Annotation_values_are_free_text()
    {
        using var ctx = fx.Context();
        var cut = ctx.Render<MetadataMapDialog>(p => p.Add(d => d.Kind, Kubernetes.Models.Deployment.Resource).Add(d => d.Object, Deployment()).Add(d => d.Labels, false));
        cut.FindAll("button").Single(b => b.TextContent.Trim().EndsWith("Add", StringComparison.Ordinal)).Click();
        var rows = cut.FindAll("tbody tr").Count;
        cut.Find($"input[aria-label='Key {rows}']").Input("example.com/note");
        cut.Find($"textarea[aria-label='Value {rows}']").Input("free text, with: anything / at all");
        Assert.Empty(cut.FindAll("[role=alert]"));
        Assert.False(cut.FindAll("button").Single(b => b.TextContent.Trim() == "Save").HasAttribute("disabled"));
    }

    [Fact]
    public void Delete_needs_the_typed_name_and_a_valid_grace_period()
    {
        using var ctx = fx.Context();
        var cut = ctx.Render<DeleteOptionsDialog>(p => p.Add(d => d.Kind, Kubernetes.Models.Deployment.Resource).Add(d => d.Object, Deployment()));
        IElement Delete() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Delete");
        Assert.True(Delete().HasAttribute("disabled"));
        cut.Find("input[aria-label='Name to confirm']").Input("fraud-detecto");
        Assert.True(Delete().HasAttribute("disabled"));
        cut.Find("input[aria-label='Name to confirm']").Input("fraud-detector");
        Assert.False(Delete().HasAttribute("disabled"));
        cut.Find("input[type=number]").Input("-5");
        Assert.Equal("The grace period is a whole number of seconds, 0 or more.", cut.Find("[role=alert]").TextContent);
        Assert.True(Delete().HasAttribute("disabled"));
        cut.Find("input[type=checkbox]").Change(true); // force: the grace period no longer applies
        Assert.Empty(cut.FindAll("[role=alert]"));
        Assert.Contains("Force deletion removes the object", cut.Markup);
        Assert.False(Delete().HasAttribute("disabled"));
    }

    [Fact]
    public void Evict_confirmation_needs_the_typed_name()
    {
        using var ctx = fx.Context();
        var pod = ActionFixtures.Object("pod-frontend");
        var cut = ctx.Render<ConfirmNameDialog>(p => p.Add(d => d.Kind, Pod.Resource).Add(d => d.Object, pod).Add(d => d.ConfirmKey, "Action_Evict").Add(d => d.Message, "evict?"));
        IElement Evict() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Evict");
        Assert.True(Evict().HasAttribute("disabled"));
        cut.Find("input").Input(pod.Name);
        Assert.False(Evict().HasAttribute("disabled"));
    }

    [Fact]
    public void The_toolbar_offers_what_the_kind_can_do_and_hides_from_a_user_who_can_do_nothing()
    {
        using (var admin = fx.Context("admin"))
        {
            var cut = admin.Render<ObjectToolbar>(p => p.Add(d => d.Kind, Kubernetes.Models.Deployment.Resource).Add(d => d.Object, Deployment()));
            cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[role=toolbar] button")), TimeSpan.FromSeconds(10));
            var ids = cut.FindAll("[role=toolbar] button").Select(b => b.GetAttribute("data-action")).ToList();
            Assert.Equal(["scale", "restart", "rollback", "pause", "set-image", "labels", "annotate", "delete"], ids);
            Assert.All(cut.FindAll("[role=toolbar] button"), b => Assert.False(b.HasAttribute("disabled")));
        }
        using (var viewer = fx.Context("viewer"))
        {
            var cut = viewer.Render<ObjectToolbar>(p => p.Add(d => d.Kind, Kubernetes.Models.Deployment.Resource).Add(d => d.Object, Deployment()));
            cut.WaitForAssertion(() => cut.Find(".toolbar-readonly"), TimeSpan.FromSeconds(10));
            Assert.Empty(cut.FindAll("[role=toolbar]"));
            Assert.DoesNotContain("button", cut.Markup, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_refused_action_is_disabled_and_says_why()
    {
        // A user who may patch deployments in payments but not delete them.
        var admin = fx.Pool.Get(fx.Clusters.Default.Name, fx.Pool.SignIn(fx.Clusters.Default.Name, fx.Emulator.AdminToken));
        await admin.CreateAsync(Role.Resource, "payments", JsonNode.Parse("""
            {"metadata": {"name": "deployment-patcher"},
             "rules": [{"apiGroups": ["apps"], "resources": ["deployments", "deployments/scale"], "verbs": ["get", "list", "watch", "patch"]}]}
            """)!.AsObject());
        await admin.CreateAsync(RoleBinding.Resource, "payments", JsonNode.Parse("""
            {"metadata": {"name": "patcher"}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "deployment-patcher"},
             "subjects": [{"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": "patcher"}]}
            """)!.AsObject());
        var token = fx.Emulator.Context.Users.Add("patcher");
        // The authorizer sees new bindings shortly after they are written: start once it does.
        var patcher = fx.Pool.Get(fx.Clusters.Default.Name, fx.Pool.SignIn(fx.Clusters.Default.Name, token));
        for (var i = 0; i < 100 && !(await patcher.CanIAsync(new("patch", "apps", "deployments", "payments", "fraud-detector", "scale"))).Allowed; i++) await Task.Delay(100);
        using var ctx = fx.Context("patcher");
        var cut = ctx.Render<ObjectToolbar>(p => p.Add(d => d.Kind, Kubernetes.Models.Deployment.Resource).Add(d => d.Object, Deployment()));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[role=toolbar] button")), TimeSpan.FromSeconds(10));
        var delete = cut.Find("button[data-action=delete]");
        Assert.True(delete.HasAttribute("disabled"));
        Assert.StartsWith("You may not delete deployments.apps \"fraud-detector\" in namespace \"payments\"", delete.GetAttribute("title"), StringComparison.Ordinal);
        Assert.False(cut.Find("button[data-action=scale]").HasAttribute("disabled"));
        Assert.False(cut.Find("button[data-action=rollback]").HasAttribute("disabled"));
    }
}
