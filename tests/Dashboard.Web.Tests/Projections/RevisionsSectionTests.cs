using System.Text.Json.Nodes;
using Bunit;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Components.Workloads;

namespace Dashboard.Web.Tests.Projections;

public sealed class RevisionsSectionTests(WebFixture fx) : IClassFixture<WebFixture>
{
    [Fact]
    public async Task A_new_revision_appears_live_and_any_two_revisions_can_be_compared()
    {
        var admin = fx.Pool.Get(fx.Clusters.Default.Name, fx.Pool.SignIn(fx.Clusters.Default.Name, fx.Emulator.AdminToken));
        const string ns = "shop";
        var created = await admin.CreateAsync(Deployment.Resource, ns, JsonNode.Parse("""
            {"metadata":{"name":"history"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"history"}},
             "template":{"metadata":{"labels":{"app":"history"}},"spec":{"containers":[{"name":"web","image":"nginx:1.26"}]}}}}
            """)!.AsObject());
        try
        {
            using var ctx = fx.Context("admin");
            var cut = ctx.Render<RevisionsSection>(p => p.Add(s => s.Kind, Deployment.Resource).Add(s => s.Object, created));
            cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-revision]")), TimeSpan.FromSeconds(30));
            Assert.Empty(cut.FindAll("[data-testid=revision-diff]")); // one revision: nothing to compare

            await admin.PatchAsync(Deployment.Resource, ns, "history", PatchType.StrategicMerge, JsonNode.Parse("""
                {"metadata":{"annotations":{"kubernetes.io/change-cause":"bump nginx"}},
                 "spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}
                """)!.AsObject());
            cut.WaitForAssertion(() => Assert.Equal(["2", "1"], cut.FindAll("[data-revision]").Select(r => r.GetAttribute("data-revision"))), TimeSpan.FromSeconds(30));
            var newest = cut.Find("[data-revision='2']");
            Assert.Contains("nginx:1.27", newest.TextContent);
            Assert.Contains("current", newest.TextContent);
            Assert.Contains("bump nginx", newest.TextContent); // the change cause, copied to the ReplicaSet by the controller

            // By default the revision before against the newest.
            Assert.Equal(["- - image: nginx:1.26", "+ - image: nginx:1.27"], Changed(cut));
            Assert.DoesNotContain("pod-template-hash", cut.Find("[data-testid=revision-diff]").TextContent);

            // Any two: the same revision on both sides says so; swapped, the signs swap.
            cut.Find("[data-testid=revision-from]").Change("2");
            cut.WaitForAssertion(() => Assert.Contains("Revisions 2 and 2 have the same pod template.", cut.Find("[data-testid=revision-same]").TextContent));
            cut.Find("[data-testid=revision-to]").Change("1");
            cut.WaitForAssertion(() => Assert.Equal(["- - image: nginx:1.27", "+ - image: nginx:1.26"], Changed(cut)));
        }
        finally
        {
            await admin.DeleteAsync(Deployment.Resource, ns, "history");
        }
    }

    // The removed and added lines of the diff listing, in order, indentation folded to one space.
    private static List<string> Changed(IRenderedComponent<RevisionsSection> cut) =>
        cut.FindAll("[data-testid=revision-diff] .diff-removed, [data-testid=revision-diff] .diff-added")
            .Select(s => System.Text.RegularExpressions.Regex.Replace(s.TextContent.Trim(), @"\s+", " ")).ToList();
}
