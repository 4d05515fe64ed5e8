using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Protobuf;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>
/// Encodes messages the way client-go's gogo-generated marshallers do (every non-pointer scalar written, even when
/// zero; pointers only when set; nested structs always) and checks the JSON the emulator decodes them into.
/// </summary>
public sealed class ProtobufDecoderTests
{
    private static readonly ProtobufBodyDecoder Decoder = new(ProtoSchema.Default);

    private static JsonObject Decode(string apiVersion, string kind, ProtoWriter raw) =>
        Decoder.Decode(ProtoWriter.Envelope(apiVersion, kind, raw.ToArray()), null);

    /// <summary>ObjectMeta as gogo writes it for a new object: empty strings, generation 0 and a zero Time included.</summary>
    private static ProtoWriter Meta(string name, string ns = "", Action<ProtoWriter>? more = null)
    {
        var w = new ProtoWriter().String(1, name).String(2, "").String(3, ns).String(4, "").String(5, "").String(6, "")
            .Varint(7, 0).Message(8, _ => { });
        more?.Invoke(w);
        return w;
    }

    [Fact]
    public void Schema_loads_and_every_type_reference_resolves()
    {
        var schema = ProtoSchema.Default;
        foreach (var (apiVersion, kind) in new[]
                 {
                     ("v1", "Namespace"), ("v1", "ConfigMap"), ("v1", "Secret"), ("v1", "ServiceAccount"), ("v1", "Service"),
                     ("v1", "Pod"), ("v1", "ResourceQuota"), ("apps/v1", "Deployment"), ("apps/v1", "StatefulSet"),
                     ("batch/v1", "Job"), ("batch/v1", "CronJob"), ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
                     ("policy/v1", "Eviction"), ("policy/v1", "PodDisruptionBudget"), ("networking.k8s.io/v1", "Ingress"),
                     ("scheduling.k8s.io/v1", "PriorityClass"), ("authorization.k8s.io/v1", "SelfSubjectAccessReview"),
                     ("authorization.k8s.io/v1", "SelfSubjectRulesReview"), ("authentication.k8s.io/v1", "SelfSubjectReview"),
                     ("authentication.k8s.io/v1", "TokenRequest"), ("v1", "DeleteOptions"), ("apps/v1", "DeleteOptions"),
                     ("autoscaling/v1", "HorizontalPodAutoscaler"), ("autoscaling/v2", "HorizontalPodAutoscaler"), ("autoscaling/v1", "Scale"),
                 })
            Assert.NotNull(schema.Find(apiVersion, kind));
        Assert.All(schema.Messages.Values.SelectMany(m => m.Fields),
            f => Assert.True(f.Type.Scalar is not null || f.Type.Message is not null || f.Type.WellKnown is not null, f.JsonName));
    }

    [Fact]
    public void SelfSubjectAccessReview_decodes_resource_attributes_and_sets_type_meta_first()
    {
        var raw = new ProtoWriter()
            .Message(1, Meta(""))
            .Message(2, spec => spec.Message(1, ra => ra.String(1, "default").String(2, "list").String(3, "").String(4, "")
                .String(5, "pods").String(6, "").String(7, "")))
            .Message(3, status => status.Bool(1, false).String(2, "").String(3, "").Bool(4, false));

        var obj = Decode("authorization.k8s.io/v1", "SelfSubjectAccessReview", raw);

        Assert.Equal(["apiVersion", "kind", "metadata", "spec", "status"], obj.Select(p => p.Key));
        Assert.Equal("SelfSubjectAccessReview", obj.Str("kind"));
        Assert.Equal("""{"namespace":"default","verb":"list","resource":"pods"}""", obj["spec"]!["resourceAttributes"]!.ToJsonString());
        Assert.Equal("{}", obj["metadata"]!.ToJsonString());
        // allowed has no omitempty in Go, so a present false stays.
        Assert.Equal("""{"allowed":false}""", obj["status"]!.ToJsonString());
    }

