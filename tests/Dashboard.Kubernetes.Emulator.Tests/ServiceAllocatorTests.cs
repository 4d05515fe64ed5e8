using Dashboard.Kubernetes.Emulator.Admission;

namespace Dashboard.Kubernetes.Emulator.Tests;

/// <summary>NodePort allocation keeps the static band free for Services that ask for a port (KEP-3668).</summary>
public sealed class ServiceAllocatorTests
{
    [Fact]
    public void Dynamic_node_ports_stay_above_the_static_band_until_the_rest_is_full()
    {
        Assert.Equal(86, ServiceAllocator.StaticBandSize);
        var context = new EmulatorContext(new EmulatorOptions { Scenario = "empty", RunControllers = false }, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        var allocator = new ServiceAllocator(context.Store, context.Type("", "services"));
        var bandTop = ServiceAllocator.NodePortMin + ServiceAllocator.StaticBandSize - 1;
        var taken = new HashSet<int>();
        for (var i = 0; i < 500; i++)
        {
            var port = allocator.AllocatePort("ns", $"svc-{i}", taken);
            Assert.InRange(port, bandTop + 1, ServiceAllocator.NodePortMax);
            Assert.True(taken.Add(port));
        }

        // With everything above the band in use, the band is used rather than failing.
        for (var p = bandTop + 1; p <= ServiceAllocator.NodePortMax; p++) taken.Add(p);
        Assert.InRange(allocator.AllocatePort("ns", "last", taken), ServiceAllocator.NodePortMin, bandTop);
    }
}
