using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Models;

namespace Dashboard.Core.Caching;

/// <summary>
/// What the cache drops from objects: managedFields (often the largest part of an object, and never shown in lists)
/// and the last-applied-configuration annotation (a second copy of the object). Detail pages fetch the full object.
/// </summary>
internal static class LeanObjects
{
    public const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    public static KubeObject Slim(KubeObject obj)
    {
        if (obj.Json["metadata"] is JsonObject meta)
        {
            meta.Remove("managedFields");
            if (meta["annotations"] is JsonObject annotations)
            {
                annotations.Remove(LastApplied);
                if (annotations.Count == 0) meta.Remove("annotations");
            }
        }
        return obj;
    }
}
