namespace Dashboard.Kubernetes.Emulator;

/// <summary>The modules every emulator is composed of, in registration order.</summary>
public static class EmulatorModules
{
    /// <summary>Creates the module list.</summary>
    public static IReadOnlyList<IEmulatorModule> All() =>
    [
        new Registry.CoreModule(),
        new Controllers.Workloads.WorkloadsModule(),
        new Scheduling.SchedulingModule(),
        new Kubelet.KubeletModule(),
        new Protobuf.ProtobufModule(),
        new Admission.AdmissionModule(),
        new Controllers.Cluster.ClusterModule(),
        new Printing.PrintingModule(),
        new OpenApi.OpenApiModule(),
        new CustomResources.CustomResourcesModule(),
        new Patching.PatchingModule(),
        new Auth.AuthModule(),
        new Kubelet.Logs.PodLogsModule(),
        new Kubelet.Exec.PodExecModule(),
        new Metrics.MetricsModule(),
    ];
}
