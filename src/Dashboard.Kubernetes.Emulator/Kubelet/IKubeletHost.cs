namespace Dashboard.Kubernetes.Emulator.Kubelet;

/// <summary>What the pod simulation needs from the node it runs on, for one pod.</summary>
internal interface IKubeletHost
{
    /// <summary>Multiplies every simulated delay (EmulatorOptions.TimeScale).</summary>
    double Scale { get; }
    /// <summary>The pod's name, namespace and uid, for messages.</summary>
    string PodName { get; }
    string PodNamespace { get; }
    string PodUid { get; }
    /// <summary>Records an event about the pod.</summary>
    void Event(string type, string reason, string message, string? fieldPath = null);
    /// <summary>True when the node already has the image.</summary>
    bool HasImage(string image);
    /// <summary>Remembers a pulled image on the node.</summary>
    void AddImage(string image);
    /// <summary>Allocates the pod's IP from the node's pod CIDR.</summary>
    string AllocateIp();
    /// <summary>Why a ConfigMap/Secret reference cannot be satisfied (<c>configmap "x" not found</c>), or null.</summary>
    string? ConfigError(ConfigRef reference);
}
