"""Closed-form catch-up of CronJobs in a periodic regime [SIM] (issue 13: an idle cluster wakes in
milliseconds).

A clock move over many scheduled runs of a CronJob fires each run's timers one by one: the Job,
its pod's whole lifecycle, the Events, the history-limit deletions.  Once the cluster is in a
periodic regime, every period of ``period`` seconds makes the same writes, modulo counters and
the names and times derived from them.  ``Watch`` proves that and jumps whole periods:

* At each boundary (a multiple of the period, before its timers fire) it compares a cheap
  signature (what the period did to the counters, the object counts, the Events of the last
  TTL); once two boundaries agree it takes snapshots: the saved state as JSON text, without
  what stays as it is until the move ends (Events last seen more than a TTL and a period ago,
  which the move's last expiry deletes), the Event shard index (rebuilt from the moved Events)
  and the event LRU caches but for their entries touched in the last period.
* The text is cut into tokens (numbers, timestamps, uids, pod IPs, words) and separators.  Four
  snapshots in a row whose separators agree, and whose every token is either constant or moves
  by one fixed step per period under a rule that is exact for any number of periods, prove the
  regime: decimal and hex integers (resourceVersions, sequence numbers, Event-name stamps, Job
  names' minutes), timestamps and instants (by exactly the period: a Job that starts later each
  time drifts and does not fit), the pod IP allocator's ordinal, the seeded draws of ``ids.Rng``
  (recognised from a log of this move's draws: the value at ``counter + k * step`` is drawn
  again, one hash) and the correlation cache's keys (a log of the hashed identities: the
  identity text is moved by the same rules and hashed again).
* The jump writes the state ``k`` periods on: each token moved ``k`` steps; the LRU caches get
  the blocks of the last periods that stay in them.  The Events of the periods jumped over are
  not written: the move's last expiry would delete them, so they leave only the
  resourceVersions their deletions take (added after it).  Then the loop steps the last two
  periods one by one.

Anything that does not repeat exactly (another controller's timer inside the window, a Job
still backing off, a schedule that is not the same every period, a watch open on the state)
shows as a token that does not fit: the loop then steps as before.
"""

from __future__ import annotations

import itertools
import json
import re
from decimal import Decimal

from minikube_lite import clock, ids
from minikube_lite.api import cron
from minikube_lite.store import events
from minikube_lite.store.cluster import EVENT_SHARD_SEEN, Cluster, last_seen
from minikube_lite.store.segments import shard_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

# Candidate periods: whole minutes that divide a day (boundaries fall on the same times each
# day).  A schedule is caught up when its times in a day repeat each period.
PERIODS = tuple(p for p in range(60, 86401, 60) if 86400 % p == 0)
# A longer schedule (daily) steps: its year is a few hundred runs, and the cycle observer
# (controllers/kubelet/cycles.py) then still jumps a crash loop between them.
MAX_PERIOD = 3600
SNAPSHOTS = 4  # boundaries compared (three steps that agree)
TAIL = 2  # periods stepped after a jump
MAX_OBJECTS = 5000  # larger states step (a snapshot is the whole state's text)
MAX_TRIES = 4  # regimes that may fail to fit before the watch gives up
MAX_DOUBLINGS = 2
MAX_LOG = 200_000  # seeded draws logged before the watch gives up (memory)
LRUS = ("eventAggregates", "eventCorrelation")
LRU_SIZES = {"eventAggregates": events.MAX_RECORDS, "eventCorrelation": events.CORRELATION_CACHE}

