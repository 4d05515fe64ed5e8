using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;

namespace Dashboard.Kubernetes.Emulator.Admission;

/// <summary>
/// Secrets as the API server stores them: <c>stringData</c> is folded into base64 <c>data</c> (winning over equal keys)
/// and never stored, and the type defaults to Opaque.
/// </summary>
internal sealed class SecretDefaultsPlugin : IAdmissionPlugin
{
    private const string Key = "secrets";

    public int Order => 10;

    public void Admit(AdmissionRequest request)
    {
        if (request.Type.Key != Key) return;
        var obj = request.Object;
        obj["type"] ??= "Opaque";
        if (obj["stringData"] is not JsonObject stringData) return;
        var data = obj["data"] as JsonObject ?? new JsonObject();
        foreach (var (k, v) in Json.StringMap(stringData)) data[k] = Convert.ToBase64String(Encoding.UTF8.GetBytes(v));
        obj["data"] = data;
        obj.Remove("stringData");
    }
}
