using Dashboard.Core.Projections;
using static Dashboard.Core.Tests.Projections.ProjectionFixtures;

namespace Dashboard.Core.Tests.Projections;

/// <summary>Service, Ingress, storage, node and namespace rows on objects captured from the demo cluster.</summary>
public sealed class ProjectionsClusterRowTests
{
    private static readonly DateTimeOffset Captured = new(2026, 11, 22, 1, 58, 30, TimeSpan.Zero);

    [Theory]
    [InlineData("ingress-nginx-controller", "LoadBalancer", "<pending>")]
    [InlineData("grafana", "NodePort", "<none>")]
    [InlineData("postgres", "ClusterIP", "<none>")]
    public void Services_show_type_external_ip_and_ports(string name, string type, string external)
    {
        var row = ServiceRow.From(Item("demo-services", name), Captured);
        Assert.Equal((type, external), (row.Type, row.ExternalIP));
    }

    [Fact]
    public void Service_ports_carry_node_ports_and_headless_services_print_none()
    {
        Assert.Equal("80:30030/TCP", ServiceRow.From(Item("demo-services", "grafana"), Captured).Ports);
        Assert.Equal("53/UDP,53/TCP,9153/TCP", ServiceRow.From(Item("demo-services", "kube-dns"), Captured).Ports);
        Assert.Equal("None", ServiceRow.From(Item("demo-services", "postgres"), Captured).ClusterIP);
        Assert.Equal("app=postgres", ServiceRow.From(Item("demo-services", "postgres"), Captured).Selector);
    }

    [Fact]
    public void A_load_balancer_with_addresses_lists_them_sorted_then_external_ips()
    {
        var svc = Item("demo-services", "ingress-nginx-controller");
        svc.Json["status"] = System.Text.Json.Nodes.JsonNode.Parse("""{"loadBalancer":{"ingress":[{"ip":"203.0.113.9"},{"hostname":"lb.example.com"}]}}""");
        svc.Json["spec"]!["externalIPs"] = System.Text.Json.Nodes.JsonNode.Parse("""["198.51.100.1"]""");
        Assert.Equal("203.0.113.9,lb.example.com,198.51.100.1", ServiceRow.From(svc, Captured).ExternalIP);
    }

    [Fact]
    public void Ingresses_show_class_hosts_and_ports()
    {
        var shop = IngressRow.From(Item("demo-ingresses", "shop"), Captured);
        Assert.Equal(("nginx", "shop.demo.local", "", "80, 443"), (shop.Class, shop.Hosts, shop.Address, shop.Ports));
        Assert.Equal("80", IngressRow.From(Item("demo-ingresses", "grafana"), Captured).Ports);
        var many = Parse("""{"metadata":{"name":"m"},"spec":{"rules":[{"host":"a"},{"host":"b"},{},{"host":"c"},{"host":"d"}]}}""");
        Assert.Equal("a,b,c + 2 more...", IngressRow.From(many, Captured).Hosts);
        Assert.Equal("*", IngressRow.From(Parse("""{"metadata":{"name":"m"},"spec":{"rules":[{}]}}"""), Captured).Hosts);
    }

    [Fact]
    public void Claims_show_volume_capacity_and_modes_once_bound()
    {
        var bound = PersistentVolumeClaimRow.From(Item("demo-persistentvolumeclaims", "backups"), Captured);
        Assert.Equal(("Bound", "20Gi", "RWO", "fast-retain", "<unset>", "Filesystem", RowHealth.Ok),
            (bound.Status, bound.Capacity, bound.AccessModes, bound.StorageClass, bound.VolumeAttributesClass, bound.VolumeMode, bound.Health));
        var pending = PersistentVolumeClaimRow.From(Item("demo-persistentvolumeclaims", "analytics-scratch"), Captured);
        Assert.Equal(("Pending", "", "", "", "premium-ssd", RowHealth.Progressing), (pending.Status, pending.Volume, pending.Capacity, pending.AccessModes, pending.StorageClass, pending.Health));
    }

    [Fact]
    public void Volumes_show_their_claim_and_reclaim_policy()
    {
        var pv = Items("demo-persistentvolumes").Select(v => PersistentVolumeRow.From(v, Captured)).Single(r => r.Claim == "data/backups");
        Assert.Equal(("20Gi", "RWO", "Retain", "Bound", "fast-retain"), (pv.Capacity, pv.AccessModes, pv.ReclaimPolicy, pv.Status, pv.StorageClass));
    }

    [Fact]
    public void Nodes_show_status_roles_and_node_info()
    {
        var cp = NodeRow.From(Item("demo-nodes", "demo-control-plane"), Captured);
        Assert.Equal(("Ready", "control-plane", "v1.32.4", "172.18.0.2", "<none>", "Debian GNU/Linux 12 (bookworm)", "containerd://1.7.22"),
            (cp.Status, cp.Roles, cp.Version, cp.InternalIP, cp.ExternalIP, cp.OsImage, cp.ContainerRuntime));
        var worker = Item("demo-nodes", "demo-worker");
        worker.Json["spec"]!["unschedulable"] = true;
        var row = NodeRow.From(worker, Captured);
        Assert.Equal(("Ready,SchedulingDisabled", "<none>", RowHealth.Warning), (row.Status, row.Roles, row.Health));
    }

    [Fact]
    public void Namespaces_config_maps_secrets_and_events_project()
    {
        Assert.Equal("Active", NamespaceRow.From(Item("demo-namespaces", "shop"), Captured).Status);
        var cm = ConfigMapRow.From(Parse("""{"metadata":{"name":"c","namespace":"n"},"data":{"a":"1","b":"2"},"binaryData":{"c":"AA=="}}"""), Captured);
        Assert.Equal(3, cm.Data);
        var secret = SecretRow.From(Parse("""{"metadata":{"name":"s"},"data":{"a":"MQ=="}}"""), Captured);
        Assert.Equal(("Opaque", 1), (secret.Type, secret.Data));
        var ev = EventRow.From(Items("events-unhealthy").First(), Captured);
        Assert.Equal(("Warning", "Unhealthy", RowHealth.Warning), (ev.Type, ev.Reason, ev.Health));
        Assert.StartsWith("pod/legacy-api-", ev.Object, StringComparison.Ordinal);
        Assert.True(ev.Count >= 1);
    }
}
