using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Config;

namespace Dashboard.Kubernetes.Auth;

/// <summary>
/// Runs a client.authentication.k8s.io exec plugin (aws, gke-gcloud-auth-plugin, kubelogin...) and caches its
/// ExecCredential until <c>status.expirationTimestamp</c>, or until a 401 invalidates it — as client-go does.
/// </summary>
public sealed class ExecCredential : IKubeCredential
{
    private readonly ExecConfig _config;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private X509Certificate2? _certificate;
    private DateTimeOffset? _expires;
    private bool _valid;

    /// <summary>Creates the credential.</summary>
    public ExecCredential(ExecConfig config, TimeProvider? time = null)
    {
        _config = config;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How many times the plugin has run (for tests and diagnostics).</summary>
    public int Executions { get; private set; }

    /// <inheritdoc />
    public X509Certificate2? ClientCertificate => _certificate;

    /// <inheritdoc />
    public async ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        if (token is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    }

    /// <inheritdoc />
    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_valid || (_expires is { } e && _time.GetUtcNow() >= e)) await RunAsync(cancellationToken).ConfigureAwait(false);
            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Invalidate() => _valid = false;

    private async Task RunAsync(CancellationToken ct)
    {
        var psi = new ProcessStartInfo(_config.Command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in _config.Args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in _config.Env) psi.Environment[k] = v;
        psi.Environment["KUBERNETES_EXEC_INFO"] = new JsonObject
        {
            ["apiVersion"] = _config.ApiVersion,
            ["kind"] = "ExecCredential",
            ["spec"] = new JsonObject { ["interactive"] = false },
        }.ToJsonString();
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException("no process");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            var hint = _config.InstallHint is { Length: > 0 } h ? "\n" + h : "";
            throw new KubeconfigException($"exec plugin: executable {_config.Command} not found{hint}", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
            Executions++;
            if (process.ExitCode != 0)
                throw new KubeconfigException($"exec plugin {_config.Command} exited with {process.ExitCode}: {(await stderr.ConfigureAwait(false)).Trim()}");
            JsonObject? result;
            try { result = JsonNode.Parse(await stdout.ConfigureAwait(false)) as JsonObject; }
            catch (System.Text.Json.JsonException e) { throw new KubeconfigException($"exec plugin {_config.Command} printed invalid JSON: {e.Message}", e); }
            var status = result?["status"] as JsonObject ?? throw new KubeconfigException($"exec plugin {_config.Command} printed no status");
            _token = (string?)status["token"];
            var certData = (string?)status["clientCertificateData"];
            var keyData = (string?)status["clientKeyData"];
            _certificate = certData is not null && keyData is not null ? ClientCertificateCredential.FromPem(certData, keyData).ClientCertificate : null;
            if (_token is null && _certificate is null) throw new KubeconfigException($"exec plugin {_config.Command} returned neither a token nor a client certificate");
            _expires = DateTimeOffset.TryParse((string?)status["expirationTimestamp"], System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var exp) ? exp : null;
            _valid = true;
        }
    }
}
