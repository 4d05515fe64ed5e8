using System.Net;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>
/// The service IP and NodePort allocators. Allocation state is derived from the stored Services (so deleting a Service
/// frees its IP and ports), plus a short-lived reservation of what was just handed out and not yet stored.
/// </summary>
internal sealed class ServiceAllocator(ObjectStore store, ResourceType services)
{
    public const string ServiceCidr = "10.96.0.0/12";
    public const int NodePortMin = 30000;
    public const int NodePortMax = 32767;
    private static readonly uint RangeStart = ToUInt(IPAddress.Parse("10.96.0.0"));
    private const uint RangeSize = 1u << 20;
    private static readonly TimeSpan ReservationTime = TimeSpan.FromSeconds(30);

    private readonly object _gate = new();
    private readonly Dictionary<string, DateTime> _reservedIps = new(StringComparer.Ordinal);
    private readonly Dictionary<int, DateTime> _reservedPorts = [];

    /// <summary>True when the address is inside the service CIDR.</summary>
    public static bool InRange(string ip) =>
        IPAddress.TryParse(ip, out var a) && a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
        && ToUInt(a) - RangeStart < RangeSize;

    /// <summary>Allocates a free cluster IP (random, like the real bitmap allocator).</summary>
    public string AllocateIp(string ns, string name)
    {
        lock (_gate)
        {
            var used = UsedIps(ns, name);
            for (var attempt = 0; attempt < 100_000; attempt++)
            {
                // .0 is the network address and .1 belongs to the kubernetes Service.
                var offset = (uint)Random.Shared.Next(2, (int)RangeSize - 1);
                var ip = ToIp(RangeStart + offset);
                if (used.Contains(ip)) continue;
                _reservedIps[ip] = DateTime.UtcNow;
                return ip;
            }
            throw ApiException.Internal("failed to allocate a serviceIP: range is full");
        }
    }

    /// <summary>Claims a requested cluster IP; false when another Service holds it.</summary>
    public bool TryClaimIp(string ns, string name, string ip)
    {
        lock (_gate)
        {
            if (UsedIps(ns, name).Contains(ip)) return false;
            _reservedIps[ip] = DateTime.UtcNow;
            return true;
        }
    }

    /// <summary>
    /// Ports at the low end of the range that dynamic allocation leaves for Services asking for a port of their own, as
    /// the API server does (ServiceNodePortStaticSubrange, KEP-3668): min(max(16, size/32), 128), 86 for 30000–32767.
    /// </summary>
    public static int StaticBandSize => Math.Min(Math.Max(16, (NodePortMax - NodePortMin + 1) / 32), 128);

    /// <summary>Allocates a free NodePort: from above the static band first, from the band only when the rest is full.</summary>
    public int AllocatePort(string ns, string name, ISet<int> alsoTaken)
    {
        lock (_gate)
        {
            var used = UsedPorts(ns, name);
            var staticMax = NodePortMin + StaticBandSize - 1;
            return Free(staticMax + 1, NodePortMax) ?? Free(NodePortMin, staticMax)
                ?? throw ApiException.Internal("failed to allocate a nodePort: range is full");

            int? Free(int min, int max)
            {
                var span = max - min + 1;
                var start = Random.Shared.Next(span);
                for (var i = 0; i < span; i++)
                {
                    var port = min + (start + i) % span;
                    if (used.Contains(port) || alsoTaken.Contains(port)) continue;
                    _reservedPorts[port] = DateTime.UtcNow;
                    return port;
                }
                return null;
            }
        }
    }

    /// <summary>Claims a requested NodePort; false when another Service holds it.</summary>
    public bool TryClaimPort(string ns, string name, int port)
    {
        lock (_gate)
        {
            if (UsedPorts(ns, name).Contains(port)) return false;
            _reservedPorts[port] = DateTime.UtcNow;
            return true;
        }
    }

    private HashSet<string> UsedIps(string ns, string name)
    {
        var cutoff = DateTime.UtcNow - ReservationTime;
        foreach (var stale in _reservedIps.Where(kv => kv.Value < cutoff).Select(kv => kv.Key).ToList()) _reservedIps.Remove(stale);
        var used = new HashSet<string>(_reservedIps.Keys, StringComparer.Ordinal) { "10.96.0.1" };
        foreach (var s in store.List(services, null).Items)
        {
            if (s.Namespace == ns && s.Name == name) continue;
            if (s.Fields.TryGetValue("spec.clusterIP", out var ip) && ip.Length > 0) used.Add(ip);
        }
        // The kubernetes Service itself may be re-created by bootstrap: only its own name may hold .1.
        if (ns == "default" && name == "kubernetes") used.Remove("10.96.0.1");
        return used;
    }

    private HashSet<int> UsedPorts(string ns, string name)
    {
        var cutoff = DateTime.UtcNow - ReservationTime;
        foreach (var stale in _reservedPorts.Where(kv => kv.Value < cutoff).Select(kv => kv.Key).ToList()) _reservedPorts.Remove(stale);
        var used = new HashSet<int>(_reservedPorts.Keys);
        foreach (var s in store.List(services, null).Items)
        {
            if (s.Namespace == ns && s.Name == name) continue;
            if (s.Fields.TryGetValue("spec.type", out var type) && type is not ("NodePort" or "LoadBalancer")) continue;
            foreach (var p in s.ToJson().Items("spec.ports"))
                if (p.Int("nodePort") is { } np) used.Add((int)np);
        }
        return used;
    }

    private static uint ToUInt(IPAddress a)
    {
        var b = a.GetAddressBytes();
        return ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
    }

    private static string ToIp(uint v) => $"{v >> 24}.{(v >> 16) & 255}.{(v >> 8) & 255}.{v & 255}";
}
