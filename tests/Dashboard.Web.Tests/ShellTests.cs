using System.Text.Json.Nodes;
using Bunit;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Components.Actions;
using Dashboard.Web.Components.Layout;
using Dashboard.Web.Components.Pages;
using Dashboard.Web.Session;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests;

/// <summary>
/// The shell as users with different rights see it: navigation, namespace picker, object toolbar, command palette.
/// "narrow" is a user added to the demo cluster with one Role in namespace data (pods: read and patch; config maps:
/// read) and nothing cluster-wide, so it cannot list namespaces.
/// </summary>
public sealed class ShellTests(WebFixture fx) : IClassFixture<WebFixture>
{
    private static readonly SemaphoreSlim NarrowGate = new(1, 1);

    private async Task EnsureNarrowUserAsync()
    {
        await NarrowGate.WaitAsync();
        try
        {
            if (fx.Emulator.Context.Users.Tokens.ContainsKey("narrow")) return;
            fx.Emulator.Context.Users.Add("narrow");
            var admin = Admin();
            await admin.CreateAsync(Role.Resource, "data", (JsonObject)JsonNode.Parse("""
                {"metadata":{"name":"narrow"},"rules":[
                  {"apiGroups":[""],"resources":["pods"],"verbs":["get","list","watch","patch"]},
                  {"apiGroups":[""],"resources":["configmaps"],"verbs":["get","list","watch"]}]}
                """)!);
            await admin.CreateAsync(RoleBinding.Resource, "data", (JsonObject)JsonNode.Parse("""
                {"metadata":{"name":"narrow"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"narrow"},
                 "subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"narrow"}]}
                """)!);
        }
        finally
        {
            NarrowGate.Release();
        }
    }

    private Kubernetes.Client.KubeApiClient Admin() =>
        fx.Pool.Get(fx.Clusters.Default.Name, fx.Pool.SignIn(fx.Clusters.Default.Name, fx.Emulator.AdminToken));

