using System.Text.Json.Nodes;
using Dashboard.Kubernetes.Emulator.Admission;
using Dashboard.Kubernetes.Emulator.Api;
using Dashboard.Kubernetes.Emulator.Selectors;
using Dashboard.Kubernetes.Emulator.Storage;

namespace Dashboard.Kubernetes.Emulator.Controllers.Cluster;

/// <summary>
/// The persistent volume binder plus a provisioner: claims bind to the smallest matching Available volume, or get a
/// <c>pvc-&lt;uid&gt;</c> volume from their StorageClass (after a consuming pod is scheduled for WaitForFirstConsumer);
/// volumes whose claim is gone are Released and, with reclaim policy Delete, removed.
/// </summary>
internal sealed class PersistentVolumeController(EmulatorContext context) : ReconcilingController(context)
{
    private const string Component = "persistentvolume-controller";
    private const string ClaimPrefix = "pvc|";
    private const string VolumePrefix = "pv|";

    private readonly ResourceType _claims = context.Type("", "persistentvolumeclaims");
    private readonly ResourceType _volumes = context.Type("", "persistentvolumes");
    private readonly ResourceType _classes = context.Type("storage.k8s.io", "storageclasses");
    private readonly ResourceType _pods = context.Type("", "pods");

    protected override IEnumerable<ResourceType> Watched => [_claims, _volumes, _classes, _pods];

    protected override IEnumerable<string> KeysFor(StoredEvent change)
    {
        var o = change.Object;
        if (o.Type.Key == _claims.Key)
        {
            var keys = new List<string> { ClaimPrefix + o.Key };
            if (change.Type == WatchEventType.Deleted && o.ToJson().Str("spec.volumeName") is { Length: > 0 } pv) keys.Add(VolumePrefix + "/" + pv);
            return keys;
        }
        if (o.Type.Key == _volumes.Key)
        {
            var pv = o.ToJson();
            var keys = new List<string>();
            if (change.Type != WatchEventType.Deleted) keys.Add(VolumePrefix + o.Key);
            if (pv.Str("spec.claimRef.name") is { Length: > 0 } claim) keys.Add($"{ClaimPrefix}{pv.Str("spec.claimRef.namespace")}/{claim}");
            else keys.AddRange(PendingClaims());
            return keys;
        }
        if (o.Type.Key == _classes.Key) return PendingClaims();
        // Pods: a scheduled consumer releases WaitForFirstConsumer claims, a gone or finished one may unblock a deleted claim.
        // Most pod changes are status updates of pods without claims: skip them without parsing.
        if (o.Bytes.AsSpan().IndexOf("\"persistentVolumeClaim\""u8) < 0) return [];
        if (change.Type != WatchEventType.Deleted && o.Fields.GetValueOrDefault("spec.nodeName") is not { Length: > 0 }
            && o.Fields.GetValueOrDefault("status.phase") is not ("Succeeded" or "Failed")) return [];
        return o.ToJson().Items("spec.volumes").Select(v => v.Str("persistentVolumeClaim.claimName")).OfType<string>()
            .Select(c => $"{ClaimPrefix}{o.Namespace}/{c}").ToList();
    }

    private List<string> PendingClaims() =>
        Context.Store.List(_claims, null).Items.Where(c => c.ToJson().Str("status.phase") != "Bound").Select(c => ClaimPrefix + c.Key).ToList();

