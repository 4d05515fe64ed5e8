using System.Text.Json.Nodes;
using Dashboard.Core.Caching;
using Dashboard.Core.Streams;
using Dashboard.Kubernetes.Client;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Tests;

/// <summary>The cache fixture plus a node for pods to run on, the log and terminal services, and pod helpers.</summary>
public sealed class StreamFixture : IAsyncLifetime
{
    private readonly CacheFixture _inner = new();

    public CacheFixture Cluster => _inner;
    public KubeApiClient Admin => _inner.Admin;
    public ClusterCache Cache { get; private set; } = null!;
    public LogStreamService Logs { get; private set; } = null!;
    public TerminalService Terminals { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _inner.InitializeAsync();
        Cache = _inner.NewCache();
        Logs = new LogStreamService(_inner.Pool, Cache);
        Terminals = new TerminalService(_inner.Pool);
        await Admin.CreateAsync(Node.Resource, null, JsonNode.Parse("""
            {"metadata":{"name":"streams-node","labels":{"kubernetes.io/hostname":"streams-node","kubernetes.io/os":"linux"}},
             "status":{"capacity":{"cpu":"32","memory":"64Gi","pods":"110"},"allocatable":{"cpu":"32","memory":"64Gi","pods":"110"},
              "conditions":[{"type":"Ready","status":"True","reason":"KubeletReady","message":"kubelet is posting ready status"}]}}
            """)!.AsObject());
    }

    public async Task DisposeAsync()
    {
        await Cache.DisposeAsync();
        await _inner.DisposeAsync();
    }

    public Task<string> NewNamespace(string name) => _inner.NewNamespace(name);

    /// <summary>A pod of busybox containers, each running its shell script.</summary>
    public Task<KubeObject> ShellPod(string ns, string name, params (string Name, string Script)[] containers) =>
        Pod(ns, name, containers.Select(c => new JsonObject
        {
            ["name"] = c.Name,
            ["image"] = "busybox:1.36",
            ["command"] = new JsonArray("sh", "-c", c.Script),
        }).ToArray());

    public Task<KubeObject> Pod(string ns, string name, params JsonObject[] containers) =>
        Admin.CreateAsync(Kubernetes.Models.Pod.Resource, ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["test"] = name } },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(containers.Select(c => (JsonNode)c).ToArray()) },
        });

    public async Task<KubeObject> Running(string ns, string name)
    {
        KubeObject? pod = null;
        await Eventually(async () =>
        {
            pod = await Admin.GetAsync(Kubernetes.Models.Pod.Resource, ns, name);
            return pod.GetString("status.phase") == "Running"
                   && (pod.Status?["containerStatuses"] as JsonArray ?? []).All(c => c?["state"]?["running"] is not null);
        }, $"pod {ns}/{name} running");
        return pod!;
    }

    public static async Task Eventually(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>A user with no role at all, signed in.</summary>
    public string Nobody(string name) => _inner.Pool.SignIn("emulator", _inner.Emulator.Context.Users.Add(name));

    /// <summary>A user bound to the built-in view ClusterRole in a namespace (logs yes, exec no), signed in.</summary>
    public async Task<string> Viewer(string name, string ns)
    {
        await Admin.CreateAsync(RoleBinding.Resource, ns, JsonNode.Parse($$"""
            {"metadata":{"name":"{{name}}"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},
             "subjects":[{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"{{name}}"}]}
            """)!.AsObject());
        return _inner.Pool.SignIn("emulator", _inner.Emulator.Context.Users.Add(name));
    }
}

/// <summary>Reads a session in the background, as a page would, and lets tests wait for what arrived.</summary>
internal sealed class LogReader : IAsyncDisposable
{
    private readonly List<LogLine> _lines = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;

    public LogReader(LogSession session)
    {
        Session = session;
        _pump = Task.Run(async () =>
        {
            await foreach (var batch in session.ReadAllAsync(_stop.Token))
                lock (_lines) _lines.AddRange(batch);
        });
    }

    public LogSession Session { get; }

    public List<LogLine> Lines { get { lock (_lines) return [.. _lines]; } }
    public List<LogLine> Text => Lines.Where(l => l.Kind == LogLineKind.Text).ToList();
    public List<LogLine> Statuses(LogStatus status) => Lines.Where(l => l.Status == status).ToList();

    public async Task WaitFor(Func<List<LogLine>, bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition(Lines))
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"timed out waiting for {what}; last lines:{Environment.NewLine}{Dump()}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the session to end by itself and for the reader to drain it.</summary>
    public async Task ReadToEnd()
    {
        await Session.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        await _pump.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public string Dump() => string.Join(Environment.NewLine, Lines.TakeLast(30).Select(l => l.Format(false, true)));

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        await _stop.CancelAsync();
        try { await _pump; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
