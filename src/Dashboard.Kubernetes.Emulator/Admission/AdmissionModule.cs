namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>
/// Defaulting, validation and the admission plugins of a stock kube-apiserver that kubectl users notice:
/// name and label rules, pod and Service defaults, IP and NodePort allocation, LimitRanger and ResourceQuota.
/// </summary>
internal sealed class AdmissionModule : IEmulatorModule
{
    public void Register(EmulatorContext context)
    {
        var api = context.Api;
        api.AddAdmission(new NamespaceDefaultsPlugin());
        api.AddAdmission(new SecretDefaultsPlugin());
        api.AddAdmission(new PodDefaultingPlugin());
        api.AddAdmission(new ServiceDefaultsPlugin());
        api.AddAdmission(new ServiceAccountPlugin(api));
        api.AddAdmission(new LimitRangeDefaultsPlugin());
        api.AddAdmission(new LimitRangerPlugin(api));
        api.AddAdmission(new DefaultStorageClassPlugin(api));
        api.AddAdmission(new PodStatusPlugin());
        api.AddAdmission(new ValidationPlugin([new MetadataValidator(), new PodSpecValidator(), new PodUpdateValidator(), new ServiceValidator()]));
        api.AddAdmission(new ServiceAllocationPlugin(new ServiceAllocator(context.Store, context.Type("", ServiceDefaultsPlugin.Key))));
        api.AddAdmission(new ResourceQuotaPlugin(api));
    }
}
