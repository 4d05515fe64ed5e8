using System.Globalization;
using System.Text.Json.Nodes;
using static Dashboard.Core.Projections.JsonRead;

namespace Dashboard.Core.Projections.Details;

/// <summary>A container port.</summary>
/// <param name="Name">The port's name, if any.</param>
/// <param name="ContainerPort">containerPort.</param>
/// <param name="Protocol">TCP, UDP or SCTP.</param>
/// <param name="HostPort">hostPort, if any.</param>
public sealed record PortView(string? Name, int ContainerPort, string Protocol, int? HostPort)
{
    /// <summary>"8080/TCP" as kubectl describe prints it.</summary>
    public string Text => Inv($"{ContainerPort}/{Protocol}");
}

/// <summary>A volume mount, with the volume it mounts.</summary>
/// <param name="Name">The volume's name.</param>
/// <param name="MountPath">Where it is mounted.</param>
/// <param name="SubPath">subPath or subPathExpr, if any.</param>
/// <param name="ReadOnly">Mounted read-only.</param>
/// <param name="Volume">The pod volume of that name, when the spec has it.</param>
public sealed record MountView(string Name, string MountPath, string? SubPath, bool ReadOnly, VolumeView? Volume);

/// <summary>
/// One container for a detail page, as <c>kubectl describe pod</c> shows it: image, state and last state (exit code,
/// reason), ready, restarts, ports, env with its ConfigMap/Secret references, mounts, requests and limits, probes.
/// </summary>
public sealed record ContainerView
{
    /// <summary>The container's name.</summary>
    public required string Name { get; init; }
    /// <summary>The image in the spec.</summary>
    public required string Image { get; init; }
    /// <summary>The image ID the runtime reports, if any.</summary>
    public string? ImageId { get; init; }
    /// <summary>An init container.</summary>
    public bool IsInit { get; init; }
    /// <summary>An init container with restartPolicy Always (runs beside the app containers).</summary>
    public bool IsSidecar { get; init; }
    /// <summary>The current state (<see cref="ContainerStateView.None"/> without a status).</summary>
    public required ContainerStateView State { get; init; }
    /// <summary>The previous termination, if any.</summary>
    public ContainerStateView? LastState { get; init; }
    /// <summary>status ready.</summary>
    public bool Ready { get; init; }
    /// <summary>status started, when reported.</summary>
    public bool? Started { get; init; }
    /// <summary>restartCount.</summary>
    public int Restarts { get; init; }
    /// <summary>imagePullPolicy.</summary>
    public string? ImagePullPolicy { get; init; }
    /// <summary>command.</summary>
    public required IReadOnlyList<string> Command { get; init; }
    /// <summary>args.</summary>
    public required IReadOnlyList<string> Args { get; init; }
    /// <summary>Ports.</summary>
    public required IReadOnlyList<PortView> Ports { get; init; }
    /// <summary>env.</summary>
    public required IReadOnlyList<EnvVarView> Env { get; init; }
    /// <summary>envFrom.</summary>
    public required IReadOnlyList<EnvFromView> EnvFrom { get; init; }
    /// <summary>Mounts with their volumes.</summary>
    public required IReadOnlyList<MountView> Mounts { get; init; }
    /// <summary>resources.requests (name → quantity).</summary>
    public required IReadOnlyDictionary<string, string> Requests { get; init; }
    /// <summary>resources.limits (name → quantity).</summary>
    public required IReadOnlyDictionary<string, string> Limits { get; init; }
    /// <summary>Liveness, readiness and startup probes that are set, in that order.</summary>
    public required IReadOnlyList<ProbeView> Probes { get; init; }

    /// <summary>Every ConfigMap and Secret the container's env and envFrom refer to, once each.</summary>
    public IReadOnlyList<ObjectReference> EnvReferences =>
        Env.Where(e => e.Reference is not null).Select(e => e.Reference!).Concat(EnvFrom.Select(e => e.Reference))
            .DistinctBy(r => (r.Kind, r.Name)).ToList();

    /// <summary>The containers (or init containers) of a pod spec, joined to their statuses by name when given.</summary>
    public static IReadOnlyList<ContainerView> From(JsonObject? podSpec, JsonObject? podStatus, bool init, CultureInfo? culture = null)
    {
        var specs = podSpec?[init ? "initContainers" : "containers"];
        var statuses = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var s in Objects(podStatus?[init ? "initContainerStatuses" : "containerStatuses"])) statuses[S(s["name"]) ?? ""] = s;
        var volumes = VolumeView.From(podSpec.P("volumes")).ToDictionary(v => v.Name, StringComparer.Ordinal);
        return Objects(specs).Select(c =>
        {
            var name = S(c["name"]) ?? "";
            statuses.TryGetValue(name, out var st);
            return new ContainerView
            {
                Name = name,
                Image = S(c["image"]) ?? "",
                ImageId = S(st.P("imageID")) is { Length: > 0 } id ? id : null,
                IsInit = init,
                IsSidecar = init && S(c["restartPolicy"]) == "Always",
                State = ContainerStateView.From(st.P("state")) ?? ContainerStateView.None,
                LastState = ContainerStateView.From(st.P("lastState")),
                Ready = B(st.P("ready")) == true,
                Started = B(st.P("started")),
                Restarts = I(st.P("restartCount")),
                ImagePullPolicy = S(c["imagePullPolicy"]),
                Command = Strings(c["command"]),
                Args = Strings(c["args"]),
                Ports = Objects(c["ports"]).Select(p => new PortView(S(p["name"]), I(p["containerPort"]), S(p["protocol"]) ?? "TCP",
                    L(p["hostPort"]) is { } hp and not 0 ? (int)hp : null)).ToList(),
                Env = EnvVarView.From(c["env"]),
                EnvFrom = EnvFromView.From(c["envFrom"]),
                Mounts = Objects(c["volumeMounts"]).Select(m =>
                {
                    var vol = S(m["name"]) ?? "";
                    var sub = S(m["subPath"]) is { Length: > 0 } sp ? sp : S(m["subPathExpr"]) is { Length: > 0 } se ? se : null;
                    return new MountView(vol, S(m["mountPath"]) ?? "", sub, B(m["readOnly"]) == true, volumes.GetValueOrDefault(vol));
                }).ToList(),
                Requests = Map(c["resources"].P("requests")),
                Limits = Map(c["resources"].P("limits")),
                Probes = new[]
                {
                    ProbeView.From(ProbeKind.Liveness, c["livenessProbe"], culture),
                    ProbeView.From(ProbeKind.Readiness, c["readinessProbe"], culture),
                    ProbeView.From(ProbeKind.Startup, c["startupProbe"], culture),
                }.OfType<ProbeView>().ToList(),
            };
        }).ToList();
    }
}
