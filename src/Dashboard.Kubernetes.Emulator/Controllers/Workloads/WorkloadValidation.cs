using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Registry;
using Dashboard.Kubernetes.Emulator.Selectors;

namespace Dashboard.Kubernetes.Emulator.Controllers.Workloads;

/// <summary>
/// Validation of the apps and batch kinds for the errors people really hit, with the field paths and messages of the
/// real validators (422 Invalid with one cause per problem).
/// </summary>
internal sealed class WorkloadValidation : IAdmissionPlugin
{
    private readonly Dictionary<string, Action<AdmissionRequest, List<StatusCause>>> _byKind = new(StringComparer.Ordinal)
    {
        ["deployments.apps"] = Deployment,
        ["replicasets.apps"] = (r, c) => Replicated(r.Object, c, r.Object.At("spec.selector"), true),
        ["replicationcontrollers"] = (r, c) => Replicated(r.Object, c, r.Object.At("spec.selector"), false),
        ["statefulsets.apps"] = (r, c) => Replicated(r.Object, c, r.Object.At("spec.selector"), true),
        ["daemonsets.apps"] = (r, c) => Replicated(r.Object, c, r.Object.At("spec.selector"), true),
        ["jobs.batch"] = (r, c) => Job(r.Object.Obj("spec"), "spec", c),
        ["cronjobs.batch"] = (r, c) => CronJob(r.Object, c),
    };

    public int Order => 520;

    public void Admit(AdmissionRequest request)
    {
        if (request.Subresource is not null || !_byKind.TryGetValue(request.Type.Key, out var validate)) return;
        var causes = new List<StatusCause>();
        validate(request, causes);
        if (causes.Count > 0) throw ApiException.Invalid(request.Type, request.Object.Name(), causes);
    }

    private static void Deployment(AdmissionRequest request, List<StatusCause> causes)
    {
        var d = request.Object;
        if (d.At("spec.selector") is JsonObject { Count: 0 })
            causes.Add(Invalid("spec.selector", "v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}", "empty selector is invalid for deployment"));
        else Replicated(d, causes, d.At("spec.selector"), true);
        if (d.Str("spec.strategy.type") == "RollingUpdate")
        {
            var surge = d.At("spec.strategy.rollingUpdate.maxSurge");
            var unavailable = d.At("spec.strategy.rollingUpdate.maxUnavailable");
            if (IsZero(surge) && IsZero(unavailable))
                causes.Add(Invalid("spec.strategy.rollingUpdate.maxUnavailable", IntOrStringGo(unavailable), "may not be 0 when `maxSurge` is 0"));
        }
        if (request.OldObject is { } old && old.At("spec.selector") is JsonObject oldSel && d.At("spec.selector") is JsonObject newSel
            && !JsonNode.DeepEquals(oldSel, newSel))
            causes.Add(Invalid("spec.selector", SelectorGo(newSel), "field is immutable"));
    }

    private static void Replicated(JsonObject obj, List<StatusCause> causes, JsonNode? selectorNode, bool selectorIsObject)
    {
        if (obj.Int("spec.replicas") is < 0 and var n)
            causes.Add(Invalid("spec.replicas", n.ToString(CultureInfo.InvariantCulture), "must be greater than or equal to 0"));
        if (obj.Int("spec.minReadySeconds") is < 0 and var m)
            causes.Add(Invalid("spec.minReadySeconds", m.ToString(CultureInfo.InvariantCulture), "must be greater than or equal to 0"));
        var labels = obj.At("spec.template.metadata.labels");
        if (selectorIsObject && selectorNode is null)
            causes.Add(new StatusCause("FieldValueRequired", "Required value", "spec.selector"));
        else if (selectorNode is not null)
        {
            var selector = selectorIsObject ? LabelSelector.FromObject(selectorNode) : LabelSelector.FromMap(Json.StringMap(selectorNode));
            if (!selector.IsEmpty && !selector.Matches(Json.StringMap(labels)))
                causes.Add(Invalid("spec.template.metadata.labels", GoMap(Json.StringMap(labels)), "`selector` does not match template `labels`"));
        }
        PodSpec(obj.At("spec.template.spec") as JsonObject, "spec.template.spec", causes);
    }

