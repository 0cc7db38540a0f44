"""StatefulSet pod identity, revisions and predicates.

Port of ``pkg/controller/statefulset/stateful_set_utils.go`` (getParentNameAndOrdinal,
getPodName, getPersistentVolumeClaimName, isMemberOf, identityMatches, storageMatches,
updateStorage, initIdentity, updateIdentity, isRunningAndReady, isRunningAndAvailable,
isCreated, isPending, isFailed, isSucceeded, isTerminating, isHealthy, newStatefulSetPod,
newVersionedStatefulSetPod, getPatch, newRevision, ApplyRevision, getPodRevision,
setPodRevision, getStartOrdinal, getEndOrdinal, podInOrdinalRange, completeRollingUpdate,
inconsistentStatus).

[SIM] Volumes are not simulated: a pod gets the ``persistentVolumeClaim`` volumes its claim
templates name (``www-web-0``), but no PersistentVolumeClaim is created and the kubelet starts
the pod as if each claim were bound.
"""

from __future__ import annotations

import re

from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import common, history

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name"
POD_INDEX_LABEL = "apps.kubernetes.io/pod-index"
REVISION_LABEL = history.HASH_LABEL
_ORDINAL = re.compile(r"(.*)-([0-9]+)$")
_MAX_INT32 = 2**31 - 1


def parent_and_ordinal(pod: Obj) -> tuple[str, int]:
    """getParentNameAndOrdinal: ("", -1) when the name carries no ordinal."""
    m = _ORDINAL.match(o.name(pod))
    if m is None:
        return "", -1
    n = int(m.group(2))
    return m.group(1), n if n <= _MAX_INT32 else -1


def ordinal(pod: Obj) -> int:
    return parent_and_ordinal(pod)[1]


def pod_name(sts: Obj, n: int) -> str:
    return f"{o.name(sts)}-{n}"


def claim_name(sts: Obj, claim: Obj, n: int) -> str:
    """getPersistentVolumeClaimName."""
    return f"{o.name(claim)}-{o.name(sts)}-{n}"


def is_member_of(sts: Obj, pod: Obj) -> bool:
    return parent_and_ordinal(pod)[0] == o.name(sts)


def start_ordinal(sts: Obj) -> int:
    """getStartOrdinal: ``spec.ordinals.start`` (StatefulSetStartOrdinal is GA), else 0."""
    ordinals = (sts.get("spec") or {}).get("ordinals") or {}
    return int(ordinals.get("start") or 0)


def end_ordinal(sts: Obj) -> int:
    return start_ordinal(sts) + o.spec_replicas(sts) - 1


def in_ordinal_range(sts: Obj, pod: Obj) -> bool:
    n = ordinal(pod)
    return start_ordinal(sts) <= n <= end_ordinal(sts)


def identity_matches(sts: Obj, pod: Obj) -> bool:
    """identityMatches (with the PodIndexLabel gate on, as since 1.32)."""
    parent, n = parent_and_ordinal(pod)
    lbls = o.labels(pod)
    return (
        n >= 0
        and parent == o.name(sts)
        and o.name(pod) == pod_name(sts, n)
        and o.namespace(pod) == o.namespace(sts)
        and lbls.get(POD_NAME_LABEL) == o.name(pod)
        and lbls.get(POD_INDEX_LABEL) == str(n)
    )


def _claims(sts: Obj) -> list[Obj]:
    return [c for c in (sts.get("spec") or {}).get("volumeClaimTemplates") or () if c]


def storage_matches(sts: Obj, pod: Obj) -> bool:
    """storageMatches: every claim template has its volume in the pod."""
    n = ordinal(pod)
    if n < 0:
        return False
    volumes = {v.get("name"): v for v in (pod.get("spec") or {}).get("volumes") or ()}
    for claim in _claims(sts):
        v = volumes.get(o.name(claim)) or {}
        if (v.get("persistentVolumeClaim") or {}).get("claimName") != claim_name(sts, claim, n):
            return False
    return True


def update_storage(sts: Obj, pod: Obj) -> None:
    """updateStorage: the claims' volumes first (replacing same-named ones), then the rest."""
    n = ordinal(pod)
    claims = _claims(sts)
    names = {o.name(c) for c in claims}
    spec = pod.setdefault("spec", {})
    volumes = [
        {"name": o.name(c), "persistentVolumeClaim": {"claimName": claim_name(sts, c, n)}}
        for c in claims
    ]
    volumes += [v for v in spec.get("volumes") or () if v.get("name") not in names]
    if volumes:
        spec["volumes"] = volumes


def update_identity(sts: Obj, pod: Obj) -> None:
    """updateIdentity: name, namespace and the pod-name / pod-index labels."""
    n = ordinal(pod)
    meta = o.meta(pod)
    meta["name"] = pod_name(sts, n)
    meta["namespace"] = o.namespace(sts)
    lbls = meta.setdefault("labels", {})
    lbls[POD_NAME_LABEL] = meta["name"]
    lbls[POD_INDEX_LABEL] = str(n)


