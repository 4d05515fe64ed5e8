using System.Text.Json.Nodes;

namespace Dashboard.Kubernetes.Emulator.Tests;

public sealed class PodExecTests : IClassFixture<StreamsFixture>
{
    private readonly StreamsFixture _fx;

    public PodExecTests(StreamsFixture fx)
    {
        _fx = fx;
        lock (fx)
        {
            var ctx = fx.Emulator.Context;
            if (ctx.Api.TryGet(ctx.Type("", "pods"), "default", "shell") is not null) return;
            ctx.Api.Create(ctx.Type("", "configmaps"), "default", new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = "settings" },
                ["data"] = new JsonObject { ["mode"] = "fast", ["app.conf"] = "listen 8080\n" },
            }, Api.UserInfo.System);
            var now = DateTimeOffset.UtcNow;
            var env = new JsonArray(
                new JsonObject { ["name"] = "GREETING", ["value"] = "hello" },
                new JsonObject { ["name"] = "MODE", ["valueFrom"] = new JsonObject { ["configMapKeyRef"] = new JsonObject { ["name"] = "settings", ["key"] = "mode" } } });
            var app = StreamsPods.Container("app", "busybox:1.36", ["sh", "-c", "sleep 3600"], env: env);
            app["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "config", ["mountPath"] = "/etc/app" });
            var pod = StreamsPods.Create(ctx, "default", "shell", [app, StreamsPods.Container("web", "nginx:1.27")],
                [StreamsPods.Running("app", now.AddMinutes(-1)), StreamsPods.Running("web", now.AddMinutes(-1))]);
            // Volumes are part of the spec, so they go in through an update of the main resource.
            pod["spec"]!["volumes"] = new JsonArray(new JsonObject { ["name"] = "config", ["configMap"] = new JsonObject { ["name"] = "settings" } });
            ctx.Api.Update(ctx.Type("", "pods"), "default", "shell", pod, Api.UserInfo.System);
        }
    }

    [Fact]
    public async Task Echo_runs_and_exit_codes_reach_kubectl()
    {
        var hi = (await _fx.Kubectl("exec", "shell", "-c", "app", "--", "echo", "hi")).EnsureSuccess();
        Assert.Equal("hi\n", hi.Stdout);

        var three = await _fx.Kubectl("exec", "shell", "-c", "app", "--", "sh", "-c", "echo before; exit 3");
        Assert.Equal(3, three.ExitCode);
        Assert.Equal("before\n", three.Stdout);

        var chain = (await _fx.Kubectl("exec", "shell", "-c", "app", "--", "sh", "-c", "false || echo fallback && X=7; echo \"x=$X $((X*6))\" | grep x=")).EnsureSuccess();
        Assert.Equal("fallback\nx=7 42\n", chain.Stdout);
    }

    [Fact]
    public async Task Container_flag_selects_the_filesystem_and_environment()
    {
        var os = (await _fx.Kubectl("exec", "shell", "-c", "web", "--", "cat", "/etc/os-release")).EnsureSuccess();
        Assert.Contains("Debian GNU/Linux 12", os.Stdout);
        var nginx = (await _fx.Kubectl("exec", "shell", "-c", "web", "--", "ls", "/etc/nginx")).EnsureSuccess();
        Assert.Contains("nginx.conf", nginx.Stdout);

        var env = (await _fx.Kubectl("exec", "shell", "-c", "app", "--", "env")).EnsureSuccess();
        Assert.Contains("GREETING=hello\n", env.Stdout);
        Assert.Contains("MODE=fast\n", env.Stdout);
        Assert.Contains("HOSTNAME=shell\n", env.Stdout);
        Assert.Contains("KUBERNETES_SERVICE_HOST=10.96.0.1\n", env.Stdout);

        var mounted = (await _fx.Kubectl("exec", "shell", "-c", "app", "--", "cat", "/etc/app/app.conf")).EnsureSuccess();
        Assert.Equal("listen 8080\n", mounted.Stdout);
        var host = (await _fx.Kubectl("exec", "shell", "-c", "app", "--", "hostname")).EnsureSuccess();
        Assert.Equal("shell\n", host.Stdout);
    }

    [Fact]
    public async Task Missing_commands_fail_like_a_real_runtime()
    {
        var viaShell = await _fx.Kubectl("exec", "shell", "-c", "app", "--", "sh", "-c", "nosuchtool");
        Assert.Equal(127, viaShell.ExitCode);
        Assert.Contains("sh: nosuchtool: not found", viaShell.Stderr);

        var direct = await _fx.Kubectl("exec", "shell", "-c", "app", "--", "nosuchtool");
        Assert.NotEqual(0, direct.ExitCode);
        Assert.Contains("OCI runtime exec failed", direct.Stderr);
        Assert.Contains("\"nosuchtool\": executable file not found in $PATH", direct.Stderr);

        var noFile = await _fx.Kubectl("exec", "shell", "-c", "app", "--", "cat", "/nope");
        Assert.Equal(1, noFile.ExitCode);
        Assert.Contains("cat: /nope: No such file or directory", noFile.Stderr);
    }

    [Fact]
    public async Task Stdin_feeds_a_script()
    {
        var r = (await _fx.Run(_fx.KubeconfigPath, "cd /etc\npwd\ncat hostname\n", null, "exec", "-i", "shell", "-c", "app", "--", "sh")).EnsureSuccess();
        Assert.Equal("/etc\nshell\n", r.Stdout);
        var wc = (await _fx.Run(_fx.KubeconfigPath, "a\nb\nc\n", null, "exec", "-i", "shell", "-c", "app", "--", "wc", "-l")).EnsureSuccess();
        Assert.Equal("3\n", wc.Stdout);
    }
}
