"""What the pods bound to a node request: the scheduler's NodeResourcesFit input.

Kept per Pod segment in the manifest (store/segments.py), so checking whether one more pod fits
reads only the segments already loaded, not every namespace (the scheduler's node cache does the
same upstream: pkg/scheduler/framework/types.go NodeInfo.Requested).
"""

from __future__ import annotations

from minikube_lite.api import quantity
from minikube_lite.api.objects import Obj

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

TERMINAL_PHASES = ("Succeeded", "Failed")


def pod_requests(pod: Obj) -> tuple[int, int]:
    """(milli-cpu, memory bytes) requested by the pod's containers (init containers: max)."""

    def one(c: Obj) -> tuple[int, int]:
        req = (c.get("resources") or {}).get("requests") or {}
        cpu = quantity.parse_quantity(req["cpu"]).milli_value() if "cpu" in req else 0
        mem = quantity.parse_quantity(req["memory"]).int_value() if "memory" in req else 0
        return cpu, mem

    spec = pod.get("spec", {})
    containers = spec.get("containers") or ()
    init_containers = spec.get("initContainers") or ()
    if not init_containers:
        for c in containers:
            res = c.get("resources")
            if res and res.get("requests"):
                break
        else:
            return 0, 0  # the common case, met for every bound pod on each scan of a segment
    run = [one(c) for c in containers]
    init = [one(c) for c in init_containers]
    cpu = max(sum(c for c, _ in run), max((c for c, _ in init), default=0))
    mem = max(sum(m for _, m in run), max((m for _, m in init), default=0))
    return cpu, mem


def usage(pods: list[Obj]) -> dict[str, list[int]] | None:
    """node name -> [milli-cpu, memory, pod count] of the non-terminal pods bound to it."""
    out: dict[str, list[int]] = {}
    for p in pods:
        spec = p.get("spec", {})
        node = spec.get("nodeName")
        if not node or p.get("status", {}).get("phase") in TERMINAL_PHASES:
            continue
        cpu = mem = 0
        requests = bool(spec.get("initContainers"))
        for c in spec.get("containers") or ():  # pod_requests' common case, without its call
            res = c.get("resources")
            if res and res.get("requests"):
                requests = True
                break
        if requests:
            cpu, mem = pod_requests(p)
        u = out.setdefault(node, [0, 0, 0])
        u[0] += cpu
        u[1] += mem
        u[2] += 1
    return out or None


def total(pods: Any, node: str, memo: dict[int, PodUsage] | None = None) -> tuple[int, int, int]:
    """(milli-cpu, memory, count) on ``node``: the manifest's figures for unread segments plus
    the loaded pods.  ``memo``: each pod's ``pod_usage``, kept between calls."""
    cpu = mem = count = 0
    pending = getattr(pods, "pending_usage", None)
    for u in pending() if pending is not None else ():
        c, m, n = (u.get(node) or (0, 0, 0)) if isinstance(u, dict) else (0, 0, 0)
        cpu, mem, count = cpu + c, mem + m, count + n
    if memo is None:
        loaded = usage(list(dict.values(pods))) or {}
        c, m, n = loaded.get(node) or (0, 0, 0)
        return cpu + c, mem + m, count + n
    if len(memo) > 2 * dict.__len__(pods) + 1024:
        memo.clear()  # mostly pods gone since: start again rather than keep them
    for p in dict.values(pods):
        f = memo.get(id(p))
        if f is None or f[4] is not p or f[0] != p["metadata"].get("resourceVersion"):
            f = memo[id(p)] = pod_usage(p)
        if f[1] == node:
            cpu += f[2]
            mem += f[3]
            count += 1
    return cpu, mem, count


# (resourceVersion, the node it counts on or "", milli-cpu, memory, the pod) of one pod, kept
# by the pod object's id between the scheduler's batches (the object is kept in the entry, so
# its id is not reused while the entry lives): every write to a stored pod gives it a new
# resourceVersion (Cluster.insert/touch/replace; the kubelet's closed-form catch-up sets a new
# one too), and the figures come from the pod alone, so an entry of the same object at its
# current version is what ``usage`` reads.  By id rather than uid: reading a pod's uid too is a
# third object to fetch from memory for each of the thousands of pods of a scan.
PodUsage = tuple[object, str, int, int, Obj]


def pod_usage(p: Obj) -> PodUsage:
    """What ``usage`` adds for one pod: nothing ("") when unbound or terminal."""
    spec = p.get("spec", {})
    node = spec.get("nodeName")
    rv = p["metadata"].get("resourceVersion")
    if not node or p.get("status", {}).get("phase") in TERMINAL_PHASES:
        return rv, "", 0, 0, p
    cpu, mem = pod_requests(p)
    return rv, str(node), cpu, mem, p
