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


def total(
    pods: Any, node: str, memo: dict[str, Any] | None = None, journal: Any = None
) -> tuple[int, int, int]:
    """(milli-cpu, memory, count) on ``node``: the manifest's figures for unread segments plus
    the loaded pods.  ``memo``: the loaded pods' figures, kept between calls (``loaded``);
    ``journal``: the Cluster's Pod writes (a cluster.WriteJournal; not imported: a cycle)."""
    cpu = mem = count = 0
    pending = getattr(pods, "pending_usage", None)
    for u in pending() if pending is not None else ():
        c, m, n = (u.get(node) or (0, 0, 0)) if isinstance(u, dict) else (0, 0, 0)
        cpu, mem, count = cpu + c, mem + m, count + n
    if memo is None:
        found = usage(list(dict.values(pods))) or {}
    else:
        found = loaded(pods, memo, journal)
    c, m, n = found.get(node) or (0, 0, 0)
    return cpu + c, mem + m, count + n


def loaded(pods: Any, memo: dict[str, Any], journal: Any) -> dict[str, list[int]]:
    """node -> [milli-cpu, memory, count] of the loaded pods, kept in ``memo`` with each pod's
    ``pod_usage`` by key: only the pods the journal (the Cluster's Pod writes) lists since the
    last call are read again.  Valid because every write to a stored pod after an entry was
    computed passes ``Cluster._record`` and so its key is in ``journal.keys_since(seen)``
    (``seen`` is taken before any entry is computed): a key not listed holds what its entry
    was computed from.
    The keys are the loaded ones: a write is applied only if its key is still stored, and a
    segment read since (pods stored without a write) makes the counts differ: then, as when the
    journal no longer keeps that far back, every loaded pod is read again."""
    written = None
    if journal is not None:
        if memo.get("bucket") is pods:
            written = journal.keys_since(memo.get("seen"))
        memo["seen"] = journal.end()
    by_key: dict[str, PodUsage] | None = memo.get("by_key")
    sums: dict[str, list[int]] | None = memo.get("sums")
    on: dict[str, set[str]] | None = memo.get("on")
    if written is not None and by_key is not None and sums is not None and on is not None:
        _apply(pods, written, by_key, sums, on)
        if len(by_key) == dict.__len__(pods):
            return sums
    old = by_key or {}
    by_key, sums, on = {}, {}, {}
    for key, p in dict.items(pods):
        f = old.get(key)
        if f is None or f[4] is not p or f[0] != p["metadata"].get("resourceVersion"):
            f = pod_usage(p)
        by_key[key] = f
        if f[1]:
            u = sums.setdefault(f[1], [0, 0, 0])
            u[0], u[1], u[2] = u[0] + f[2], u[1] + f[3], u[2] + 1
            on.setdefault(f[1], set()).add(key)
    memo["bucket"], memo["by_key"], memo["sums"], memo["on"] = pods, by_key, sums, on
    return sums


def counted(memo: dict[str, Any], node: str) -> set[str]:
    """The keys of the loaded pods ``loaded`` last counted on ``node`` (with ``memo``).  The
    set is ``loaded``'s own, changed by its next call: a caller keeps it only until then."""
    on: dict[str, set[str]] = memo.get("on") or {}
    return on.get(node) or set()


def _apply(
    pods: Any,
    written: list[str],
    by_key: dict[str, PodUsage],
    sums: Any,
    on: dict[str, set[str]],
) -> None:
    """Move the figures of the written keys (the journal's: each pod's store key) from what
    they were to what is stored (``on``: node -> the keys counted on it)."""
    get = dict.get
    pop = by_key.pop
    for key in set(written):  # each key once: a pod is often written several times
        f = pop(key, None)
        cur = get(pods, key)
        if cur is None:
            if f is not None and f[1]:
                u = sums[f[1]]
                u[0], u[1], u[2] = u[0] - f[2], u[1] - f[3], u[2] - 1
                on[f[1]].discard(key)
            continue
        new = by_key[key] = pod_usage(cur)
        if f is not None and f[1] == new[1] and f[2] == new[2] and f[3] == new[3]:
            continue  # (most writes: a status) the same figures on the same node
        if f is not None and f[1]:
            u = sums[f[1]]
            u[0], u[1], u[2] = u[0] - f[2], u[1] - f[3], u[2] - 1
            on[f[1]].discard(key)
        if new[1]:
            u = sums.setdefault(new[1], [0, 0, 0])
            u[0], u[1], u[2] = u[0] + new[2], u[1] + new[3], u[2] + 1
            on.setdefault(new[1], set()).add(key)


# (resourceVersion, the node it counts on or "", milli-cpu, memory, the pod) of one pod, kept
# by its key between the scheduler's batches (``loaded``).  When ``loaded`` reads every pod
# again it reuses an entry of the same object at its current version: every write to a stored
# pod gives it a new resourceVersion (Cluster.insert/touch/replace; the kubelet's closed-form
# catch-up sets a new one too), and the figures come from the pod alone.
PodUsage = tuple[object, str, int, int, Obj]


def pod_usage(p: Obj) -> PodUsage:
    """What ``usage`` adds for one pod: nothing ("") when unbound or terminal."""
    spec = p.get("spec", {})
    node = spec.get("nodeName")
    rv = p["metadata"].get("resourceVersion")
    if not node or p.get("status", {}).get("phase") in TERMINAL_PHASES:
        return rv, "", 0, 0, p
    if not spec.get("initContainers"):  # pod_requests' common case, without its call
        for c in spec.get("containers") or ():
            res = c.get("resources")
            if res and res.get("requests"):
                break
        else:
            return rv, str(node), 0, 0, p
    cpu, mem = pod_requests(p)
    return rv, str(node), cpu, mem, p
