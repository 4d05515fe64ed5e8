using System.Globalization;
using System.Net;

namespace Dashboard.Kubernetes.Emulator.Kubelet;

/// <summary>Per-node kubelet memory: the images it has pulled and the pod IPs it handed out from its pod CIDR.</summary>
internal sealed class NodeState(string name, string podCidr, string hostIp)
{
    private readonly HashSet<string> _images = new(StringComparer.Ordinal);
    private readonly HashSet<int> _used = [];
    private int _next = 2;

    public string Name { get; } = name;
    public string HostIp { get; } = hostIp;
    /// <summary>False while the node's Ready condition is not True: its kubelet counts as dead and does nothing.</summary>
    public bool Ready { get; set; } = true;

    public bool HasImage(string image) { lock (_images) return _images.Contains(image); }
    public void AddImage(string image) { lock (_images) _images.Add(image); }

    /// <summary>Next free host address of the /24 (or wider) pod CIDR, starting at .2 like kind's bridge.</summary>
    public string Allocate()
    {
        lock (_used)
        {
            var size = Size();
            for (var i = 0; i < size; i++)
            {
                var candidate = _next;
                _next = _next + 1 >= size - 1 ? 2 : _next + 1;
                if (_used.Add(candidate)) return Address(candidate);
            }
            return Address(2);
        }
    }

    /// <summary>Marks an address as taken (pods that were already running) or frees it.</summary>
    public void Claim(string ip) { lock (_used) if (Offset(ip) is { } o) _used.Add(o); }
    public void Release(string ip) { lock (_used) if (Offset(ip) is { } o) _used.Remove(o); }

    private (uint Base, int Bits) Cidr()
    {
        var parts = podCidr.Split('/');
        if (parts.Length == 2 && IPAddress.TryParse(parts[0], out var a) && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var bits))
        {
            var b = a.GetAddressBytes();
            if (b.Length == 4) return (((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3], Math.Clamp(bits, 16, 30));
        }
        return ((10u << 24) | (244u << 16), 24);
    }

    private int Size() => 1 << (32 - Cidr().Bits);

    private string Address(int offset)
    {
        var v = Cidr().Base + (uint)offset;
        return $"{v >> 24}.{(v >> 16) & 255}.{(v >> 8) & 255}.{v & 255}";
    }

    private int? Offset(string ip)
    {
        if (!IPAddress.TryParse(ip, out var a) || a.GetAddressBytes() is not { Length: 4 } b) return null;
        var v = ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
        var (baseAddr, bits) = Cidr();
        var off = (long)v - baseAddr;
        return off >= 0 && off < (1L << (32 - bits)) ? (int)off : null;
    }
}
