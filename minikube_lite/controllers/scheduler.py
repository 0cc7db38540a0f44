"""The scheduler [SIM: one node]: bind pending pods to ``minikube`` when their requests fit.

Before the fit, the filters NodeUnschedulable (``kubectl cordon``: a pod that does not tolerate
``node.kubernetes.io/unschedulable:NoSchedule`` stays Pending) and TaintToleration (a NoSchedule
or NoExecute taint the pod does not tolerate; PreferNoSchedule only scores, and one node is
always the best) fail a pod in a way preemption cannot help.

Fit is NodeResourcesFit on the pod count, cpu and memory: the node's allocatable (bootstrap: pods
110, the kubelet's maxPods default; cpu 2; memory 8Gi) against the non-terminal pods already
bound to it.  A pod over the count stays Pending (``1 Too many pods``) until a bound pod goes.
Events are new-style (events.k8s.io) as the real scheduler's: ``Scheduled`` and
``FailedScheduling`` (pkg/scheduler/schedule_one.go, framework/types.go FitError).  Unschedulable
pods are retried when a bound pod goes away (loop.route) and, as upstream flushes its
unschedulable queue, at least every 5 minutes; a Node change (uncordon, a taint removed) retries
them too.
"""

from __future__ import annotations

import functools

from minikube_lite import clock
from minikube_lite.api import objects as o
from minikube_lite.api import quantity
from minikube_lite.api.objects import Obj
from minikube_lite.store import events, fieldmanager, nodeusage
from minikube_lite.store.cluster import Cluster, obj_key

COMPONENT = "default-scheduler"
NODE = "minikube"
RETRY_SECONDS = 300.0
UNSCHEDULABLE_KEY = "unschedulable"
RETRY_ALL = "*"
DEFAULT_MAX_PODS = "110"  # kubelet --max-pods default


def sync(cluster: Cluster, key: str) -> None:
    """Schedule one pod (the scheduleOne cycle); ``RETRY_ALL`` retries every unschedulable pod."""
    if key == RETRY_ALL:
        for pending in sorted(cluster.state.get(UNSCHEDULABLE_KEY, {})):
            schedule_one(cluster, pending, force=True)
        return
    schedule_one(cluster, key, force=False)


def schedule_one(cluster: Cluster, key: str, force: bool) -> None:
    """An unschedulable pod waits for a cluster event (force) or its periodic retry."""
    bucket = cluster.objects.get("Pod")
    pod = None if bucket is None else bucket.get(key)
    state = cluster.state
    pending = state.get(UNSCHEDULABLE_KEY)
    if pending is None:
        pending = state[UNSCHEDULABLE_KEY] = {}
    spec: Obj = {} if pod is None else pod.get("spec", {})
    if pod is None or spec.get("nodeName") or o.is_deleting(pod):
        pending.pop(key, None)
        return
    if key in pending and not force and cluster.now < pending[key]:
        return
    if spec.get("schedulerName", COMPONENT) != COMPONENT:
        return
    nodes = cluster.objects.get("Node")
    node = None if nodes is None else nodes.get(NODE)
    if node is None:
        return
    reason = node_filter(node, pod)
    if reason:
        _unschedulable(cluster, pod, [], reason)
        return
    requests = nodeusage.pod_requests(pod)  # read once for the fit and the binding
    short = insufficient(cluster, node, pod, requests)
    if short:
        _unschedulable(cluster, pod, short, reason)
        return
    pending.pop(key, None)
    bind(cluster, pod, node, requests)


def node_filter(node: Obj, pod: Obj) -> str:
    """The filters before NodeResourcesFit, in the scheduler's order: NodeUnschedulable (a
    cordoned node, unless the pod tolerates its unschedulable taint) then TaintToleration (the
    first NoSchedule/NoExecute taint the pod does not tolerate).  Their reason, or ""."""
    spec = node.get("spec") or {}
    if not spec.get("unschedulable") and not spec.get("taints"):
        return ""  # (the common case: nothing to tolerate)
    from minikube_lite.api import taints

    tolerations = (pod.get("spec") or {}).get("tolerations") or []
    if spec.get("unschedulable") and not taints.tolerated(taints.UNSCHEDULABLE_TAINT, tolerations):
        return "node(s) were unschedulable"
    taint = taints.untolerated(spec.get("taints") or [], tolerations, taints.DO_NOT_SCHEDULE)
    if taint is not None:
        return f"node(s) had untolerated taint {{{taint.get('key', '')}: {taint.get('value', '')}}}"
    return ""