    private async Task<KubeObject> ConfigMapAsync(string ns, string name)
    {
        try
        {
            return await Admin().CreateAsync(ConfigMap.Resource, ns, new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });
        }
        catch (Kubernetes.Client.KubeApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            return await Admin().GetAsync(ConfigMap.Resource, ns, name);
        }
    }

    [Fact]
    public async Task Navigation_shows_only_the_kinds_each_user_may_list()
    {
        await EnsureNarrowUserAsync();

        await using var admin = fx.Context("admin");
        var adminNav = admin.Render<NavMenu>();
        adminNav.WaitForAssertion(() => Assert.NotEmpty(adminNav.FindAll("a[href='/secrets']")), TimeSpan.FromSeconds(10));
        Assert.NotEmpty(adminNav.FindAll("a[href='/nodes']"));

        // The built-in view role reads everything but secrets.
        await using var viewer = fx.Context("viewer");
        var viewerNav = viewer.Render<NavMenu>();
        viewerNav.WaitForAssertion(() => Assert.NotEmpty(viewerNav.FindAll("a[href='/pods']")), TimeSpan.FromSeconds(10));
        Assert.Empty(viewerNav.FindAll("a[href='/secrets']"));
        Assert.NotEmpty(viewerNav.FindAll("a[href='/deployments.apps']"));

        await using var narrow = fx.Context("narrow");
        await narrow.Services.GetRequiredService<NamespaceState>().LoadAsync();
        var narrowNav = narrow.Render<NavMenu>();
        narrowNav.WaitForAssertion(() => Assert.NotEmpty(narrowNav.FindAll("a[href='/pods']")), TimeSpan.FromSeconds(10));
        Assert.NotEmpty(narrowNav.FindAll("a[href='/configmaps']"));
        Assert.Empty(narrowNav.FindAll("a[href='/deployments.apps']"));
        Assert.Empty(narrowNav.FindAll("a[href='/nodes']"));
        Assert.Empty(narrowNav.FindAll("a[href='/secrets']"));
    }

    [Fact]
    public async Task A_user_who_cannot_list_namespaces_starts_on_a_readable_one_and_can_type_another()
    {
        await EnsureNarrowUserAsync();
        await using var ctx = fx.Context("narrow");
        var state = ctx.Services.GetRequiredService<NamespaceState>();
        await state.LoadAsync();
        Assert.False(state.CanListAll);
        Assert.Equal(["data"], state.Available);
        Assert.Equal(["data"], state.Selected);

        var picker = ctx.Render<NamespacePicker>();
        var typed = picker.Find("input.namespace-typed");
        typed.Change("shop");
        typed.KeyDown("Enter");
        picker.WaitForAssertion(() => Assert.Equal(["data", "shop"], state.Selected), TimeSpan.FromSeconds(10));
        // shop is not readable for this user, so it is not offered, but the selection keeps it (the list page then
        // shows the API server's refusal instead of silently showing nothing).
        Assert.DoesNotContain("shop", state.Available);
    }

    [Fact]
    public async Task The_list_page_and_the_namespace_picker_keep_the_query_string_in_step()
    {
        await using var ctx = fx.Context("admin");
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/configmaps?ns=shop");
        var state = ctx.Services.GetRequiredService<NamespaceState>();
        var cut = ctx.Render<ResourceList>(p => p.Add(c => c.KindSegment, "configmaps"));
        cut.WaitForAssertion(() => Assert.Equal(["shop"], state.Selected), TimeSpan.FromSeconds(10));

        await cut.InvokeAsync(() => state.Select(["payments", "data"]));
        cut.WaitForAssertion(() => Assert.EndsWith("/configmaps?ns=payments%2Cdata", nav.Uri, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_toolbar_offers_what_the_user_may_do_and_nothing_to_a_viewer()
    {
        await EnsureNarrowUserAsync();
        var shopMap = await ConfigMapAsync("shop", "toolbar-shop");
        var pod = (await Admin().ListAsync(Pod.Resource, "data")).Items.First();

        await using var viewer = fx.Context("viewer");
        var readOnly = viewer.Render<ObjectToolbar>(p => p.Add(c => c.Kind, ConfigMap.Resource).Add(c => c.Object, shopMap));
        readOnly.WaitForAssertion(() => Assert.Contains("read-only", readOnly.Find(".toolbar-readonly").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(readOnly.FindAll("button"));

        await using var developer = fx.Context("developer");
        var full = developer.Render<ObjectToolbar>(p => p.Add(c => c.Kind, ConfigMap.Resource).Add(c => c.Object, shopMap));
        full.WaitForAssertion(() => Assert.Equal(3, full.FindAll("button").Count), TimeSpan.FromSeconds(10));
        Assert.All(full.FindAll("button"), b => Assert.False(b.HasAttribute("disabled")));
        Assert.Equal(["labels", "annotate", "delete"], full.FindAll("button").Select(b => b.GetAttribute("data-action")));

        // narrow may patch pods in data but not delete them: Delete is shown disabled, with the reason.
        await using var narrow = fx.Context("narrow");
        var partial = narrow.Render<ObjectToolbar>(p => p.Add(c => c.Kind, Pod.Resource).Add(c => c.Object, pod));
        partial.WaitForAssertion(() => Assert.Equal(4, partial.FindAll("button").Count), TimeSpan.FromSeconds(10)); // labels, evict, annotate, delete
        var delete = partial.Find("button[data-action=delete]");
        Assert.True(delete.HasAttribute("disabled"));
        Assert.False(string.IsNullOrWhiteSpace(delete.GetAttribute("title")));
        Assert.False(partial.Find("button[data-action=labels]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task The_palette_finds_kinds_and_live_objects_and_Enter_opens_the_object()
    {
        var target = await ConfigMapAsync("payments", "palette-target-cm");
        await using var ctx = fx.Context("admin");
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        var cut = ctx.Render<CommandPalette>();
        cut.Find("button.palette-trigger").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[role=dialog] [role=listbox]")), TimeSpan.FromSeconds(10));

        cut.Find("input.palette-input").Input("deploy");
        cut.WaitForAssertion(() => Assert.Equal("Deployments", cut.Find("[role=option] .palette-option-title").TextContent), TimeSpan.FromSeconds(10));

        cut.Find("input.palette-input").Input("palette-target");
        cut.WaitForAssertion(() =>
        {
            var option = Assert.Single(cut.FindAll("[role=option]"));
            Assert.Equal("palette-target-cm", option.QuerySelector(".palette-option-title")!.TextContent);
            Assert.Equal("true", option.GetAttribute("aria-selected"));
        }, TimeSpan.FromSeconds(10));
        cut.Find("input.palette-input").KeyDown("Enter");
        cut.WaitForAssertion(() => Assert.EndsWith($"/ns/payments/configmaps/{target.Name}", nav.Uri, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[role=dialog]")), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Inside_a_pod_the_ServiceAccount_environment_selects_in_cluster_mode_with_sign_in()
    {
        var dir = Directory.CreateTempSubdirectory("sa-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "token"), fx.Emulator.AdminToken);
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "ca.crt"), fx.Emulator.CaPem);
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "namespace"), "monitoring\n");
            var env = new Dictionary<string, string> { ["KUBERNETES_SERVICE_HOST"] = fx.Emulator.Url.Host, ["KUBERNETES_SERVICE_PORT"] = fx.Emulator.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            var loader = new Kubernetes.Config.KubeClientSettingsLoader(n => env.GetValueOrDefault(n), dir.FullName, home: dir.FullName);
            using var pool = new Core.Caching.KubeClientPool();
            await using var clusters = await Hosting.ClusterConnections.StartAsync(new Hosting.DashboardOptions(), pool, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, loader);

            Assert.Equal(Hosting.DashboardMode.InCluster, clusters.Mode);
            var cluster = Assert.Single(clusters.All);
            Assert.True(cluster.RequiresSignIn);
            Assert.Equal("monitoring", cluster.DefaultNamespace);
            Assert.Empty(clusters.DemoUsers);
            // Users sign in with their own token against the pod's API server (found through the environment and CA).
            var validator = new Security.SignInValidator(pool, new Security.SessionRevocations(pool, fx.Cache), Microsoft.Extensions.Logging.Abstractions.NullLogger<Security.SignInValidator>.Instance);
            var check = await validator.CheckAsync(cluster, fx.Emulator.Context.Users.TokenOf("developer"));
            Assert.True(check.Succeeded, check.Detail);
            Assert.Equal("developer", check.User);

            // Without the token file it is not a pod, and with nothing else configured the dashboard runs the demo.
            File.Delete(Path.Combine(dir.FullName, "token"));
            Assert.False(loader.IsInCluster);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
