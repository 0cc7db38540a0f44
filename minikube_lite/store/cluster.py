"""The in-memory cluster: objects by kind, bookkeeping, indexes, timers and the change feed.

Controllers and ops read and write through this class.  Writes record a change
``(kind, key)``; the reconcile loop (controllers/loop.py) turns changes into work queue entries,
the way informer event handlers do upstream.  Timers are a heap of ``(at, seq, controller, key)``.
"""

from __future__ import annotations

import builtins
import heapq
from collections.abc import Callable, Iterable

from minikube_lite import clock, errors, ids
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.records import dataclass
from minikube_lite.store.segments import shard_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Kinds whose metadata.generation is maintained (they have a spec the controllers observe).
GENERATION_KINDS = frozenset(
    {"Deployment", "ReplicaSet", "StatefulSet", "Job", "PodDisruptionBudget", "PriorityClass"}
)
INITIAL_NAMESPACES = ("default", "kube-node-lease", "kube-public", "kube-system")
# an owner bucket at least this large keeps its sorted keys between calls (Cluster.owned)
_SORTED_KEYS_MIN = 64


# meta: event shard -> a lower bound of its events' last-seen times (see events.expire)
EVENT_SHARD_SEEN = "eventShardSeen"


def last_seen(ev: dict[str, Any]) -> float | None:
    """When an event was last observed (lastTimestamp, series, or eventTime)."""
    series = ev.get("series") or {}
    return clock.parse_time(
        ev.get("lastTimestamp") or series.get("lastObservedTime") or ev.get("eventTime")
    )


def key_of(namespace: str | None, name: str) -> str:
    return f"{namespace}/{name}" if namespace else name


def obj_key(obj: Obj) -> str:
    """key_of(namespace, name), read straight from the metadata (every write computes it)."""
    meta = obj.get("metadata", {})
    ns = meta.get("namespace")
    name = meta.get("name", "")
    return f"{ns}/{name}" if ns else str(name)


# ----- the stored clock ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClockState:
    """One profile's stored clock, typed: only store/ reads ``doc["clock"]``.

    A manual clock keeps ``now``; a real one is ``startSim + (wall - startWall) x speed +
    advanced``.
    """

    mode: str  # real | manual
    speed: float  # as stored (callers that divide by it use ``speed or 1.0``)
    now: float  # the last simulated instant saved
    start_sim: float
    start_wall: float
    advanced: float  # seconds `clock advance` added to a real clock

    @property
    def manual(self) -> bool:
        return self.mode == "manual"


def clock_state_of(doc: dict[str, Any]) -> ClockState:
    """The clock of a state document."""
    c = doc["clock"]
    now = float(c["now"])
    return ClockState(
        mode=str(c.get("mode")),
        speed=float(c.get("speed", 1.0)),
        now=now,
        start_sim=float(c.get("startSim", now)),
        start_wall=float(c.get("startWall", 0.0)),
        advanced=float(c.get("advanced", 0.0)),
    )


def clock_settings(doc: object) -> tuple[str, float] | None:
    """(mode, speed) of a document that may be unreadable or old (cluster reset); else None."""
    c = doc.get("clock") if isinstance(doc, dict) else None
    if not isinstance(c, dict):
        return None
    return ("manual" if c.get("mode") == "manual" else "real"), float(c.get("speed", 1.0))


def add_clock_advance(doc: dict[str, Any], seconds: float) -> None:
    """`clock advance` on a real clock: the offset grows (a manual clock just moves ``now``)."""
    c = doc["clock"]
    c["advanced"] = float(c.get("advanced", 0.0)) + seconds


def move_clock_start_wall(doc: dict[str, Any], by: float) -> None:
    """Shift a real clock's wall anchor (the wall clock stepped back by ``-by`` seconds)."""
    c = doc["clock"]
    c["startWall"] = float(c["startWall"]) + by


