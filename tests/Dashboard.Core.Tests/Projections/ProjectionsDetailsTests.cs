using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Core.Projections;
using Dashboard.Core.Projections.Details;
using static Dashboard.Core.Tests.Projections.ProjectionFixtures;

namespace Dashboard.Core.Tests.Projections;

/// <summary>The describe-grade views: containers, probes in words, env references, mounts, volumes, scheduling.</summary>
public sealed class ProjectionsDetailsTests
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    private static ProbeView? Probe(string json, CultureInfo culture) => ProbeView.From(ProbeKind.Readiness, JsonNode.Parse(json), culture);

    [Fact]
    public void Probes_read_in_words_with_the_apis_defaults()
    {
        Assert.Equal("HTTP GET :8080/healthz every 10s, timeout 1s, after 5s, fails after 3",
            Probe("""{"httpGet":{"path":"/healthz","port":8080},"initialDelaySeconds":5}""", En)!.Sentence);
        Assert.Equal("HTTP GET :8080/healthz 每 10 秒，超时 1 秒，启动 5 秒后开始，连续失败 3 次判为失败",
            Probe("""{"httpGet":{"path":"/healthz","port":8080},"initialDelaySeconds":5}""", Zh)!.Sentence);
        Assert.Equal("TCP :postgres every 5s, timeout 2s, succeeds after 2, fails after 6",
            Probe("""{"tcpSocket":{"port":"postgres"},"periodSeconds":5,"timeoutSeconds":2,"successThreshold":2,"failureThreshold":6}""", En)!.Sentence);
        Assert.Equal("exec pg_isready -U \"app user\" every 10s, timeout 1s, fails after 3",
            Probe("""{"exec":{"command":["pg_isready","-U","app user"]}}""", En)!.Sentence);
        Assert.Equal("HTTPS GET db.local:443/ready every 10s, timeout 1s, fails after 3",
            Probe("""{"httpGet":{"scheme":"HTTPS","host":"db.local","path":"ready","port":443}}""", En)!.Sentence);
        Assert.Equal("gRPC :9090 health every 10s, timeout 1s, fails after 3",
            Probe("""{"grpc":{"port":9090,"service":"health"}}""", En)!.Sentence);
        Assert.Null(Probe("null", En));
    }

    [Fact]
    public void A_crash_looping_container_shows_state_last_state_exit_code_and_restarts()
    {
        var view = PodDetailsView.From(Load("pod-fraud-detector"), Now, En);
        var c = Assert.Single(view.Containers);
        Assert.Equal((ContainerStateKind.Waiting, "CrashLoopBackOff"), (c.State.Kind, c.State.Reason));
        Assert.Equal((ContainerStateKind.Terminated, "Error", 1), (c.LastState!.Kind, c.LastState.Reason, c.LastState.ExitCode));
        Assert.False(c.Ready);
        Assert.True(c.Restarts > 0);
        Assert.NotNull(c.LastState.FinishedAt);
    }

    [Fact]
    public void An_oom_killed_container_reports_it_in_its_last_state()
    {
        var c = Assert.Single(PodDetailsView.From(Load("pod-ledger-worker"), Now, En).Containers);
        Assert.Equal(("OOMKilled", 137), (c.LastState!.Reason, c.LastState.ExitCode));
        Assert.Equal(("100m", "128Mi", "256Mi"), (c.Requests["cpu"], c.Requests["memory"], c.Limits["memory"]));
    }

    [Fact]
    public void Env_references_to_config_maps_and_secrets_are_listed_for_links()
    {
        var pod = Parse("""
            {"metadata":{"name":"p"},"spec":{"containers":[{"name":"app","image":"app:1",
              "env":[{"name":"MODE","value":"prod"},
                     {"name":"DB_HOST","valueFrom":{"configMapKeyRef":{"name":"catalog-config","key":"db.host"}}},
                     {"name":"DB_PASSWORD","valueFrom":{"secretKeyRef":{"name":"catalog-db","key":"password","optional":true}}},
                     {"name":"POD","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},
                     {"name":"MEM","valueFrom":{"resourceFieldRef":{"resource":"limits.memory"}}}],
              "envFrom":[{"configMapRef":{"name":"catalog-config"}},{"prefix":"S_","secretRef":{"name":"shared"}}],
              "volumeMounts":[{"name":"cfg","mountPath":"/etc/app","readOnly":true},{"name":"data","mountPath":"/data","subPath":"app"}],
              "ports":[{"name":"http","containerPort":8080}]}],
              "volumes":[{"name":"cfg","configMap":{"name":"app-files"}},{"name":"data","persistentVolumeClaim":{"claimName":"data-0"}}]}}
            """);
        var view = PodDetailsView.From(pod, Now, En);
        var c = Assert.Single(view.Containers);
        Assert.Equal([EnvSource.Value, EnvSource.ConfigMapKey, EnvSource.SecretKey, EnvSource.Field, EnvSource.ResourceField], c.Env.Select(e => e.Source));
        Assert.Equal(("catalog-db", "password", true), (c.Env[2].Reference!.Name, c.Env[2].Key, c.Env[2].Reference!.Optional));
        Assert.Equal("metadata.name", c.Env[3].Value);
        Assert.Equal("S_", c.EnvFrom[1].Prefix);
        Assert.Equal(["ConfigMap/catalog-config", "Secret/catalog-db", "Secret/shared"], c.EnvReferences.Select(r => r.Kind + "/" + r.Name));
        Assert.Equal(("/etc/app", true, "configMap", "app-files"), (c.Mounts[0].MountPath, c.Mounts[0].ReadOnly, c.Mounts[0].Volume!.Type, c.Mounts[0].Volume!.Source));
        Assert.Equal(("app", "data-0"), (c.Mounts[1].SubPath, c.Mounts[1].Volume!.References[0].Name));
        Assert.Equal(("http", "8080/TCP"), (c.Ports[0].Name, c.Ports[0].Text));
        Assert.Contains(view.References, r => r is { Kind: "PersistentVolumeClaim", Name: "data-0" });
        Assert.Equal(QosClass.BestEffort, view.Qos);
    }

    [Fact]
    public void The_service_account_volume_lists_its_projected_sources()
    {
        var view = PodDetailsView.From(Load("pod-frontend"), Now, En);
        var v = view.Volumes.Single(v => v.Name.StartsWith("kube-api-access-", StringComparison.Ordinal));
        Assert.Equal(("projected", "serviceAccountToken, configMap kube-root-ca.crt, downwardAPI"), (v.Type, v.Source));
        Assert.Contains(view.Conditions, c => c is { Type: "Ready", IsTrue: true });
    }

    [Fact]
    public void Init_containers_and_sidecars_are_separated_from_app_containers()
    {
        var view = PodDetailsView.From(Load("pod-sidecar-running"), Now, En);
        Assert.Equal(["init-config", "proxy"], view.InitContainers.Select(c => c.Name));
        Assert.Equal([false, true], view.InitContainers.Select(c => c.IsSidecar));
        Assert.Equal((ContainerStateKind.Terminated, "Completed", 0), (view.InitContainers[0].State.Kind, view.InitContainers[0].State.Reason, view.InitContainers[0].State.ExitCode));
        Assert.Equal(15, Assert.Single(view.Containers).LastState!.Signal);
    }

    [Fact]
    public void Tolerations_print_as_kubectl_describe_prints_them()
    {
        var view = PodDetailsView.From(Load("pod-frontend"), Now, En);
        Assert.Equal(["node.kubernetes.io/not-ready:NoExecute op=Exists for 300s", "node.kubernetes.io/unreachable:NoExecute op=Exists for 300s"], view.Scheduling.Tolerations);
        Assert.Equal("op=Exists", SchedulingView.Toleration(JsonNode.Parse("""{"operator":"Exists"}""")!.AsObject()));
        Assert.Equal("dedicated=gpu:NoSchedule", SchedulingView.Toleration(JsonNode.Parse("""{"key":"dedicated","operator":"Equal","value":"gpu","effect":"NoSchedule"}""")!.AsObject()));
    }

    [Fact]
    public void Affinity_reads_in_words()
    {
        var spec = JsonNode.Parse("""
            {"nodeSelector":{"disktype":"ssd"},"priorityClassName":"business-critical",
             "affinity":{
               "nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[
                   {"matchExpressions":[{"key":"kubernetes.io/arch","operator":"In","values":["amd64","arm64"]}]},
                   {"matchExpressions":[{"key":"gpu","operator":"Exists"}]}]},
                 "preferredDuringSchedulingIgnoredDuringExecution":[{"weight":50,"preference":{"matchExpressions":[{"key":"zone","operator":"NotIn","values":["a"]}]}}]},
               "podAntiAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[{"labelSelector":{"matchLabels":{"app":"postgres"}},"topologyKey":"kubernetes.io/hostname"}]},
               "podAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":10,"podAffinityTerm":{"labelSelector":{"matchLabels":{"app":"cache"}},"topologyKey":"topology.kubernetes.io/zone"}}]}},
             "topologySpreadConstraints":[{"maxSkew":1,"topologyKey":"topology.kubernetes.io/zone","whenUnsatisfiable":"ScheduleAnyway"}]}
            """)!.AsObject();
        var en = SchedulingView.From(spec, En);
        Assert.Equal([
            "Requires nodes with kubernetes.io/arch in (amd64,arm64) or gpu",
            "Prefers nodes with zone notin (a) (weight 50)",
            "Prefers running with pods app=cache in the same topology.kubernetes.io/zone (weight 10)",
            "Must not run with pods app=postgres in the same kubernetes.io/hostname",
        ], en.Affinity);
        Assert.Equal("At most 1 pods of skew across topology.kubernetes.io/zone (ScheduleAnyway)", Assert.Single(en.TopologySpread));
        Assert.Equal(("ssd", "business-critical"), (en.NodeSelector["disktype"], en.PriorityClass));
        var zh = SchedulingView.From(spec, Zh);
        Assert.Equal("不得与 app=postgres 的 Pod 位于同一 kubernetes.io/hostname", zh.Affinity[3]);
        Assert.Equal("要求节点满足 kubernetes.io/arch in (amd64,arm64) 或 gpu", zh.Affinity[0]);
    }

    [Fact]
    public void A_workload_template_gives_containers_without_status_and_its_qos()
    {
        var deployment = Load("deployment-fraud-detector");
        var view = PodDetailsView.FromTemplate(PodDetailsView.TemplateOf(deployment), En);
        var c = Assert.Single(view.Containers);
        Assert.Equal((ContainerStateKind.Unknown, "detector"), (c.State.Kind, c.Name));
        Assert.Empty(view.Conditions);
        Assert.NotEqual(QosClass.Unknown, view.Qos);
    }

    [Fact]
    public void Conditions_carry_reason_message_and_age()
    {
        var view = PodDetailsView.From(Load("pod-report-builder"), Now, En);
        var c = Assert.Single(view.Conditions);
        Assert.Equal(("PodScheduled", "False", "Unschedulable"), (c.Type, c.Status, c.Reason));
        Assert.Contains("Insufficient cpu", c.Message);
        Assert.Equal(KubeFormat.HumanDuration(Now - c.LastTransition!.Value), c.Age);
    }
}
