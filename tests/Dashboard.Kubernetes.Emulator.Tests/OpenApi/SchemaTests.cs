using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.OpenApi;

namespace Dashboard.Kubernetes.Emulator.Tests.OpenApi;

public sealed class SchemaTests
{
    [Fact]
    public void Built_in_schemas_name_unknown_fields_with_their_full_path()
    {
        var pod = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"any-key":"x"},"nmae":"typo"},
             "spec":{"containers":[{"name":"a","image":"i","env":[{"name":"A","value":"1","valeu":"2"}]},{"name":"b","imagee":"i"}],
                     "nodeSelector":{"free":"form"},"restartPolicy":"Always"},
             "status":{"phase":"Running"}}
            """)!.AsObject();
        var unknown = new List<string>();
        KubeSchemas.Instance.UnknownFields(KubeSchemas.Instance.RootOf("v1", "Pod")!, pod, "", unknown);
        Assert.Equal(["metadata.nmae", "spec.containers[0].env[0].valeu", "spec.containers[1].imagee"], unknown);
    }

    [Fact]
    public void Every_served_built_in_kind_has_a_schema()
    {
        foreach (var rt in Api.BuiltInResources.Types.Where(t => !t.IsVirtual))
            Assert.True(KubeSchemas.Instance.RootOf(rt.ApiVersion, rt.Kind) is not null, $"{rt.ApiVersion}/{rt.Kind} has no schema");
    }

    [Fact]
    public void Custom_resource_schemas_honour_properties_maps_arrays_and_preserve_unknown_fields()
    {
        var schema = JsonNode.Parse("""
            {"type":"object","properties":{
              "spec":{"type":"object","properties":{
                "replicas":{"type":"integer"},
                "labels":{"type":"object","additionalProperties":{"type":"string"}},
                "ports":{"type":"array","items":{"type":"object","properties":{"port":{"type":"integer"}}}},
                "free":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}}}
            """)!.AsObject();
        var obj = JsonNode.Parse("""
            {"apiVersion":"x/v1","kind":"X","metadata":{"name":"a","bogus":1},
             "spec":{"replicas":1,"labels":{"k":"v"},"ports":[{"port":1},{"prot":2}],"free":{"anything":{"goes":true}},"extra":1},
             "status":{"ok":true}}
            """)!.AsObject();
        var unknown = new List<string>();
        CustomResourceSchema.UnknownFields(schema, obj, unknown);
        Assert.Equal(["metadata.bogus", "spec.ports[1].prot", "spec.extra", "status"], unknown);
    }

    [Theory]
    [InlineData("V1PodSpec", "io.k8s.v1.PodSpec")]
    [InlineData("EventsV1Event", "io.k8s.eventsv1.Event")]
    [InlineData("V2HorizontalPodAutoscaler", "io.k8s.v2.HorizontalPodAutoscaler")]
    [InlineData("V1beta1Thing", "io.k8s.v1beta1.Thing")]
    public void Component_names_end_with_the_kubernetes_type_name(string model, string expected) =>
        Assert.Equal(expected, KubeSchemas.ComponentName(model));
}
