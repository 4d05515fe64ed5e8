using System.Text.Json.Nodes;
using static Dashboard.Kubernetes.Emulator.Printing.Format;

namespace Dashboard.Kubernetes.Emulator.Printing;

/// <summary>Printers of PersistentVolume, PersistentVolumeClaim and StorageClass.</summary>
internal static class StoragePrinters
{
    private const string ClassAnnotation = "volume.beta.kubernetes.io/storage-class";

    public static KindPrinter PersistentVolume { get; } = new(
    [
        Col.Name,
        Col.Str("Capacity", "capacity is the description of the persistent volume's resources and capacity."),
        Col.Str("Access Modes", "accessModes contains all ways the volume can be mounted."),
        Col.Str("Reclaim Policy", "persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim."),
        Col.Str("Status", "phase indicates if a volume is available, bound to a claim, or released by a claim."),
        Col.Str("Claim", "claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim."),
        Col.Str("StorageClass", "StorageClass of the pv"),
        Col.Str("VolumeAttributesClass", "VolumeAttributesClass of the pv"),
        Col.Str("Reason", "reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI."),
        Col.Age,
        Col.Str("VolumeMode", "volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.", 1),
    ], (o, now) =>
    {
        var spec = o["spec"];
        var claim = spec?["claimRef"] is JsonObject cr ? S(cr["namespace"]) + "/" + S(cr["name"]) : "";
        var phase = o["metadata"]?["deletionTimestamp"] is not null ? "Terminating" : S(o["status"]?["phase"]) ?? "";
        return
        [
            WorkloadPrinters.Name(o),
            S(spec?["capacity"]?["storage"]) ?? "0",
            AccessModes(spec?["accessModes"]),
            S(spec?["persistentVolumeReclaimPolicy"]) ?? "",
            phase,
            claim,
            S(o["metadata"]?["annotations"]?[ClassAnnotation]) ?? S(spec?["storageClassName"]) ?? "",
            S(spec?["volumeAttributesClassName"]) ?? Unset,
            S(o["status"]?["reason"]) ?? "",
            Age(o, now),
            S(spec?["volumeMode"]) ?? Unset,
        ];
    });

    public static KindPrinter PersistentVolumeClaim { get; } = new(
    [
        Col.Name,
        Col.Str("Status", "phase represents the current phase of PersistentVolumeClaim."),
        Col.Str("Volume", "volumeName is the binding reference to the PersistentVolume backing this claim."),
        Col.Str("Capacity", "capacity represents the actual resources of the underlying volume."),
        Col.Str("Access Modes", "accessModes contains the actual access modes the volume backing the PVC has."),
        Col.Str("StorageClass", "StorageClass of the pvc"),
        Col.Str("VolumeAttributesClass", "VolumeAttributesClass of the pvc"),
        Col.Age,
        Col.Str("VolumeMode", "volumeMode defines what type of volume is required by the claim.", 1),
    ], (o, now) =>
    {
        var spec = o["spec"];
        var phase = o["metadata"]?["deletionTimestamp"] is not null ? "Terminating" : S(o["status"]?["phase"]) ?? "";
        var volume = S(spec?["volumeName"]) ?? "";
        var capacity = "";
        var modes = "";
        if (volume.Length > 0)
        {
            modes = AccessModes(o["status"]?["accessModes"]);
            capacity = S(o["status"]?["capacity"]?["storage"]) ?? "0";
        }
        return
        [
            WorkloadPrinters.Name(o),
            phase,
            volume,
            capacity,
            modes,
            S(o["metadata"]?["annotations"]?[ClassAnnotation]) ?? S(spec?["storageClassName"]) ?? "",
            S(spec?["volumeAttributesClassName"]) ?? Unset,
            Age(o, now),
            S(spec?["volumeMode"]) ?? Unset,
        ];
    });

    public static KindPrinter StorageClass { get; } = new(
    [
        Col.Name,
        Col.Str("Provisioner", "provisioner indicates the type of the provisioner."),
        Col.Str("ReclaimPolicy", "reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete."),
        Col.Str("VolumeBindingMode", "volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound."),
        Col.Str("AllowVolumeExpansion", "allowVolumeExpansion shows whether the storage class allow volume expand."),
        Col.Age,
    ], (o, now) =>
    {
        var annotations = o["metadata"]?["annotations"];
        var isDefault = S(annotations?["storageclass.kubernetes.io/is-default-class"]) == "true"
            || S(annotations?["storageclass.beta.kubernetes.io/is-default-class"]) == "true";
        var name = WorkloadPrinters.Name(o) + (isDefault ? " (default)" : "");
        return
        [
            name,
            S(o["provisioner"]) ?? "",
            S(o["reclaimPolicy"]) ?? "Delete",
            S(o["volumeBindingMode"]) ?? "Immediate",
            B(o["allowVolumeExpansion"]) ?? false,
            Age(o, now),
        ];
    });
}