    private static void PodSpec(JsonObject? spec, string path, List<StatusCause> causes)
    {
        var containers = spec?["containers"] as JsonArray;
        if (containers is null || containers.Count == 0)
        {
            causes.Add(new StatusCause("FieldValueRequired", "Required value", path + ".containers"));
            return;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < containers.Count; i++)
        {
            var c = containers[i] as JsonObject;
            var name = c.Str("name");
            if (string.IsNullOrEmpty(name)) causes.Add(new StatusCause("FieldValueRequired", "Required value", $"{path}.containers[{i}].name"));
            else if (!names.Add(name)) causes.Add(new StatusCause("FieldValueDuplicate", $"Duplicate value: \"{name}\"", $"{path}.containers[{i}].name"));
            if (string.IsNullOrEmpty(c.Str("image"))) causes.Add(new StatusCause("FieldValueRequired", "Required value", $"{path}.containers[{i}].image"));
        }
    }

    private static void Job(JsonObject spec, string path, List<StatusCause> causes)
    {
        foreach (var field in new[] { "parallelism", "completions", "backoffLimit", "activeDeadlineSeconds" })
            if (spec.Int(field) is < 0 and var v)
                causes.Add(Invalid($"{path}.{field}", v.ToString(CultureInfo.InvariantCulture), "must be greater than or equal to 0"));
        var restart = spec.Str("template.spec.restartPolicy");
        if (restart is not ("OnFailure" or "Never"))
            causes.Add(new StatusCause("FieldValueNotSupported", $"Unsupported value: \"{restart}\": supported values: \"OnFailure\", \"Never\"", $"{path}.template.spec.restartPolicy"));
        if (spec["selector"] is JsonObject sel)
        {
            var labels = Json.StringMap(spec.At("template.metadata.labels"));
            if (!LabelSelector.FromObject(sel).Matches(labels))
                causes.Add(Invalid($"{path}.template.metadata.labels", GoMap(labels), "`selector` does not match template `labels`"));
        }
        PodSpec(spec.At("template.spec") as JsonObject, $"{path}.template.spec", causes);
    }

    private static void CronJob(JsonObject cj, List<StatusCause> causes)
    {
        var schedule = cj.Str("spec.schedule");
        if (string.IsNullOrEmpty(schedule)) causes.Add(new StatusCause("FieldValueRequired", "Required value", "spec.schedule"));
        else if (!CronSchedule.TryParse(schedule, out _, out var error))
            causes.Add(Invalid("spec.schedule", Quote(schedule), error));
        if (cj.Str("spec.concurrencyPolicy") is { } policy && policy is not ("Allow" or "Forbid" or "Replace"))
            causes.Add(new StatusCause("FieldValueNotSupported", $"Unsupported value: \"{policy}\": supported values: \"Allow\", \"Forbid\", \"Replace\"", "spec.concurrencyPolicy"));
        if (cj.Int("spec.startingDeadlineSeconds") is < 0 and var d)
            causes.Add(Invalid("spec.startingDeadlineSeconds", d.ToString(CultureInfo.InvariantCulture), "must be greater than or equal to 0"));
        Job(cj.Obj("spec").Obj("jobTemplate").Obj("spec"), "spec.jobTemplate.spec", causes);
    }

    private static StatusCause Invalid(string field, string value, string detail) =>
        new("FieldValueInvalid", $"Invalid value: {value}: {detail}", field);

    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    /// <summary>Go's <c>%#v</c> of a <c>map[string]string</c>: keys sorted, <c>", "</c> between entries.</summary>
    internal static string GoMap(IReadOnlyDictionary<string, string> map) =>
        map.Count == 0 ? "map[string]string(nil)"
            : "map[string]string{" + string.Join(", ", map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{Quote(kv.Key)}:{Quote(kv.Value)}")) + "}";

    private static string SelectorGo(JsonObject sel) =>
        $"v1.LabelSelector{{MatchLabels:{GoMap(Json.StringMap(sel["matchLabels"]))}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}}";

    private static bool IsZero(JsonNode? v) => v is JsonValue jv && (jv.ToJsonString() is "0" or "\"0%\"" or "\"0\"");

    private static string IntOrStringGo(JsonNode? v) =>
        v is JsonValue jv && jv.TryGetValue<string>(out var s)
            ? $"intstr.IntOrString{{Type:1, IntVal:0, StrVal:{Quote(s)}}}"
            : "intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}";
}