    [Fact]
    public void NonResource_access_review_and_rules_review_decode()
    {
        var ssar = Decode("authorization.k8s.io/v1", "SelfSubjectAccessReview", new ProtoWriter()
            .Message(1, Meta("")).Message(2, spec => spec.Message(2, nr => nr.String(1, "/healthz").String(2, "get"))));
        Assert.Equal("""{"nonResourceAttributes":{"path":"/healthz","verb":"get"}}""", ssar["spec"]!.ToJsonString());

        var ssrr = Decode("authorization.k8s.io/v1", "SelfSubjectRulesReview", new ProtoWriter()
            .Message(1, Meta("")).Message(2, spec => spec.String(1, "kube-system")));
        Assert.Equal("kube-system", ssrr.Str("spec.namespace"));
    }

    [Fact]
    public void SelfSubjectReview_and_TokenRequest_decode_pointer_fields_and_extra_values()
    {
        var review = Decode("authentication.k8s.io/v1", "SelfSubjectReview", new ProtoWriter()
            .Message(1, Meta("")).Message(2, status => status.Message(1, user => user.String(1, "jane").String(2, "")
                .String(3, "devs").String(3, "system:authenticated")
                .Message(4, e => e.String(1, "scopes").Message(2, v => v.String(1, "a").String(1, "b"))))));
        Assert.Equal("""{"username":"jane","groups":["devs","system:authenticated"],"extra":{"scopes":["a","b"]}}""",
            review["status"]!["userInfo"]!.ToJsonString());

        var token = Decode("authentication.k8s.io/v1", "TokenRequest", new ProtoWriter()
            .Message(1, Meta("", "default"))
            .Message(2, spec => spec.String(1, "https://kubernetes.default.svc").Varint(4, 600)
                .Message(3, b => b.String(1, "Pod").String(2, "v1").String(3, "p").String(4, "u-1")))
            .Message(3, status => status.String(1, "").Message(2, _ => { })));
        Assert.Equal("""{"audiences":["https://kubernetes.default.svc"],"expirationSeconds":600,"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"p","uid":"u-1"}}""",
            token["spec"]!.ToJsonString());
        Assert.Equal("default", token.Namespace());
    }

    [Fact]
    public void DeleteOptions_keep_a_zero_grace_period_and_read_preconditions_and_dry_run()
    {
        var obj = Decode("v1", "DeleteOptions", new ProtoWriter()
            .Varint(1, 0)
            .Message(2, p => p.String(1, "uid-1"))
            .String(4, "Foreground")
            .String(5, "All"));
        Assert.Equal("""{"apiVersion":"v1","kind":"DeleteOptions","gracePeriodSeconds":0,"preconditions":{"uid":"uid-1"},"propagationPolicy":"Foreground","dryRun":["All"]}""",
            obj.ToJsonString());
    }

    [Fact]
    public void Eviction_embeds_delete_options()
    {
        var obj = Decode("policy/v1", "Eviction", new ProtoWriter()
            .Message(1, Meta("web-1", "default"))
            .Message(2, d => d.Varint(1, 30)));
        Assert.Equal("web-1", obj.Name());
        Assert.Equal(30, obj.Int("deleteOptions.gracePeriodSeconds"));
    }

