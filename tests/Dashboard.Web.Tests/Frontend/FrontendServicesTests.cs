using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;
using Dashboard.Web.Frontend;
using Dashboard.Web.Terminal;
using Microsoft.Extensions.FileProviders;

namespace Dashboard.Web.Tests.Frontend;

public sealed class FrontendServicesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dashboard-frontend-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void WriteManifest(string version)
    {
        Directory.CreateDirectory(Path.Combine(_root, "dist"));
        File.WriteAllText(Path.Combine(_root, "dist", "manifest.json"),
            $$"""{ "version": "{{version}}", "entries": { "editor": "editor.js", "terminal": "terminal.js" } }""");
    }

    [Fact]
    public void Module_paths_carry_the_manifest_version_and_follow_a_rebuild()
    {
        WriteManifest("aaaa");
        using var provider = new PhysicalFileProvider(_root);
        var modules = new FrontendModules(provider);
        Assert.Equal("dist/editor.js?v=aaaa", modules.PathOf("editor"));

        WriteManifest("bbbb");
        File.SetLastWriteTimeUtc(Path.Combine(_root, "dist", "manifest.json"), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal("dist/terminal.js?v=bbbb", modules.PathOf("terminal"));
    }

    [Fact]
    public void Missing_bundles_or_modules_say_what_to_do()
    {
        using var provider = new PhysicalFileProvider(_root);
        var modules = new FrontendModules(provider);
        var missing = Assert.Throws<InvalidOperationException>(() => modules.PathOf("editor"));
        Assert.Contains("Node.js and npm", missing.Message);

        WriteManifest("cccc");
        var unknown = Assert.Throws<InvalidOperationException>(() => modules.PathOf("merge"));
        Assert.Contains("'merge'", unknown.Message);
    }

    [Theory]
    [InlineData("/css/app.css", true)]
    [InlineData("/dist/chunks/chunk-ABC.js", true)]
    [InlineData("/_content/Radzen.Blazor/Radzen.Blazor.js", true)]
    [InlineData("/package.json", false)]
    [InlineData("/package-lock.json", false)]
    [InlineData("/node_modules/@xterm/xterm/package.json", false)]
    [InlineData("/src/editor.js", false)]
    [InlineData("/check/index.html", false)]
    [InlineData("/Frontend.targets", false)]
    [InlineData("/css/../package.json", false)]
    [InlineData("/dist", false)]
    public void Only_the_public_folders_of_the_web_root_are_served(string path, bool served) =>
        Assert.Equal(served, FrontendStaticFiles.PublicFolderProvider.IsPublic(path));

    [Fact]
    public void Shell_targets_are_the_containers_sidecars_and_debug_containers_with_their_state()
    {
        var pod = new KubeObject(JsonNode.Parse("""
            {"metadata":{"name":"web","namespace":"shop"},
             "spec":{"initContainers":[{"name":"setup"},{"name":"proxy","restartPolicy":"Always"}],
                     "containers":[{"name":"app"},{"name":"log-shipper"}],
                     "ephemeralContainers":[{"name":"debugger"}]},
             "status":{"containerStatuses":[{"name":"app","state":{"running":{}}},{"name":"log-shipper","state":{"waiting":{"reason":"CrashLoopBackOff"}}}],
                       "initContainerStatuses":[{"name":"setup","state":{"terminated":{"exitCode":0}}},{"name":"proxy","state":{"running":{}}}],
                       "ephemeralContainerStatuses":[{"name":"debugger","state":{"running":{}}}]}}
            """)!.AsObject());

        var targets = ShellTargets.Of(pod);

        Assert.Equal(
            [new ShellTarget("app", true, "container"), new ShellTarget("log-shipper", false, "container"),
             new ShellTarget("proxy", true, "init"), new ShellTarget("debugger", true, "ephemeral")],
            targets);
        Assert.Equal("app", ShellTargets.DefaultOf(pod, targets));
    }

    [Fact]
    public void The_default_container_annotation_wins_when_it_names_a_container()
    {
        var pod = new KubeObject(JsonNode.Parse("""
            {"metadata":{"name":"web","annotations":{"kubectl.kubernetes.io/default-container":"sidecar"}},
             "spec":{"containers":[{"name":"app"},{"name":"sidecar"}]}}
            """)!.AsObject());
        Assert.Equal("sidecar", ShellTargets.DefaultOf(pod, ShellTargets.Of(pod)));

        pod.Metadata["annotations"]!["kubectl.kubernetes.io/default-container"] = "gone";
        Assert.Equal("app", ShellTargets.DefaultOf(pod, ShellTargets.Of(pod)));
        Assert.All(ShellTargets.Of(pod), t => Assert.False(t.Running));
    }

    [Theory]
    [InlineData("bash", null, "bash", "None")]
    [InlineData("sh", "ignored", "sh", "None")]
    [InlineData("nonsense", null, "bash", "None")]
    [InlineData("custom", " /bin/zsh ", "/bin/zsh", "None")]
    [InlineData("custom", "  ", null, "Empty")]
    [InlineData("custom", null, null, "Empty")]
    [InlineData("custom", "bash -l", null, "NotOneProgram")]
    [InlineData("custom", "sh;rm", null, "NotOneProgram")]
    [InlineData("custom", "$SHELL", null, "NotOneProgram")]
    public void Shell_choices_resolve_to_one_program(string choice, string? custom, string? program, string problem)
    {
        Assert.Equal(program, ShellChoice.Resolve(choice, custom, out var actual));
        Assert.Equal(Enum.Parse<ShellProblem>(problem), actual);
    }
}
