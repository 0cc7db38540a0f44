"""Helpers shared by the controllers: pod predicates (``pkg/api/v1/pod/util.go``), selectors, times.

Timestamps are stored as RFC 3339 strings; ``ts`` parses them through a cache because the
ReplicaSet controller reads every pod's Ready time on every sync.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping

from minikube_lite import clock
from minikube_lite.api import labels
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

TERMINAL_PHASES = frozenset({"Succeeded", "Failed"})


@functools.lru_cache(maxsize=65536)
def ts(text: str | None) -> float | None:
    """Cached clock.parse_time."""
    return clock.parse_time(text)


def is_pod_active(pod: Obj) -> bool:
    """controller.IsPodActive: not terminal and not being deleted."""
    return pod.get("status", {}).get("phase") not in TERMINAL_PHASES and not pod["metadata"].get(
        "deletionTimestamp"
    )


def ready_condition(pod: Obj) -> Obj | None:
    for c in pod.get("status", {}).get("conditions") or ():
        if c.get("type") == "Ready":
            found: Obj = c
            return found
    return None


def is_pod_ready(pod: Obj) -> bool:
    """podutil.IsPodReady."""
    for c in pod.get("status", {}).get("conditions") or ():
        if c.get("type") == "Ready":
            return bool(c.get("status") == "True")
    return False


def pod_ready_time(pod: Obj) -> float | None:
    """lastTransitionTime of a True Ready condition, else None."""
    c = ready_condition(pod)
    if c is None or c.get("status") != "True":
        return None
    return ts(c.get("lastTransitionTime"))


def available_at(pod: Obj, min_ready_seconds: int) -> float | None:
    """When a ready pod becomes available (podutil.IsPodAvailable); None when not ready."""
    t = pod_ready_time(pod)
    if t is None:
        return None if not is_pod_ready(pod) else 0.0
    return t + min_ready_seconds


def is_pod_available(pod: Obj, min_ready_seconds: int, now: float) -> bool:
    """podutil.IsPodAvailable [SIM: ``<=`` so a timer at the boundary flips it exactly then]."""
    if not is_pod_ready(pod):
        return False
    if min_ready_seconds == 0:
        return True
    at = available_at(pod, min_ready_seconds)
    return at is not None and at <= now


def max_restarts(pod: Obj) -> int:
    return max(
        (
            int(c.get("restartCount", 0))
            for c in pod.get("status", {}).get("containerStatuses") or ()
        ),
        default=0,
    )


def selector_matches(selector: Mapping[str, Any] | None, lbls: Mapping[str, str] | None) -> bool:
    """metav1.LabelSelectorAsSelector(selector).Matches(labels).

    An empty selector matches everything.
    """
    if not selector:
        return True
    lbls = lbls or {}
    ml = selector.get("matchLabels") or {}
    for k, v in ml.items():
        if lbls.get(k) != v:
            return False
    if selector.get("matchExpressions"):
        try:
            return labels.from_label_selector(selector).matches(lbls)
        except labels.SelectorError:
            return False
    return True


def selector_matcher(selector: Mapping[str, Any] | None) -> Callable[[Mapping[str, str]], bool]:
    """``selector_matches`` bound to one selector, for matching many objects: a selector of only
    matchLabels is read once (the ReplicaSet controller matches every pod on each sync)."""
    if not selector or selector.get("matchExpressions"):
        return lambda lbls: selector_matches(selector, lbls)
    wanted = list((selector.get("matchLabels") or {}).items())

    def matches(lbls: Mapping[str, str]) -> bool:
        for k, v in wanted:  # noqa: SIM110  (a loop: no generator per pod)
            if lbls.get(k) != v:
                return False
        return True

    return matches


def is_empty_selector(selector: Mapping[str, Any] | None) -> bool:
    return not (selector or {}).get("matchLabels") and not (selector or {}).get("matchExpressions")


def set_controller_ref(
    cluster: Any, kind: str, obj: Obj, owner: Obj, owner_kind: str, api_version: str
) -> None:
    """Adopt (ClaimObject's AdoptFunc) and re-index.

    Upstream sends a strategic merge patch whose ``ownerReferences`` list is merged by ``uid``
    (ownerRefControllerPatch): a reference to the same owner that is not yet the controller is
    turned into the controller reference in place; otherwise the reference is appended.
    """
    refs = o.meta(obj).setdefault("ownerReferences", [])
    ref = o.owner_reference(owner, owner_kind, api_version)
    same = next((r for r in refs if r.get("uid") == ref["uid"]), None)
    if same is None:
        refs.append(ref)
    else:
        same.update(ref)
    _claim_ref(cluster, obj, ref["uid"], removed=False)
    cluster.reindex(kind, obj, None)
    cluster.touch(kind, obj)


def release_controller_ref(cluster: Any, kind: str, obj: Obj) -> None:
    """Release: drop the controller ownerReference (ClaimObject's ReleaseFunc) and re-index."""
    old = o.controller_uid(obj)
    meta = o.meta(obj)
    refs = [r for r in meta.get("ownerReferences") or [] if not r.get("controller")]
    if refs:
        meta["ownerReferences"] = refs
    else:
        meta.pop("ownerReferences", None)
    if old:
        _claim_ref(cluster, obj, old, removed=True)
    cluster.reindex(kind, obj, old)
    cluster.touch(kind, obj)


def _claim_ref(cluster: Any, obj: Obj, uid: str, *, removed: bool) -> None:
    """The adoption's (or release's) patch, an Update by kube-controller-manager."""
    from minikube_lite.store import fieldmanager as fm

    ref: dict[str, Any] = {"f:metadata": {"f:ownerReferences": {f'k:{{"uid":"{uid}"}}': {}}}}
    if removed:
        fm.claim(cluster, obj, fm.CONTROLLER_MANAGER, {}, ref)
    else:
        fm.claim(cluster, obj, fm.CONTROLLER_MANAGER, ref)


def orphans(cluster: Any, kind: str, namespace: str) -> list[Obj]:
    """Objects of ``kind`` in ``namespace`` without a controller (uses the orphan index)."""
    return cluster.owned(kind, "", namespace)  # type: ignore[no-any-return]


def rfc(t: float) -> str:
    return clock.rfc3339(t)