    [Fact]
    public void Secret_bytes_become_base64_and_zero_metadata_is_omitted()
    {
        var obj = Decode("v1", "Secret", new ProtoWriter()
            .Message(1, Meta("s", "", m => m.Message(11, e => e.String(1, "app").String(2, "x"))))
            .Message(2, e => e.String(1, "password").Bytes(2, Encoding.UTF8.GetBytes("q")))
            .Message(2, e => e.String(1, "empty"))
            .String(3, "Opaque"));
        Assert.Equal("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","labels":{"app":"x"}},"data":{"password":"cQ==","empty":""},"type":"Opaque"}""",
            obj.ToJsonString());
    }

    [Fact]
    public void ConfigMap_keeps_explicit_immutable_false()
    {
        var obj = Decode("v1", "ConfigMap", new ProtoWriter()
            .Message(1, Meta("c"))
            .Message(2, e => e.String(1, "k").String(2, "v"))
            .Bool(4, false));
        Assert.Equal("""{"name":"c"}""", obj["metadata"]!.ToJsonString());
        Assert.Equal(false, obj.Bool("immutable"));
        Assert.Equal("v", obj.Str("data.k"));
    }

    [Fact]
    public void Deployment_with_full_pod_template_decodes_like_the_go_json()
    {
        var container = new ProtoWriter()
            .String(1, "web").String(2, "nginx:1.27").String(3, "sh").String(3, "-c").String(4, "serve")
            .String(5, "")
            .Message(6, p => p.String(1, "http").Varint(2, 0).Varint(3, 80).String(4, "TCP").String(5, ""))
            .Message(7, e => e.String(1, "MODE").String(2, "prod"))
            .Message(7, e => e.String(1, "POD_IP").String(2, "").Message(3, s => s.Message(1, f => f.String(1, "v1").String(2, "status.podIP"))))
            .Message(7, e => e.String(1, "PASS").String(2, "").Message(3, s => s.Message(4, k => k.Message(1, r => r.String(1, "creds")).String(2, "pw").Bool(3, false))))
            .Message(8, r => r.Message(1, l => l.String(1, "memory").Message(2, q => q.String(1, "128Mi")))
                .Message(2, l => l.String(1, "cpu").Message(2, q => q.String(1, "250m"))))
            .Message(9, m => m.String(1, "cache").Bool(2, false).String(3, "/cache").String(4, "").String(6, ""))
            .Message(10, probe => probe.Message(1, h => h.Message(2, g => g.String(1, "/healthz").Message(2, port => port.Varint(1, 1).Varint(2, 0).String(3, "http")).String(3, "").String(4, "HTTP")))
                .Varint(2, 5).Varint(3, 1).Varint(4, 10).Varint(5, 1).Varint(6, 3))
            .Message(11, probe => probe.Message(1, h => h.Message(3, t => t.Message(1, port => port.Varint(1, 0).Varint(2, 8080).String(3, "")).String(2, "")))
                .Varint(2, 0).Varint(3, 0).Varint(4, 0).Varint(5, 0).Varint(6, 0))
            .String(13, "/dev/termination-log").String(14, "IfNotPresent")
            .Message(15, sc => sc.Varint(4, 0).Bool(5, true).Message(1, caps => caps.String(2, "ALL")))
            .Bool(16, false).Bool(17, false).Bool(18, false).String(20, "File");
        var podSpec = new ProtoWriter()
            .Message(1, v => v.String(1, "cache").Message(2, src => src.Message(2, _ => { })))
            .Message(1, v => v.String(1, "conf").Message(2, src => src.Message(19, cm => cm.Message(1, r => r.String(1, "app-config")).Varint(3, 420))))
            .Message(2, container)
            .String(3, "Always").Varint(4, 0).String(6, "ClusterFirst")
            .Message(7, e => e.String(1, "disk").String(2, "ssd"))
            .String(8, "").String(9, "").String(10, "").Bool(11, false).Bool(12, false).Bool(13, false)
            .Message(14, _ => { })
            .String(16, "").String(17, "")
            .Message(18, a => a.Message(1, na => na.Message(1, sel => sel.Message(1, term => term.Message(1, req => req.String(1, "zone").String(2, "In").String(3, "a").String(3, "b"))))))
            .String(19, "default-scheduler")
            .Message(22, t => t.String(1, "dedicated").String(2, "Equal").String(3, "web").String(4, "NoSchedule"))
            .String(24, "");
        var raw = new ProtoWriter()
            .Message(1, Meta("web", "default", m => m.Message(11, e => e.String(1, "app").String(2, "web"))))
            .Message(2, spec => spec
                .Varint(1, 0)
                .Message(2, s => s.Message(1, e => e.String(1, "app").String(2, "web")))
                .Message(3, tpl => tpl.Message(1, Meta("", "", m => m.Message(11, e => e.String(1, "app").String(2, "web")))).Message(2, podSpec))
                .Message(4, st => st.String(1, "RollingUpdate").Message(2, ru => ru
                    .Message(1, i => i.Varint(1, 1).Varint(2, 0).String(3, "25%"))
                    .Message(2, i => i.Varint(1, 0).Varint(2, 1).String(3, ""))))
                .Varint(5, 0).Varint(6, 10).Bool(7, false).Varint(9, 600))
            .Message(3, status => status.Varint(1, 0).Varint(2, 0).Varint(3, 0).Varint(4, 0).Varint(5, 0));

        var obj = Decode("apps/v1", "Deployment", raw);

        Assert.Equal(0, obj.Int("spec.replicas"));
        Assert.Equal(10, obj.Int("spec.revisionHistoryLimit"));
        Assert.Equal(600, obj.Int("spec.progressDeadlineSeconds"));
        Assert.Null(obj.At("spec.minReadySeconds"));
        Assert.Null(obj.At("spec.paused"));
        Assert.Equal("{}", obj["status"]!.ToJsonString());
        Assert.Equal("""{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":1}}""", obj["spec"]!["strategy"]!.ToJsonString());
        Assert.Equal("""{"labels":{"app":"web"}}""", obj["spec"]!["template"]!["metadata"]!.ToJsonString());

