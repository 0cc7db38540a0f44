"""Closed-form catch-up of periodic pods (issue 13): crash loops, pull back-offs, liveness restarts,
an unschedulable pod's scheduler retries.

Once a back-off is at its cap, everything the kubelet (or, for a pod not on the node, the
scheduler) does to a pod repeats with a fixed period: the same syncs at the same offsets, each
writing the same objects and drawing the same number of resourceVersions, timer sequence numbers
and random blocks.  This module watches the stepping
loop (:class:`Observer`, fed by controllers/loop.py) and learns each pod's cycle from what it
does rather than from a model of each timer kind:

* after every instant a pod was synced at, a *snapshot* of what belongs to it: the Pod, the
  kubelet's record (or the scheduler's retry time), its back-off entries, the Events its syncs
  wrote and their aggregation records, plus a fingerprint of the shared simulator state; and the
  global counters its syncs used (resourceVersion, timerSeq, the RNG counter, eventSeq);
* a pod is *periodic* when its last three cycles of ``m`` syncs have the same timing and each
  snapshot differs from the one a period before by the same affine step: numbers and timestamps
  move by a constant, everything else is equal, except values drawn from a global counter
  (resourceVersions, container IDs), which are free;
* :meth:`Observer.jump` then moves every periodic pod ``k`` whole periods on at once (state =
  snapshot + k x step, counters + k x use), up to a point ``REPLAY_PERIODS`` periods before the
  first timer of anything that is not periodic (or the target).  The loop steps the rest one by
  one: those last periods rewrite every free value (with the right counters, in the loop's
  order) and put the event caches' LRU order where stepping leaves it.  Two periods, as a value
  drawn in one period is still shown in the next (a restarted container's ``lastState`` names
  the previous container's ID); one is not enough (tests/unit/controllers/test_catchup_cycles.py).

Pods in steady probe cycles (catchup.py) are not learnt: the loop jumps their ticks in closed
form between the other pods' syncs (:meth:`Observer.moved`), and :meth:`Observer.jump` takes them
along to its target.

Any write the kubelet's syncs cannot account for (another controller reacting to a pod, a
Deployment's deadline) makes every pod start over, so a cycle that wakes another controller
simply steps.
"""

from __future__ import annotations

import hashlib
import json
import math
import pickle

from minikube_lite import clock
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers.kubelet import catchup
from minikube_lite.controllers.kubelet import containers as kc
from minikube_lite.controllers.kubelet import prober as probes
from minikube_lite.records import dataclass
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MAX_SYNCS = 24  # syncs per cycle looked for
REPLAY_PERIODS = 2  # periods stepped after a jump (rewrites what depends on global counters)
# Simulated seconds between tries of a jump; after STEADY_TRIES seconds of failed tries the wait
# doubles after each (a crash loop's back-off reaches its 300 s cap and shows three cycles after
# about 1,000 s: tries every 200 s catch it then, not at the 1,200 s the doubling reached first).
TRY_EVERY = 200.0
STEADY_TRIES = 1800.0
GIVE_UP = 4 * 3600.0  # a wait this long: stop watching (something is not periodic for good)
JUMP_MIN = 1800.0  # a shorter jump is not worth it (the observation of the next one costs more)
FREE = frozenset({"resourceVersion", "cid", "containerID"})  # drawn from global counters
# per-pod parts of sim (the scheduler's retry times of unschedulable pods among them)
OWN = ("kubelet", "backoff", "eventAggregates", "eventCorrelation", "unschedulable")
# an HPA's next-sync times (controllers/horizontal.py DUE_KEY): no pod's input
NOT_SHARED = ("timeline", "horizontal")
OBSERVED = ("kubelet", "scheduler")  # the controllers whose syncs of a pod are attributed to it
_SAME = "="
_ANY = "*"


class NotAffine(Exception):
    """Two snapshots do not differ by an affine step."""


Counters = tuple[int, int, int, int]