    protected override Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        if (key.StartsWith(VolumePrefix, StringComparison.Ordinal)) ReconcileVolume(Split(key[VolumePrefix.Length..]).Name);
        else if (key.StartsWith(ClaimPrefix, StringComparison.Ordinal))
        {
            var (ns, name) = Split(key[ClaimPrefix.Length..]);
            ReconcileClaim(ns, name);
        }
        return Task.CompletedTask;
    }

    private void ReconcileVolume(string name)
    {
        var pv = Context.Api.TryGet(_volumes, "", name);
        if (pv is null) return;
        var phase = pv.Str("status.phase");
        var claimName = pv.Str("spec.claimRef.name");
        if (claimName is null)
        {
            if (phase is null or "Pending") SetVolumePhase(pv, "Available");
            return;
        }
        var claim = Context.Api.TryGet(_claims, pv.Str("spec.claimRef.namespace") ?? "", claimName);
        var claimUid = pv.Str("spec.claimRef.uid");
        if (claim is null || (claimUid is { Length: > 0 } && claim.Uid() != claimUid))
        {
            if (claimUid is null or "") return; // pre-bound to a claim that does not exist yet
            if (pv.Str("spec.persistentVolumeReclaimPolicy") == "Delete")
            {
                try { Context.Api.Delete(_volumes, "", name, UserInfo.System); }
                catch (ApiException e) when (e.Code == 404) { }
                return;
            }
            if (phase != "Released") SetVolumePhase(pv, "Released");
            return;
        }
        if (claim.Str("spec.volumeName") == name && phase != "Bound") SetVolumePhase(pv, "Bound");
    }

    private void ReconcileClaim(string ns, string name)
    {
        var claim = Context.Api.TryGet(_claims, ns, name);
        if (claim is null) return;
        if (claim.At("metadata.deletionTimestamp") is not null)
        {
            ReleaseProtection(claim);
            return;
        }
        if (claim.Str("spec.volumeName") is { Length: > 0 } bound)
        {
            var pv = Context.Api.TryGet(_volumes, "", bound);
            if (pv is not null) Bind(claim, pv);
            else if (claim.Str("status.phase") == "Bound") _ = SetClaimPhase(claim, "Lost");
            return;
        }
        var className = claim.Str("spec.storageClassName") ?? "";
        if (FindVolume(claim, className) is { } match)
        {
            Bind(claim, match);
            return;
        }
        if (claim.Str("status.phase") is null) claim = SetClaimPhase(claim, "Pending");
        if (className.Length == 0)
        {
            Context.Events.Normal(claim, "FailedBinding", "no persistent volumes available for this claim and no storage class is set", Component);
            return;
        }
        var sc = Context.Api.TryGet(_classes, "", className);
        if (sc is null)
        {
            Context.Events.Warning(claim, "ProvisioningFailed", $"storageclass.storage.k8s.io \"{className}\" not found", Component);
            return;
        }
        if (sc.Str("volumeBindingMode") == "WaitForFirstConsumer")
        {
            var node = ConsumerNode(claim);
            if (node is null)
            {
                Context.Events.Normal(claim, "WaitForFirstConsumer", "waiting for first consumer to be created before binding", Component);
                return;
            }
            claim.Obj("metadata.annotations")["volume.kubernetes.io/selected-node"] = node;
        }
        Provision(claim, sc);
    }

    /// <summary>The pvc-protection controller: the finalizer goes once no unfinished pod uses the claim.</summary>
    private void ReleaseProtection(JsonObject claim)
    {
        if (claim.At("metadata.finalizers") is not JsonArray finalizers
            || !finalizers.Any(f => f?.GetValue<string>() == DefaultStorageClassPlugin.ProtectionFinalizer)) return;
        var inUse = Context.Api.List(_pods, claim.Namespace())
            .Any(p => p.Str("status.phase") is not ("Succeeded" or "Failed")
                && p.Items("spec.volumes").Any(v => v.Str("persistentVolumeClaim.claimName") == claim.Name()));
        if (inUse) return;
        var kept = new JsonArray([.. finalizers.Where(f => f?.GetValue<string>() != DefaultStorageClassPlugin.ProtectionFinalizer).Select(f => f!.DeepClone())]);
        claim.Meta()["finalizers"] = kept;
        Context.Api.Update(_claims, claim.Namespace(), claim.Name(), claim, UserInfo.System);
    }

    private string? ConsumerNode(JsonObject claim) =>
        Context.Api.List(_pods, claim.Namespace())
            .Where(p => p.Items("spec.volumes").Any(v => v.Str("persistentVolumeClaim.claimName") == claim.Name()))
            .Select(p => p.Str("spec.nodeName")).FirstOrDefault(n => !string.IsNullOrEmpty(n));

    private JsonObject? FindVolume(JsonObject claim, string className)
    {
        var wanted = ExactQuantity.Parse(claim.Str("spec.resources.requests.storage"));
        var wantedModes = (claim.At("spec.accessModes") as JsonArray ?? []).Select(m => m?.GetValue<string>()).OfType<string>().ToList();
        var selector = LabelSelector.FromObject(claim.At("spec.selector"));
        var hasSelector = claim.At("spec.selector") is not null;
        var volumeMode = claim.Str("spec.volumeMode") ?? "Filesystem";
        return Context.Api.List(_volumes)
            .Where(pv =>
            {
                var claimRef = pv.At("spec.claimRef");
                if (claimRef is not null && !(claimRef.Str("name") == claim.Name() && claimRef.Str("namespace") == claim.Namespace()
                    && (claimRef.Str("uid") is null or "" || claimRef.Str("uid") == claim.Uid()))) return false;
                if (claimRef is null && pv.Str("status.phase") is not (null or "Available")) return false;
                if ((pv.Str("spec.storageClassName") ?? "") != className) return false;
                if ((pv.Str("spec.volumeMode") ?? "Filesystem") != volumeMode) return false;
                if (ExactQuantity.Parse(pv.Str("spec.capacity.storage")).CompareTo(wanted) < 0) return false;
                var pvModes = (pv.At("spec.accessModes") as JsonArray ?? []).Select(m => m?.GetValue<string>()).ToHashSet();
                if (!wantedModes.All(pvModes.Contains)) return false;
                return !hasSelector || selector.Matches(pv.Labels());
            })
            .OrderBy(pv => ExactQuantity.Parse(pv.Str("spec.capacity.storage")).Value)
            .FirstOrDefault();
    }

    private void Provision(JsonObject claim, JsonObject sc)
    {
        var provisioner = sc.Str("provisioner") ?? "";
        var pvName = "pvc-" + claim.Uid();
        var annotations = claim.Obj("metadata.annotations");
        annotations["volume.beta.kubernetes.io/storage-provisioner"] = provisioner;
        annotations["volume.kubernetes.io/storage-provisioner"] = provisioner;
        if (Context.Api.TryGet(_volumes, "", pvName) is null)
        {
            Context.Events.Normal(claim, "Provisioning", $"External provisioner is provisioning volume for claim \"{claim.Namespace()}/{claim.Name()}\"", provisioner);
            var node = annotations["volume.kubernetes.io/selected-node"]?.GetValue<string>();
            var spec = new JsonObject
            {
                ["capacity"] = new JsonObject { ["storage"] = claim.Str("spec.resources.requests.storage") ?? "1Gi" },
                ["accessModes"] = claim.At("spec.accessModes")?.DeepClone() ?? new JsonArray("ReadWriteOnce"),
                ["claimRef"] = ClaimRef(claim),
                ["persistentVolumeReclaimPolicy"] = sc.Str("reclaimPolicy") ?? "Delete",
                ["storageClassName"] = sc.Name(),
                ["volumeMode"] = claim.Str("spec.volumeMode") ?? "Filesystem",
                ["hostPath"] = new JsonObject { ["path"] = $"/var/local-path-provisioner/{pvName}_{claim.Namespace()}_{claim.Name()}", ["type"] = "DirectoryOrCreate" },
            };
            if (node is not null)
            {
                spec["nodeAffinity"] = new JsonObject
                {
                    ["required"] = new JsonObject
                    {
                        ["nodeSelectorTerms"] = new JsonArray(new JsonObject
                        {
                            ["matchExpressions"] = new JsonArray(new JsonObject
                            {
                                ["key"] = "kubernetes.io/hostname",
                                ["operator"] = "In",
                                ["values"] = new JsonArray(node),
                            }),
                        }),
                    },
                };
            }
            Context.Api.Create(_volumes, "", new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = pvName,
                    ["annotations"] = new JsonObject { ["pv.kubernetes.io/provisioned-by"] = provisioner },
                },
                ["spec"] = spec,
            }, UserInfo.System);
            Context.Events.Normal(claim, "ProvisioningSucceeded", $"Successfully provisioned volume {pvName}", provisioner);
        }
        var pv = Context.Api.Get(_volumes, "", pvName);
        Bind(claim, pv);
    }

    private static JsonObject ClaimRef(JsonObject claim) => new()
    {
        ["kind"] = "PersistentVolumeClaim",
        ["namespace"] = claim.Namespace(),
        ["name"] = claim.Name(),
        ["uid"] = claim.Uid(),
        ["apiVersion"] = "v1",
        ["resourceVersion"] = claim.Str("metadata.resourceVersion"),
    };

    private void Bind(JsonObject claim, JsonObject pv)
    {
        if (pv.Str("spec.claimRef.uid") != claim.Uid())
        {
            pv.Obj("spec")["claimRef"] = ClaimRef(claim);
            pv.Obj("metadata.annotations")["pv.kubernetes.io/bound-by-controller"] = "yes";
            pv = Context.Api.Save(_volumes, pv);
        }
        if (pv.Str("status.phase") != "Bound") SetVolumePhase(pv, "Bound");

        if (claim.Str("spec.volumeName") != pv.Name() || Json.StringMap(claim.At("metadata.annotations")).GetValueOrDefault("pv.kubernetes.io/bind-completed") != "yes")
        {
            var annotations = claim.Obj("metadata.annotations");
            annotations["pv.kubernetes.io/bind-completed"] = "yes";
            annotations["pv.kubernetes.io/bound-by-controller"] = "yes";
            claim.Obj("spec")["volumeName"] = pv.Name();
            claim = Context.Api.Save(_claims, claim);
        }
        if (claim.Str("status.phase") != "Bound")
        {
            var status = claim.Obj("status");
            status["phase"] = "Bound";
            status["accessModes"] = pv.At("spec.accessModes")?.DeepClone();
            status["capacity"] = pv.At("spec.capacity")?.DeepClone();
            Context.Api.Save(_claims, claim, "status");
        }
    }

    private void SetVolumePhase(JsonObject pv, string phase)
    {
        var status = pv.Obj("status");
        status["phase"] = phase;
        status["lastPhaseTransitionTime"] = Json.Time(Context.Clock.GetUtcNow());
        Context.Api.Save(_volumes, pv, "status");
    }

    private JsonObject SetClaimPhase(JsonObject claim, string phase)
    {
        claim.Obj("status")["phase"] = phase;
        return Context.Api.Save(_claims, claim, "status");
    }
}
