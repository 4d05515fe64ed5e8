using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>
/// Defaulting of pods and pod templates (what the real server does while decoding), and at pod creation what the
/// ServiceAccount and DefaultTolerationSeconds admission plugins add.
/// </summary>
internal sealed class PodDefaultingPlugin : IAdmissionPlugin
{
    private const string TokenMountPath = "/var/run/secrets/kubernetes.io/serviceaccount";
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public int Order => 10;

    public void Admit(AdmissionRequest request)
    {
        if (request.Subresource is not null) return;
        if (PodSpecLocations.Find(request.Type, request.Object) is not { } found) return;
        PodDefaults.ApplySpec(found.Spec);
        if (request.Type.Key != PodSpecLocations.PodKey || request.Operation != AdmissionOperation.Create) return;
        PodDefaults.ApplyPodOnly(found.Spec);
        MountServiceAccountToken(found.Spec);
    }

    /// <summary>The projected kube-api-access volume every pod gets unless it opts out.</summary>
    private static void MountServiceAccountToken(JsonObject spec)
    {
        if (spec.Bool("automountServiceAccountToken") == false) return;
        var containers = spec.Items("initContainers").Concat(spec.Items("containers")).ToList();
        if (containers.Count == 0) return;
        if (containers.Any(c => c.Items("volumeMounts").Any(m => m.Str("mountPath") == TokenMountPath))) return;
        var name = "kube-api-access-" + string.Create(5, 0, (s, _) =>
        {
            for (var i = 0; i < s.Length; i++) s[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
        });
        var volumes = spec["volumes"] as JsonArray ?? [];
        volumes.Add(new JsonObject
        {
            ["name"] = name,
            ["projected"] = new JsonObject
            {
                ["defaultMode"] = 420,
                ["sources"] = new JsonArray(
                    new JsonObject { ["serviceAccountToken"] = new JsonObject { ["expirationSeconds"] = 3607, ["path"] = "token" } },
                    new JsonObject { ["configMap"] = new JsonObject { ["name"] = "kube-root-ca.crt", ["items"] = new JsonArray(new JsonObject { ["key"] = "ca.crt", ["path"] = "ca.crt" }) } },
                    new JsonObject
                    {
                        ["downwardAPI"] = new JsonObject
                        {
                            ["items"] = new JsonArray(new JsonObject
                            {
                                ["path"] = "namespace",
                                ["fieldRef"] = new JsonObject { ["apiVersion"] = "v1", ["fieldPath"] = "metadata.namespace" },
                            }),
                        },
                    }),
            },
        });
        spec["volumes"] = volumes;
        foreach (var c in containers)
        {
            var mounts = c["volumeMounts"] as JsonArray ?? [];
            mounts.Add(new JsonObject { ["name"] = name, ["readOnly"] = true, ["mountPath"] = TokenMountPath });
            c["volumeMounts"] = mounts;
        }
    }
}