        var pod = obj["spec"]!["template"]!["spec"]!;
        Assert.Equal("""[{"name":"cache","emptyDir":{}},{"name":"conf","configMap":{"name":"app-config","defaultMode":420}}]""", pod["volumes"]!.ToJsonString());
        Assert.Equal(0, pod.Int("terminationGracePeriodSeconds"));
        Assert.Equal("{}", pod["securityContext"]!.ToJsonString());
        Assert.Equal("""{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"zone","operator":"In","values":["a","b"]}]}]}}}""",
            pod["affinity"]!.ToJsonString());
        Assert.Equal("""[{"key":"dedicated","operator":"Equal","value":"web","effect":"NoSchedule"}]""", pod["tolerations"]!.ToJsonString());
        Assert.Equal("ssd", pod.Str("nodeSelector.disk"));

        var c = (JsonObject)pod["containers"]![0]!;
        Assert.Equal(["name", "image", "command", "args", "ports", "env", "resources", "volumeMounts", "livenessProbe", "readinessProbe",
            "terminationMessagePath", "terminationMessagePolicy", "imagePullPolicy", "securityContext"], c.Select(p => p.Key));
        Assert.Equal("""[{"name":"http","containerPort":80,"protocol":"TCP"}]""", c["ports"]!.ToJsonString());
        Assert.Equal("""[{"name":"MODE","value":"prod"},{"name":"POD_IP","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"status.podIP"}}},{"name":"PASS","valueFrom":{"secretKeyRef":{"name":"creds","key":"pw","optional":false}}}]""",
            c["env"]!.ToJsonString());
        Assert.Equal("""{"limits":{"memory":"128Mi"},"requests":{"cpu":"250m"}}""", c["resources"]!.ToJsonString());
        Assert.Equal("""[{"name":"cache","mountPath":"/cache"}]""", c["volumeMounts"]!.ToJsonString());
        Assert.Equal("""{"httpGet":{"path":"/healthz","port":"http","scheme":"HTTP"},"initialDelaySeconds":5,"timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3}""",
            c["livenessProbe"]!.ToJsonString());
        Assert.Equal("""{"tcpSocket":{"port":8080}}""", c["readinessProbe"]!.ToJsonString());
        Assert.Equal("""{"capabilities":{"drop":["ALL"]},"runAsUser":0,"runAsNonRoot":true}""", c["securityContext"]!.ToJsonString());
    }

    [Fact]
    public void Job_from_cronjob_keeps_owner_reference_and_annotations()
    {
        var obj = Decode("batch/v1", "Job", new ProtoWriter()
            .Message(1, Meta("manual", "default", m => m
                .Message(12, e => e.String(1, "cronjob.kubernetes.io/instantiate").String(2, "manual"))
                .Message(13, o => o.String(1, "CronJob").String(3, "nightly").String(4, "uid-9").String(5, "batch/v1").Bool(6, true))))
            .Message(2, spec => spec.Varint(7, 0).Bool(10, true)
                .Message(6, tpl => tpl.Message(1, Meta("")).Message(2, ps => ps.String(3, "OnFailure")
                    .Message(2, c => c.String(1, "job").String(2, "busybox").String(3, "date").Message(8, _ => { }))))));
        Assert.Equal("""[{"apiVersion":"batch/v1","kind":"CronJob","name":"nightly","uid":"uid-9","controller":true}]""",
            obj["metadata"]!["ownerReferences"]!.ToJsonString());
        Assert.Equal(0, obj.Int("spec.backoffLimit"));
        Assert.Equal(true, obj.Bool("spec.suspend"));
        Assert.Equal("""{"metadata":{},"spec":{"containers":[{"name":"job","image":"busybox","command":["date"],"resources":{}}],"restartPolicy":"OnFailure"}}""",
            obj["spec"]!["template"]!.ToJsonString());
    }

    [Fact]
    public void Ingress_rule_value_is_inlined_into_the_rule()
    {
        var obj = Decode("networking.k8s.io/v1", "Ingress", new ProtoWriter()
            .Message(1, Meta("ing"))
            .Message(2, spec => spec.String(4, "nginx")
                .Message(3, rule => rule.String(1, "foo.com").Message(2, v => v.Message(1, http => http
                    .Message(1, path => path.String(1, "/bar").String(3, "Prefix")
                        .Message(2, b => b.Message(4, svc => svc.String(1, "svc1").Message(2, port => port.String(1, "").Varint(2, 8080)))))))))
            .Message(3, s => s.Message(1, _ => { })));
        Assert.Equal("""{"ingressClassName":"nginx","rules":[{"host":"foo.com","http":{"paths":[{"path":"/bar","pathType":"Prefix","backend":{"service":{"name":"svc1","port":{"number":8080}}}}]}}]}""",
            obj["spec"]!.ToJsonString());
        Assert.Equal("""{"loadBalancer":{}}""", obj["status"]!.ToJsonString());
    }

    [Fact]
    public void PriorityClass_value_zero_is_kept_and_global_default_false_omitted()
    {
        var obj = Decode("scheduling.k8s.io/v1", "PriorityClass", new ProtoWriter()
            .Message(1, Meta("low")).Varint(2, 0).Bool(3, false).String(4, "").String(5, "Never"));
        Assert.Equal("""{"apiVersion":"scheduling.k8s.io/v1","kind":"PriorityClass","metadata":{"name":"low"},"value":0,"preemptionPolicy":"Never"}""",
            obj.ToJsonString());
    }

    [Fact]
    public void Autoscale_posts_an_autoscaling_v1_hpa_that_decodes()
    {
        var obj = Decode("autoscaling/v1", "HorizontalPodAutoscaler", new ProtoWriter()
            .Message(1, Meta("web"))
            .Message(2, spec => spec.Message(1, r => r.String(1, "Deployment").String(2, "web").String(3, "apps/v1"))
                .Varint(2, 1).Varint(3, 3).Varint(4, 50))
            .Message(3, status => status.Message(2, _ => { }).Varint(3, 0).Varint(4, 0)));
        Assert.Equal("""{"scaleTargetRef":{"kind":"Deployment","name":"web","apiVersion":"apps/v1"},"minReplicas":1,"maxReplicas":3,"targetCPUUtilizationPercentage":50}""",
            obj["spec"]!.ToJsonString());
        Assert.Equal("""{"currentReplicas":0,"desiredReplicas":0}""", obj["status"]!.ToJsonString());
    }

    [Fact]
    public void Autoscaling_v2_metrics_decode_quantities_and_pointers()
    {
        var obj = Decode("autoscaling/v2", "HorizontalPodAutoscaler", new ProtoWriter()
            .Message(1, Meta("web"))
            .Message(2, spec => spec.Message(1, r => r.String(1, "Deployment").String(2, "web").String(3, "apps/v1")).Varint(3, 5)
                .Message(4, m => m.String(1, "Resource").Message(4, res => res.String(1, "memory")
                    .Message(2, t => t.String(1, "AverageValue").Message(3, q => q.String(1, "500Mi")))))
                .Message(5, b => b.Message(2, down => down.Varint(3, 0).Message(2, p => p.String(1, "Pods").Varint(2, 1).Varint(3, 60))))));
        Assert.Equal("""{"scaleTargetRef":{"kind":"Deployment","name":"web","apiVersion":"apps/v1"},"maxReplicas":5,"metrics":[{"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"500Mi"}}}],"behavior":{"scaleDown":{"stabilizationWindowSeconds":0,"policies":[{"type":"Pods","value":1,"periodSeconds":60}]}}}""",
            obj["spec"]!.ToJsonString());
    }

    [Fact]
    public void Negative_int32_and_packed_repeated_int64_decode()
    {
        var obj = Decode("v1", "Pod", new ProtoWriter()
            .Message(1, Meta("p"))
            .Message(2, spec => spec.Varint(25, -5).Message(14, psc => psc.Packed(4, [1000, 2000]).Varint(4, 3000))));
        Assert.Equal(-5, obj.Int("spec.priority"));
        Assert.Equal("[1000,2000,3000]", obj["spec"]!["securityContext"]!["supplementalGroups"]!.ToJsonString());
    }

    [Fact]
    public void Times_and_unknown_fields()
    {
        var obj = Decode("v1", "Event", new ProtoWriter()
            .Message(1, Meta("e", "", m => m.Message(9, t => t.Varint(1, 1_700_000_000).Varint(2, 500))))
            .Message(10, t => t.Varint(1, 1_700_000_000).Varint(2, 123_456_789))
            .String(99, "from a newer client")
            .Fixed32(98, 7)
            .String(3, "Started"));
        Assert.Equal("2023-11-14T22:13:20Z", obj.Str("metadata.deletionTimestamp"));
        Assert.Equal("2023-11-14T22:13:20.123456Z", obj.Str("eventTime"));
        Assert.Equal("Started", obj.Str("reason"));
        Assert.Null(obj.At("metadata.creationTimestamp"));
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(1_500_000_000L, "1.5s")]
    [InlineData(3_600_000_000_000L, "1h0m0s")]
    [InlineData(90_000_000_000L, "1m30s")]
    [InlineData(300_000_000L, "300ms")]
    [InlineData(1_500L, "1.5µs")]
    [InlineData(-2_000_000_000L, "-2s")]
    public void Durations_format_like_go(long nanos, string expected) => Assert.Equal(expected, GoDuration.Format(nanos));

    [Fact]
    public void Body_without_the_magic_prefix_is_a_bad_request()
    {
        var e = Assert.Throws<ApiException>(() => Decoder.Decode("{\"kind\":\"Pod\"}"u8, null));
        Assert.Equal(400, e.Code);
        Assert.Equal("BadRequest", e.Reason);
        Assert.Contains("expected prefix [107 56 115 0]", e.Message);
    }

    [Fact]
    public void Truncated_body_is_a_bad_request()
    {
        var full = ProtoWriter.Envelope("v1", "ConfigMap", new ProtoWriter().Message(1, Meta("c")).ToArray());
        var e = Assert.Throws<ApiException>(() => Decoder.Decode(full.AsSpan(0, full.Length - 3), null));
        Assert.Equal(400, e.Code);
        Assert.Contains("unexpected EOF", e.Message);
    }

    [Fact]
    public void Wrong_wire_type_and_unknown_kind_are_bad_requests()
    {
        var wrongType = Assert.Throws<ApiException>(() => Decode("v1", "ConfigMap", new ProtoWriter().Varint(1, 3)));
        Assert.Contains("wrong wireType = 0 for field metadata", wrongType.Message);

        var unknown = Assert.Throws<ApiException>(() => Decode("example.com/v1", "Widget", new ProtoWriter()));
        Assert.Equal(400, unknown.Code);
        Assert.Contains("no kind \"Widget\" is registered for version \"example.com/v1\"", unknown.Message);
    }

    [Fact]
    public void Missing_type_meta_falls_back_to_the_resource_the_url_names()
    {
        var rt = BuiltInResources.Types.First(t => t.Kind == "ConfigMap");
        var body = ProtoWriter.Envelope("", "", new ProtoWriter().Message(1, Meta("c")).ToArray());
        var obj = Decoder.Decode(body, rt);
        Assert.Equal("v1", obj.Str("apiVersion"));
        Assert.Equal("ConfigMap", obj.Str("kind"));
    }

    [Fact]
    public void Envelope_may_carry_json_when_its_content_type_says_so()
    {
        var unknown = new ProtoWriter()
            .Message(1, t => t.String(1, "v1").String(2, "ConfigMap"))
            .Bytes(2, Encoding.UTF8.GetBytes("""{"metadata":{"name":"j"},"data":{"a":"b"}}"""))
            .String(4, "application/json");
        var obj = Decoder.Decode([0x6b, 0x38, 0x73, 0x00, .. unknown.ToArray()], null);
        Assert.Equal("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j"},"data":{"a":"b"}}""", obj.ToJsonString());
    }

    [Fact]
    public void Decoder_claims_only_the_kubernetes_protobuf_media_type()
    {
        Assert.True(Decoder.CanDecode("application/vnd.kubernetes.protobuf"));
        Assert.False(Decoder.CanDecode("application/json"));
    }
}

/// <summary>A minimal protobuf writer for tests (the emulator itself only reads protobuf).</summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();

    public byte[] ToArray() => _buffer.ToArray();

    public ProtoWriter Varint(int field, long value)
    {
        Tag(field, 0);
        WriteVarint((ulong)value);
        return this;
    }

    public ProtoWriter Bool(int field, bool value) => Varint(field, value ? 1 : 0);

    public ProtoWriter Fixed32(int field, uint value)
    {
        Tag(field, 5);
        Span<byte> b = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        _buffer.Write(b);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Bytes(int field, byte[] value)
    {
        Tag(field, 2);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
        return this;
    }

    public ProtoWriter Message(int field, ProtoWriter inner) => Bytes(field, inner.ToArray());

    public ProtoWriter Message(int field, Action<ProtoWriter> build)
    {
        var inner = new ProtoWriter();
        build(inner);
        return Message(field, inner);
    }

    public ProtoWriter Packed(int field, long[] values)
    {
        var inner = new ProtoWriter();
        foreach (var v in values) inner.WriteVarint((ulong)v);
        return Bytes(field, inner.ToArray());
    }

    /// <summary>The <c>k8s\0</c> magic plus a runtime.Unknown carrying the object.</summary>
    public static byte[] Envelope(string apiVersion, string kind, byte[] raw)
    {
        var unknown = new ProtoWriter()
            .Message(1, t => t.String(1, apiVersion).String(2, kind))
            .Bytes(2, raw)
            .String(3, "")
            .String(4, "");
        return [0x6b, 0x38, 0x73, 0x00, .. unknown.ToArray()];
    }

    private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _buffer.WriteByte((byte)value);
    }
}

/// <summary>Protobuf bodies through the real HTTP pipeline: create, delete options, and malformed bodies.</summary>
public sealed class ProtobufRequestTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string Protobuf = "application/vnd.kubernetes.protobuf";
    private readonly HttpClient _http = CreateClient(fx);

    private static HttpClient CreateClient(EmulatorFixture fx)
    {
        var ca = fx.Emulator.CaCertificate;
#pragma warning disable CA2000 // the handler is owned by the client
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                if (cert is null) return false;
                using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
                chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
                return chain.Build(cert);
            },
        };
#pragma warning restore CA2000
        var client = new HttpClient(handler) { BaseAddress = fx.Emulator.Url };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", fx.Emulator.AdminToken);
        return client;
    }

    public void Dispose() => _http.Dispose();

    private async Task<(int Code, JsonObject Body)> Send(HttpMethod method, string path, byte[]? protobuf)
    {
        using var request = new HttpRequestMessage(method, path);
        if (protobuf is not null)
        {
            request.Content = new ByteArrayContent(protobuf);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(Protobuf);
        }
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, (JsonObject)JsonNode.Parse(text)!);
    }

    private static byte[] ConfigMap(string name) => ProtoWriter.Envelope("v1", "ConfigMap", new ProtoWriter()
        .Message(1, m => m.String(1, name).String(2, "").String(3, "").Varint(7, 0).Message(8, _ => { }))
        .Message(2, e => e.String(1, "k").String(2, "v"))
        .ToArray());

    private static byte[] DeleteOptions(Action<ProtoWriter> fill)
    {
        var w = new ProtoWriter();
        fill(w);
        return ProtoWriter.Envelope("v1", "DeleteOptions", w.ToArray());
    }

    [Fact]
    public async Task Protobuf_create_stores_json_and_protobuf_delete_options_are_honoured()
    {
        var (created, body) = await Send(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", ConfigMap("pb-cm"));
        Assert.Equal(201, created);
        Assert.Equal("v", body.Str("data.k"));
        var uid = body.Uid();

        var (dry, _) = await Send(HttpMethod.Delete, "/api/v1/namespaces/default/configmaps/pb-cm", DeleteOptions(w => w.String(5, "All")));
        Assert.Equal(200, dry);
        Assert.NotNull(fx.Emulator.Context.Api.TryGet(fx.Emulator.Context.Type("", "configmaps"), "default", "pb-cm"));

        var (conflict, status) = await Send(HttpMethod.Delete, "/api/v1/namespaces/default/configmaps/pb-cm",
            DeleteOptions(w => w.Message(2, p => p.String(1, "not-" + uid))));
        Assert.Equal(409, conflict);
        Assert.Equal("Conflict", status.Str("reason"));

        var (deleted, _) = await Send(HttpMethod.Delete, "/api/v1/namespaces/default/configmaps/pb-cm",
            DeleteOptions(w => w.Varint(1, 0).Message(2, p => p.String(1, uid)).String(4, "Background")));
        Assert.Equal(200, deleted);
        Assert.Null(fx.Emulator.Context.Api.TryGet(fx.Emulator.Context.Type("", "configmaps"), "default", "pb-cm"));
    }

    [Fact]
    public async Task Malformed_protobuf_body_gets_a_400_status()
    {
        var (code, status) = await Send(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", "not protobuf"u8.ToArray());
        Assert.Equal(400, code);
        Assert.Equal("Status", status.Str("kind"));
        Assert.Equal("BadRequest", status.Str("reason"));
        Assert.Contains("does not appear to be a protobuf message", status.Str("message"));

        var truncated = ConfigMap("pb-truncated")[..^6]; // the last 4 bytes are the empty contentEncoding and contentType
        var (code2, status2) = await Send(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", truncated);
        Assert.Equal(400, code2);
        Assert.Contains("could not be decoded as protobuf", status2.Str("message"));
    }
}
