"""Closed-form catch-up of steady probe cycles (issue 13): time independent of the idle length.

A pod is *steady* when its only pending work is probe ticks that change nothing but counters: every
probe of the pod is due at the same instant with the same period, each container with probes is
running past every uptime threshold of its plan (so each probe gives the same answer forever),
no container action is pending, and each tick either succeeds (a ready container stays ready; a
liveness probe passes) or is a failing readiness probe of an unready container whose
``Unhealthy`` event would only bump its count.  Until the earliest timer that is not such a tick
(a *barrier*) or the target time, :func:`jump` applies all those ticks at once: probe counters and
next times, event counts, lastTimestamp, resourceVersions, the event caches' LRU order and the
timer sequence numbers come out as the step-by-step loop leaves them; the stepping loop then
runs the barrier.  Anything else (startup probes, liveness failures, crash loops, pulls) is
left to controllers/kubelet/cycles.py, which jumps whole periods of pods that repeat.
"""

from __future__ import annotations

import sys

from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers.kubelet import containers as kc
from minikube_lite.controllers.kubelet import prober as probes
from minikube_lite.controllers.kubelet import status as kubelet_status
from minikube_lite.records import dataclass
from minikube_lite.sandbox import images
from minikube_lite.store import events
from minikube_lite.store.cluster import Cluster


@dataclass(slots=True)
class Cycle:
    """One steady pod: ticks at ``first + m * period``; ``fails`` are its failing probes'
    events in the order one sync records them; ``probes`` (record, ok) in the same order.
    ``ctrl`` "horizontal": a steady HorizontalPodAutoscaler's syncs (no probes), which the loop
    runs after the kubelet's at one instant."""

    key: str
    first: float
    period: float
    probes: list[tuple[Obj, bool]]
    fails: list[tuple[str, str, Obj]]
    ticks: int = 0
    ctrl: str = "kubelet"

    @property
    def last(self) -> float:
        return self.first + (self.ticks - 1) * self.period


