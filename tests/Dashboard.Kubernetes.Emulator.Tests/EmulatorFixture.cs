using System.Diagnostics;
using System.Text;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>Output of one kubectl run.</summary>
public sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Throws with both streams when kubectl failed.</summary>
    public KubectlResult EnsureSuccess()
    {
        if (ExitCode != 0) throw new Xunit.Sdk.XunitException($"kubectl exited {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        return this;
    }
}

/// <summary>
/// An emulator on loopback plus a way to run the real kubectl against it, with a fresh discovery cache per fixture
/// (kubectl caches discovery for hours, keyed by host:port).
/// </summary>
public class EmulatorFixture : IAsyncLifetime
{
    private readonly string _dir = System.IO.Directory.CreateTempSubdirectory("emulator-test-").FullName;

    /// <summary>The scenario this fixture loads.</summary>
    protected virtual EmulatorOptions Options => new() { Scenario = "empty", TimeScale = 0.05 };

    /// <summary>The running emulator.</summary>
    public KubeEmulator Emulator { get; private set; } = null!;

    /// <summary>Path of the admin kubeconfig.</summary>
    public string KubeconfigPath => Path.Combine(_dir, "admin.kubeconfig");

    /// <summary>A scratch folder removed with the fixture.</summary>
    public string Directory => _dir;

    /// <inheritdoc />
    public virtual async Task InitializeAsync()
    {
        Emulator = await KubeEmulator.StartAsync(Options);
        await File.WriteAllTextAsync(KubeconfigPath, Emulator.Kubeconfig());
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        await Emulator.DisposeAsync();
        try { System.IO.Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>Writes a kubeconfig for another token and returns its path.</summary>
    public string KubeconfigFor(string token, string name)
    {
        var path = Path.Combine(_dir, name + ".kubeconfig");
        File.WriteAllText(path, Emulator.Kubeconfig(token));
        return path;
    }

    /// <summary>Runs kubectl as the admin.</summary>
    public Task<KubectlResult> Kubectl(params string[] args) => Run(KubeconfigPath, null, null, args);

    /// <summary>Runs kubectl with a kubeconfig, optional stdin and extra environment.</summary>
    public async Task<KubectlResult> Run(string kubeconfig, string? stdin, IDictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("--kubeconfig");
        psi.ArgumentList.Add(kubeconfig);
        psi.ArgumentList.Add("--cache-dir");
        psi.ArgumentList.Add(Path.Combine(_dir, "kube-cache"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["HOME"] = _dir;
        psi.Environment.Remove("KUBECONFIG");
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        if (stdin is not null)
        {
            await p.StandardInput.WriteAsync(stdin);
            p.StandardInput.Close();
        }
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try { await p.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"kubectl {string.Join(' ', args)} did not finish in 90 s\n{await stdout}\n{await stderr}");
        }
        return new KubectlResult(p.ExitCode, await stdout, await stderr);
    }

    /// <summary>Polls a condition (for asynchronous controller effects) and fails with a message after a timeout.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"timed out waiting for {what}");
    }
}