_END = r"(?![0-9A-Za-z])"  # a token ends where a word would
_KINDS = (
    ("time", r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z"),
    ("ip", r"10\.244\.\d+\.\d+" + _END),
    ("uid", r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}" + _END),
    ("decimal", r"\d+\.\d+" + _END),  # (not "tick-28401450.17a6...": an Event name)
    ("word", r"[A-Za-z0-9]+"),
)
_TOKEN = re.compile("(" + "|".join(f"(?:{p})" for _, p in _KINDS) + ")")  # first one wins
_KIND_RE = [(name, re.compile(p)) for name, p in _KINDS]
_IP_BLOCKS = 65022  # the pod IP allocator's addresses: ordinals 2 .. 65023 (kubelet.allocate_ip)


def period_of(cluster: Cluster) -> int | None:
    """The period of every CronJob's schedule, or None when one has none we can use (a
    schedule that is not the same each period of a day, a time zone, a deadline)."""
    found = 0
    for cj in cluster.list("CronJob"):
        spec = cj.get("spec") or {}
        if spec.get("suspend"):
            continue
        if spec.get("timeZone") or spec.get("startingDeadlineSeconds") is not None:
            return None
        job = (spec.get("jobTemplate") or {}).get("spec") or {}
        if int(job.get("parallelism") or 1) > 1 or int(job.get("completions") or 1) > 1:
            return None  # pods of one Job at one instant sync in the order of random names
        text = str(spec.get("schedule") or "")
        fields = text.split()
        if len(fields) == 5 and fields[2:] != ["*", "*", "*"]:
            return None
        if len(fields) != 5 and text not in ("@hourly", "@daily", "@midnight"):
            return None
        try:
            sched = cron.parse(text)
        except cron.CronError:
            return None
        p = _schedule_period(sched)
        if p is None or p > MAX_PERIOD:
            return None
        found = max(found, p)
    return found or None


def _schedule_period(sched: cron.Schedule) -> int | None:
    """The smallest candidate period under which a day's times of ``sched`` repeat."""
    day0 = 1704067200.0  # 2024-01-01T00:00:00Z (every day is alike: no weekday, month, zone)
    times: list[float] = []
    t = day0 - 1
    while True:
        nxt = cron.next_after(sched, t)
        if nxt is None or nxt >= day0 + 86400:
            break
        times.append(nxt - day0)
        t = nxt
    if not times:
        return None
    have = set(times)
    for p in PERIODS:
        if all((x + p) % 86400 in have for x in times):
            return p
    return None


class _Logs:
    """The seeded draws and hashed event identities of this move, by their output."""

    def __init__(self) -> None:
        self.draws: dict[str, tuple[str, int, int]] = {}  # output -> (method, n, counter before)
        self.hashes: dict[str, str] = {}  # hexdigest -> identity text


class _LoggingRng(ids.Rng):
    """An ``ids.Rng`` that logs what it draws (the same values: the state is the counter)."""

    __slots__ = ("log",)

    def __init__(self, rng: ids.Rng, log: _Logs) -> None:
        super().__init__(rng.seed, rng.counter)
        self.log = log

    def suffix(self, n: int = 5) -> str:
        c = self.counter
        out = ids.Rng.suffix(self, n)
        self.log.draws[out] = ("suffix", n, c)
        return out

    def uid(self) -> str:
        c = self.counter
        out = ids.Rng.uid(self)
        self.log.draws[out] = ("uid", 0, c)
        return out

    def hex(self, n: int) -> str:
        c = self.counter
        out = ids.Rng.hex(self, n)
        self.log.draws[out] = ("hex", n, c)
        return out


_DRAWN: dict[tuple[int, str, int, int], str] = {}  # one jump draws each value several times


def _draw(seed: int, method: str, n: int, counter: int) -> str:
    key = (seed, method, n, counter)
    found = _DRAWN.get(key)
    if found is None:
        if len(_DRAWN) > 100_000:
            _DRAWN.clear()
        found = _DRAWN[key] = _draw_new(seed, method, n, counter)
    return found


def _draw_new(seed: int, method: str, n: int, counter: int) -> str:
    rng = ids.Rng(seed, counter)
    if method == "suffix":
        return rng.suffix(n)
    if method == "uid":
        return rng.uid()
    return rng.hex(n)


class _LoggedHash:
    __slots__ = ("h", "log", "text")

    def __init__(self, log: _Logs, data: bytes, digest_size: int) -> None:
        self.h = ids.blake2b()(data, digest_size=digest_size)
        self.log, self.text = log, data

    def hexdigest(self) -> str:
        out: str = self.h.hexdigest()
        self.log.hashes[out] = self.text.decode()
        return out


class _Snap:
    """One boundary's text, cut into separators and tokens when it is compared."""

    __slots__ = ("_cut", "boundary", "live", "lrus", "shape", "text")

    def __init__(self, boundary: float, text: str, live: set[str], lrus: dict[str, str]) -> None:
        self.boundary, self.text, self.live, self.lrus = boundary, text, live, lrus
        # equal in every snapshot of a periodic regime (its separators are): a cheap first test
        self.shape = tuple(t.count(c) for t in (text, *lrus.values()) for c in '{[,:"')
        self._cut: tuple[list[str], list[str]] | None = None

    @property
    def cut(self) -> tuple[list[str], list[str]]:
        if self._cut is None:
            self._cut = _split(self.text)
        return self._cut


def _split(text: str) -> tuple[list[str], list[str]]:
    """The separators and tokens of ``text`` (one more separator than tokens)."""
    parts = _TOKEN.split(text)
    return parts[0::2], parts[1::2]


def _kind(token: str) -> str:
    """Which of _KINDS matched ``token`` (the first whose match is the whole token)."""
    for name, pattern in _KIND_RE:
        m = pattern.match(token)
        if m is not None and m.end() == len(token):
            return name
    return "word"


class NoFit(Exception):
    """A token that does not move by a fixed step per period."""


class Watch:
    """Snapshots at period boundaries during one advance_to; jumps once four agree."""

    def __init__(self, cluster: Cluster, period: int) -> None:
        self.cluster, self.period = cluster, float(period)
        self.log = _Logs()
        self.snaps: list[_Snap] = []
        self.next_boundary = (cluster.now // period + 1) * period
        self.tries = 0
        # boundary -> (eventSeq, resourceVersion, rng counter, timerSeq) there; the signature
        # of the last boundary and how many boundaries in a row had it
        self.history: dict[float, tuple[int, int, int, int]] = {}
        self.signature: tuple[Any, ...] | None = None
        self.same = 0
        self.sigs: list[tuple[Any, ...] | None] = []  # the last boundaries' signatures
        self.doubled = 0
        # how far back an Event can be live at a boundary (see _snapshot), in whole periods
        self.window = float(-(-(events.TTL + self.period + 1) // self.period) * self.period)
        self.phantom_rvs = 0  # deletions of jumped Events the move's last expiry would do
        self.done = False
        self._rng = cluster.rng
        cluster.rng = _LoggingRng(cluster.rng, self.log)
        self._b2 = events._B2
        events._B2 = lambda data, digest_size: _LoggedHash(self.log, data, digest_size)

    def close(self) -> None:
        """Put the plain generator and hash back (the counter carries on); idempotent."""
        if self.cluster.rng is not self._rng:
            self._rng.counter = self.cluster.rng.counter
            self.cluster.rng = self._rng
            events._B2 = self._b2

    def _give_up(self) -> bool:
        self.done = True
        self.close()
        return False

    def before(self, at: float, t: float) -> bool:
        """Called before the timers at ``at`` fire (the last at ``t``); True when the state
        jumped to a later boundary (the caller reads the next timer again)."""
        if self.done or at < self.next_boundary:
            return False
        b = (at // self.period) * self.period  # the last boundary at or before ``at``
        if b != self.next_boundary:  # a period without a timer: compare from here on
            self.snaps.clear()
        self.next_boundary = b + self.period
        cluster = self.cluster
        if cluster.changes or any(cluster.queues.values()):
            self.snaps.clear()
            return False
        if cluster._watches or cluster._kind_watches or len(self.log.draws) > MAX_LOG:
            return self._give_up()
        sig = self._signature(b)
        self.same = self.same + 1 if sig is not None and sig == self.signature else 0
        self.signature = sig
        sigs = self.sigs
        sigs.append(sig)
        del sigs[:-5]
        if self.same == 0:
            self.snaps.clear()
            if _alternating(sigs) and self.doubled < MAX_DOUBLINGS:
                self._double()
            return False
        snap = self._snapshot(b)
        if snap is None:
            return self._give_up()
        self.snaps.append(snap)
        del self.snaps[:-SNAPSHOTS]
        if len(self.snaps) < SNAPSHOTS:
            return False
        k = int((t - b) // self.period) - TAIL
        if k * self.period <= events.TTL + 2 * self.period:
            return self._give_up()
        try:
            self._jump(k)
        except NoFit:
            self.tries += 1
            if self.tries >= MAX_TRIES:
                self._give_up()
            self.snaps.clear()
            self.same = 0
            return False
        self._give_up()
        return True

    def _double(self) -> None:
        """A regime of two periods (a Forbid Job longer than one, every other run): watch
        twice the period, if a day is still a whole number of them."""
        period = 2 * self.period
        if 86400 % period or period > 2 * MAX_PERIOD:
            self.doubled = MAX_DOUBLINGS
            return
        self.period, self.doubled = period, self.doubled + 1
        self.window = float(-(-(events.TTL + period + 1) // period) * period)
        self.history.clear()
        self.signature, self.same = None, 0
        self.sigs.clear()
        self.next_boundary = (self.cluster.now // period + 1) * period

    # ----- snapshots --------------------------------------------------------------------------
    def _signature(self, boundary: float) -> tuple[Any, ...] | None:
        """What one period changed, in counts (cheap: no object is read): equal in every period
        of a periodic regime.  None until a whole Event lifetime has been seen."""
        cluster = self.cluster
        doc = cluster.doc
        here = (
            int(doc.get("eventSeq", 0)),
            cluster.resource_version,
            cluster.rng.counter,
            int(doc.get("timerSeq", 0)),
        )
        history = self.history
        history[boundary] = here
        prev = history.get(boundary - self.period)
        old = history.get(boundary - self.window)
        for b in [x for x in history if x < boundary - self.window]:
            del history[b]
        if prev is None or old is None:
            return None
        counts = tuple((kind, len(b)) for kind, b in doc["objects"].items() if kind != "Event")
        return (
            counts,
            tuple(x - y for x, y in zip(here, prev, strict=True)),
            here[0] - old[0],
            len(cluster.timers),
        )

    def _snapshot(self, boundary: float) -> _Snap | None:
        """The state at ``boundary`` as text, without what stays as it is until the move ends:
        Events last seen more than a TTL and a period ago (an Event seen every period, even a
        period of an hour, stays in), the shard index (rebuilt from the moved Events) and the
        event LRU caches but for their entries touched in the last period."""
        doc = self.cluster.to_doc()
        objects = doc.get("objects") or {}
        if sum(len(b) for b in objects.values()) > MAX_OBJECTS:
            return None
        live_after = boundary - self.period - 1 - events.TTL
        view: dict[str, Any] = {}
        evs: dict[str, Any] = {}
        for key, value in doc.items():
            if key == "objects":
                view[key] = objs = {kind: dict(bucket.items()) for kind, bucket in value.items()}
                if "Event" in objs:
                    evs = objs["Event"]
                    objs["Event"] = {
                        k: ev for k, ev in evs.items() if _seen(ev, boundary) > live_after
                    }
            elif key == "clock":
                view[key] = {**value, "now": boundary}
            elif key == "timers":
                view[key] = sorted(value)
            elif key == "sim":
                view[key] = _sim_view(value)
            elif key != EVENT_SHARD_SEEN:
                view[key] = value
        sim = doc.get("sim") or {}
        since = boundary - self.period
        lrus = {name: json.dumps(_recent(name, sim.get(name) or {}, evs, since)) for name in LRUS}
        live = set((view.get("objects") or {}).get("Event") or ())
        return _Snap(boundary, json.dumps(view), live, lrus)

    # ----- the jump ---------------------------------------------------------------------------
    def _jump(self, k: int) -> None:
        snaps = self.snaps
        last = snaps[-1]
        seed = self.cluster.rng.seed
        if any(s.shape != last.shape for s in snaps):
            raise NoFit("the shape changed")
        new = json.loads(self._movers([s.cut for s in snaps], seed)(k))
        lrus = {}
        for name in LRUS:
            blocks = [_split(s.lrus[name]) for s in snaps]
            lrus[name] = (self._movers(blocks, seed), len(json.loads(snaps[-1].lrus[name])))
        target = last.boundary + k * self.period
        if new["clock"]["now"] != target:
            raise NoFit("the clock does not move with the period")
        if any(tm[0] <= target for tm in new.get("timers") or ()):
            raise NoFit("a timer does not move with the period")
        first_seq = _seq(snaps[0].text)
        step_seq = (_seq(last.text) - first_seq) // (len(snaps) - 1)
        self._apply(new, k, step_seq, lrus)

    def _mover(self, texts: tuple[str, ...], seed: int) -> Callable[[int], str]:
        """The token ``j`` periods after the last of ``texts`` (one per snapshot; not all
        equal)."""
        last = texts[-1]
        kind = _kind(last)
        if any(_kind(x) != kind for x in texts):
            raise NoFit(last)
        if kind == "time":
            return _move_time(list(texts), self.period)
        if kind == "ip":
            return _move_ip(list(texts))
        if kind == "decimal":
            return _move_decimal(list(texts), self.period)
        drawn = [self.log.draws.get(x) for x in texts]
        if all(d is not None for d in drawn):
            return _move_draw(drawn, seed)  # type: ignore[arg-type]
        if kind == "uid":
            raise NoFit(last)
        hashed = [self.log.hashes.get(x) for x in texts]
        if all(h is not None for h in hashed):
            return self._move_hash(hashed, seed)  # type: ignore[arg-type]
        return _move_int(list(texts))

    def _movers(self, splits: list[tuple[list[str], list[str]]], seed: int) -> Callable[[int], str]:
        """The whole text ``j`` periods after the last of ``splits`` (texts cut by _split)."""
        seps, toks = splits[-1]
        if any(len(s[1]) != len(toks) or s[0] != seps for s in splits):
            raise NoFit("the shape changed")
        # runs of separators and constant tokens joined, a mover between them
        pieces: list[str | Callable[[int], str]] = []
        run: list[str] = []
        for sep, column in zip(seps, zip(*(s[1] for s in splits), strict=True), strict=False):
            run.append(sep)
            last = column[-1]
            if column.count(last) == len(column):
                run.append(last)
                continue
            pieces.append("".join(run))
            run = []
            pieces.append(self._mover(column, seed))
        run.append(seps[-1])
        pieces.append("".join(run))

        def render(j: int) -> str:
            return "".join([p if p.__class__ is str else p(j) for p in pieces])  # type: ignore[operator]

        return render

    def _move_hash(self, pre: list[str], seed: int) -> Callable[[int], str]:
        render = self._movers([_split(p) for p in pre], seed)
        b2 = ids.blake2b()
        return lambda j: str(b2(render(j).encode(), digest_size=8).hexdigest())

    def _apply(
        self,
        new: dict[str, Any],
        k: int,
        step_seq: int,
        lrus: dict[str, tuple[Callable[[int], str], int]],
    ) -> None:
        """Write the moved state into the cluster's: the Events of the last TTL added to the
        real ones (whose removal the move's last expiry does, as step by step), the LRU caches
        replayed, everything else replaced."""
        cluster = self.cluster
        doc = cluster.doc
        for key, value in new.items():
            if key == "objects":
                self._apply_objects(value, k, step_seq)
            elif key == "clock":
                doc["clock"]["now"] = cluster.now = float(value["now"])
            elif key == "timers":
                cluster.timers[:] = value  # sorted: a heap
                cluster._timer_set = {(tm[0], tm[2], tm[3]) for tm in cluster.timers}
            elif key == "sim":
                sim = doc.setdefault("sim", {})
                for name, (render, size) in lrus.items():
                    _replay_lru(sim.setdefault(name, {}), render, size, k, LRU_SIZES[name])
                _apply_sim(sim, value)
            elif key == "rngCounter":
                doc[key] = value
                cluster.rng.counter = int(value)
            else:
                doc[key] = value
        # what was derived from the old objects goes
        cluster._owner_index = {}
        cluster._journals = {}
        if getattr(cluster, "_memos", None) is not None:
            cluster._memos = {}

    def _apply_objects(self, objects: dict[str, Any], k: int, step_seq: int) -> None:
        doc = self.cluster.doc
        live = self.snaps[-1].live
        for kind, objs in objects.items():
            bucket = doc["objects"].setdefault(kind, {})
            if kind != "Event":
                _replace(bucket, objs)
                continue
            fresh = 0
            index = doc.get(EVENT_SHARD_SEEN)
            for key, ev in objs.items():
                if key not in live:
                    fresh += 1
                    if isinstance(index, dict):
                        _note_new(index, key, ev)
                bucket[key] = ev
            self.phantom_rvs += k * step_seq - fresh


def _alternating(sigs: list[tuple[Any, ...] | None]) -> bool:
    """Five signatures a, b, a, b, a (a != b): a regime of two periods."""
    if len(sigs) < 5 or None in sigs:
        return False
    a, b = sigs[-1], sigs[-2]
    return a != b and sigs[-3] == a == sigs[-5] and sigs[-4] == b


def _seen(ev: Any, default: float) -> float:
    seen = last_seen(ev)
    return default if seen is None else seen


def _sim_view(sim: dict[str, Any]) -> dict[str, Any]:
    """The simulator state without the event LRU caches; the pod IP allocator's next address
    as the last one given, so that its move skips .0 and .255 as allocate_ip does."""
    view = {
        k: dict(v.items()) if isinstance(v, dict) else v for k, v in sim.items() if k not in LRUS
    }
    ipam = view.get("podIPAM")
    if isinstance(ipam, dict) and isinstance(ipam.get("next"), int):
        n = ipam["next"] - 1
        view["podIPAM"] = {**ipam, "next": f"10.244.{n >> 8}.{n & 255}"}
    return view


def _apply_sim(sim: dict[str, Any], value: dict[str, Any]) -> None:
    for key, moved in value.items():
        if key == "podIPAM" and isinstance(moved, dict):
            moved = {**moved, "next": _ip_next(moved["next"])}
        cur = sim.get(key)
        if isinstance(cur, dict) and isinstance(moved, dict):
            _replace(cur, moved)
        else:
            sim[key] = moved


def _replace(bucket: dict[str, Any], objs: dict[str, Any]) -> None:
    """``bucket`` (a segment map, perhaps) made equal to ``objs``, in its order."""
    for gone in [x for x in bucket if x not in objs]:
        del bucket[gone]
    for key, obj in objs.items():
        bucket[key] = obj
    if list(bucket) != list(objs):  # (a kept key that moved: the order is the saved order)
        bucket.clear()
        bucket.update(objs)


def _recent(name: str, lru: dict[str, Any], evs: Any, since: float) -> dict[str, Any]:
    """The entries of an event LRU cache touched after ``since`` (a suffix: most recent last)."""
    items = list(lru.items())
    i = len(items)
    while i > 0:
        value = items[i - 1][1]
        if name == "eventAggregates":
            touched = float(value.get("t") or 0.0)
        else:
            ev = evs.get(value)
            seen = last_seen(ev) if ev is not None else None
            touched = -1.0 if seen is None else seen
        if touched < since:  # (Event times are whole seconds: one at since + 0.1 reads since)
            break
        i -= 1
    return dict(items[i:])


def _replay_lru(
    lru: dict[str, Any], render: Callable[[int], str], size: int, k: int, limit: int
) -> None:
    """An event LRU cache after ``k`` periods, each touching the entries of one block (its
    keys moved to the end, the least recently touched evicted beyond ``limit``): the blocks
    of the last periods only, as many as can stay in the cache."""
    blocks: list[dict[str, Any]] = []
    seen: set[str] = set()
    j = k
    while j >= 1 and len(seen) < limit:
        block = json.loads(render(j))
        if len(block) != size:
            raise NoFit("an LRU block changed size")
        blocks.append(block)
        seen.update(block)
        j -= 1
    order: dict[str, Any] = {}
    for block in reversed(blocks):
        for key, value in block.items():
            order.pop(key, None)
            order[key] = value
    if j >= 1:  # the blocks before these fill the cache: none of the old entries stays
        old: list[tuple[str, Any]] = []
    else:
        old = [(x, y) for x, y in lru.items() if x not in order]
    entries = old + list(order.items())
    entries = entries[-limit:]
    lru.clear()
    lru.update(entries)


def _note_new(index: dict[str, float], key: str, ev: Any) -> None:
    """The shard index bound a new Event set when it was inserted (Cluster.insert_event): its
    first last-seen time; count bumps only raise it."""
    first = ev.get("eventTime") if ev.get("eventTime") else ev.get("firstTimestamp")
    seen = clock.parse_time(first) if first else None
    if seen is None:
        return
    shard = shard_of(key)
    if shard not in index or seen < index[shard]:
        index[shard] = seen


def _ip_next(last: object) -> object:
    """podIPAM's ``next`` back from the last address given (see _snapshot)."""
    if not isinstance(last, str):
        return last
    b, r = (int(x) for x in last.split(".")[2:])
    return 256 * b + r + 1


def _seq(text: str) -> int:
    m = re.search(r'"eventSeq": (\d+)', text)
    return int(m.group(1)) if m else 0


def _step(xs: list[int]) -> int:
    d = xs[1] - xs[0]
    if any(b - a != d for a, b in itertools.pairwise(xs)):
        raise NoFit(str(xs))
    return d


def _move_int(texts: list[str]) -> Callable[[int], str]:
    last = texts[-1]
    if all(x.isdigit() and (x == "0" or x[0] != "0") for x in texts):
        xs = [int(x) for x in texts]
        d = _step(xs)
        return lambda j: str(xs[-1] + j * d)
    if all(re.fullmatch(r"[0-9a-f]+", x) and len(x) == len(last) for x in texts):
        hs = [int(x, 16) for x in texts]
        hd = _step(hs)
        width = len(last)

        def hexed(j: int) -> str:
            v = hs[-1] + j * hd
            out = format(v, f"0{width}x")
            if len(out) != width or v < 0:
                raise NoFit(last)
            return out

        return hexed
    raise NoFit(last)


def _move_decimal(texts: list[str], period: float) -> Callable[[int], str]:
    """An instant (seconds): it moves by the period (see _move_time)."""
    places = len(texts[-1].split(".")[1])
    if any(len(x.split(".")[1]) != places for x in texts):
        raise NoFit(texts[-1])
    xs = [Decimal(x) for x in texts]
    d = xs[1] - xs[0]
    if d != Decimal(repr(period)) or any(b - a != d for a, b in itertools.pairwise(xs)):
        raise NoFit(texts[-1])

    def moved(j: int) -> str:
        out = f"{xs[-1] + j * d:.{places}f}"
        if repr(float(out)) != out:  # what json.dumps of the float would write
            raise NoFit(out)
        return out

    return moved


def _move_time(texts: list[str], period: float) -> Callable[[int], str]:
    """A timestamp: in a periodic regime every instant that moves moves by exactly the period
    (a Job that starts 4 s later each period drifts: its names will not stay arithmetic)."""
    frac = [x[19:-1] for x in texts]  # "" or ".123456"
    if any(len(f) != len(frac[-1]) for f in frac):
        raise NoFit(texts[-1])
    secs = [clock.parse_time(x[:19] + "Z") or 0.0 for x in texts]
    micros = [int(f[1:].ljust(6, "0")[:6]) if f else 0 for f in frac]
    xs = [round(s) * 1_000_000 + m for s, m in zip(secs, micros, strict=True)]
    d = _step(xs)
    if d != round(period * 1_000_000):
        raise NoFit(texts[-1])
    digits = len(frac[-1]) - 1

    def moved(j: int) -> str:
        v = xs[-1] + j * d
        base = clock.rfc3339(float(v // 1_000_000))
        if digits < 0:
            if v % 1_000_000:
                raise NoFit(texts[-1])
            return base
        return f"{base[:-1]}.{str(v % 1_000_000).rjust(6, '0')[:digits]}Z"

    return moved


def _ordinal(ip: str) -> int:
    b, r = (int(x) for x in ip.split(".")[2:])
    return 254 * b + r - 1


def _move_ip(texts: list[str]) -> Callable[[int], str]:
    xs = [_ordinal(x) for x in texts]
    d = (xs[1] - xs[0]) % _IP_BLOCKS
    if any((b - a) % _IP_BLOCKS != d for a, b in itertools.pairwise(xs)):
        raise NoFit(texts[-1])

    def moved(j: int) -> str:
        v = 2 + (xs[-1] - 2 + j * d) % _IP_BLOCKS
        b, r = divmod(v, 254)
        return f"10.244.{b}.{r + 1}"

    return moved


def _move_draw(drawn: list[tuple[str, int, int]], seed: int) -> Callable[[int], str]:
    method, n = drawn[-1][0], drawn[-1][1]
    if any(d[0] != method or d[1] != n for d in drawn):
        raise NoFit(method)
    d = _step([x[2] for x in drawn])
    return lambda j: _draw(seed, method, n, drawn[-1][2] + j * d)
