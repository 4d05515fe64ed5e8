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
    private const string VolumePrefix = "kube-api-access-";

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

    /// <summary>
    /// The ServiceAccount plugin's token mount: every container without something at the token path mounts the
    /// projected kube-api-access volume, which is reused when the pod already has one (copies, debug pods).
    /// </summary>
    private static void MountServiceAccountToken(JsonObject spec)
    {
        if (spec.Bool("automountServiceAccountToken") == false) return;
        var volumes = spec["volumes"] as JsonArray ?? [];
        var existing = volumes.OfType<JsonObject>().Select(v => v.Str("name") ?? "").FirstOrDefault(n => n.StartsWith(VolumePrefix, StringComparison.Ordinal));
        var name = existing ?? VolumePrefix + string.Create(5, 0, (s, _) =>
        {
            for (var i = 0; i < s.Length; i++) s[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
        });
        var needsVolume = false;
        foreach (var c in spec.Items("initContainers").Concat(spec.Items("containers")))
        {
            if (c.Items("volumeMounts").Any(m => m.Str("mountPath") == TokenMountPath)) continue;
            var mounts = c["volumeMounts"] as JsonArray ?? [];
            mounts.Add(new JsonObject { ["name"] = name, ["readOnly"] = true, ["mountPath"] = TokenMountPath });
            c["volumeMounts"] = mounts;
            needsVolume = true;
        }
        if (existing is not null || !needsVolume) return;
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
    }
}