def counters(cluster: Cluster) -> Counters:
    d = cluster.doc
    rv, seq, ev = d.get("resourceVersion", 0), d.get("timerSeq", 0), d.get("eventSeq", 0)
    return int(rv), int(seq), cluster.rng.counter, int(ev)


def _minus(a: Counters, b: Counters) -> Counters:
    return a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3]


def _plus(a: Counters, b: Counters) -> Counters:
    return a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]


# ----- affine steps between snapshots -------------------------------------------------------------


def _exact(a: float, d: float) -> bool:
    """``d`` is a whole number of ``a``'s units in the last place: then ``a + k * d`` equals
    ``k`` repeated additions of ``d`` as long as it stays in ``a``'s binade (a real clock's
    microseconds included; :func:`_moved` checks the binade)."""
    return a != 0.0 and (d / math.ulp(a)).is_integer()


def _moved(b: float, d: float, k: int) -> float:
    v = b + k * d
    if math.frexp(v)[1] != math.frexp(b)[1]:
        raise NotAffine("binade")
    return v


def step(a: Any, b: Any, key: str = "") -> Any:
    """The step from ``a`` to ``b``: numbers, ``("t", seconds)`` for timestamps, ``_SAME``,
    ``_ANY`` for a free value that changed; lists/dicts of those.  Raises NotAffine."""
    if type(a) is not type(b):
        raise NotAffine(key)
    if isinstance(a, dict):
        if list(a) != list(b):
            raise NotAffine(key)
        return {k: step(v, b[k], k) for k, v in a.items()}
    if isinstance(a, (list, tuple)):
        if len(a) != len(b):
            raise NotAffine(key)
        return [step(x, y, key) for x, y in zip(a, b, strict=True)]
    if a == b:
        return _SAME
    if isinstance(a, bool) or a is None:
        raise NotAffine(key)
    if isinstance(a, (int, float)):
        d = b - a
        if isinstance(a, float) and not _exact(a, d):
            raise NotAffine(key)
        return d
    if key in FREE:
        return _ANY
    return _time_step(a, b, key)


def _time_step(a: str, b: str, key: str) -> tuple[str, float]:
    """("t", seconds) between two RFC 3339 times, ("tu", seconds) between two MicroTimes with
    the same fraction (a new-style Event's ``series.lastObservedTime``): whole seconds only."""
    dot_a, dot_b = a.find("."), b.find(".")
    if dot_a >= 0 or dot_b >= 0:
        if a[dot_a:] != b[dot_b:] or not a.endswith("Z"):
            raise NotAffine(key)
        return "tu", _time_step(a[:dot_a] + "Z", b[:dot_b] + "Z", key)[1]
    ta, tb = clock.parse_time(a), clock.parse_time(b)
    if ta is None or tb is None or clock.rfc3339(ta) != a or clock.rfc3339(tb) != b:
        raise NotAffine(key)
    d = tb - ta
    if not d.is_integer():
        raise NotAffine(key)
    return "t", d


def extrapolate(b: Any, d: Any, k: int) -> Any:
    """``b`` moved ``k`` steps ``d`` on (free values stay: the replayed periods rewrite them)."""
    if isinstance(d, dict):
        return {key: extrapolate(b[key], sub, k) for key, sub in d.items()}
    if isinstance(d, list):
        return [extrapolate(x, sub, k) for x, sub in zip(b, d, strict=True)]
    if d in (_SAME, _ANY):  # a leaf (steps of dicts and lists are dicts and lists)
        return b
    if isinstance(d, tuple):
        dot = b.find(".") if d[0] == "tu" else len(b) - 1
        t = clock.parse_time(b[:dot] + "Z")
        assert t is not None
        return clock.rfc3339(t + k * d[1])[:-1] + b[dot:]
    return _moved(b, d, k) if isinstance(b, float) else b + k * d


# ----- one pod's history ------------------------------------------------------------------------