class Cluster:
    """One profile's state.  ``doc`` is exactly what is persisted."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.objects: dict[str, dict[str, Obj]] = doc.setdefault("objects", {})
        self.now: float = float(doc["clock"]["now"])
        self.rng = ids.Rng(int(doc.get("seed", 0)), int(doc.get("rngCounter", 0)))
        self.timers: list[list[Any]] = doc.setdefault("timers", [])
        self._timer_set = {(t[0], t[2], t[3]) for t in self.timers}
        self.changes: list[tuple[str, str, Obj]] = []
        self.queues: dict[str, set[str]] = {}
        # (kind, namespace or None for all) -> controller uid ('' for none) -> key -> object;
        # built on first use
        self._owner_index: dict[tuple[str, str | None], dict[str, dict[str, Obj]]] = {}
        self.writes = 0
        self.dirty = False  # set by ops that change non-object state (config, clock)
        self._watches: dict[tuple[str, str], list[Obj | None]] = {}
        self._kind_watches: dict[str, list[tuple[str, str, Obj, bool]]] = {}
        self._journals: dict[str, WriteJournal] = {}  # kind -> its writes, once a reader asks

    # ----- persistence helpers -------------------------------------------------------------
    def to_doc(self) -> dict[str, Any]:
        self.doc["clock"]["now"] = self.now
        self.doc["rngCounter"] = self.rng.counter
        return self.doc

    @property
    def clock_state(self) -> ClockState:
        """The stored clock's mode, speed and anchors (``now`` is ``self.now``)."""
        return clock_state_of(self.doc)

    @property
    def resource_version(self) -> int:
        return int(self.doc.get("resourceVersion", 0))

    def next_rv(self) -> str:
        rv = int(self.doc.get("resourceVersion", 0)) + 1
        self.doc["resourceVersion"] = rv
        self.writes += 1
        return str(rv)

    @property
    def state(self) -> dict[str, Any]:
        """Free-form per-controller state that is not an API object (back-offs, IPAM...)."""
        state: dict[str, Any] | None = self.doc.get("sim")
        if state is None:  # (setdefault would build a dict on every read)
            state = self.doc.setdefault("sim", {})
        return state

    # ----- reads ---------------------------------------------------------------------------
    def get(self, kind: str, namespace: str | None, name: str) -> Obj | None:
        bucket = self.objects.get(kind)
        return None if bucket is None else bucket.get(key_of(namespace, name))

    def get_key(self, kind: str, key: str) -> Obj | None:
        bucket = self.objects.get(kind)
        return None if bucket is None else bucket.get(key)

    def list(self, kind: str, namespace: str | None = None) -> list[Obj]:
        """Objects of a kind, in API list order (namespace, then name); one namespace's reads
        only that namespace's segment."""
        bucket = self.objects.get(kind, {})
        if namespace is None:
            return [bucket[k] for k in sorted(bucket)]
        return [v for _, v in sorted(_in_namespace(bucket, namespace), key=_first)]

    def count(self, kind: str) -> int:
        return len(self.objects.get(kind, {}))

    def owned(self, kind: str, owner_uid: str, namespace: str | None = None) -> builtins.list[Obj]:
        """Objects of ``kind`` whose controller ownerReference points at ``owner_uid``.

        ``owner_uid == ""`` lists the objects that have no controller (orphans; Events excluded).
        ``namespace`` (the owner's: a namespaced owner's dependents live in its namespace) reads
        only that namespace; None looks through every namespace.
        """
        if namespace:
            bucket = self.objects.get(kind)
            if bucket is not None and bucket.__class__ is not dict:
                load_owned = getattr(bucket, "load_owned", None)
                if load_owned is not None:
                    load_owned(namespace, owner_uid)  # only the segments that may hold them
        index = self._owner_index.get((kind, namespace or None))
        if index is None:
            index = self._owners(kind, namespace or None)
        idx = index.get(owner_uid)
        if not idx:
            return []
        if len(idx) < _SORTED_KEYS_MIN:
            return [idx[k] for k in sorted(idx)]
        return self._sorted_owned((kind, namespace or None, owner_uid), idx)

    def _sorted_owned(
        self, scope: tuple[str, str | None, str], idx: dict[str, Obj]
    ) -> builtins.list[Obj]:
        """``[idx[k] for k in sorted(idx)]``, kept per owner bucket between calls (a ReplicaSet's
        sync lists its thousands of pods each time; between two syncs a few are added).

        Valid because it is checked against the bucket on every call: the bucket's objects, in
        its insertion order, must begin with those seen last time, the same objects (each object
        is in a bucket once, under its own key, and a key removed and added again moves to the
        end), so the keys are those seen too; objects added since (the tail) are inserted in key
        order.  Anything else sorts again.  Lives as long as this Cluster (never saved).
        """
        import bisect
        import itertools
        import operator

        memo = self.memo("owned.sorted")
        vals = builtins.list(idx.values())
        seen = memo.get(scope)
        if seen is not None and len(vals) >= len(seen[0]) and all(map(operator.is_, vals, seen[0])):
            _, keys, objs = seen
            added = len(vals) - len(seen[0])
            if added:
                tail = builtins.list(itertools.islice(reversed(idx), added))
                for key in sorted(tail):
                    at = bisect.bisect_left(keys, key)
                    keys.insert(at, key)
                    objs.insert(at, idx[key])
        else:
            keys = sorted(idx)
            objs = [idx[k] for k in keys]
        memo[scope] = (vals, keys, objs)
        return builtins.list(objs)

    def memo(self, name: str) -> dict[Any, Any]:
        """A named cache of facts derived from stored objects, as long as this Cluster lives
        (never saved).  Each user keys its entries on what changes with their input (an
        object's uid and resourceVersion, or checks them against the live data) and says there
        why its entries stay valid under every write path."""
        memos: dict[str, dict[Any, Any]] | None = getattr(self, "_memos", None)
        if memos is None:
            memos = {}
            self._memos: dict[str, dict[Any, Any]] = memos
        found = memos.get(name)
        if found is None:
            found = memos[name] = {}
        return found

    def _owners(self, kind: str, namespace: str | None) -> dict[str, dict[str, Obj]]:
        """The owner index of one kind (in one namespace), built on first use.

        In one namespace of a segmented map it indexes what was read so far and follows every
        segment read later (``ShardedMap.listeners``); across namespaces it reads everything.
        """
        index = self._owner_index.get((kind, namespace))
        if index is None:
            index = {}
            if kind != "Event":
                bucket = self.objects.get(kind, {})
                if namespace is None:
                    pairs: Iterable[tuple[str, Obj]] = bucket.items()
                elif hasattr(bucket, "listeners"):
                    prefix = namespace + "/"
                    pairs = [(k, v) for k, v in dict.items(bucket) if k.startswith(prefix)]
                    bucket.listeners.append(self._follower(kind, namespace, index))
                else:
                    pairs = _in_namespace(bucket, namespace)
                for key, obj in pairs:
                    uid = o.controller_uid(obj) or ""
                    index.setdefault(uid, {})[key] = obj
            self._owner_index[(kind, namespace)] = index
        return index

    @staticmethod
    def _follower(
        kind: str, namespace: str, index: dict[str, dict[str, Obj]]
    ) -> Callable[[dict[str, Obj]], None]:
        """Adds the objects of a segment read later to one namespace's owner index."""
        prefix = namespace + "/"

        def add(entries: dict[str, Obj]) -> None:
            for key, obj in entries.items():
                if key.startswith(prefix):
                    index.setdefault(o.controller_uid(obj) or "", {})[key] = obj

        return add

    def _indexes(self, kind: str, key: str) -> builtins.list[dict[str, dict[str, Obj]]]:
        """The built owner indexes an object of ``kind`` at ``key`` belongs in."""
        if kind == "Event" or not self._owner_index:
            return []
        ns = key.partition("/")[0] if "/" in key else ""
        out = []
        for scope in (None, ns):
            index = self._owner_index.get((kind, scope))
            if index is not None:
                out.append(index)
        return out

    def _index_add(self, kind: str, key: str, obj: Obj) -> None:
        indexes = self._indexes(kind, key)
        if not indexes:
            return
        uid = o.controller_uid(obj) or ""
        for index in indexes:
            index.setdefault(uid, {})[key] = obj

    def _index_remove(self, kind: str, key: str, obj: Obj) -> None:
        indexes = self._indexes(kind, key)
        if not indexes:
            return
        uid = o.controller_uid(obj) or ""
        for index in indexes:
            bucket = index.get(uid)
            if bucket is not None:
                bucket.pop(key, None)
                if not bucket:
                    del index[uid]

    # ----- writes ----------------------------------------------------------------------------
    def insert(self, kind: str, obj: Obj) -> Obj:
        """Store a new object with the API server's bookkeeping (uid, rv, creationTimestamp,
        generation)."""
        meta = obj.get("metadata")
        if not isinstance(meta, dict):
            meta = o.meta(obj)
        ns = meta.get("namespace")  # obj_key, inlined
        name = meta.get("name", "")
        key = f"{ns}/{name}" if ns else str(name)
        bucket = self.objects.setdefault(kind, {})
        appendable = kind == "Event" and hasattr(
            bucket, "add_new"
        )  # event names are unique by construction
        if not appendable and key in bucket:
            k = kinds.KINDS[kind]
            raise errors.AlreadyExistsError(f'{k.resource} "{o.name(obj)}" already exists')
        meta.pop("resourceVersion", None)
        if kind != "Job" or not meta.get("uid"):  # a Job's uid is drawn before its selector
            meta["uid"] = self.rng.uid()
        meta["creationTimestamp"] = clock.rfc3339(self.now)
        if kind in GENERATION_KINDS:
            meta["generation"] = 1
        doc = self.doc  # next_rv, inlined
        rv = doc["resourceVersion"] = int(doc.get("resourceVersion", 0)) + 1
        self.writes += 1
        meta["resourceVersion"] = str(rv)
        if appendable:
            bucket.add_new(key, obj)  # type: ignore[attr-defined]
        else:
            bucket[key] = obj
        self._index_add(kind, key, obj)
        self._record(kind, key, obj)
        return obj

    # the Event insert_event is recording (its shard index bound is set): _note_event skips it
    _fresh_event: Obj | None = None

    def insert_event(
        self, key: str, ev: Obj, name: str, ns: str, created: str, shard: str, seen: float
    ) -> None:
        """``insert("Event", ev)`` for a new Event made by events.record: ``key`` is its
        obj_key, ``name`` (unique by construction) and ``ns`` its metadata's name and namespace,
        its ``metadata`` slot a placeholder (keeping the key order).  The same bookkeeping (uid,
        creationTimestamp, resourceVersion, change feed) in the same order; an Event is in no
        owner index.  The caller knows what the write path would compute again: ``created`` is
        rfc3339(now), ``shard`` shard_of(key), ``seen`` last_seen(ev) (or now if it has none)."""
        uid = self.rng.uid()
        doc = self.doc  # next_rv, inlined
        rv = doc["resourceVersion"] = int(doc.get("resourceVersion", 0)) + 1
        self.writes += 1
        ev["metadata"] = {
            "name": name,
            "namespace": ns,
            "uid": uid,
            "creationTimestamp": created,
            "resourceVersion": str(rv),
        }
        objects = self.objects
        bucket = objects["Event"] if "Event" in objects else objects.setdefault("Event", {})
        add_new = None if bucket.__class__ is dict else getattr(bucket, "add_new", None)
        if add_new is not None:
            add_new(key, ev, shard)
        elif key in bucket:
            raise errors.AlreadyExistsError(f'events "{name}" already exists')
        else:
            bucket[key] = ev
        index = doc.get(EVENT_SHARD_SEEN)  # then _note_event's work, from what is known
        if isinstance(index, dict) and (shard not in index or seen < index[shard]):
            index[shard] = seen
        self._fresh_event = ev
        try:
            self._record("Event", key, ev)
        finally:
            self._fresh_event = None

    def touch(self, kind: str, obj: Obj) -> None:
        """Record that a stored object was changed in place: new resourceVersion, change event."""
        meta = obj.get("metadata")
        if not isinstance(meta, dict):
            meta = o.meta(obj)
        # next_rv, obj_key and (but for an Event or with watches) _record, inlined: every
        # status write and binding passes here; keep the two in step
        doc = self.doc
        rv = doc["resourceVersion"] = int(doc.get("resourceVersion", 0)) + 1
        self.writes += 1
        meta["resourceVersion"] = str(rv)
        ns = meta.get("namespace")
        name = meta.get("name", "")
        key = f"{ns}/{name}" if ns else str(name)
        if kind == "Event" or self._watches or self._kind_watches:
            self._record(kind, key, obj)
            return
        self.changes.append((kind, key, obj))
        if self._journals:
            journal = self._journals.get(kind)
            if journal is not None:
                kept = journal.writes  # WriteJournal.add, inlined: most writes are Pods
                kept.append(obj)
                journal.keys.append(key)
                if len(kept) > journal.LIMIT:
                    journal.trim()

    def replace(self, kind: str, obj: Obj) -> Obj:
        """Swap in a new version of a stored object (same key); bumps resourceVersion."""
        key = obj_key(obj)
        bucket = self.objects.setdefault(kind, {})
        old = bucket.get(key)
        if old is not None:
            self._index_remove(kind, key, old)
        o.meta(obj)["resourceVersion"] = self.next_rv()
        bucket[key] = obj
        self._index_add(kind, key, obj)
        self._record(kind, key, obj)
        return obj

    def reindex(self, kind: str, obj: Obj, old_controller_uid: str | None) -> None:
        """Call after changing an object's controller ownerReference in place."""
        key = obj_key(obj)
        for index in self._indexes(kind, key):
            index.get(old_controller_uid or "", {}).pop(key, None)
        self._index_add(kind, key, obj)

    def remove(self, kind: str, obj: Obj) -> None:
        """Delete an object from the store for good."""
        meta = obj.get("metadata", {})  # obj_key, inlined (the kubelet removes each pod)
        ns = meta.get("namespace")
        name = meta.get("name", "")
        key = f"{ns}/{name}" if ns else str(name)
        bucket = self.objects.get(kind, {})
        if bucket.pop(key, None) is not None:
            self._index_remove(kind, key, obj)
            doc = self.doc  # next_rv, inlined
            doc["resourceVersion"] = int(doc.get("resourceVersion", 0)) + 1
            self.writes += 1
            self._record(kind, key, obj, deleted=True)
            if kind != "Event":
                # the garbage collector looks for dependents in the owner's namespace only
                ns = str(ns or "")
                deleted = doc.get("deleted")
                if deleted is None:
                    deleted = doc["deleted"] = {}
                deleted[str(meta.get("uid", ""))] = f"{kind}/{ns}" if ns else kind

    def journal(self, kind: str) -> WriteJournal:
        """The write journal of ``kind``: every object of it written from now on (insert,
        touch, replace, remove, rewrote: all pass ``_record``, whose work ``touch`` inlines),
        for readers that keep derived figures between calls and refresh only what was written
        since their last look."""
        found = self._journals.get(kind)
        if found is None:
            found = self._journals[kind] = WriteJournal()
        return found

    def _record(self, kind: str, key: str, obj: Obj, deleted: bool = False) -> None:
        """Feed the change to the loop, to the kind's write journal and to any watch on it."""
        self.changes.append((kind, key, obj))
        if self._journals:
            journal = self._journals.get(kind)
            if journal is not None:
                kept = journal.writes  # WriteJournal.add, inlined: most writes are Pods
                kept.append(obj)
                journal.keys.append(key)
                if len(kept) > journal.LIMIT:
                    journal.trim()
        if kind == "Event" and not deleted and obj is not self._fresh_event:
            self._note_event(key, obj)  # (insert_event's own Event: it has done that work)
        if self._watches:
            seen = self._watches.get((kind, key))
            if seen is not None:
                seen.append(None if deleted else o.deepcopy(obj))
        if self._kind_watches:
            writes = self._kind_watches.get(kind)
            if writes is not None:
                writes.append((kind, key, o.deepcopy(obj), deleted))

    def _note_event(self, key: str, ev: Obj) -> None:
        """Keep the event shard index a lower bound: a write may lower an event's last-seen time
        (a count bump only raises it; an edit or a create may not), never raise the bound."""
        if ev is self._fresh_event:
            return  # insert_event has done it
        index = self.doc.get(EVENT_SHARD_SEEN)
        if not isinstance(index, dict):
            return  # no index (an old state file): events.expire rebuilds it when first due
        # last_seen(ev), inlined: this runs on every Event write
        t = clock.parse_time(
            ev.get("lastTimestamp")
            or (ev.get("series") or {}).get("lastObservedTime")
            or ev.get("eventTime")
        )
        if t is None:
            t = self.now
        shard = shard_of(key)
        bound = index.get(shard)
        if bound is None or t < bound:
            index[shard] = t

    def watch(self, kind: str, key: str) -> builtins.list[Obj | None]:
        """Start recording every write to one object (a copy each; None for a delete)."""
        return self._watches.setdefault((kind, key), [])

    def unwatch(self, kind: str, key: str) -> None:
        self._watches.pop((kind, key), None)

    def watch_kinds(self, kinds_: Iterable[str]) -> builtins.list[tuple[str, str, Obj, bool]]:
        """Record every write to objects of these kinds, in order: (kind, key, copy, deleted?)."""
        writes: builtins.list[tuple[str, str, Obj, bool]] = []
        for kind in kinds_:
            self._kind_watches[kind] = writes
        return writes

    # ----- work queues and timers ---------------------------------------------------------------
    def enqueue(self, controller: str, key: str) -> None:
        queue = self.queues.get(controller)  # (setdefault would build a set on every call)
        if queue is None:
            self.queues[controller] = {key}
        else:
            queue.add(key)

    def schedule(self, at: float, controller: str, key: str) -> None:
        """Ask ``controller`` to sync ``key`` at simulated instant ``at`` (deduplicated)."""
        if at <= self.now:
            self.enqueue(controller, key)
            return
        ident = (at, controller, key)
        if ident in self._timer_set:
            return
        self._timer_set.add(ident)
        seq = int(self.doc.get("timerSeq", 0)) + 1
        self.doc["timerSeq"] = seq
        heapq.heappush(self.timers, [at, seq, controller, key])

    def rewrote(self, kind: str, obj: Obj) -> None:
        """Feed an in-place change whose resourceVersion the caller set (a closed-form catch-up
        of many writes) to the loop and to watches, as ``touch`` does."""
        self._record(kind, obj_key(obj), obj)

    def retime(self, moves: dict[tuple[str, str], tuple[float, int]]) -> None:
        """Replace every timer of each (controller, key) in ``moves`` by one at (at, seq)
        (the closed-form catch-up of controllers/kubelet/catchup.py)."""
        kept = [tm for tm in self.timers if (tm[2], tm[3]) not in moves]
        for (ctrl, key), (at, seq) in moves.items():
            kept.append([at, seq, ctrl, key])
        heapq.heapify(kept)
        self.timers[:] = kept
        self._timer_set = {(tm[0], tm[2], tm[3]) for tm in self.timers}

    def next_timer_at(self) -> float | None:
        return self.timers[0][0] if self.timers else None

    def pop_due(self, t: float) -> Iterable[tuple[str, str]]:
        """Pop every timer at exactly the earliest instant <= t; returns (controller, key) pairs."""
        if not self.timers or self.timers[0][0] > t:
            return []
        at = self.timers[0][0]
        out = []
        while self.timers and self.timers[0][0] == at:
            _, _, ctrl, key = heapq.heappop(self.timers)
            self._timer_set.discard((at, ctrl, key))
            out.append((ctrl, key))
        return out

    # ----- events ---------------------------------------------------------------------------------
    def events_for(self, obj: Obj) -> builtins.list[Obj]:
        """Events whose involvedObject is ``obj`` (same uid), oldest first."""
        u = o.uid(obj)
        ns = o.namespace(obj) or "default"
        out = [
            ev
            for _, ev in _in_namespace(self.objects.get("Event", {}), ns)
            if ev.get("involvedObject", {}).get("uid") == u
        ]
        out.sort(
            key=lambda e: (e.get("lastTimestamp") or "", int(e["metadata"]["resourceVersion"]))
        )
        return out