def insufficient(
    cluster: Cluster, node: Obj, pod: Obj, requests: tuple[int, int] | None = None
) -> list[str]:
    """Resources the node lacks for ``pod`` (``pods``, ``cpu``, ``memory``; fitsRequest's order).

    The pod count is checked first and whatever the pod requests, as fitsRequest does.
    ``requests``: ``nodeusage.pod_requests(pod)`` if the caller has it.
    """
    alloc = node.get("status", {}).get("allocatable") or {}
    cpu, mem = nodeusage.pod_requests(pod) if requests is None else requests
    allowed = _allowed_pods(alloc)
    if cpu == 0 and mem == 0:
        bound = _count_bound(cluster)
        if bound is not None and bound + 1 <= allowed:
            return []  # only the count matters, and even its bound leaves room
    used_cpu, used_mem, used_pods = _node_usage(cluster)
    short = []
    if used_pods + 1 > allowed:
        short.append("pods")
    if cpu == 0 and mem == 0:
        return short
    if cpu and used_cpu + cpu > _milli(alloc.get("cpu", "0")):
        short.append("cpu")
    if mem and used_mem + mem > _value(alloc.get("memory", "0")):
        short.append("memory")
    return short


def _allowed_pods(alloc: Obj) -> int:
    """allocatable.pods (the kubelet's maxPods); a node that reports none takes the default."""
    try:
        return _pods(alloc.get("pods", DEFAULT_MAX_PODS))
    except (quantity.QuantityError, TypeError, ValueError):  # (TypeError: unhashable too)
        return int(DEFAULT_MAX_PODS)


# The node's allocatable quantities parsed once per distinct text (a pure function of it: a
# batch schedules thousands of pods against the same node); a JSON number is parsed each time
# (1, 1.0 and True are one key to a cache).
def _pods(text: object) -> int:
    if type(text) is str:
        return _parsed(text)[0]
    return quantity.parse_quantity(text).int_value()  # type: ignore[arg-type]


def _milli(text: object) -> int:
    if type(text) is str:
        return _parsed(text)[1]
    return quantity.parse_quantity(text).milli_value()  # type: ignore[arg-type]


def _value(text: object) -> int:
    if type(text) is str:
        return _parsed(text)[0]
    return quantity.parse_quantity(text).int_value()  # type: ignore[arg-type]


@functools.lru_cache(maxsize=64)
def _parsed(text: str) -> tuple[int, int]:
    """(int_value, milli_value) of a quantity's text."""
    q = quantity.parse_quantity(text)
    return q.int_value(), q.milli_value()


def _node_usage(cluster: Cluster) -> tuple[int, int, int]:
    """(milli-cpu, memory, pod count) of the non-terminal pods bound to the node.

    Kept on the Cluster while nothing else wrote since (a batch of pending pods is scheduled
    back to back, so only the first one pays for the scan; ``bind`` adds what it binds), and
    the scan reads only the pods written since the last one (nodeusage.loaded)."""
    memo = cluster.memo("scheduler.usage")
    cached = memo.get(NODE)
    if cached is not None and cached[0] == cluster.resource_version:
        return cached[1], cached[2], cached[3]
    pods = cluster.objects.get("Pod", {})
    kept = cluster.memo("nodeusage.pods")
    journal = cluster.journal("Pod")
    memo.pop(BOUND, None)  # (its counted set is the one the count changes: gone if it raises)
    cpu, mem, count = nodeusage.total(pods, NODE, kept, journal)
    memo[NODE] = (cluster.resource_version, cpu, mem, count)
    memo[BOUND] = CountBound(count, nodeusage.counted(kept, NODE), journal.end())
    return cpu, mem, count


BOUND = "bound"  # scheduler.usage: the CountBound since the last count


class CountBound:
    """At least the node's pod count, from the last count and the keys of the pods written
    since, without reading a pod (``_count_bound``).

    Per key a pod counts at most once: a key counted then (``counted``, the loaded pods
    nodeusage counted on the node; kept only until the next count, which replaces this) adds
    nothing, a key not written since adds nothing (each pod write passes ``Cluster._record``
    and so the journal), and each other key written since (``extra``) at most one; a segment
    read since holds pods its manifest figures counted already."""

    __slots__ = ("base", "counted", "extra", "seen")

    def __init__(self, base: int, counted: set[str], seen: int) -> None:
        self.base = base
        self.counted = counted
        self.seen = seen  # the Pod journal's position read up to
        self.extra: set[str] = set()


