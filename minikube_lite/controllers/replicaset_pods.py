"""What the ReplicaSet controller reads of its pods on each sync, cached, and which pods go first.

The claim (PodControllerRefManager.ClaimPods), status (``replica_set_utils.go`` calculateStatus)
and scale-down (``pkg/controller/controller_utils.go`` ActivePodsWithRanks, LogarithmicScaleDown
on) of one sync read a few facts of every pod of the ReplicaSet.  They are computed once per pod
version and kept on the Cluster between syncs (``ReplicaSetFacts``): a sync over thousands of
unchanged pods reads each pod's uid and resourceVersion and one dict entry, and its status and
ranking read the facts the claim produced rather than the pods again.
"""

from __future__ import annotations

import collections
import functools
import itertools
import math
import operator

from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import common
from minikube_lite.store.cluster import Cluster, WriteJournal

# What one ReplicaSet's sync reads of each pod, as bits: active (controller.IsPodActive), its
# labels match spec.selector, they include the template's (fullyLabeledReplicas), Ready.
ACTIVE, MATCHES, FULLY_LABELED, READY = 1, 2, 4, 8
# (resourceVersion, bits, the Ready condition's lastTransitionTime when Ready else None, pod)
PodFacts = tuple[object, int, "float | None", Obj]

_ALL_BITS = ACTIVE | MATCHES | FULLY_LABELED | READY
BITS = _BITS = operator.itemgetter(1)  # a PodFacts' bits
_RV = operator.itemgetter(0)  # a PodFacts' or RankFacts' resourceVersion
_READY_TIME = operator.itemgetter(5)  # a RankFacts' ready time
_CREATED = operator.itemgetter(7)  # and creation time
_NO_RANKS = (object(),)  # no RankFacts: a resourceVersion no pod has

_PHASE_ORDINAL = {"Pending": 0, "Unknown": 1, "Running": 2}
_COST = o.POD_DELETION_COST_ANNOTATION
_ts = common.ts
_TERMINAL = common.TERMINAL_PHASES

# The pod's part of what the ranking compares, without the clock: (resourceVersion, assigned,
# phase ordinal, ready, deletion cost, ready time, restarts, created, uid).
RankFacts = tuple[object, bool, int, bool, int, "float | None", int, float, str]
# What the ranking compares, computed once per pod (a tuple: the sort compares n log n pairs):
# (its RankFacts, the ready time's log rank, the creation's log rank, the pod).  A log rank is
# floor(log2(ns since t)), -1 for <= 0 (and for no ready time).
Ranked = tuple[RankFacts, int, int, Obj]


