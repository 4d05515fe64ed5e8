using System.Text.Json.Nodes;
using Bunit;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Components.Details;
using Dashboard.Web.Components.Pages;

namespace Dashboard.Web.Tests;

/// <summary>The YAML section of the detail page and the create page's form dialogs.</summary>
public sealed class YamlPageTests(WebFixture fx) : IClassFixture<WebFixture>
{
    [Fact]
    public async Task The_yaml_section_hides_managed_fields_until_asked_and_links_to_the_editor()
    {
        await using var ctx = fx.Context();
        var obj = new KubeObject(JsonNode.Parse("""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"shop","managedFields":[{"manager":"kubectl"}]},"data":{"a":"1"}}
            """)!.AsObject());

        var cut = ctx.Render<YamlSection>(p => p.Add(c => c.Kind, ConfigMap.Resource).Add(c => c.Object, obj));

        Assert.StartsWith("apiVersion: v1\nkind: ConfigMap\nmetadata:", cut.Find("pre.yaml-view").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("managedFields", cut.Find("pre.yaml-view").TextContent, StringComparison.Ordinal);
        Assert.Equal("/ns/shop/configmaps/c/edit", cut.Find("a[href$='/edit']").GetAttribute("href"));

        cut.Find(".rz-chkbox-box").Click();
        Assert.Contains("managedFields:\n  - manager: kubectl", cut.Find("pre.yaml-view").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_with_errors_shows_them_by_field_and_a_valid_one_adds_yaml_to_the_text()
    {
        await using var ctx = fx.Context();
        var cut = ctx.Render<YamlCreate>();
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "ConfigMap").Click();

        cut.Find("#form-name").Input("Bad_Name");
        cut.FindAll("button").Single(b => b.TextContent.Contains("Add to the text", StringComparison.Ordinal)).Click();
        Assert.Contains("RFC 1123", cut.Find(".field-error[data-field=Name]").TextContent, StringComparison.Ordinal);
        Assert.Equal("", cut.FindComponent<CodeEditor>().Instance.Text);

        cut.Find("#form-name").Input("settings");
        cut.Find("input[aria-label='Data Key 1']").Change("mode");
        cut.Find("textarea[aria-label='Data Value 1']").Change("fast");
        cut.FindAll("button").Single(b => b.TextContent.Contains("Add to the text", StringComparison.Ordinal)).Click();

        var text = cut.FindComponent<CodeEditor>().Instance.Text;
        Assert.Contains("kind: ConfigMap", text, StringComparison.Ordinal);
        Assert.Contains("  name: settings\n", text, StringComparison.Ordinal);
        Assert.Contains("data:\n  mode: fast\n", text, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".yaml-form"));
    }
}
