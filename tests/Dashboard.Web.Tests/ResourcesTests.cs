using System.Globalization;
using System.Resources;
using System.Xml.Linq;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Navigation;

namespace Dashboard.Web.Tests;

public sealed class ResourcesTests
{
    private static string SourceDir([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "src", "Dashboard.Web", "Resources"));

    public static TheoryData<string> ResourceFiles() => [.. Directory.GetFiles(SourceDir(), "*.resx").Where(f => !f.EndsWith(".zh-CN.resx", StringComparison.Ordinal)).Select(f => Path.GetFileName(f)!)];

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [Theory]
    [MemberData(nameof(ResourceFiles))]
    public void Every_string_has_a_Chinese_translation_and_no_stray_keys(string file)
    {
        var en = Read(Path.Combine(SourceDir(), file));
        var zh = Read(Path.Combine(SourceDir(), file.Replace(".resx", ".zh-CN.resx", StringComparison.Ordinal)));
        Assert.Empty(en.Keys.Except(zh.Keys));
        Assert.Empty(zh.Keys.Except(en.Keys));
        Assert.All(zh, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), $"{kv.Key} is empty in zh-CN"));
        // Placeholders must survive translation, or string.Format throws at run time.
        Assert.All(en, kv => Assert.Equal(Placeholders(kv.Value), Placeholders(zh[kv.Key])));
    }

    private static string Placeholders(string s) =>
        string.Join(",", System.Text.RegularExpressions.Regex.Matches(s, @"\{\d+\}").Select(m => m.Value).Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("en", "Workloads")]
    [InlineData("zh-CN", "工作负载")]
    public void The_compiled_resources_resolve_in_both_languages(string culture, string expected)
    {
        var rm = new ResourceManager(typeof(Dashboard.Web.Resources.Strings));
        Assert.Equal(expected, rm.GetString("Nav_Workloads", new CultureInfo(culture)));
    }

    [Fact]
    public void Every_built_in_kind_has_a_title_in_both_languages()
    {
        var rm = new ResourceManager(typeof(Dashboard.Web.Resources.Strings));
        foreach (var kind in BuiltInKinds.All)
        {
            Assert.False(string.IsNullOrEmpty(rm.GetString(NavCatalog.TitleKey(kind), new CultureInfo("en"))), kind.QualifiedName);
            Assert.False(string.IsNullOrEmpty(rm.GetString(NavCatalog.TitleKey(kind), new CultureInfo("zh-CN"))), kind.QualifiedName);
        }
    }
}
