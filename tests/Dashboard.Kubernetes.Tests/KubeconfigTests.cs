using System.Text;
using Dashboard.Kubernetes.Auth;
using Dashboard.Kubernetes.Config;

namespace Dashboard.Kubernetes.Tests;

public sealed class KubeconfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubeconfig-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string First = """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
        - name: c1
          cluster:
            server: https://c1.example:6443
            certificate-authority: ca.pem
            tls-server-name: api.internal
        - name: shared
          cluster:
            server: https://from-first:6443
        users:
        - name: u1
          user:
            token: first-token
        contexts:
        - name: dev
          context: {cluster: c1, user: u1, namespace: team-a}
        """;

    private const string Second = """
        apiVersion: v1
        kind: Config
        current-context: prod
        clusters:
        - name: shared
          cluster:
            server: https://from-second:6443
        - name: c2
          cluster:
            server: https://c2.example
            insecure-skip-tls-verify: true
            proxy-url: http://proxy.example:3128
        users:
        - name: u2
          user:
            tokenFile: secrets/token
        - name: plugin
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: get-token
              args: ["--cluster", "c2"]
              env: [{name: REGION, value: eu}]
              installHint: install get-token from your admin
        contexts:
        - name: prod
          context: {cluster: c2, user: u2}
        - name: cloud
          context: {cluster: c2, user: plugin}
        """;

    [Fact]
    public void Merging_keeps_the_first_definition_of_each_name_and_the_first_current_context()
    {
        var config = Kubeconfig.Load([Write("a", First), Write("b", Second), Path.Combine(_dir, "missing")]);
        Assert.Equal("dev", config.CurrentContext);
        Assert.Equal("https://from-first:6443", config.Clusters["shared"].Server);
        Assert.Equal(["c1", "shared", "c2"], config.Clusters.Keys);
        Assert.Equal(["dev", "prod", "cloud"], config.Contexts.Keys);
        Assert.Equal(2, config.Files.Count);
        Assert.Equal(Path.Combine(_dir, "ca.pem"), config.Clusters["c1"].CertificateAuthority);
        Assert.Equal(Path.Combine(_dir, "secrets", "token"), config.Users["u2"].TokenFile);
    }

    [Fact]
    public void A_context_gives_server_namespace_and_the_right_kind_of_credential()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "secrets"));
        File.WriteAllText(Path.Combine(_dir, "secrets", "token"), "file-token\n");
        var config = Kubeconfig.Load([Write("b", Second)]);

        var prod = KubeClientSettings.FromKubeconfig(config);
        Assert.Equal(new Uri("https://c2.example"), prod.Server);
        Assert.Equal("default", prod.Namespace);
        Assert.True(prod.InsecureSkipTlsVerify);
        Assert.Equal(new Uri("http://proxy.example:3128"), prod.Proxy);
        Assert.IsType<TokenFileCredential>(prod.Credential);

        var cloud = KubeClientSettings.FromKubeconfig(config, "cloud");
        Assert.IsType<ExecCredential>(cloud.Credential);
        Assert.Equal("cloud", cloud.ContextName);
    }

    [Fact]
    public void Inline_and_file_certificate_authorities_both_load()
    {
        var pem = TestCertificates.CaPem;
        var caData = Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
        var inline = $$$"""
            current-context: x
            clusters: [{name: c, cluster: {server: "https://h:1", certificate-authority-data: {{{caData}}}}}]
            users: [{name: u, user: {token: t}}]
            contexts: [{name: x, context: {cluster: c, user: u, namespace: ns1}}]
            """;
        var a = KubeClientSettings.FromKubeconfig(Kubeconfig.Parse(inline));
        Assert.Single(a.CertificateAuthorities);
        Assert.Equal("ns1", a.Namespace);

        Write("ca.pem", pem);
        var fromFile = KubeClientSettings.FromKubeconfig(Kubeconfig.Load([Write("f", First)]));
        Assert.Single(fromFile.CertificateAuthorities);
        Assert.Equal("team-a", fromFile.Namespace);
        Assert.Equal("api.internal", fromFile.TlsServerName);
    }

    [Fact]
    public void Missing_pieces_and_bad_yaml_are_explained()
    {
        var config = Kubeconfig.Load([Write("a", First)]);
        var e = Assert.Throws<KubeconfigException>(() => KubeClientSettings.FromKubeconfig(config, "nope"));
        Assert.Equal("context \"nope\" does not exist", e.Message);

        var bad = Write("bad", "clusters: [\n  - name: x\n   cluster: {");
        var parse = Assert.Throws<KubeconfigException>(() => Kubeconfig.Load([bad]));
        Assert.Contains("line", parse.Message);

        var missingCa = Assert.Throws<KubeconfigException>(() => KubeClientSettings.FromKubeconfig(config));
        Assert.StartsWith("unable to read certificate-authority of cluster \"c1\"", missingCa.Message);

        var noUser = Kubeconfig.Parse("current-context: x\nclusters: [{name: c, cluster: {server: 'https://h'}}]\ncontexts: [{name: x, context: {cluster: c, user: ghost}}]");
        Assert.Contains("user that does not exist", Assert.Throws<KubeconfigException>(() => KubeClientSettings.FromKubeconfig(noUser)).Message);
    }

    [Fact]
    public void Resolution_order_is_explicit_then_KUBECONFIG_then_in_cluster_then_home()
    {
        var home = Directory.CreateDirectory(Path.Combine(_dir, "home")).FullName;
        var sa = Directory.CreateDirectory(Path.Combine(_dir, "sa")).FullName;
        Directory.CreateDirectory(Path.Combine(home, ".kube"));
        File.WriteAllText(Path.Combine(home, ".kube", "config"), First.Replace("team-a", "from-home", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(home, ".kube", "ca.pem"), TestCertificates.CaPem);
        File.WriteAllText(Path.Combine(sa, "token"), "sa-token");
        File.WriteAllText(Path.Combine(sa, "namespace"), "pod-ns");
        File.WriteAllText(Path.Combine(sa, "ca.crt"), TestCertificates.CaPem);
        var kubeconfigEnv = Write("env", First);
        Write("ca.pem", TestCertificates.CaPem);
        var env = new Dictionary<string, string?> { ["KUBECONFIG"] = kubeconfigEnv, ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1", ["KUBERNETES_SERVICE_PORT"] = "443" };
        var loader = new KubeClientSettingsLoader(k => env.GetValueOrDefault(k), sa, home);

        Assert.Equal(KubeConfigSource.KubeconfigEnvironment, loader.TryResolve()!.Source);
        env["KUBECONFIG"] = null;
        var inCluster = loader.TryResolve()!;
        Assert.Equal(KubeConfigSource.InCluster, inCluster.Source);
        Assert.Equal(new Uri("https://10.96.0.1:443"), inCluster.Server);
        Assert.Equal("pod-ns", inCluster.Namespace);
        env["KUBERNETES_SERVICE_HOST"] = null;
        var fromHome = loader.TryResolve()!;
        Assert.Equal(KubeConfigSource.HomeKubeconfig, fromHome.Source);
        Assert.Equal("from-home", fromHome.Namespace);
        Assert.Null(new KubeClientSettingsLoader(_ => null, Path.Combine(_dir, "none"), Path.Combine(_dir, "nohome")).TryResolve());
        Assert.Equal(KubeConfigSource.Explicit, KubeClientSettingsLoader.Explicit(new Uri("https://x"), "t").Source);
    }
}
