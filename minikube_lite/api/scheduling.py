"""scheduling.k8s.io/v1 PriorityClasses: the system classes and the reserved values.

Port of ``pkg/apis/scheduling/types.go`` and ``helpers.go`` (``SystemPriorityClasses``,
``IsKnownSystemPriorityClass``) and of ``pkg/registry/scheduling/rest/storage_scheduling.go``
(``AddSystemPriorityClasses``: the API server creates system-node-critical and
system-cluster-critical at start-up).
"""

from __future__ import annotations

from minikube_lite.api.objects import Obj

API_VERSION = "scheduling.k8s.io/v1"
SYSTEM_PREFIX = "system-"
HIGHEST_USER_DEFINABLE = 1_000_000_000  # HighestUserDefinablePriority
SYSTEM_CRITICAL = 2 * HIGHEST_USER_DEFINABLE  # SystemCriticalPriority
DEFAULT_PREEMPTION = "PreemptLowerPriority"
PREEMPTION_POLICIES = ["PreemptLowerPriority", "Never"]  # ValidatePreemptionPolicy's order
# name -> (value, description), as SystemPriorityClasses lists them
SYSTEM_CLASSES = {
    "system-node-critical": (
        SYSTEM_CRITICAL + 1000,
        "Used for system critical pods that must not be moved from their current node.",
    ),
    "system-cluster-critical": (
        SYSTEM_CRITICAL,
        "Used for system critical pods that must run in the cluster, but can be moved to "
        "another node if necessary.",
    ),
}


def is_known_system_priority_class(name: str, value: int, global_default: bool) -> str:
    """IsKnownSystemPriorityClass: "" when (name, value, globalDefault) is a system class, else
    the error's text."""
    known = SYSTEM_CLASSES.get(name)
    if known is None:
        return f"{name} is not a known system priority class"
    if known[0] != value:
        return f"value of {name} PriorityClass must be {known[0]}"
    if global_default:
        return f"globalDefault of {name} PriorityClass must be false"
    return ""


def system_class(name: str, uid: str, created: str, rv: str) -> Obj:
    """A system PriorityClass as the API server stores it at start-up."""
    value, description = SYSTEM_CLASSES[name]
    return {
        "apiVersion": API_VERSION,
        "kind": "PriorityClass",
        "metadata": {
            "name": name,
            "uid": uid,
            "resourceVersion": rv,
            "generation": 1,
            "creationTimestamp": created,
        },
        "value": value,
        "description": description,
        "preemptionPolicy": DEFAULT_PREEMPTION,
    }


def install(
    objects: dict[str, dict[str, Obj]], resource_version: int, seed: int, start: float
) -> None:
    """Write the system classes into a new cluster's object map (no RNG, no rv bump: uids from a
    digest of the seed and name, as the bootstrap RBAC objects)."""
    import hashlib

    from minikube_lite import clock

    for name in SYSTEM_CLASSES:
        digest = hashlib.sha256(f"{seed}/PriorityClass/{name}".encode()).hexdigest()
        uid = f"{digest[:8]}-{digest[8:12]}-4{digest[13:16]}-a{digest[17:20]}-{digest[20:32]}"
        obj = system_class(name, uid, clock.rfc3339(start), str(resource_version))
        objects.setdefault("PriorityClass", {})[name] = obj


def ordered(pc: Obj) -> Obj:
    """A PriorityClass in its struct's field order (globalDefault, description omitted when
    empty)."""
    out: Obj = {k: pc[k] for k in ("apiVersion", "kind", "metadata") if k in pc}
    out["value"] = pc.get("value", 0)
    for f in ("globalDefault", "description", "preemptionPolicy"):
        if pc.get(f):
            out[f] = pc[f]
    out.update((k, v) for k, v in pc.items() if k not in out)
    return out
