"""Accessors, mutators and well-known keys over API objects, which stay plain dicts.

The dict is the source of truth (it is what ``-o json`` prints and what the state file stores);
these helpers only give the common reads names.  Keys keep Kubernetes' spelling.
"""

import copy

TYPE_CHECKING = False  # typing stays off the command path (see records.NamedTuple)
if TYPE_CHECKING:
    from typing import Any
else:
    # read only in annotations: this module cannot defer them (``from __future__ import
    # annotations`` would shadow its annotations() accessor)
    Any = object

Obj = dict[str, Any]

REVISION_ANNOTATION = "deployment.kubernetes.io/revision"
REVISION_HISTORY_ANNOTATION = "deployment.kubernetes.io/revision-history"
DESIRED_REPLICAS_ANNOTATION = "deployment.kubernetes.io/desired-replicas"
MAX_REPLICAS_ANNOTATION = "deployment.kubernetes.io/max-replicas"
ROLLBACK_TO_ANNOTATION = "deprecated.deployment.rollback.to"
CHANGE_CAUSE_ANNOTATION = "kubernetes.io/change-cause"
LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration"
RESTARTED_AT_ANNOTATION = "kubectl.kubernetes.io/restartedAt"
POD_TEMPLATE_HASH_LABEL = "pod-template-hash"
POD_DELETION_COST_ANNOTATION = "controller.kubernetes.io/pod-deletion-cost"
NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name"

# Annotations a Deployment does not copy onto its ReplicaSets, and that `rollout undo` keeps.
SKIP_COPY_ANNOTATIONS = frozenset(
    {
        LAST_APPLIED_ANNOTATION,
        REVISION_ANNOTATION,
        REVISION_HISTORY_ANNOTATION,
        DESIRED_REPLICAS_ANNOTATION,
        MAX_REPLICAS_ANNOTATION,
        ROLLBACK_TO_ANNOTATION,
    }
)


def meta(o: Obj) -> dict[str, Any]:
    m = o.get("metadata")
    if not isinstance(m, dict):
        m = {}
        o["metadata"] = m
    return m


def name(o: Obj) -> str:
    return str(o.get("metadata", {}).get("name", ""))


def namespace(o: Obj) -> str:
    return str(o.get("metadata", {}).get("namespace", "") or "")


def uid(o: Obj) -> str:
    return str(o.get("metadata", {}).get("uid", ""))


def labels(o: Obj) -> dict[str, str]:
    return o.get("metadata", {}).get("labels") or {}


def annotations(o: Obj) -> dict[str, str]:
    return o.get("metadata", {}).get("annotations") or {}


def set_annotation(o: Obj, key: str, value: str) -> bool:
    """Set one annotation; True when it changed."""
    m = meta(o)
    ann = m.setdefault("annotations", {})
    if ann.get(key) == value:
        return False
    ann[key] = value
    return True


def remove_annotation(o: Obj, key: str) -> bool:
    ann = o.get("metadata", {}).get("annotations")
    if not ann or key not in ann:
        return False
    del ann[key]
    if not ann:
        del o["metadata"]["annotations"]
    return True


def deletion_timestamp(o: Obj) -> str | None:
    ts: str | None = o.get("metadata", {}).get("deletionTimestamp")
    return ts


def is_deleting(o: Obj) -> bool:
    return bool(o.get("metadata", {}).get("deletionTimestamp"))


def owner_refs(o: Obj) -> list[dict[str, Any]]:
    refs: list[dict[str, Any]] = o.get("metadata", {}).get("ownerReferences") or []
    return refs


def controller_ref(o: Obj) -> dict[str, Any] | None:
    for ref in owner_refs(o):
        if ref.get("controller"):
            return ref
    return None


def controller_uid(o: Obj) -> str | None:
    ref = controller_ref(o)
    return ref.get("uid") if ref else None


def owner_reference(owner: Obj, kind: str, api_version: str) -> dict[str, Any]:
    return {
        "apiVersion": api_version,
        "blockOwnerDeletion": True,
        "controller": True,
        "kind": kind,
        "name": name(owner),
        "uid": uid(owner),
    }


def generation(o: Obj) -> int:
    return int(o.get("metadata", {}).get("generation", 0) or 0)


def spec_replicas(o: Obj) -> int:
    r = o.get("spec", {}).get("replicas")
    return 1 if r is None else int(r)


def status_int(o: Obj, field: str) -> int:
    return int(o.get("status", {}).get(field, 0) or 0)


def containers(template_or_pod: Obj) -> list[dict[str, Any]]:
    """The containers of a Pod, or of a pod template (``spec.template``)."""
    spec = template_or_pod.get("spec", {})
    return spec.get("containers") or []


def pod_template(o: Obj) -> dict[str, Any]:
    template: dict[str, Any] = o.get("spec", {}).get("template") or {}
    return template


def deepcopy(o: Obj) -> Obj:
    """Fast deep copy of a JSON-shaped value."""
    copied: Obj = _copy_json(o)
    return copied


def _copy_json(v: Any) -> Any:
    if isinstance(v, dict):
        return _copy_dict(v)
    if isinstance(v, list):
        return _copy_list(v)
    return v


# Values shared by a copy (immutable); exact types, so the common case is one set lookup.
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _copy_dict(v: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, x in v.items():
        t = type(x)
        if t in _SCALARS:
            out[k] = x
        elif t is dict:
            out[k] = _copy_dict(x)
        elif t is list:
            out[k] = _copy_list(x)
        else:
            out[k] = _copy_json(x)  # a subclass, or something else
    return out


def _copy_list(v: list[Any]) -> list[Any]:
    out = []
    for x in v:
        t = type(x)
        if t in _SCALARS:
            out.append(x)
        elif t is dict:
            out.append(_copy_dict(x))
        else:
            out.append(_copy_json(x))
    return out


def condition(o: Obj, ctype: str) -> dict[str, Any] | None:
    conds: list[dict[str, Any]] = o.get("status", {}).get("conditions") or []
    for c in conds:
        if c.get("type") == ctype:
            return c
    return None


def semantic_equal(a: Any, b: Any) -> bool:
    """Equality where a missing/empty map or list equals another empty one
    (apiequality.Semantic).
    """
    equal: bool = _normalize(a) == _normalize(b)
    return equal


def _normalize(v: Any) -> Any:
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            n = _normalize(x)
            if n is None or n == {} or n == []:
                continue
            out[k] = n
        return out
    if isinstance(v, list):
        return [_normalize(x) for x in v]
    return v


__all__ = ["Obj", "copy"]