def _count(c: Cycle, limit: float, inclusive: bool, cap: int) -> int:
    """How many of ``first + m * period`` (0 <= m < cap) are < ``limit`` (<= when inclusive)."""

    def inside(m: int) -> bool:
        v = c.first + m * c.period
        return v <= limit if inclusive else v < limit

    if limit < c.first:
        return 0
    m = max(0, min(cap, int((limit - c.first) // c.period) + 1))
    while m > 0 and not inside(m - 1):
        m -= 1
    while m < cap and inside(m):
        m += 1
    return m


def horizon(plan: images.Plan) -> float:
    """The uptime after which every probe of ``plan`` answers the same."""
    marks = [plan.startup_seconds]
    marks += [r.fail_after for r in plan.routes if r.fail_after is not None]
    for _path, start, end in plan.files:
        marks += [start] if end is None else [start, end]
    if plan.exit_after is not None:
        marks.append(plan.exit_after)
    return max(marks)


def _probe_steady(
    ctx: kc.PodCtx, cname: str, crec: Obj, ptype: str, at: float
) -> tuple[bool, tuple[str, str, Obj] | None] | None:
    """(ok, the event a failing tick repeats) when this probe's ticks change only counters."""
    spec = ctx.specs.get(cname) or {}
    plan = kc.current_plan(ctx, cname)
    if plan is None:
        return None
    uptime = at - float(crec.get("startedAt", at))
    if uptime <= horizon(plan):
        return None
    ok, out = probes.run_probe(
        spec, ptype, plan, uptime, str(ctx.rec.get("ip", "")), o.name(ctx.pod)
    )
    succ_needed, _ = probes.thresholds(spec, ptype)
    pr = crec["probes"][ptype]
    if ok:
        steady = ptype == "liveness" or (crec.get("ready") and pr["succ"] >= succ_needed)
        return (True, None) if steady else None
    if ptype != "readiness" or crec.get("ready"):
        return None
    msg = f"{probes.TITLES[ptype]} probe failed: {out}"
    rec = events.EventRecord(
        ctx.pod,
        "Pod",
        "Warning",
        "Unhealthy",
        msg,
        kc.COMPONENT,
        field_path=f"spec.containers{{{cname}}}",
        host=kc.HOST,
    )
    target = events.repeat_target(ctx.cluster, rec, at)
    return (False, target) if target is not None else None


def steady(cluster: Cluster, key: str, at: float) -> Cycle | None:
    """The cycle of pod ``key`` whose kubelet timer is at ``at``, or None if it is not steady."""
    pod = cluster.get_key("Pod", key)
    rec = cluster.state.get("kubelet", {}).get(key)
    if (
        pod is None
        or rec is None
        or rec["uid"] != o.uid(pod)
        or pod.get("spec", {}).get("nodeName") != kc.HOST
        or o.is_deleting(pod)
        or rec.get("sandbox") is None
        or rec.get("next") != at
    ):
        return None
    ctx = kc.PodCtx(cluster, key, pod, rec)
    period: float | None = None
    found: list[tuple[Obj, bool]] = []
    fails: list[tuple[str, str, Obj]] = []
    for cname, crec in rec["c"].items():
        if crec.get("next") is not None:
            return None
        prs = crec.get("probes") or {}
        if prs and (crec.get("stage") != "running" or "startup" in prs):
            return None
        for ptype in sorted(prs):
            p = probes.period(ctx.specs.get(cname) or {}, ptype)
            # a whole number of seconds keeps first + m * period equal to m repeated additions
            bad = p <= 0 or not p.is_integer() or (period is not None and p != period)
            if prs[ptype]["next"] != at or bad:
                return None
            period = p
            res = _probe_steady(ctx, cname, crec, ptype, at)
            if res is None:
                return None
            found.append((prs[ptype], res[0]))
            if res[1] is not None:
                fails.append(res[1])
    if period is None or period > events.SIMILAR_WINDOW:
        return None
    if kubelet_status.pod_status(pod, rec, at) != pod.get("status"):
        return None
    return Cycle(key, at, period, found, fails)


def _scan(
    cluster: Cluster, t: float, skip: frozenset[str] | set[str] = frozenset()
) -> tuple[list[Cycle], float, bool]:
    """Steady cycles and the barrier: the earliest timer that is not a steady tick (or ``t``).

    The kubelet's and the scheduler's timers of the pods in ``skip`` are neither (the caller
    moves those pods).  A steady HorizontalPodAutoscaler's sync is a steady tick too."""
    per_key: dict[tuple[str, str], list[float]] = {}
    for at, _seq, ctrl, key in cluster.timers:
        if key not in skip or ctrl not in ("kubelet", "scheduler"):
            per_key.setdefault((ctrl, key), []).append(at)
    recs = cluster.state.get("kubelet", {})
    barrier = t
    maybe: list[tuple[str, float, str]] = []
    for (ctrl, key), times in per_key.items():
        if len(times) == 1 and (
            ctrl == "horizontal" or (ctrl == "kubelet" and _may_be_steady(recs.get(key)))
        ):
            maybe.append((key, times[0], ctrl))
        else:
            barrier = min(barrier, *times)
    cycles: list[Cycle] = []
    for key, at, ctrl in sorted(maybe, key=lambda m: m[1]):
        # a probe period is >= 1 s: a first tick within 2 s of the barrier is not worth a check
        cyc = None
        if at + 2.0 < barrier:
            cyc = steady(cluster, key, at) if ctrl == "kubelet" else _autoscaler(cluster, key, at)
        if cyc is None:
            barrier = min(barrier, at)
        else:
            cycles.append(cyc)
    return [c for c in cycles if c.first < barrier], barrier, bool(maybe)


def _autoscaler(cluster: Cluster, key: str, at: float) -> Cycle | None:
    """The cycle of HorizontalPodAutoscaler ``key`` whose sync is at ``at``, if it is steady."""
    from minikube_lite.controllers import horizontal  # (only a cluster with an HPA needs it)

    fails = horizontal.steady(cluster, key, at)
    if fails is None:
        return None
    return Cycle(key, at, horizontal.RESYNC, [], fails, ctrl="horizontal")


def _may_be_steady(rec: Obj | None) -> bool:
    """The cheap part of :func:`steady`: probes, and no container action pending."""
    if rec is None:
        return False
    crecs = rec.get("c", {}).values()
    return any(c.get("probes") for c in crecs) and all(c.get("next") is None for c in crecs)


def _last_round(cycles: list[Cycle]) -> list[tuple[Cycle, int, int]]:
    """(cycle, syncs, event writes) up to and including each cycle's last sync, in the loop's
    order (by time, then the kubelet's before the HPAs', then key at one instant), counted
    from the window's start.

    Only the ticks from the earliest last sync on are sorted, so the cost is the number of
    cycles times (longest period / shortest period), not the window's length.
    """
    since = min(c.last for c in cycles)
    syncs = writes = 0
    tail: list[tuple[float, bool, str, int, Cycle]] = []
    for c in cycles:
        m0 = _count(c, since, False, c.ticks)
        syncs += m0
        writes += m0 * len(c.fails)
        later = c.ctrl != "kubelet"
        tail += [(c.first + m * c.period, later, c.key, m, c) for m in range(m0, c.ticks)]
    tail.sort(key=lambda x: (x[0], x[1], x[2]))
    out = []
    for _at, _later, _key, m, c in tail:
        syncs += 1
        writes += len(c.fails)
        if m == c.ticks - 1:
            out.append((c, syncs, writes))
    return out


def plan(
    cluster: Cluster, t: float, skip: frozenset[str] | set[str] = frozenset()
) -> tuple[list[Cycle], float, bool]:
    """The steady cycles with their ticks before the barrier counted, the barrier, and whether
    any pod may be in a steady cycle (``skip``: as in :func:`_scan`)."""
    cycles, barrier, maybe = _scan(cluster, t, skip)
    for c in cycles:
        c.ticks = _count(c, barrier, False, sys.maxsize)
    return [c for c in cycles if c.ticks > 0], barrier, maybe


def until(cycles: list[Cycle], t: float) -> list[Cycle]:
    """``cycles`` with only their ticks before ``t`` (at or before their barrier) counted."""
    for c in cycles:
        c.ticks = _count(c, t, False, c.ticks)
    return [c for c in cycles if c.ticks > 0]


def jump(cluster: Cluster, t: float) -> tuple[float, bool, list[str]]:
    """Apply every steady tick before the barrier at once: (the barrier, whether any pod may be
    in a steady cycle, the pods and HPAs moved; not empty when anything moved, so the cycle
    observer knows the counters used were no pod's syncs).  Before the barrier there is nothing
    more to jump."""
    cycles, barrier, maybe = plan(cluster, t)
    if not cycles or max(c.ticks for c in cycles) < 2:
        return barrier, maybe, []
    apply(cluster, cycles)
    return barrier, True, [c.key for c in cycles]


def apply(cluster: Cluster, cycles: list[Cycle]) -> None:
    """Apply the counted ticks of ``cycles`` (from :func:`plan`; not empty)."""
    rv0 = cluster.resource_version
    seq0 = int(cluster.doc.get("timerSeq", 0))
    state = cluster.state
    moves: dict[tuple[str, str], tuple[float, int]] = {}
    for c, syncs, written in _last_round(cycles):
        nxt = c.first + c.ticks * c.period
        for pr, ok in c.probes:
            pr["next"] = nxt
            pr["succ"], pr["fail"] = (pr["succ"] + c.ticks, 0) if ok else (0, pr["fail"] + c.ticks)
        if c.ctrl == "kubelet":
            state["kubelet"][c.key]["next"] = nxt
        else:  # the HPA's next sync (controllers/horizontal.py DUE_KEY)
            state["horizontal"][c.key] = nxt
        moves[(c.ctrl, c.key)] = (nxt, seq0 + syncs)
        prior = written - len(c.fails)
        for q, target in enumerate(c.fails, 1):
            events.apply_repeats(cluster, target, c.ticks, c.last, rv0 + prior + q)
    writes = sum(len(c.fails) * c.ticks for c in cycles)
    cluster.doc["resourceVersion"] = rv0 + writes
    cluster.writes += writes
    cluster.doc["timerSeq"] = seq0 + sum(c.ticks for c in cycles)
    cluster.retime(moves)