class WriteJournal:
    """The objects of one kind written since it was made, in order, as positions: a reader keeps
    ``end()`` after it looked and next time reads ``since(pos)``, the objects written in between
    (an object written twice is there twice; a removed one too, no longer stored).  Bounded: past
    ``LIMIT`` entries the older half is dropped, and a reader whose position is in it gets None
    (start again from the store).  Lives as long as its Cluster (never saved)."""

    __slots__ = ("base", "keys", "writes")
    LIMIT = 1 << 16

    def __init__(self) -> None:
        self.base = 0  # the position of writes[0]
        self.writes: builtins.list[Obj] = []
        self.keys: builtins.list[str] = []  # the store key of each of ``writes``

    def add(self, key: str, obj: Obj) -> None:
        writes = self.writes
        writes.append(obj)
        self.keys.append(key)
        if len(writes) > self.LIMIT:
            self.trim()

    def trim(self) -> None:
        """Drop the older half (past ``LIMIT`` entries)."""
        writes = self.writes
        half = len(writes) // 2
        del writes[:half]
        del self.keys[:half]
        self.base += half

    def end(self) -> int:
        return self.base + len(self.writes)

    def since(self, pos: int | None) -> builtins.list[Obj] | None:
        """The objects written since ``pos`` (an ``end()``), or None when they are no longer
        all kept (or ``pos`` is None: never looked)."""
        if pos is None or pos < self.base:
            return None
        return self.writes[pos - self.base :]

    def keys_since(self, pos: int | None) -> builtins.list[str] | None:
        """The store keys of ``since(pos)``'s objects, in the same order (a key written twice is
        there twice), or None as ``since``."""
        if pos is None or pos < self.base:
            return None
        return self.keys[pos - self.base :]


def _in_namespace(bucket: Any, namespace: str) -> Iterable[tuple[str, Obj]]:
    """(key, object) pairs of one namespace: a segmented map reads only that namespace."""
    pick = getattr(bucket, "in_namespace", None)
    if pick is not None:
        return pick(namespace)  # type: ignore[no-any-return]
    prefix = namespace + "/"
    return [(k, v) for k, v in bucket.items() if k.startswith(prefix)]


def _first(pair: tuple[str, Obj]) -> str:
    return pair[0]


def new_doc(
    profile: str, mode: str, speed: float, seed: int, start: float, wall_now: float
) -> dict[str, Any]:
    """A fresh state document (objects are filled in by ops.bootstrap)."""
    from minikube_lite.store import persist

    return {
        "schemaVersion": persist.SCHEMA_VERSION,
        "profile": profile,
        "clock": {
            "mode": mode,
            "speed": speed,
            "startSim": start,
            "startWall": wall_now,
            "advanced": 0.0,
            "now": start,
        },
        "seed": seed,
        "rngCounter": 0,
        "resourceVersion": 0,
        "objects": {},
        "timers": [],
        "config": {"namespace": "default"},
        EVENT_SHARD_SEEN: {},
    }
