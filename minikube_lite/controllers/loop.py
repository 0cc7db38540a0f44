"""The reconcile loop: route changes to work queues, run controllers to quiescence, fire timers.

``advance_to(cluster, t)`` is what every command calls: timers due before ``t`` run in time order,
and at each instant the controllers settle (docs/architecture.md (Simulation decisions)).  Work
is driven by what changed, so an idle cluster of any size costs only the timers that are due.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.controllers import timeline
from minikube_lite.store import events
from minikube_lite.store.cluster import Cluster, key_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

# Run order within one settle iteration (docs/architecture.md (Simulation decisions)).
ORDER = (
    "namespace",
    "gc",
    "nodelifecycle",
    "scheduler",
    "tainteviction",
    "kubelet",
    "replicaset",
    "replication",
    "statefulset",
    "cronjob",
    "job",
    "deployment",
    "endpoints",
    "quota",
    "horizontal",
    "disruption",
)
_MODULES = {
    "namespace": "minikube_lite.controllers.namespace",
    "gc": "minikube_lite.controllers.gc",
    "nodelifecycle": "minikube_lite.controllers.nodelifecycle",
    "scheduler": "minikube_lite.controllers.scheduler",
    "tainteviction": "minikube_lite.controllers.tainteviction",
    "kubelet": "minikube_lite.controllers.kubelet.kubelet",
    "replicaset": "minikube_lite.controllers.replicaset",
    "replication": "minikube_lite.controllers.replication",
    "statefulset": "minikube_lite.controllers.statefulset",
    "job": "minikube_lite.controllers.job",
    "cronjob": "minikube_lite.controllers.cronjob",
    "deployment": "minikube_lite.controllers.deployment.controller",
    "endpoints": "minikube_lite.controllers.endpoints",
    "quota": "minikube_lite.controllers.quota",
    "horizontal": "minikube_lite.controllers.horizontal",
    "disruption": "minikube_lite.controllers.disruption",
}
FOREGROUND = "foregroundDeletion"  # the finalizer of a foreground deletion (store/apiserver.py)
MAX_ITERATIONS = 10_000
# Closed-form catch-up of steady probe cycles (controllers/kubelet/catchup.py), tried when more
# than CATCH_UP_MIN simulated seconds are left; False runs every timer one by one (tests compare).
CATCH_UP = True
CATCH_UP_MIN = 60.0
# Periodic pods (crash loops, pull back-offs, liveness restarts: controllers/kubelet/cycles.py)
# are watched when more than OBSERVE_MIN simulated seconds are left, for at most OBSERVE_BUDGET
# instants without a jump or until its tries say it is hopeless (then the loop steps).  The probe
# catch-up runs while it watches too, and goes along with its jumps.
# OBSERVE_TIMERS bounds the pending timers (the histories kept and what a try reads): larger
# clusters step as before.
OBSERVE_MIN = 3600.0
OBSERVE_BUDGET = 3000
OBSERVE_TIMERS = 100
# CronJobs in a periodic regime jump whole periods (controllers/cronjob_catchup.py) on moves of
# more than CRON_MIN simulated seconds.
CRON_MIN = 3600.0
_loaded: dict[str, ModuleType] = {}
_observer: Any = None  # the cycles.Observer of the advance_to running now, if any


def _controller(name: str) -> ModuleType:
    """The controller module of ``name``, imported on its first work item (start-up time).

    Every controller in ORDER exists: a module that fails to import is a bug, and its
    ImportError propagates.
    """
    mod = _loaded.get(name)
    if mod is None:
        mod = _loaded[name] = importlib.import_module(_MODULES[name])
    return mod


def _catchup() -> ModuleType:
    return _loaded.get("catchup") or _loaded.setdefault(
        "catchup", importlib.import_module("minikube_lite.controllers.kubelet.catchup")
    )


def _cycles() -> ModuleType:
    return _loaded.get("cycles") or _loaded.setdefault(
        "cycles", importlib.import_module("minikube_lite.controllers.kubelet.cycles")
    )


# Informer event handlers by kind: the work queue a change of (kind, key) wakes, and whether by
# the object's key or its namespace.  Pods, ReplicaSets and Nodes have handlers of their own
# (_KIND_HANDLERS); no controller watches Events.
_KIND_QUEUES: dict[str, tuple[str, bool]] = {
    "ReplicationController": ("replication", False),
    "Deployment": ("deployment", False),
    "StatefulSet": ("statefulset", False),
    "CronJob": ("cronjob", False),
    "Namespace": ("namespace", False),
    "Service": ("endpoints", True),
    "Endpoints": ("endpoints", True),
    "ResourceQuota": ("quota", True),
    "LimitRange": ("quota", True),
    "ServiceAccount": ("quota", True),
    "ConfigMap": ("quota", True),
    "Secret": ("quota", True),
    "HorizontalPodAutoscaler": ("horizontal", False),
    "PodDisruptionBudget": ("disruption", False),
}
# Workloads whose scale a PodDisruptionBudget's expected pod count reads: a change wakes the
# disruption controller's namespace key while the cluster has PDBs (controllers/disruption.py).
_PDB_SCALED = frozenset({"Deployment", "ReplicaSet", "ReplicationController", "StatefulSet"})


class _Drain:
    """What one drain of the change feed reads once.  Routing only reads the store and adds to
    the work queues, so nothing memoized here can change while one drain runs: the queue sets
    the pod route adds to are fetched once (an empty one left for a controller not woken is
    what an empty queue is to ``_settle``)."""

    __slots__ = (
        "by_kubelet",
        "gone",
        "kubelet",
        "nodes",
        "pdbs",
        "pods",
        "queues",
        "replicaset",
        "spaces",
    )

    def __init__(self, cluster: Cluster, by_kubelet: bool = False) -> None:
        self.by_kubelet = by_kubelet  # the changes are the kubelet's own writes (_drain_changes)
        self.nodes: dict[str, bool] = {}  # node name -> it has a NoExecute taint
        self.pods: dict[str, Any] = cluster.objects.get("Pod", {})
        self.pdbs = bool(cluster.objects.get("PodDisruptionBudget"))  # wake "disruption" too
        self.queues = cluster.queues
        self.spaces: set[str] = set()  # namespaces whose endpoints and quota keys are queued
        # (namespace, controller kind, name) of removed pods whose owner keys are queued
        self.gone: set[tuple[str, str, str]] = set()
        # the kubelet's and the ReplicaSets' queues, which most pod routes add to
        self.kubelet = self.queues.setdefault("kubelet", set())
        self.replicaset = self.queues.setdefault("replicaset", set())


def route(cluster: Cluster, kind: str, key: str, obj: dict[str, Any]) -> None:
    """Informer event handlers: which controller keys a change of (kind, key) wakes."""
    _route(cluster, kind, key, obj, _Drain(cluster))


def _route(cluster: Cluster, kind: str, key: str, obj: dict[str, Any], drain: _Drain) -> None:
    if kind == "Pod":
        _route_pod(cluster, key, obj, drain)
        return
    if kind == "Event":
        return  # no controller watches Events
    meta = obj.get("metadata", {})
    ns = str(meta.get("namespace", "") or "")
    queue = _KIND_QUEUES.get(kind)
    if queue is not None:
        cluster.enqueue(queue[0], ns if queue[1] else key)
    else:
        handler = _KIND_HANDLERS.get(kind)
        if handler is not None:
            handler(cluster, key, obj, ns)
    if kind in _PDB_SCALED and cluster.objects.get("PodDisruptionBudget"):
        cluster.enqueue("disruption", ns)
    if cluster.objects.get(kind, {}).get(key) is None:
        _route_removed(cluster, kind, obj, ns)
    elif FOREGROUND in (meta.get("finalizers") or ()):
        cluster.enqueue("gc", f"fg/{kind}/{ns}/{o.name(obj)}")


def _wake(queues: dict[str, set[str]], controller: str, key: str) -> None:
    """Cluster.enqueue for the pod route, which holds the queues."""
    queue = queues.get(controller)
    if queue is None:
        queues[controller] = {key}
    else:
        queue.add(key)


def _route_node(cluster: Cluster, key: str, obj: dict[str, Any], ns: str) -> None:
    """Node handlers of the node lifecycle controller (the cordon taint), the scheduler
    (uncordoned or untainted: retry the pending pods) and the taint eviction controller (a
    NoExecute taint, or pending evictions to cancel)."""
    cluster.enqueue("nodelifecycle", o.name(obj))
    if cluster.state.get("unschedulable"):
        cluster.enqueue("scheduler", "*")
    if _no_execute(obj) or cluster.state.get("tainteviction"):
        cluster.enqueue("tainteviction", o.name(obj))


def _no_execute(node: dict[str, Any] | None) -> bool:
    """Whether the taint eviction controller has work on ``node`` (a NoExecute taint)."""
    spec = (node or {}).get("spec") or {}
    return any(
        isinstance(t, dict) and t.get("effect") == "NoExecute" for t in spec.get("taints") or ()
    )


def _route_replica_set(cluster: Cluster, key: str, obj: dict[str, Any], ns: str) -> None:
    """ReplicaSet handlers of the ReplicaSet and Deployment controllers.

    The owning Deployment, or for an orphan every Deployment of the namespace (one may adopt it).
    """
    cluster.enqueue("replicaset", key)
    ref = o.controller_ref(obj)
    if ref and ref.get("kind") == "Deployment":
        cluster.enqueue("deployment", key_of(ns, ref["name"]))
    elif ref is None:
        for d in cluster.list("Deployment", ns):
            cluster.enqueue("deployment", key_of(ns, o.name(d)))


def _route_removed(cluster: Cluster, kind: str, obj: dict[str, Any], ns: str) -> None:
    """A deleted object wakes the garbage collector, and a Terminating namespace it was in."""
    cluster.enqueue("gc", o.uid(obj))
    ref = o.controller_ref(obj)
    if ref and ref.get("kind"):  # an owner deleting in the foreground may go now
        owner = kinds.KINDS.get(ref["kind"])
        owner_ns = ns if owner is None or owner.namespaced else ""
        cluster.enqueue("gc", f"fg/{ref['kind']}/{owner_ns}/{ref.get('name', '')}")
    if ns and kind != "Namespace":
        nso = cluster.get("Namespace", None, ns)
        if nso is not None and nso.get("status", {}).get("phase") == "Terminating":
            cluster.enqueue("namespace", ns)


def _route_pod(cluster: Cluster, key: str, obj: dict[str, Any], drain: _Drain) -> None:
    """Pod handlers of the kubelet, scheduler, taint eviction, ReplicaSet, Deployment, endpoints,
    quota and garbage collector controllers.  The hottest route (every pod write): the
    pod read once, a node's taints and a namespace's keys once per drain, the queues the
    common case adds to fetched once per drain (``_Drain``)."""
    meta = obj.get("metadata", {})
    ns = str(meta.get("namespace", "") or "")
    if not drain.by_kubelet:
        drain.kubelet.add(key)
    if ns not in drain.spaces:
        _wake_namespace(drain, ns)
    ref = None
    for owner in meta.get("ownerReferences") or ():
        if owner.get("controller"):
            ref = owner
            break
    if drain.pods.get(key) is None:
        _route_pod_removed(cluster, key, obj, ns, ref, drain)
        return
    node_name = obj.get("spec", {}).get("nodeName")
    if node_name:
        tainted = drain.nodes.get(node_name)
        if tainted is None:
            tainted = drain.nodes[node_name] = _no_execute(cluster.get("Node", None, node_name))
        if tainted:
            _wake(drain.queues, "tainteviction", f"pod/{key}")
    else:
        _wake(drain.queues, "scheduler", key)  # a pending pod
    if ref is not None and ref.get("kind") == "ReplicaSet":
        drain.replicaset.add(f"{ns}/{ref['name']}" if ns else ref["name"])  # key_of, inlined
    else:
        _route_pod_owner(cluster, obj, ns, False, ref)
    if FOREGROUND in (meta.get("finalizers") or ()):
        cluster.enqueue("gc", f"fg/Pod/{ns}/{o.name(obj)}")


def _route_pod_removed(
    cluster: Cluster,
    key: str,
    obj: dict[str, Any],
    ns: str,
    ref: dict[str, Any] | None,
    drain: _Drain,
) -> None:
    """A removed pod: the garbage collector (its uid), the scheduler's retries, and what follows
    from its owner (its keys, a Terminating namespace) once per drain: the same keys again
    are no-ops, and what that reads does not change while a drain runs."""
    node_name = obj.get("spec", {}).get("nodeName")
    if node_name:
        _route_pod_unbound(cluster, key, node_name)  # a bound pod went away: the retries
    else:
        _wake(drain.queues, "scheduler", key)
    gone = (ns, str(ref.get("kind", "")), str(ref.get("name", ""))) if ref else (ns, "", "")
    if gone in drain.gone:
        cluster.enqueue("gc", o.uid(obj))  # _route_removed's own part for this pod
        return
    drain.gone.add(gone)
    _route_pod_owner(cluster, obj, ns, True, ref)
    _route_removed(cluster, "Pod", obj, ns)


def _wake_namespace(drain: _Drain, ns: str) -> None:
    """A pod's namespace wakes the endpoints and quota controllers once per drain, and the
    disruption controller while the cluster has PodDisruptionBudgets."""
    drain.spaces.add(ns)
    _wake(drain.queues, "endpoints", ns)
    _wake(drain.queues, "quota", ns)
    if drain.pdbs:
        _wake(drain.queues, "disruption", ns)


def _route_pod_unbound(cluster: Cluster, key: str, node_name: str | None) -> None:
    """A pending pod wakes the scheduler; a bound pod that went away its retries."""
    if not node_name:
        cluster.enqueue("scheduler", key)
    elif cluster.state.get("unschedulable"):
        cluster.enqueue("scheduler", "*")  # a bound pod went away: retry the unschedulable ones


def _route_pod_owner(
    cluster: Cluster, obj: dict[str, Any], ns: str, removed: bool, ref: dict[str, Any] | None
) -> None:
    """The pod's controller (ReplicaSet, ReplicationController, Job, StatefulSet), or for an
    orphan the ones that may adopt it (the pod route's less common cases)."""
    if ref is None:
        if not removed:  # an orphan: ReplicaSets whose selector matches may adopt it
            _route_orphan_pod(cluster, obj, ns)
    elif ref.get("kind") == "ReplicaSet":
        cluster.enqueue("replicaset", key_of(ns, ref["name"]))
        if removed:  # the deployment controller's deletePod handler (Recreate waits for this)
            rs = cluster.get("ReplicaSet", ns, ref["name"])
            dref = o.controller_ref(rs) if rs is not None else None
            if dref and dref.get("kind") == "Deployment":
                cluster.enqueue("deployment", key_of(ns, dref["name"]))
    elif ref.get("kind") == "ReplicationController":
        cluster.enqueue("replication", key_of(ns, ref["name"]))
    elif ref.get("kind") == "Job":
        cluster.enqueue("job", key_of(ns, ref["name"]))
    elif ref.get("kind") == "StatefulSet":
        cluster.enqueue("statefulset", key_of(ns, ref["name"]))


def _route_orphan_pod(cluster: Cluster, obj: dict[str, Any], ns: str) -> None:
    """An orphan pod wakes the ReplicaSets and ReplicationControllers that may adopt it."""
    lbls = o.labels(obj)
    for rs in cluster.list("ReplicaSet", ns):
        sel = rs.get("spec", {}).get("selector") or {}
        ml = sel.get("matchLabels") or {}
        if (ml or sel.get("matchExpressions")) and all(lbls.get(k) == v for k, v in ml.items()):
            cluster.enqueue("replicaset", key_of(ns, o.name(rs)))
    for rc in cluster.list("ReplicationController", ns):
        sel = rc.get("spec", {}).get("selector") or {}
        if sel and all(lbls.get(k) == v for k, v in sel.items()):
            cluster.enqueue("replication", key_of(ns, o.name(rc)))


def _route_job(cluster: Cluster, key: str, obj: dict[str, Any], ns: str) -> None:
    """Job handlers of the job controller and, for a CronJob's Job, the cronjob controller."""
    cluster.enqueue("job", key)
    ref = o.controller_ref(obj)
    if ref and ref.get("kind") == "CronJob":
        cluster.enqueue("cronjob", key_of(ns, ref["name"]))


_KIND_HANDLERS: dict[str, Callable[[Cluster, str, dict[str, Any], str], None]] = {
    "ReplicaSet": _route_replica_set,
    "Job": _route_job,
    "Node": _route_node,
}


def _drain_changes(cluster: Cluster, after: str = "") -> None:
    """Route the changes written since the last drain; ``after``: the controller whose batch of
    syncs wrote them all (each drain follows one batch).

    After the kubelet's batch, its Pod changes are its own writes of the pod each sync was for
    (its status, or the pod's removal): they do not wake the kubelet again, as the real pod
    worker does not sync on its own status update.  That sync would be a no-op: it ran every
    action due now, and the timer of its next one is set (the same instant, so not yet popped);
    a removed pod's record is gone.  Other writers' changes to the pod wake it as before."""
    changes, cluster.changes = cluster.changes, []
    if not changes:
        return
    drain = _Drain(cluster, after == "kubelet")
    for kind, key, obj in changes:
        if kind == "Pod":
            _route_pod(cluster, key, obj, drain)
        elif kind != "Event":  # most changes are Events, which no controller watches
            _route(cluster, kind, key, obj, drain)


def settle(cluster: Cluster) -> None:
    """Run controllers at ``cluster.now`` until no work is left (as themselves, not as the user)."""
    user = getattr(cluster, "user", None)
    if user is None:
        _settle(cluster)
        timeline.record(cluster)  # issue 7: one point per settled instant
        return
    cluster.user = None  # type: ignore[attr-defined]  # read by store.rbac.check
    try:
        _settle(cluster)
    finally:
        cluster.user = user  # type: ignore[attr-defined]
    timeline.record(cluster)


def _settle(cluster: Cluster) -> None:
    for _ in range(MAX_ITERATIONS):
        _drain_changes(cluster)
        if not any(cluster.queues.values()):
            return
        for name in ORDER:
            keys = cluster.queues.pop(name, None)
            if not keys:
                continue
            mod = _controller(name)
            if _observer is not None and name in ("kubelet", "scheduler", "horizontal"):
                for key in sorted(keys):
                    _observer.sync(mod, key, name)
            else:
                sync = mod.sync  # (looked up once per batch: 10,000 keys in a big one)
                for key in sorted(keys):
                    sync(cluster, key)
            if name == "deployment":
                timeline.touch(cluster, keys)
            _drain_changes(cluster, name)
    import logging  # only on this bug path: keep it off every command's start-up

    logging.getLogger(__name__).warning(
        "reconcile loop did not settle after %d iterations", MAX_ITERATIONS
    )


def advance_to(cluster: Cluster, t: float) -> int:
    """Move simulated time to ``t``, firing due timers in order; returns how many timers ran."""
    global _observer
    settle(cluster)
    watch = _cron_watch(cluster, t)
    observe = (
        watch is None
        and CATCH_UP
        and _observer is None
        and t - cluster.now > OBSERVE_MIN
        and len(cluster.timers) <= OBSERVE_TIMERS
    )
    if observe:
        _observer = _cycles().Observer(cluster)
    try:
        ran = _advance(cluster, t, OBSERVE_BUDGET if observe else 0, watch or _NoWatch)
    finally:
        if observe:
            _observer = None
        if watch is not None:
            watch.close()
    events.expire(cluster)
    if watch is not None and watch.phantom_rvs:
        # the deletions of the jumped periods' Events, which that expiry did step by step
        cluster.doc["resourceVersion"] = cluster.resource_version + watch.phantom_rvs
        cluster.writes += watch.phantom_rvs
    return ran


def _cron_watch(cluster: Cluster, t: float) -> Any:
    """The periodic-regime watch of controllers/cronjob_catchup.py when CronJobs may run many
    times before ``t`` (the cycle observer is not started next to it)."""
    if not CATCH_UP or _observer is not None or t - cluster.now < CRON_MIN:
        return None
    if not cluster.count("CronJob"):
        return None
    mod = _loaded.get("cronjob_catchup") or _loaded.setdefault(
        "cronjob_catchup", importlib.import_module("minikube_lite.controllers.cronjob_catchup")
    )
    period = mod.period_of(cluster)
    if period is None or t - cluster.now < (mod.SNAPSHOTS + mod.TAIL) * period + events.TTL:
        return None
    return mod.Watch(cluster, period)


class _NoWatch:
    """No CronJob watch: nothing to jump."""

    @staticmethod
    def before(at: float, t: float) -> bool:
        return False


def _next_at(cluster: Cluster, t: float, watch: Any) -> float | None:
    """The next timer's instant if at or before ``t``, once the CronJob watch has had its look
    (a jump moves every timer)."""
    at = cluster.next_timer_at()
    if at is not None and at <= t and watch.before(at, t):
        at = cluster.next_timer_at()
    return None if at is None or at > t else at


def _advance(cluster: Cluster, t: float, budget: int, watch: Any = _NoWatch) -> int:
    """advance_to's loop; ``budget``: instants the cycle observer may watch without a jump;
    ``watch``: the CronJob periodic-regime watch, if any."""
    global _observer
    ran = 0
    quiet_until = cluster.now  # no steady cycle to jump before this instant
    while True:
        at = _next_at(cluster, t, watch)
        if at is None:
            break
        if CATCH_UP and at >= quiet_until and t - at > CATCH_UP_MIN:
            barrier, probing, moved = _catchup().jump(cluster, t)
            quiet_until = barrier if probing else max(barrier, at + CATCH_UP_MIN)
            if moved and _observer is not None:
                _observer.moved(moved)
            at = cluster.next_timer_at()
            if at is None or at > t:
                break
        if at > cluster.now:
            cluster.now = at
        for ctrl, key in cluster.pop_due(at):
            cluster.enqueue(ctrl, key)
            ran += 1
        settle(cluster)
        if _observer is not None:
            budget -= 1
            if _observer.instant() and _observer.jump(t):
                budget = OBSERVE_BUDGET
                quiet_until = cluster.now
            elif budget <= 0 or _observer.hopeless:
                _observer = None
    if t > cluster.now:
        cluster.now = t
        settle(cluster)
    return ran


def step(cluster: Cluster, limit: float) -> bool:
    """Jump to the next timer (if at or before ``limit``) and settle; False when none is due."""
    at = cluster.next_timer_at()
    if at is None or at > limit:
        return False
    advance_to(cluster, at)
    return True
