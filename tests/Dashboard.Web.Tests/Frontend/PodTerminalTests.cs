using System.Text;
using System.Text.Json.Nodes;
using Bunit;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using static Dashboard.Web.Tests.Frontend.FrontendTestAssets;

namespace Dashboard.Web.Tests.Frontend;

/// <summary>The terminal page against the demo cluster: permission first, then a real exec through TerminalService.</summary>
[Collection(FrontendCollection.Name)]
public sealed class PodTerminalTests(WebFixture fx)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_user_without_pods_exec_is_told_why_and_cannot_connect()
    {
        using var ctx = fx.Context("viewer");
        MockWidget(ctx, "terminal");
        var cut = ctx.Render<PodTerminal>(p => p.Add(c => c.Namespace, "shop").Add(c => c.Pod, "anything"));

        cut.WaitForAssertion(() => Assert.Contains("You may not open a shell in pod anything", cut.Find("[data-testid=terminal-problem]").TextContent), Wait);
        Assert.Contains("namespace shop", cut.Find("[data-testid=terminal-problem]").TextContent);
        Assert.True(cut.Find("[data-testid=terminal-connect]").HasAttribute("disabled"));
    }

    [Fact]
    public void A_missing_pod_is_reported()
    {
        using var ctx = fx.Context("admin");
        MockWidget(ctx, "terminal");
        var cut = ctx.Render<PodTerminal>(p => p.Add(c => c.Namespace, "shop").Add(c => c.Pod, "no-such-pod"));

        cut.WaitForAssertion(() => Assert.Equal("Pod no-such-pod does not exist in namespace shop.", cut.Find("[data-testid=terminal-problem]").TextContent), Wait);
        Assert.True(cut.Find("[data-testid=terminal-connect]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Bash_falls_back_to_sh_and_a_command_runs()
    {
        var pod = await RunningBusyboxAsync("term-page-echo");
        await using var ctx = fx.Context("admin");
        var (module, handle) = MockWidget(ctx, "terminal");
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/ns/shop/pods/{pod}/terminal?container=main");
        var cut = ctx.Render<PodTerminal>(p => p.Add(c => c.Namespace, "shop").Add(c => c.Pod, pod));

        cut.WaitForAssertion(() => Assert.Equal("connected", cut.Find("[data-testid=terminal-status]").GetAttribute("data-state")), Wait);
        Assert.Equal("bash is not in this image; connected with sh in container main.", cut.Find("[data-testid=terminal-status]").TextContent);
        var view = ((DotNetObjectReference<TerminalView>)CreateCall(module).Arguments[1]!).Value;

        await cut.InvokeAsync(() => view.OnInputFromJs("echo hello\r"));
        // Output is written to the terminal without re-rendering the page: poll what reached it.
        await Eventually(() => Screen(handle).Contains("hello\r\n/ # ", StringComparison.Ordinal), () => Screen(handle));

        await cut.InvokeAsync(() => view.OnInputFromJs("exit 3\r"));
        cut.WaitForAssertion(() => Assert.Equal("Session ended with exit code 3.", cut.Find("[data-testid=terminal-status]").TextContent), Wait);
        Assert.Contains(Calls(handle, "writeln"), c => ((string)c.Arguments[0]!).Contains("exit code 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_custom_shell_that_is_absent_falls_back_and_bad_input_is_refused()
    {
        var pod = await RunningBusyboxAsync("term-page-custom");
        await using var ctx = fx.Context("admin");
        var (_, handle) = MockWidget(ctx, "terminal");
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/ns/shop/pods/{pod}/terminal?shell=custom&program=zsh%20-l");
        var cut = ctx.Render<PodTerminal>(p => p.Add(c => c.Namespace, "shop").Add(c => c.Pod, pod));

        cut.WaitForAssertion(() => Assert.Contains("Type one program", cut.Find("[data-testid=terminal-problem]").TextContent), Wait);
        Assert.Empty(Calls(handle, "reset"));

        cut.Find("input[name=customShell]").Change("zsh");
        cut.Find("[data-testid=terminal-connect]").Click();
        cut.WaitForAssertion(() => Assert.Equal("zsh is not in this image; connected with sh in container main.", cut.Find("[data-testid=terminal-status]").TextContent), Wait);
    }

    private static async Task Eventually(Func<bool> condition, Func<string> state)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("timed out; the terminal shows: " + state());
            await Task.Delay(50);
        }
    }

    private static string Screen(Bunit.BunitJSModuleInterop handle) =>
        string.Concat(Calls(handle, "write").Select(c => c.Arguments[0] switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            string s => s,
            _ => "",
        }));

    private async Task<string> RunningBusyboxAsync(string name)
    {
        var admin = fx.Pool.Get(fx.Clusters.Default.Name, fx.Pool.SignIn(fx.Clusters.Default.Name, fx.Emulator.AdminToken));
        await admin.CreateAsync(Kubernetes.Models.Pod.Resource, "shop", new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                ["containers"] = new JsonArray(new JsonObject
                {
                    ["name"] = "main",
                    ["image"] = "busybox:1.36",
                    ["command"] = new JsonArray("sh", "-c", "while true; do sleep 3600; done"),
                }),
            },
        });
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var pod = await admin.GetAsync(Kubernetes.Models.Pod.Resource, "shop", name);
            if ((pod.Status?["containerStatuses"] as JsonArray ?? []).Any(c => c?["state"]?["running"] is not null)) return name;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"pod shop/{name} did not start");
            await Task.Delay(50);
        }
    }
}