class ReplicaSetFacts:
    """Per-pod facts of one ReplicaSet's syncs, kept on the Cluster between syncs.

    An entry is keyed by the pod object (its ``id``, the object itself kept in the entry so the
    id cannot be reused while the entry lives) and holds the resourceVersion it was computed at:
    every write to a stored pod gives it a new resourceVersion (Cluster.insert/touch/replace,
    and the kubelet's closed-form catch-up sets a new one), so an entry of the same object at its
    current version is what computing it again would give.  What does not come from the pod (the
    selector, the template's labels) is part of the cache's key (``facts_for``).  Availability
    depends on the clock: the Ready time is kept and compared with ``now`` where it is used.
    ``ranks`` holds the ranking's clock-free fields the same way.

    Reading a pod's resourceVersion is most of the cost of a sync over unchanged pods (a pod and
    its metadata are two dicts apart from everything else in memory), so the lookup is by the
    object's id rather than by its uid (a third object to read).
    """

    __slots__ = (
        "by_id",
        "journal",
        "label_bits",
        "last_labels",
        "matches",
        "ranks",
        "seen",
        "wanted",
    )

    def __init__(
        self,
        sel: Obj | None,
        template_labels: dict[str, str],
        journal: WriteJournal | None = None,
    ) -> None:
        self.by_id: dict[int, PodFacts] = {}
        self.ranks: dict[int, RankFacts] = {}
        self.matches = common.selector_matcher(sel)
        self.wanted = list(template_labels.items())
        self.journal = journal  # the Cluster's Pod writes (``claimed``)
        self.seen: int | None = None  # the journal's end when ``claimed`` last looked
        self.last_labels: dict[str, str] | None = None  # ``compute``'s last labels, and
        self.label_bits = 0  # their MATCHES and FULLY_LABELED bits

    def compute(self, pod: Obj) -> PodFacts:
        """The pod's facts now (and remembered)."""
        # common.is_pod_active, is_pod_ready and pod_ready_time inlined (a pod changes several
        # times between two syncs in a rollout: this runs for most of them)
        meta = pod["metadata"]
        plabels = meta.get("labels") or {}
        status = pod.get("status", {})
        # The label bits are a function of the labels' content, and a ReplicaSet's pods mostly
        # carry the same labels: kept for the last content seen (a copy: a dict may change).
        if plabels == self.last_labels:
            bits = self.label_bits
        else:
            bits = 0
            if self.matches(plabels):
                bits |= MATCHES
            for k, v in self.wanted:  # a loop: no generator per pod
                if plabels.get(k) != v:
                    break
            else:
                bits |= FULLY_LABELED
            self.last_labels, self.label_bits = dict(plabels), bits
        if status.get("phase") not in _TERMINAL and not meta.get("deletionTimestamp"):
            bits |= ACTIVE
        ready_time = None
        for c in status.get("conditions") or ():
            if c.get("type") == "Ready":
                if c.get("status") == "True":
                    bits |= READY
                    ready_time = _ts(c.get("lastTransitionTime"))
                break
        f = (meta.get("resourceVersion"), bits, ready_time, pod)
        self.by_id[id(pod)] = f
        return f

    def claimed(self, pods: list[Obj]) -> tuple[list[PodFacts], int]:
        """The facts of each pod, and the bits every pod has.

        With a journal, only the pods written since the last call are computed again: an entry
        was computed from its pod at some instant, and every write to a stored pod after that
        instant passes ``Cluster._record`` and so is in the journal after the position kept
        then (``seen`` is taken before any entry of a call is computed, and nothing writes
        during one), so an entry whose pod is not in ``since(seen)`` is what computing it
        again would give.  Without one (or when the journal no longer keeps that far back) an
        entry is checked against its pod's resourceVersion instead."""
        journal = self.journal
        written = None if journal is None else journal.since(self.seen)
        if journal is not None:
            self.seen = journal.end()
        if written is None:
            return self._checked(pods)
        by_id = self.by_id
        # Dropped, not computed: a pod is often written several times.  (ids of live objects
        # are unique: ``pod`` is alive.)  The walks below are C loops (map, list.index): this
        # runs for every pod of the ReplicaSet on every sync, and most entries are kept.
        collections.deque(map(by_id.pop, map(id, written), itertools.repeat(None)), maxlen=0)
        # An entry keeps its pod alive, so the entry found under ``id(pod)`` is ``pod``'s own.
        out: list[PodFacts | None] = list(map(by_id.get, map(id, pods)))
        at = 0
        try:
            while True:
                at = out.index(None, at)
                out[at] = self.compute(pods[at])
        except ValueError:  # no pod left without its entry
            pass
        facts: list[PodFacts] = out  # type: ignore[assignment]
        self._prune(facts, len(pods))
        return facts, functools.reduce(operator.and_, map(_BITS, facts), _ALL_BITS)

    def _checked(self, pods: list[Obj]) -> tuple[list[PodFacts], int]:
        """``claimed`` with each cached entry checked against its pod's resourceVersion."""
        by_id = self.by_id
        out = []
        common_bits = ACTIVE | MATCHES | FULLY_LABELED | READY
        for pod in pods:
            # inlined: this runs for every pod of the ReplicaSet on every sync
            f = by_id.get(id(pod))
            if f is None or f[3] is not pod or f[0] != pod["metadata"].get("resourceVersion"):
                f = self.compute(pod)
            out.append(f)
            common_bits &= f[1]
        self._prune(out, len(pods))
        return out, common_bits

    def _prune(self, out: list[PodFacts], listed: int) -> None:
        if len(self.by_id) > 2 * listed + 64:  # mostly pods gone: keep only the listed ones
            keep = {id(f[3]) for f in out}
            self.by_id = {i: f for i, f in self.by_id.items() if i in keep}
            self.ranks = {i: r for i, r in self.ranks.items() if i in keep}


