using Dashboard.Kubernetes.Auth;
using Dashboard.Kubernetes.Config;

namespace Dashboard.Kubernetes.Tests;

public sealed class CredentialTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("credentials-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task Token_file_is_re_read_after_rotation()
    {
        var path = Path.Combine(_dir, "token");
        await File.WriteAllTextAsync(path, "first\n");
        var time = new ManualTime();
        var credential = new TokenFileCredential(path, TimeSpan.FromSeconds(60), time);
        Assert.Equal("first", await credential.GetTokenAsync(default));

        await File.WriteAllTextAsync(path, "second");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        Assert.Equal("first", await credential.GetTokenAsync(default)); // not checked again yet
        time.Now += TimeSpan.FromSeconds(61);
        Assert.Equal("second", await credential.GetTokenAsync(default));

        using var request = new HttpRequestMessage(HttpMethod.Get, "https://x/");
        await credential.ApplyAsync(request, default);
        Assert.Equal("Bearer second", request.Headers.Authorization?.ToString());
    }

    [Fact]
    public async Task Exec_plugin_output_is_cached_until_it_expires_or_is_invalidated()
    {
        var counter = Path.Combine(_dir, "runs");
        var script = Path.Combine(_dir, "plugin.sh");
        await File.WriteAllTextAsync(script, $$$"""
            #!/bin/sh
            echo x >> {{{counter}}}
            n=$(wc -l < {{{counter}}})
            [ "$REGION" = "eu" ] || { echo "REGION missing" >&2; exit 1; }
            echo "{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"token-$n\",\"expirationTimestamp\":\"$1\"}}"
            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var time = new ManualTime();
        var expiry = time.Now.AddMinutes(10).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var credential = new ExecCredential(new ExecConfig(script) { Args = [expiry], Env = new Dictionary<string, string> { ["REGION"] = "eu" } }, time);

        Assert.Equal("token-1", await credential.GetTokenAsync(default));
        Assert.Equal("token-1", await credential.GetTokenAsync(default));
        Assert.Equal(1, credential.Executions);
        credential.Invalidate();
        Assert.Equal("token-2", await credential.GetTokenAsync(default));
        time.Now += TimeSpan.FromMinutes(11);
        Assert.Equal("token-3", await credential.GetTokenAsync(default));
    }

    [Fact]
    public async Task A_failing_or_missing_exec_plugin_is_explained()
    {
        var missing = new ExecCredential(new ExecConfig(Path.Combine(_dir, "nope")) { InstallHint = "ask your admin" });
        var e = await Assert.ThrowsAsync<KubeconfigException>(async () => await missing.GetTokenAsync(default));
        Assert.Contains("not found", e.Message);
        Assert.Contains("ask your admin", e.Message);

        var script = Path.Combine(_dir, "fail.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\necho 'login required' >&2\nexit 4\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var failing = new ExecCredential(new ExecConfig(script));
        var f = await Assert.ThrowsAsync<KubeconfigException>(async () => await failing.GetTokenAsync(default));
        Assert.Equal($"exec plugin {script} exited with 4: login required", f.Message);
    }
}
