using Dashboard.Core.Projections.Details;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Web.Components.Workloads;

/// <summary>The describe-grade view of a pod, or of a workload's pod template.</summary>
internal static class PodView
{
    public static PodDetailsView Of(KubeObject obj, DateTimeOffset now) =>
        obj.Kind == Pod.KindName || PodDetailsView.TemplateOf(obj) is null
            ? PodDetailsView.From(obj, now)
            : PodDetailsView.FromTemplate(PodDetailsView.TemplateOf(obj));

    public static bool IsTemplate(KubeObject obj) => obj.Kind != Pod.KindName && PodDetailsView.TemplateOf(obj) is not null;

    /// <summary>The built-in kind an object reference names (ConfigMap, Secret, PersistentVolumeClaim), for links.</summary>
    public static ResourceKind? KindOf(ObjectReference reference) =>
        BuiltInKinds.All.FirstOrDefault(k => k.Group.Length == 0 && k.Kind == reference.Kind);
}