def facts_for(cluster: Cluster, rs: Obj, sel: Obj | None, kind: str) -> ReplicaSetFacts:
    """The cached facts of ``rs``'s pods, started afresh when its selector or its template's
    labels differ from those they were computed with."""
    tmpl = rs.get("spec", {}).get("template") or {}
    tmpl_labels = dict((tmpl.get("metadata") or {}).get("labels") or {})
    memo = cluster.memo("replicaset.pods")
    key = (kind, o.uid(rs))
    entry = memo.get(key)
    if entry is None or entry[0] != sel or entry[1] != tmpl_labels:
        copied = None if sel is None else o.deepcopy(sel)
        made = ReplicaSetFacts(sel, tmpl_labels, cluster.journal("Pod"))
        entry = memo[key] = (copied, tmpl_labels, made)
    facts: ReplicaSetFacts = entry[2]
    return facts


def status_counts(
    facts: list[PodFacts], min_ready: int, now: float
) -> tuple[int, int, int, float | None]:
    """calculateStatus' counts (fullyLabeled, ready, available) and when the next ready pod
    becomes available (minReadySeconds), from the pods' facts."""
    if not min_ready:  # each Ready pod's availability instant is 0.0: count the bits (C loops)
        fully = ready = 0
        for bits, n in collections.Counter(map(_BITS, facts)).items():
            if bits & FULLY_LABELED:
                fully += n
            if bits & READY:
                ready += n
        if now >= 0.0:
            return fully, ready, ready, None
        return fully, ready, 0, (0.0 if ready else None)
    fully = ready = available = 0
    wake: float | None = None
    for f in facts:
        bits = f[1]
        if bits & FULLY_LABELED:
            fully += 1
        if not bits & READY:
            continue
        ready += 1
        # podutil.IsPodAvailable: a Ready pod without a transition time counts as available
        at = 0.0 if not min_ready or f[2] is None else f[2] + min_ready
        if at <= now:
            available += 1
        elif wake is None or at < wake:
            wake = at
    return fully, ready, available, wake


# ----- which pods go first (ActivePodsWithRanks.Less, LogarithmicScaleDown on) -----------------


def _log_rank(t: float, now: float) -> int:
    d = (now - t) * 1e9
    return int(math.log2(d)) if d > 0 else -1


def rank_facts(pod: Obj) -> RankFacts:
    """The ranking's clock-free fields of one pod."""
    # the accessors of common/objects inlined: this runs for every changed pod of a scale-down
    meta = pod["metadata"]
    ann = meta.get("annotations")
    cost = 0
    if ann and _COST in ann:
        try:
            cost = int(ann[_COST])
        except ValueError:
            cost = 0
    status = pod.get("status", {})
    ready = False
    ready_time = None
    for c in status.get("conditions") or ():
        if c.get("type") == "Ready":
            if c.get("status") == "True":
                ready = True
                ready_time = _ts(c.get("lastTransitionTime"))
            break
    restarts = 0
    for cs in status.get("containerStatuses") or ():
        n = int(cs.get("restartCount", 0))
        if n > restarts:
            restarts = n
    return (
        meta.get("resourceVersion"),
        bool(pod.get("spec", {}).get("nodeName")),
        _PHASE_ORDINAL.get(status.get("phase", ""), 0),
        ready,
        cost,
        ready_time,
        restarts,
        _ts(meta.get("creationTimestamp")) or 0.0,
        str(meta.get("uid", "")),
    )


def ranked(pod: Obj, f: RankFacts, now: float) -> Ranked:
    """What the comparison reads: the pod's fields and their log ranks at ``now``."""
    rt = f[5]
    return (f, -1 if rt is None else _log_rank(rt, now), _log_rank(f[7], now), pod)


def _uid_order(a: str, b: str) -> int:
    return -1 if a < b else 1 if b < a else 0


