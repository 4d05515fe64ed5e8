using System.Text;
using System.Text.Json.Nodes;
using static Dashboard.Kubernetes.Emulator.Printing.Format;

namespace Dashboard.Kubernetes.Emulator.Printing;

/// <summary>Printers of ConfigMap, Secret, ServiceAccount, ResourceQuota, PriorityClass, Lease and the RBAC bindings.</summary>
internal static class ConfigPrinters
{
    public static KindPrinter ConfigMap { get; } = new(
    [
        Col.Name,
        Col.Str("Data", "Data contains the configuration data."),
        Col.Age,
    ], (o, now) => [WorkloadPrinters.Name(o), (long)(Count(o["data"]) + Count(o["binaryData"])), Age(o, now)]);

    public static KindPrinter Secret { get; } = new(
    [
        Col.Name,
        Col.Str("Type", "Used to facilitate programmatic handling of secret data."),
        Col.Str("Data", "Data contains the secret data."),
        Col.Age,
    ], (o, now) => [WorkloadPrinters.Name(o), S(o["type"]) ?? "Opaque", (long)Count(o["data"]), Age(o, now)]);

    public static KindPrinter ServiceAccount { get; } = new(
    [
        Col.Name,
        Col.Str("Secrets", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use."),
        Col.Age,
    ], (o, now) => [WorkloadPrinters.Name(o), (long)Count(o["secrets"]), Age(o, now)]);

    public static KindPrinter ResourceQuota { get; } = new(
    [
        Col.Name,
        Col.Str("Request", "Request represents a minimum amount of cpu/memory that a container may consume."),
        Col.Str("Limit", "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node."),
        Col.Age,
    ], (o, now) =>
    {
        var hard = o["status"]?["hard"] as JsonObject;
        var used = o["status"]?["used"] as JsonObject;
        var request = new StringBuilder();
        var limit = new StringBuilder();
        if (hard is not null)
        {
            var names = hard.Select(p => p.Key).ToList();
            names.Sort(StringComparer.Ordinal);
            foreach (var name in names)
            {
                var target = name.StartsWith("limits.", StringComparison.Ordinal) ? limit : request;
                target.Append(name).Append(": ").Append(S(used?[name]) ?? "0").Append('/').Append(S(hard[name])).Append(", ");
            }
        }
        return [WorkloadPrinters.Name(o), TrimSep(request), TrimSep(limit), Age(o, now)];
    });

    public static KindPrinter PriorityClass { get; } = new(
    [
        Col.Name,
        Col.Int("Value", "value represents the integer value of this priority class."),
        Col.Bool("Global-Default", "globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class."),
        Col.Age,
        Col.Str("PreemptionPolicy", "preemptionPolicy is the Policy for preempting pods with lower priority.", 1),
    ], (o, now) => [WorkloadPrinters.Name(o), L(o["value"]) ?? 0, B(o["globalDefault"]) ?? false, Age(o, now), S(o["preemptionPolicy"]) ?? ""]);

    public static KindPrinter Lease { get; } = new(
    [
        Col.Name,
        Col.Str("Holder", "holderIdentity contains the identity of the holder of a current lease."),
        Col.Age,
    ], (o, now) => [WorkloadPrinters.Name(o), S(o["spec"]?["holderIdentity"]) ?? "", Age(o, now)]);

    public static KindPrinter RoleBinding { get; } = Binding("roleBinding");

    public static KindPrinter ClusterRoleBinding { get; } = Binding("clusterRoleBinding");

    private static KindPrinter Binding(string what) => new(
    [
        Col.Name,
        Col.Str("Role", "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace."),
        Col.Age,
        Col.Str("Users", $"Users in the {what}", 1),
        Col.Str("Groups", $"Groups in the {what}", 1),
        Col.Str("ServiceAccounts", $"ServiceAccounts in the {what}", 1),
    ], (o, now) =>
    {
        var users = new List<string>();
        var groups = new List<string>();
        var sas = new List<string>();
        foreach (var s in Objects(o["subjects"]))
        {
            var name = S(s["name"]) ?? "";
            switch (S(s["kind"]))
            {
                case "User": users.Add(name); break;
                case "Group": groups.Add(name); break;
                case "ServiceAccount": sas.Add(S(s["namespace"]) is { Length: > 0 } ns ? ns + ":" + name : name); break;
            }
        }
        var roleRef = o["roleRef"];
        return
        [
            WorkloadPrinters.Name(o),
            S(roleRef?["kind"]) + "/" + S(roleRef?["name"]),
            Age(o, now),
            string.Join(", ", users),
            string.Join(", ", groups),
            string.Join(", ", sas),
        ];
    });

    private static string TrimSep(StringBuilder sb) => sb.Length >= 2 ? sb.ToString(0, sb.Length - 2) : sb.ToString();
}