def _count_bound(cluster: Cluster) -> int | None:
    """A pod that requests nothing needs only the count: while this bound leaves room, a batch
    binds without reading the pods written since (None: no count yet, or the journal no longer
    keeps that far back)."""
    kept: CountBound | None = cluster.memo("scheduler.usage").get(BOUND)
    if kept is None:
        return None
    journal = cluster.journal("Pod")
    new = journal.keys_since(kept.seen)
    if new is None:
        return None
    if new:
        kept.extra.update(set(new).difference(kept.counted))
        kept.seen = journal.end()
    return kept.base + len(kept.extra)


def bind(cluster: Cluster, pod: Obj, node: Obj, requests: tuple[int, int] | None = None) -> None:
    """Binding: spec.nodeName, PodScheduled=True, a Scheduled event.  ``requests``:
    ``nodeusage.pod_requests(pod)`` if the caller has it (binding does not change them)."""
    node_name = o.name(node)
    pod["spec"]["nodeName"] = node_name
    status = pod.setdefault("status", {})
    status.setdefault("phase", "Pending")
    old = status.get("conditions")
    conds = [c for c in old if c.get("type") != "PodScheduled"] if old else []
    conds.append(
        {
            "lastProbeTime": None,
            "lastTransitionTime": clock.rfc3339(cluster.now),
            "status": "True",
            "type": "PodScheduled",
        }
    )
    status["conditions"] = conds
    cluster.touch("Pod", pod)
    meta = pod["metadata"]  # (touch made sure it is there)
    ns, name = meta.get("namespace", "") or "", meta.get("name", "")
    msg = f"Successfully assigned {ns}/{name} to {node_name}"
    events.record(
        cluster,
        events.EventRecord(
            pod,
            "Pod",
            "Normal",
            "Scheduled",
            msg,
            COMPONENT,
            host=NODE,
            new_style=True,
            action="Binding",
        ),
    )
    memo = cluster.memo("scheduler.usage")
    cached = memo.get(NODE)
    if cached is not None:
        cpu, mem = nodeusage.pod_requests(pod) if requests is None else requests
        rv = int(cluster.doc.get("resourceVersion", 0))  # cluster.resource_version, inlined
        memo[NODE] = (rv, cached[1] + cpu, cached[2] + mem, cached[3] + 1)


def failure_message(short: list[str], unresolvable: str = "") -> str:
    """FitError text for one node (framework/types.go), with the preemption suffix: a filter
    that preemption cannot help (``unresolvable``: a cordoned or tainted node) says so."""
    if unresolvable:
        return (
            f"0/1 nodes are available: 1 {unresolvable}. preemption: 0/1 nodes are available: "
            "1 Preemption is not helpful for scheduling."
        )
    reasons = ", ".join(
        sorted("1 Too many pods" if r == "pods" else f"1 Insufficient {r}" for r in short)
    )
    return (
        f"0/1 nodes are available: {reasons}. preemption: 0/1 nodes are available: "
        "1 No preemption victims found for incoming pod."
    )


def _unschedulable(cluster: Cluster, pod: Obj, short: list[str], unresolvable: str = "") -> None:
    msg = failure_message(short, unresolvable)
    status = pod.setdefault("status", {})
    status.setdefault("phase", "Pending")
    cur = next((c for c in status.get("conditions") or () if c.get("type") == "PodScheduled"), None)
    if cur is None or cur.get("status") != "False" or cur.get("message") != msg:
        old = o.deepcopy(status)
        conds = [c for c in status.get("conditions") or () if c.get("type") != "PodScheduled"]
        conds.append(
            {
                "lastProbeTime": None,
                "lastTransitionTime": clock.rfc3339(cluster.now),
                "message": msg,
                "reason": "Unschedulable",
                "status": "False",
                "type": "PodScheduled",
            }
        )
        status["conditions"] = conds
        fieldmanager.status_update(cluster, pod, old, fieldmanager.SCHEDULER)
        cluster.touch("Pod", pod)
    events.record(
        cluster,
        events.EventRecord(
            pod,
            "Pod",
            "Warning",
            "FailedScheduling",
            msg,
            COMPONENT,
            host=NODE,
            new_style=True,
            action="Scheduling",
        ),
    )
    key = obj_key(pod)
    cluster.state[UNSCHEDULABLE_KEY][key] = cluster.now + RETRY_SECONDS
    cluster.schedule(cluster.now + RETRY_SECONDS, "scheduler", key)
