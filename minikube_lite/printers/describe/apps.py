"""describe.go: ``describe statefulset`` (describeStatefulSet, describeVolumeClaimTemplates)."""

from __future__ import annotations

from minikube_lite.api.objects import Obj
from minikube_lite.printers.columns import selector_string
from minikube_lite.printers.describe.pod import describe_pod_template
from minikube_lite.printers.describe.workloads import pod_phase_counts
from minikube_lite.printers.describe.writer import (
    DescribeContext,
    PrefixWriter,
    maybe_events,
    meta,
    print_annotations,
    print_labels,
    rfc1123z,
    tabbed,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_STORAGE_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class"


def describe_statefulset(sts: Obj, ctx: DescribeContext, now: float) -> str:
    """Mirrors describeStatefulSet."""
    spec, st, md = sts.get("spec") or {}, sts.get("status") or {}, meta(sts)
    w = PrefixWriter()
    w.write(0, f"Name:\t{md.get('name', '')}\n")
    w.write(0, f"Namespace:\t{md.get('namespace', '')}\n")
    w.write(0, f"CreationTimestamp:\t{rfc1123z(md.get('creationTimestamp'))}\n")
    w.write(0, f"Selector:\t{selector_string(spec.get('selector'))}\n")
    print_labels(w, "Labels", md.get("labels"))
    print_annotations(w, "Annotations", md.get("annotations"))
    w.write(0, f"Service Name:\t{spec.get('serviceName', '')}\n")
    w.write(0, f"Pod Management Policy:\t{spec.get('podManagementPolicy', '')}\n")
    w.write(
        0,
        f"Replicas:\t{int(spec.get('replicas', 1) or 0)} desired | "
        f"{int(st.get('replicas') or 0)} total\n",
    )
    strategy = spec.get("updateStrategy") or {}
    w.write(0, f"Update Strategy:\t{strategy.get('type', '')}\n")
    ru = strategy.get("rollingUpdate")
    if isinstance(ru, dict) and ru.get("partition") is not None:
        w.write(1, f"Partition:\t{int(ru['partition'])}\n")
        if ru.get("maxUnavailable") is not None:
            w.write(1, f"MaxUnavailable:\t{ru['maxUnavailable']}\n")
    policy = spec.get("persistentVolumeClaimRetentionPolicy")
    if isinstance(policy, dict):
        w.write(0, "Persistent Volume Claim Retention Policy:\n")
        w.write(1, f"WhenDeleted:\t{policy.get('whenDeleted', '')}\n")
        w.write(1, f"WhenScaled:\t{policy.get('whenScaled', '')}\n")
    running, waiting, succeeded, failed = pod_phase_counts(sts, ctx.pods)
    w.write(
        0,
        f"Pods Status:\t{running} Running / {waiting} Waiting / {succeeded} Succeeded / "
        f"{failed} Failed\n",
    )
    describe_pod_template(spec.get("template") or {}, w)
    _volume_claim_templates(w, spec.get("volumeClaimTemplates") or [])
    maybe_events(w, ctx, now)
    return tabbed(w)


def _volume_claim_templates(w: PrefixWriter, claims: list[Any]) -> None:
    """describeVolumeClaimTemplates."""
    if not claims:
        w.write(0, "Volume Claims:\t<none>\n")
        return
    w.write(0, "Volume Claims:\n")
    for pvc in claims:
        md, spec = pvc.get("metadata") or {}, pvc.get("spec") or {}
        w.write(1, f"Name:\t{md.get('name', '')}\n")
        klass = (md.get("annotations") or {}).get(_STORAGE_CLASS_ANNOTATION)
        if klass is None:
            klass = spec.get("storageClassName") or ""
        w.write(1, f"StorageClass:\t{klass}\n")
        print_labels(w, "Labels", md.get("labels"), indent="  ")
        print_labels(w, "Annotations", md.get("annotations"), indent="  ")
        storage = ((spec.get("resources") or {}).get("requests") or {}).get("storage")
        w.write(1, f"Capacity:\t{storage if storage is not None else '<default>'}\n")
        w.write(1, f"Access Modes:\t[{' '.join(spec.get('accessModes') or [])}]\n")