def compare(a: Ranked, b: Ranked) -> int:
    """ActivePodsWithRanks.Less as a three-way comparison: -1 when ``a`` goes first, 1 when
    ``b`` does, 0 when neither is less (each criterion decides both directions alike)."""
    fa, a_rr, a_cr, _ = a
    fb, b_rr, b_cr, _ = b
    _, a_assigned, a_phase, a_ready, a_cost, a_rt, a_restarts, a_ct, a_uid = fa
    _, b_assigned, b_phase, b_ready, b_cost, b_rt, b_restarts, b_ct, b_uid = fb
    if a_assigned != b_assigned:
        return 1 if a_assigned else -1
    if a_phase != b_phase:
        return -1 if a_phase < b_phase else 1
    if a_ready != b_ready:
        return 1 if a_ready else -1
    if a_cost != b_cost:
        return -1 if a_cost < b_cost else 1
    # 5. rank (pods of the same owner on the same node) is equal on a single-node cluster.
    if a_ready and b_ready and a_rt != b_rt:
        if a_rt is None or b_rt is None:
            return -1 if a_rt is None else 1
        if a_rr == b_rr:
            return _uid_order(a_uid, b_uid)
        return -1 if a_rr < b_rr else 1
    if a_restarts != b_restarts:
        return -1 if a_restarts > b_restarts else 1
    if a_ct != b_ct:
        if a_cr == b_cr:
            return _uid_order(a_uid, b_uid)
        return -1 if a_cr < b_cr else 1
    return 0


def rank_pods(pods: list[Obj], now: float) -> list[Obj]:
    """Pods in deletion order (first = deleted first)."""
    return _sorted([ranked(p, rank_facts(p), now) for p in pods])


_POD = operator.itemgetter(3)  # a Ranked's pod


def _sorted(items: list[Ranked], n: int | None = None) -> list[Obj]:
    """The pods in ranking order (the first ``n`` of them when given)."""
    items.sort(key=functools.cmp_to_key(compare))
    return list(map(_POD, items if n is None else items[:n]))


def get_pods_to_delete(pods: list[Obj], n: int, now: float) -> list[Obj]:
    """Port of getPodsToDelete: rank only when some pods survive."""
    if n < len(pods):
        return rank_pods(pods, now)[:n]
    return list(pods[:n])


def victims(
    pods: list[Obj], facts: list[PodFacts], n: int, now: float, cache: ReplicaSetFacts
) -> list[Obj]:
    """``get_pods_to_delete`` of pods whose claim facts are ``facts`` (same order), with their
    ranking fields from ``cache.ranks`` where they were taken at the same resourceVersion (and
    the pods are those of the claim: ``cache.by_id`` keeps them, so their ids are theirs)."""
    if n >= len(pods):
        return list(pods[:n])
    ranks = cache.ranks
    # C loops (map, zip, list.index) over the pods: this runs for every pod of a scale-down.
    # An entry is the pod's when it was computed at the resourceVersion of the claim's facts
    # (of this pod at this version: ``claimed``); a missing one reads as a version no pod has.
    no_ranks = itertools.repeat(_NO_RANKS)
    found: list[RankFacts] = list(map(ranks.get, map(id, pods), no_ranks))  # type: ignore[arg-type]
    stale = list(map(operator.ne, map(_RV, found), map(_RV, facts)))
    at = 0
    try:
        while True:
            at = stale.index(True, at)
            pod = pods[at]
            found[at] = ranks[id(pod)] = rank_facts(pod)
            at += 1
    except ValueError:  # every entry is of its pod at its version
        pass
    # log ranks at ``now`` by instant (a function of it; the pods' times are whole seconds,
    # so a scale-down of thousands of pods sees a few of them)
    ready_times, created = list(map(_READY_TIME, found)), list(map(_CREATED, found))
    log_ranks: dict[float | None, int] = {t: _log_rank(t, now) for t in set(created)}
    for t in set(ready_times):
        log_ranks[t] = -1 if t is None else _log_rank(t, now)
    rank_of = log_ranks.__getitem__
    items: list[Ranked] = list(
        zip(found, map(rank_of, ready_times), map(rank_of, created), pods, strict=True)
    )
    return _sorted(items, n)
