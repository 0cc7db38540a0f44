"""Which pod and container ``exec``, ``logs`` and ``port-forward`` talk to.

Ports of kubectl's polymorphichelpers.

``POD`` or ``TYPE/NAME``: a Deployment, ReplicaSet or Service resolves to one of its pods, sorted
the way kubectl sorts them (``sort.Reverse(ActivePods)`` for exec/port-forward, ``ByLogging`` for
logs); the container defaults to the ``kubectl.kubernetes.io/default-container`` annotation, then to
the first container, with kubectl's ``Defaulted container`` notice when there is a choice.
"""

from __future__ import annotations

from minikube_lite import clock, errors
from minikube_lite.api import kinds, labels
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import common
from minikube_lite.ops import resources
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

DEFAULT_CONTAINER_ANNOTATION = "kubectl.kubernetes.io/default-container"
GO_TYPES = {
    "Deployment": "*v1.Deployment",
    "ReplicaSet": "*v1.ReplicaSet",
    "ReplicationController": "*v1.ReplicationController",
    "Job": "*v1.Job",
    "Service": "*v1.Service",
    "Pod": "*v1.Pod",
}


def lookup(cluster: Cluster, ns: str, arg: str) -> tuple[kinds.Kind, Obj]:
    """The object named by ``POD`` or ``TYPE/NAME`` (NotFound as the API returns it)."""
    if "/" in arg:
        t, _, name = arg.partition("/")
        k = resources.kind_of(t)
        if not name:
            raise errors.MklError(
                "arguments in resource/name form must have a single resource and name"
            )
    else:
        k, name = kinds.KINDS["Pod"], arg
    return k, resources.get_one(cluster, k, ns, name)


def selector_of(k: kinds.Kind, obj: Obj, verb: str) -> labels.Selector:
    """polymorphichelpers.SelectorsForObject (errors worded as kubectl wraps them)."""
    go = GO_TYPES.get(k.kind, f"*v1.{k.kind}")
    if k.kind == "Service":
        sel = obj.get("spec", {}).get("selector") or {}
        if not sel:
            raise errors.MklError(
                f"cannot {verb} {go}: invalid service '{o.name(obj)}': no selector"
            )
        return labels.selector_from_set(sel)
    if k.kind in ("Deployment", "ReplicaSet", "Job"):
        return labels.from_label_selector(obj.get("spec", {}).get("selector"))
    if k.kind == "ReplicationController":
        return labels.selector_from_set(obj.get("spec", {}).get("selector") or {})
    raise errors.MklError(f"cannot {verb} {go}: selector for {go} not implemented")


def pods_for(cluster: Cluster, k: kinds.Kind, obj: Obj, for_logs: bool) -> list[Obj]:
    """The pods a controller or Service selects, best candidate first."""
    verb = "get the logs from" if for_logs else "attach to"
    sel = selector_of(k, obj, verb)
    pods = [p for p in cluster.list("Pod", o.namespace(obj)) if sel.matches(o.labels(p))]
    return sorted(pods, key=lambda p: pod_rank(p, for_logs))


def pod_rank(pod: Obj, for_logs: bool) -> tuple[Any, ...]:
    """Sort key: ByLogging (logs) or reverse ActivePods (exec, port-forward); smaller is better."""
    st = pod.get("status", {})
    phase = {"Running": 0, "Unknown": 1, "Pending": 2}.get(st.get("phase", ""), 3)
    ready_t = common.pod_ready_time(pod)
    restarts = common.max_restarts(pod)
    created = clock.parse_time(o.meta(pod).get("creationTimestamp")) or 0.0
    return (
        0 if pod.get("spec", {}).get("nodeName") else 1,
        phase,
        0 if common.is_pod_ready(pod) else 1,
        ready_t if ready_t is not None else float("inf"),
        -restarts if for_logs else restarts,
        created,
        o.name(pod),
    )


def pod_for(cluster: Cluster, ns: str, arg: str, for_logs: bool = False) -> tuple[Obj, int]:
    """(pod, number of candidate pods) for ``POD`` or ``TYPE/NAME``."""
    k, obj = lookup(cluster, ns, arg)
    if k.kind == "Pod":
        return obj, 1
    pods = pods_for(cluster, k, obj, for_logs)
    if not pods:
        raise errors.WaitTimeoutError()
    return pods[0], len(pods)


def all_container_names(pod: Obj) -> str:
    spec = pod.get("spec", {})
    names = [c["name"] for c in spec.get("containers") or ()]
    names += [f"{c['name']} (ephem)" for c in spec.get("ephemeralContainers") or ()]
    names += [f"{c['name']} (init)" for c in spec.get("initContainers") or ()]
    return ", ".join(names)


def find_container(pod: Obj, name: str) -> Obj | None:
    spec = pod.get("spec", {})
    for group in ("containers", "initContainers", "ephemeralContainers"):
        for c in spec.get(group) or ():
            if c.get("name") == name:
                return dict(c)
    return None


def default_container(pod: Obj) -> tuple[Obj, str]:
    """podcmd.FindOrDefaultContainerByName with no name: (container, notice for stderr or "")."""
    spec = pod.get("spec", {})
    containers = spec.get("containers") or []
    if not containers:
        raise errors.MklError(f"pod {o.namespace(pod)}/{o.name(pod)} does not have any containers")
    wanted = (pod.get("metadata", {}).get("annotations") or {}).get(DEFAULT_CONTAINER_ANNOTATION)
    if wanted:
        c = find_container(pod, wanted)
        if c is not None:
            return c, ""
    first = containers[0]
    many = len(containers) > 1 or spec.get("initContainers") or spec.get("ephemeralContainers")
    notice = (
        f'Defaulted container "{first["name"]}" out of: {all_container_names(pod)}\n'
        if many
        else ""
    )
    return dict(first), notice
