"""The server's watch event log: every change to a tracked kind, in resourceVersion order.

Like the API server's watch cache, one log serves every watcher.  Changes arrive two ways:
- the server's own cycles (``ApiServer.look``: requests, the clock's ticks) record each write
  as it happens (``Cluster.watch_kinds``), intermediate ones included, so a rollout's every
  status step is a MODIFIED event;
- another process (mkl's CLI in a shell) saved meanwhile: the next cycle's load sees a
  resourceVersion above the last one the log knows and compares the tracked kinds with the
  last versions it holds (several writes made elsewhere between two looks are one event).
  A poller thread looks (no save, no clock catch-up) whenever the saved state's stamp changed.
A kind is tracked from the first list or watch of it (Events from the first watch only); the
log keeps the last KEEP events: a watch from an older resourceVersion is 410 Gone.
"""

from __future__ import annotations

import bisect
import threading
from collections import deque
from typing import Any, NamedTuple

from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj

KEEP = 4096  # events kept for watches that start from a resourceVersion
POLL = 0.1  # wall seconds between two looks at the saved state's stamp


class Event(NamedTuple):
    rv: int
    type: str  # ADDED, MODIFIED, DELETED
    kind: str
    key: str
    obj: Obj
    now: float  # simulated time of the change (a Table row's Age)


def _rv(obj: Obj) -> int:
    try:
        return int(obj.get("metadata", {}).get("resourceVersion") or 0)
    except (TypeError, ValueError):
        return 0


class Hub:
    """The event log and what it knows of the tracked kinds (a copy of each object)."""

    def __init__(self, resource_version: int) -> None:
        self.cond = threading.Condition()
        self.events: deque[Event] = deque()
        self.first_seq = 0  # sequence number of events[0]
        self.known_rv = resource_version  # every change up to here is in the log
        self.oldest = resource_version  # the log holds every event after this
        self.seen: dict[str, dict[str, Obj]] = {}
        self.since_rv: dict[str, int] = {}  # kind -> the resourceVersion tracking started at
        self._pending: list[tuple[str, str, Obj, bool]] | None = None
        self.kick = threading.Event()  # set on every change: the clock's tick thread re-plans

    # ----- fed by ApiServer.look (under the cycle lock) ----------------------------------------
    def on_load(self, cluster: Any) -> None:
        """Before the cycle's clock catch-up: changes made elsewhere, then record this cycle."""
        if cluster.resource_version > self.known_rv:
            self._catch_up(cluster)
        self._pending = cluster.watch_kinds(kinds.KINDS)  # filtered by commit

    def commit(self, cluster: Any) -> None:
        """After the cycle saved: its writes become events."""
        writes, self._pending = self._pending, None
        if writes:
            self.kick.set()  # timers may have moved
        out: list[Event] = []
        rv, now = self.known_rv, float(cluster.now)
        for kind, key, obj, deleted in writes or ():
            bucket = self.seen.get(kind)
            if bucket is None:
                continue
            if deleted:
                rv += 1
                bucket.pop(key, None)
                out.append(Event(rv, "DELETED", kind, key, _deleted_at(obj, rv), now))
                continue
            rv = max(rv, _rv(obj))
            out.append(Event(rv, "MODIFIED" if key in bucket else "ADDED", kind, key, obj, now))
            bucket[key] = obj
        self.known_rv = max(self.known_rv, cluster.resource_version)
        self._publish(out)

    def track(self, cluster: Any, kind: str) -> None:
        """Start keeping ``kind``'s events (inside a cycle, before it reads the kind)."""
        if kind in self.seen:
            return
        self.seen[kind] = {k: o.deepcopy(v) for k, v in cluster.objects.get(kind, {}).items()}
        self.since_rv[kind] = cluster.resource_version

    def _catch_up(self, cluster: Any) -> None:
        """The tracked kinds' changes another process saved since the log's last version."""
        rv_now, now = cluster.resource_version, float(cluster.now)
        out: list[Event] = []
        for kind, bucket in self.seen.items():
            current = cluster.objects.get(kind, {})
            for key, obj in current.items():
                old = bucket.get(key)
                if old is None or _rv(old) != _rv(obj):
                    copy = o.deepcopy(obj)
                    typ = "ADDED" if old is None else "MODIFIED"
                    out.append(Event(_rv(obj), typ, kind, key, copy, now))
                    bucket[key] = copy
            for key in [k for k in bucket if k not in current]:
                gone = _deleted_at(bucket.pop(key), rv_now)
                out.append(Event(rv_now, "DELETED", kind, key, gone, now))
        out.sort(key=lambda e: e.rv)
        self.known_rv = rv_now
        self._publish(out)

    def _publish(self, events: list[Event]) -> None:
        with self.cond:
            self.events.extend(events)
            while len(self.events) > KEEP:
                dropped = self.events.popleft()
                self.first_seq += 1
                self.oldest = dropped.rv
            self.cond.notify_all()
        if events:
            self.kick.set()

    # ----- read by watchers ---------------------------------------------------------------------
    def position_after(self, rv: int, kind: str) -> int | None:
        """The sequence number of the first event after ``rv``; None when the log lost some."""
        with self.cond:
            if rv < max(self.oldest, self.since_rv.get(kind, self.known_rv)):
                return None
            rvs = [e.rv for e in self.events]
            return self.first_seq + bisect.bisect_right(rvs, rv)

    def existed_before(self, seq: int, kind: str) -> set[str]:
        """Keys of ``kind`` whose first event from ``seq`` on is not ADDED: they existed then."""
        first: dict[str, str] = {}
        with self.cond:
            for e in list(self.events)[max(0, seq - self.first_seq) :]:
                if e.kind == kind:
                    first.setdefault(e.key, e.type)
        return {key for key, typ in first.items() if typ != "ADDED"}

    def since(self, seq: int, timeout: float) -> tuple[list[Event], int]:
        """The events from ``seq`` on (waiting up to ``timeout`` for one); the next seq."""
        with self.cond:
            end = self.first_seq + len(self.events)
            if seq >= end:
                self.cond.wait(timeout)
                end = self.first_seq + len(self.events)
            start = max(seq, self.first_seq)
            got = [self.events[i - self.first_seq] for i in range(start, end)]
            return got, end

    def wake(self) -> None:
        with self.cond:
            self.cond.notify_all()


def _deleted_at(obj: Obj, rv: int) -> Obj:
    """A DELETED event's object: the last version, at the delete's resourceVersion."""
    copy = o.deepcopy(obj)
    copy.setdefault("metadata", {})["resourceVersion"] = str(rv)
    return copy
