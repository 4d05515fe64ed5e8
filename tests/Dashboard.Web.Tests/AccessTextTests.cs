using Dashboard.Core.Access;
using Dashboard.Web.Session;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests;

/// <summary>Permission denials in the reader's language; the API's terms (verb, resource, name) stay as they are.</summary>
public sealed class AccessTextTests(WebFixture fx) : IClassFixture<WebFixture>
{
    private static readonly AccessQuery Delete = new("delete", "apps", "deployments", "payments", "fraud-detector");

    [Theory]
    [InlineData("en", DenialKind.NoRule, null, "You may not delete deployments.apps \"fraud-detector\" in namespace \"payments\": no Role or ClusterRole bound to you allows it.")]
    [InlineData("zh-CN", DenialKind.NoRule, null, "你无权在命名空间“payments”中 delete deployments.apps \"fraud-detector\"：没有绑定到你的 Role 或 ClusterRole 允许此操作。")]
    [InlineData("en", DenialKind.ServerReason, "denied by policy", "You may not delete deployments.apps \"fraud-detector\" in namespace \"payments\": denied by policy.")]
    [InlineData("zh-CN", DenialKind.CheckFailed, "webhook timeout", "你无权在命名空间“payments”中 delete deployments.apps \"fraud-detector\"：权限检查失败（webhook timeout）。")]
    public void A_denial_reads_in_the_readers_language(string culture, DenialKind denial, string? detail, string expected)
    {
        using var ctx = fx.Context("viewer", culture);
        var text = ctx.Services.GetRequiredService<AccessText>();
        Assert.Equal(expected, text.Explain(new AccessAnswer(false, "English") { Query = Delete, Denial = denial, Detail = detail }));
    }

    [Fact]
    public void Cluster_scope_a_yes_and_an_answer_without_its_query()
    {
        using var ctx = fx.Context("viewer", "zh-CN");
        var text = ctx.Services.GetRequiredService<AccessText>();
        Assert.Equal("你无权在整个集群范围内 patch nodes \"node-1\"：没有绑定到你的 Role 或 ClusterRole 允许此操作。",
            text.Explain(new AccessAnswer(false, "English") { Query = new AccessQuery("patch", "", "nodes", Name: "node-1") }));
        Assert.Null(text.Explain(AccessAnswer.Yes));
        Assert.Equal("as given", text.Explain(new AccessAnswer(false, "as given")));
    }
}