@dataclass(slots=True)
class Entry:
    """After an instant pod ``key`` was synced at: its snapshot (pickled: a copy that is cheap
    to take, a quarter of JSON's cost; read back only when a jump is tried) and the counters it
    used."""

    at: float
    text: bytes
    used: Counters
    parsed: Any = None

    @property
    def snap(self) -> Any:
        if self.parsed is None:
            self.parsed = pickle.loads(self.text)  # (bytes this process pickled)
        return self.parsed


@dataclass(slots=True)
class Cycle:
    """A pod's last observed cycle: per sync (phase) its time, snapshot, step and counters."""

    period: float
    phases: list[tuple[Entry, Any]]


def detect(hist: list[Entry]) -> Cycle | None:
    """The shortest cycle the last three cycles of ``hist`` repeat exactly (affinely)."""
    n = len(hist)
    for m in range(1, min(MAX_SYNCS, n // 3) + 1):
        period = hist[-1].at - hist[-1 - m].at
        if period <= 0 or not _timing(hist, m, period):
            continue
        phases = _phases(hist, m)
        if phases is not None:
            return Cycle(period, phases)
    return None


def _timing(hist: list[Entry], m: int, period: float) -> bool:
    n = len(hist)
    return all(
        hist[i].at - hist[i - m].at == period and hist[i - m].at - hist[i - 2 * m].at == period
        for i in range(n - m, n)
    )


def _phases(hist: list[Entry], m: int) -> list[tuple[Entry, Any]] | None:
    n = len(hist)
    out = []
    for i in range(n - m, n):
        a, b, c = hist[i - 2 * m], hist[i - m], hist[i]
        if not a.used == b.used == c.used:
            return None
        try:
            d = step(b.snap, c.snap)
            if step(a.snap, b.snap) != d:
                return None
        except NotAffine:
            return None
        out.append((c, d))
    return out


def invariant(cluster: Cluster, key: str, cyc: Cycle) -> bool:
    """Whether what the snapshots do not show stays the same too: a probe counter that grows is
    past its threshold (crossing it would change readiness or kill), and a container that runs
    through the cycle is past every uptime at which its image's behaviour changes (a file an
    exec probe reads goes away, a route starts failing).  A container restarted every cycle
    has the same uptime at each phase."""
    pod = cluster.get_key("Pod", key)
    rec = cluster.state.get("kubelet", {}).get(key)
    if pod is None:
        return False
    if rec is None:  # not on the node: only the scheduler's retries (what they read, the
        return all(e.snap["rec"] is None for e, _d in cyc.phases)  # node, is the barriers')
    ctx = kc.PodCtx(cluster, key, pod, rec)
    for entry, d in cyc.phases:
        for cname, crec in entry.snap["rec"]["c"].items():
            dc = d["rec"]["c"][cname]
            spec = ctx.specs.get(cname) or {}
            for ptype, pr in (crec.get("probes") or {}).items():
                needed = probes.thresholds(spec, ptype)
                for field, need in zip(("succ", "fail"), needed, strict=True):
                    grows = isinstance(dc["probes"][ptype][field], int)
                    if grows and dc["probes"][ptype][field] > 0 and pr[field] < need:
                        return False
            if crec.get("stage") in ("running", "killing") and dc.get("startedAt") == _SAME:
                plan = kc.current_plan(ctx, cname)
                if plan is None or entry.at - float(crec["startedAt"]) <= catchup.horizon(plan):
                    return False
    return True


# ----- snapshots ----------------------------------------------------------------------------------


def _agg_key(ev: Obj) -> str:
    """The EventAggregator key of an Event the kubelet recorded (store/events.py record)."""
    inv = ev.get("involvedObject") or {}
    src = ev.get("source") or {}
    parts = [src.get("component", ""), inv.get("kind", ""), o.namespace(ev) or "default"]
    parts += [inv.get("name", ""), inv.get("uid", ""), src.get("host", "")]
    return "|".join(map(str, [*parts, ev.get("type", ""), ev.get("reason", "")]))


def fingerprint(cluster: Cluster) -> str:
    """What no single pod owns: shared simulator state and the event bookkeeping.

    Left out, as only writes (which the attribution catches) change them: the Deployment
    timelines and the deleted objects' uids (their number stays in).  Of the node's image cache
    only the names count: its times are only ever written (by every pull, so by the periods
    stepped after a jump as well), never read."""
    shared = {k: v for k, v in cluster.state.items() if k not in OWN and k not in NOT_SHARED}
    if "nodeImages" in shared:
        shared["nodeImages"] = sorted(shared["nodeImages"])
    d = cluster.doc
    extra = [d.get("eventExpiry"), d.get("eventShardSeen"), len(d.get("deleted") or ())]
    text = json.dumps([shared, extra], sort_keys=True, default=str)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def snapshot(cluster: Cluster, key: str, events: dict[str, None], shared: str) -> bytes | None:
    """What belongs to pod ``key`` now, pickled (None when it is gone)."""
    pod = cluster.get_key("Pod", key)
    rec = cluster.state.get("kubelet", {}).get(key)
    if pod is None or (rec is None and pod.get("spec", {}).get("nodeName")):
        return None
    uid = o.uid(pod)
    backoff = {k: v for k, v in cluster.state.get("backoff", {}).items() if k.startswith(uid)}
    evs = {k: cluster.get_key("Event", k) for k in events}
    aggs_all = cluster.state.get("eventAggregates", {})
    aggs = {a: aggs_all[a] for ev in evs.values() if ev for a in [_agg_key(ev)] if a in aggs_all}
    shown = {k: v for k, v in pod.items() if k != "spec"}  # (the kubelet never writes a spec;
    # another writer's change is not attributed to the pod's syncs, so every cycle starts over)
    snap = {"pod": shown, "rec": rec, "backoff": backoff, "events": evs, "aggs": aggs}
    snap["retry"] = cluster.state.get("unschedulable", {}).get(key)
    snap["shared"] = shared
    return pickle.dumps(snap, pickle.HIGHEST_PROTOCOL)


# ----- the observer -------------------------------------------------------------------------------


class Observer:
    """Watches the stepping loop for periodic pods and jumps them (see the module docstring).

    The loop calls :meth:`sync` instead of the kubelet's and the scheduler's ``sync``,
    :meth:`instant` after every settled instant, and :meth:`jump` when :meth:`instant` said a
    jump may be worth it.
    """

    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.hist: dict[str, list[Entry]] = {}
        self.events: dict[str, dict[str, None]] = {}  # pod key -> Event keys its syncs wrote
        self.pending: dict[str, Counters] = {}  # counters used by each pod synced this instant
        self.aside: Counters = (0, 0, 0, 0)  # used this instant by HPA syncs that wrote no pod
        self.detected: dict[str, tuple[Entry, Cycle | None]] = {}  # by the last entry seen
        self.before = counters(cluster)
        self.retry_at = cluster.now + TRY_EVERY  # no jump is tried before this instant
        self.wait = TRY_EVERY
        self.since = cluster.now  # the first try after the last jump (or the start)

    def sync(self, mod: Any, key: str, ctrl: str = "kubelet") -> None:
        """The kubelet's or the scheduler's sync of pod ``key``, with the counters and Events it
        used noted (the scheduler's retry of every unschedulable pod is no one pod's).

        An HPA's sync (``ctrl`` "horizontal") that wrote only Events and HPAs is no pod's input:
        its counters are set aside (the probe catch-up jumps such syncs along)."""
        cluster = self.cluster
        if "/" not in key:
            mod.sync(cluster, key)
            return
        c0, n = counters(cluster), len(cluster.changes)
        mod.sync(cluster, key)
        used = _minus(counters(cluster), c0)
        if ctrl == "horizontal":
            own = ("Event", "HorizontalPodAutoscaler")
            if all(kind in own for kind, _k, _obj in cluster.changes[n:]):
                self.aside = _plus(self.aside, used)
            return
        prev = self.pending.get(key, (0, 0, 0, 0))
        self.pending[key] = (
            prev[0] + used[0],
            prev[1] + used[1],
            prev[2] + used[2],
            prev[3] + used[3],
        )
        for kind, k, _obj in cluster.changes[n:]:
            if kind == "Event":
                self.events.setdefault(key, {})[k] = None

    def instant(self) -> bool:
        """After an instant settled: record the synced pods; True when a jump should be tried."""
        cluster = self.cluster
        now_counters = counters(cluster)
        total = _minus(_minus(now_counters, self.before), self.aside)
        self.before, self.aside = now_counters, (0, 0, 0, 0)
        pending, self.pending = self.pending, {}
        attributed = [sum(u[i] for u in pending.values()) for i in range(4)]
        if tuple(attributed) != total:  # another controller wrote: what it changed may be
            self.hist.clear()  # any pod's input, so every cycle is learnt again
            return False
        if not pending:
            return False
        shared = fingerprint(cluster)
        for key, used in pending.items():
            text = snapshot(cluster, key, self.events.get(key, {}), shared)
            if text is None:
                self._forget(key)
                continue
            hist = self.hist.setdefault(key, [])
            hist.append(Entry(cluster.now, text, used))
            del hist[: -3 * MAX_SYNCS]
        return cluster.now >= self.retry_at

    @property
    def hopeless(self) -> bool:
        """So many tries failed that watching costs more than it may save."""
        return self.wait > GIVE_UP

    def _forget(self, key: str) -> None:
        self.hist.pop(key, None)

    def moved(self, keys: list[str]) -> None:
        """The probe catch-up (catchup.py) moved the pods ``keys`` between two instants: their
        histories no longer hold, and the counters it used are no pod's syncs."""
        for key in keys:
            self._forget(key)
        self.before = counters(self.cluster)

    def _detect(self, key: str, hist: list[Entry]) -> Cycle | None:
        """:func:`detect` and :func:`invariant`, remembered until the pod's next sync."""
        known = self.detected.get(key)
        if known is None or known[0] is not hist[-1]:
            cyc = detect(hist)
            if cyc is not None and not invariant(self.cluster, key, cyc):
                cyc = None
            known = self.detected[key] = (hist[-1], cyc)
        return known[1]

    def jump(self, t: float) -> bool:
        """Move every periodic pod whole periods on, to ``REPLAY_PERIODS`` periods before the
        first timer of anything else (or ``t``); False when that is not worth it."""
        cluster = self.cluster
        if t - cluster.now < JUMP_MIN:  # any jump would be short: not worth learning cycles
            self.retry_at = t
            return False
        cycles = {k: c for k, h in self.hist.items() if (c := self._detect(k, h)) is not None}
        per_key: dict[str, int] = {}
        barrier = t
        for at, _seq, ctrl, key in cluster.timers:
            if ctrl in OBSERVED and key in cycles:
                per_key[key] = per_key.get(key, 0) + 1
            elif at < barrier:
                barrier = at
        self.retry_at = max(cluster.now + self.wait, min(barrier, t))
        if cluster.now - self.since >= STEADY_TRIES:
            self.wait *= 2  # what stays not periodic for long is likely never to be
        if not cycles:
            return False
        # pods in steady probe cycles (catchup.py) go along in closed form: not a barrier
        probing, barrier, _maybe = catchup.plan(cluster, t, set(cycles))
        longest = max([c.period for c in cycles.values()] + [c.period for c in probing])
        target = barrier - REPLAY_PERIODS * longest  # (a probe tick is stepped after it too)
        short = target - cluster.now < max(2 * longest, JUMP_MIN)
        single = len(per_key) == len(cycles) and all(n == 1 for n in per_key.values())
        if short or not single:
            return False
        probing = catchup.until(probing, target)
        if not self._apply(cycles, target, probing):
            return False
        for key in [*cycles, *(c.key for c in probing)]:  # the others' histories still hold
            self._forget(key)
        self.wait = TRY_EVERY
        self.since = cluster.now
        self.retry_at = cluster.now + self.wait
        return True

    def _apply(self, cycles: dict[str, Cycle], target: float, probing: list[catchup.Cycle]) -> bool:
        """Restore every periodic pod at its last sync at or before ``target`` and apply the
        ``probing`` pods' ticks before it; False (and nothing changed) if a periodic pod's next
        wake would not be after ``target``.

        The probe ticks are applied as if no other pod wrote in between: the resourceVersions
        and timer sequence numbers they leave are off, but like the periodic pods' free values
        the periods stepped after the jump rewrite them (a probe period is at most the
        replayed span); the counters they use are exact."""
        cluster = self.cluster
        total = [0, 0, 0, 0]
        plans: list[tuple[str, Obj]] = []
        for key, cyc in sorted(cycles.items()):
            best: tuple[float, int, Entry, Any] | None = None
            for entry, d in cyc.phases:
                k = int((target - entry.at) // cyc.period)
                for i in range(4):
                    total[i] += k * entry.used[i]
                at = entry.at + k * cyc.period
                if best is None or at > best[0]:
                    best = (at, k, entry, d)
            assert best is not None
            try:
                snap = extrapolate(best[2].snap, best[3], best[1])
            except NotAffine:
                return False
            if not _wake(snap)[1] > target:
                return False
            plans.append((key, snap))
        if probing:
            catchup.apply(cluster, probing)
        doc = cluster.doc
        doc["resourceVersion"] = int(doc.get("resourceVersion", 0)) + total[0]
        cluster.writes += total[0]
        doc["timerSeq"] = seq = int(doc.get("timerSeq", 0)) + total[1]
        cluster.rng.counter += total[2]
        if total[3]:
            doc["eventSeq"] = int(doc.get("eventSeq", 0)) + total[3]
        cluster.retime(
            {(_wake(snap)[0], k): (_restore(cluster, k, snap), seq) for k, snap in plans}
        )
        cluster.now = target
        self.before = counters(cluster)
        return True


def _wake(snap: Obj) -> tuple[str, float]:
    """(controller, time) of a pod's next wake in a snapshot: its kubelet's, or when it is not
    on the node the scheduler's retry."""
    if snap["rec"] is not None:
        return "kubelet", float(snap["rec"].get("next") or 0.0)
    return "scheduler", float(snap["retry"] or 0.0)


def _restore(cluster: Cluster, key: str, snap: Obj) -> float:
    """Write a pod's extrapolated snapshot back in place; returns its next wake."""
    pod = cluster.get_key("Pod", key)
    assert pod is not None
    shown, spec = snap["pod"], pod.get("spec")
    order = [k for k in pod if k == "spec" or k in shown] + [k for k in shown if k not in pod]
    pod.clear()
    for k in order:
        pod[k] = spec if k == "spec" else shown[k]
    if snap["rec"] is not None:
        cluster.state["kubelet"][key] = snap["rec"]
    if snap["retry"] is not None:
        cluster.state["unschedulable"][key] = snap["retry"]
    if snap["backoff"]:  # (setdefault only when there is one: an empty dict would be saved)
        cluster.state.setdefault("backoff", {}).update(snap["backoff"])
    for ek, ev in snap["events"].items():
        stored = cluster.get_key("Event", ek)
        if stored is not None and ev is not None:
            stored.clear()
            stored.update(ev)
            cluster.rewrote("Event", stored)
    if snap["aggs"]:
        cluster.state.setdefault("eventAggregates", {}).update(snap["aggs"])
    cluster.rewrote("Pod", pod)
    return _wake(snap)[1]
