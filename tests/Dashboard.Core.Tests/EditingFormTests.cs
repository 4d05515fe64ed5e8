using Dashboard.Core.Editing.Forms;
using Dashboard.Kubernetes.Serialization;

namespace Dashboard.Core.Tests;

/// <summary>Create-from-form generators: valid input gives the expected object, each bad input names its field.</summary>
public sealed class EditingFormTests
{
    private static string[] Fields(ObjectForm form) => form.Validate().Select(e => e.Field).ToArray();

    [Fact]
    public void A_deployment_form_makes_a_deployment_whose_selector_matches_its_pods()
    {
        var form = new DeploymentForm { Name = "web", Namespace = "shop", Image = "nginx:1.27", Replicas = 3 };
        form.Ports.Add(new PortEntry { Port = 8080, Name = "http" });
        Assert.Empty(form.Validate());

        var obj = YamlDocuments.ParseObject(form.ToYaml());
        Assert.Equal(("apps/v1", "Deployment", "web", "shop"), ((string?)obj["apiVersion"], (string?)obj["kind"], (string?)obj["metadata"]!["name"], (string?)obj["metadata"]!["namespace"]));
        Assert.Equal(3L, (long)obj["spec"]!["replicas"]!);
        Assert.Equal("web", (string?)obj["spec"]!["selector"]!["matchLabels"]!["app"]);
        Assert.Equal("web", (string?)obj["spec"]!["template"]!["metadata"]!["labels"]!["app"]);
        var container = obj["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal(("web", "nginx:1.27", 8080L, "http", "TCP"), ((string?)container["name"], (string?)container["image"],
            (long)container["ports"]![0]!["containerPort"]!, (string?)container["ports"]![0]!["name"], (string?)container["ports"]![0]!["protocol"]));
    }

    [Fact]
    public void A_deployment_form_refuses_bad_names_images_replicas_and_ports()
    {
        var form = new DeploymentForm { Name = "Web_1", Namespace = "shop", Image = "nginx 1.27", Replicas = -1 };
        form.Ports.Add(new PortEntry { Port = 0 });
        form.Ports.Add(new PortEntry { Port = 80, Protocol = "HTTP" });
        form.Ports.Add(new PortEntry { Port = 81, Name = "much-too-long-port-name" });
        Assert.Equal(["Name", "Image", "Replicas", "Ports[0].Port", "Ports[1].Protocol", "Ports[2].Name"], Fields(form));
        Assert.Throws<InvalidOperationException>(() => form.ToYaml());

        var empty = new DeploymentForm();
        Assert.Equal(["Name", "Namespace", "Image"], Fields(empty));
        Assert.All(empty.Validate(), e => Assert.Contains("required", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Duplicate_ports_are_refused()
    {
        var form = new DeploymentForm { Name = "web", Namespace = "shop", Image = "nginx" };
        form.Ports.Add(new PortEntry { Port = 80 });
        form.Ports.Add(new PortEntry { Port = 80 });
        form.Ports.Add(new PortEntry { Port = 80, Protocol = "UDP" });
        Assert.Equal(["Ports[1].Port"], Fields(form));
    }

    [Fact]
    public void A_service_form_makes_a_service_with_selector_and_ports()
    {
        var form = new ServiceForm { Name = "web", Namespace = "shop", Type = "NodePort" };
        form.Selector.Add(new KeyValueEntry { Key = "app.kubernetes.io/name", Value = "web" });
        form.Ports.Add(new PortEntry { Port = 80, TargetPort = 8080, Name = "http", NodePort = 30080 });
        form.Ports.Add(new PortEntry { Port = 443, Name = "https" });
        Assert.Empty(form.Validate());

        var obj = YamlDocuments.ParseObject(form.ToYaml());
        Assert.Equal("NodePort", (string?)obj["spec"]!["type"]);
        Assert.Equal("web", (string?)obj["spec"]!["selector"]!["app.kubernetes.io/name"]);
        Assert.Equal((80L, 8080L, 30080L), ((long)obj["spec"]!["ports"]![0]!["port"]!, (long)obj["spec"]!["ports"]![0]!["targetPort"]!, (long)obj["spec"]!["ports"]![0]!["nodePort"]!));
        Assert.Equal(443L, (long)obj["spec"]!["ports"]![1]!["targetPort"]!);
    }

    [Fact]
    public void A_service_form_refuses_bad_types_selectors_and_ports()
    {
        var form = new ServiceForm { Name = "web.v2", Namespace = "shop", Type = "ExternalName" };
        form.Selector.Add(new KeyValueEntry { Key = "bad key", Value = "x" });
        form.Selector.Add(new KeyValueEntry { Key = "app", Value = "not a valid value" });
        form.Ports.Add(new PortEntry { Port = 80, TargetPort = 70000, NodePort = 80 });
        form.Ports.Add(new PortEntry { Port = 81 });
        Assert.Equal(["Name", "Type", "Selector[0].Key", "Selector[1].Value", "Ports[0].Name", "Ports[0].TargetPort", "Ports[0].NodePort", "Ports[1].Name"], Fields(form));
        Assert.Equal(["Ports"], Fields(new ServiceForm { Name = "web", Namespace = "shop" }));

        var clusterIp = new ServiceForm { Name = "web", Namespace = "shop" };
        clusterIp.Ports.Add(new PortEntry { Port = 80, NodePort = 30001 });
        Assert.Equal(["Ports[0].NodePort"], Fields(clusterIp));
    }

    [Fact]
    public void A_config_map_form_keeps_values_as_strings()
    {
        var form = new ConfigMapForm { Name = "settings.v1", Namespace = "shop" };
        form.Data.Add(new KeyValueEntry { Key = "LOG_LEVEL", Value = "debug" });
        form.Data.Add(new KeyValueEntry { Key = "workers", Value = "4" });
        form.Data.Add(new KeyValueEntry { Key = "app.conf", Value = "a=1\nb=2\n" });
        Assert.Empty(form.Validate());

        var yaml = form.ToYaml();
        Assert.Contains("workers: \"4\"", yaml, StringComparison.Ordinal);
        var obj = YamlDocuments.ParseObject(yaml);
        Assert.Equal("4", (string?)obj["data"]!["workers"]);
        Assert.Equal("a=1\nb=2\n", (string?)obj["data"]!["app.conf"]);
    }

    [Fact]
    public void A_config_map_form_refuses_bad_and_duplicate_keys()
    {
        var form = new ConfigMapForm { Name = "settings", Namespace = "Shop" };
        form.Data.Add(new KeyValueEntry { Key = "a/b", Value = "" });
        form.Data.Add(new KeyValueEntry { Key = "k", Value = "1" });
        form.Data.Add(new KeyValueEntry { Key = "k", Value = "2" });
        form.Data.Add(new KeyValueEntry { Key = "", Value = "3" });
        Assert.Equal(["Namespace", "Data[0].Key", "Data[2].Key", "Data[3].Key"], Fields(form));
    }

    [Fact]
    public void A_secret_form_makes_an_opaque_secret_from_plain_strings()
    {
        var form = new SecretForm { Name = "db", Namespace = "shop" };
        form.Data.Add(new KeyValueEntry { Key = "password", Value = "s3cr3t: yes" });
        Assert.Empty(form.Validate());
        var obj = YamlDocuments.ParseObject(form.ToYaml());
        Assert.Equal(("Secret", "Opaque", "s3cr3t: yes"), ((string?)obj["kind"], (string?)obj["type"], (string?)obj["stringData"]!["password"]));
        Assert.Null(obj["data"]);

        var bad = new SecretForm { Name = "-db", Namespace = "shop" };
        bad.Data.Add(new KeyValueEntry { Key = "..", Value = "x" });
        Assert.Equal(["Name", "Data[0].Key"], Fields(bad));
    }

    [Theory]
    [InlineData("web", true, true)]
    [InlineData("web-1", true, true)]
    [InlineData("web.shop", false, true)]
    [InlineData("Web", false, false)]
    [InlineData("-web", false, false)]
    [InlineData("web-", false, false)]
    [InlineData("", false, false)]
    public void Names_follow_rfc_1123(string name, bool label, bool subdomain)
    {
        Assert.Equal(label, NameRules.IsDns1123Label(name));
        Assert.Equal(subdomain, NameRules.IsDns1123Subdomain(name));
        Assert.False(NameRules.IsDns1123Label(new string('a', 64)));
        Assert.True(NameRules.IsDns1123Subdomain(new string('a', 253)));
    }
}