def new_pod(sts: Obj, template: Obj, n: int) -> Obj:
    """newStatefulSetPod: GetPodFromTemplate, named ``<set>-<n>``, with initIdentity's hostname
    and subdomain and the claims' volumes."""
    tmeta = template.get("metadata") or {}
    meta: Obj = {
        "name": pod_name(sts, n),
        "namespace": o.namespace(sts),
        "ownerReferences": [o.owner_reference(sts, "StatefulSet", "apps/v1")],
    }
    if tmeta.get("labels"):
        meta["labels"] = dict(tmeta["labels"])
    if tmeta.get("annotations"):
        meta["annotations"] = dict(tmeta["annotations"])
    if tmeta.get("finalizers"):
        meta["finalizers"] = list(tmeta["finalizers"])
    pod: Obj = {"apiVersion": "v1", "kind": "Pod", "metadata": meta}
    pod["spec"] = o.deepcopy(template.get("spec") or {})
    update_identity(sts, pod)
    pod["spec"]["hostname"] = o.name(pod)
    service = (sts.get("spec") or {}).get("serviceName")
    if service:
        pod["spec"]["subdomain"] = service
    update_storage(sts, pod)
    return pod


def new_versioned_pod(sts: Obj, current: Obj, update: Obj, n: int, current_replicas: int) -> Obj:
    """newVersionedStatefulSetPod: below the partition (or, without a rollingUpdate, below the
    current replicas) a pod of the current revision, else one of the update revision."""
    strategy = (sts.get("spec") or {}).get("updateStrategy") or {}
    ru = strategy.get("rollingUpdate")
    below = (strategy.get("type") == "RollingUpdate" and ru is None and n < current_replicas) or (
        ru is not None and n < start_ordinal(sts) + int(ru.get("partition") or 0)
    )
    revision = current if below else update
    pod = new_pod(sts, apply_revision(revision), n)
    set_pod_revision(pod, o.name(revision))
    return pod


def get_patch(sts: Obj) -> Obj:
    """getPatch: ``{"spec": {"template": <template, "$patch": "replace">}}``."""
    template = o.deepcopy(o.pod_template(sts))
    template["$patch"] = "replace"
    return {"spec": {"template": template}}


def new_revision(sts: Obj, number: int, collision_count: int | None) -> Obj:
    """newRevision: the template's patch, labelled like the template, annotated like the set."""
    labels = (o.pod_template(sts).get("metadata") or {}).get("labels")
    cr = history.new_revision(sts, "StatefulSet", labels, get_patch(sts), number, collision_count)
    ann = o.annotations(sts)
    if ann:
        o.meta(cr)["annotations"] = dict(ann)
    return cr


def apply_revision(revision: Obj) -> Obj:
    """ApplyRevision's outcome for the template: the revision's template (its patch replaces)."""
    template = o.deepcopy(((revision.get("data") or {}).get("spec") or {}).get("template") or {})
    template.pop("$patch", None)
    return template


def pod_revision(pod: Obj) -> str:
    return o.labels(pod).get(REVISION_LABEL, "")


def set_pod_revision(pod: Obj, revision: str) -> None:
    o.meta(pod).setdefault("labels", {})[REVISION_LABEL] = revision


def is_created(pod: Obj) -> bool:
    return bool((pod.get("status") or {}).get("phase"))


def phase(pod: Obj) -> str:
    return str((pod.get("status") or {}).get("phase") or "")


def is_terminating(pod: Obj) -> bool:
    return o.is_deleting(pod)


def is_running_and_ready(pod: Obj) -> bool:
    return phase(pod) == "Running" and common.is_pod_ready(pod)


def is_running_and_available(pod: Obj, min_ready: int, now: float) -> bool:
    return phase(pod) == "Running" and common.is_pod_available(pod, min_ready, now)


def is_healthy(pod: Obj) -> bool:
    return is_running_and_ready(pod) and not is_terminating(pod)


def min_ready_seconds(sts: Obj) -> int:
    return int((sts.get("spec") or {}).get("minReadySeconds") or 0)


def complete_rolling_update(sts: Obj, status: Obj) -> None:
    """completeRollingUpdate: all replicas updated and ready, the update revision is current."""
    strategy = ((sts.get("spec") or {}).get("updateStrategy") or {}).get("type")
    replicas = status.get("replicas", 0)
    if (
        strategy == "RollingUpdate"
        and status.get("updatedReplicas", 0) == replicas
        and status.get("readyReplicas", 0) == replicas
    ):
        status["currentReplicas"] = status.get("updatedReplicas", 0)
        status["currentRevision"] = status.get("updateRevision", "")


def status_json(status: Obj, conditions: Any) -> Obj:
    """apps/v1 StatefulSetStatus in its JSON field order (omitempty as its tags say)."""
    out: Obj = {}
    if status.get("observedGeneration"):
        out["observedGeneration"] = status["observedGeneration"]
    out["replicas"] = status.get("replicas", 0)
    for key in ("readyReplicas", "currentReplicas", "updatedReplicas"):
        if status.get(key):
            out[key] = status[key]
    for key in ("currentRevision", "updateRevision"):
        if status.get(key):
            out[key] = status[key]
    if status.get("collisionCount") is not None:
        out["collisionCount"] = status["collisionCount"]
    if conditions:
        out["conditions"] = conditions
    out["availableReplicas"] = status.get("availableReplicas", 0)
    return out
