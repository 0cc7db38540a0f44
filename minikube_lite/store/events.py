"""Event correlation as client-go's record package does it, and the API server's event TTL.

Identical events (same source, object, fieldPath, type, reason, message) bump ``count``.  Similar
events (same but the message) are aggregated by EventAggregator: from the 10th distinct message
within 10 minutes on, they are recorded as one ``(combined from similar events): <latest>`` Event
(client-go tools/record events_cache.go).  Events are deleted one hour after they were last seen
(``--event-ttl``).
"""

from __future__ import annotations

from minikube_lite import clock, ids
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.store.cluster import EVENT_SHARD_SEEN, Cluster, last_seen
from minikube_lite.store.segments import (
    EVENT_SHARDS,
    EVENT_SHARDS_SIZE,
    INVOLVED_BUCKETS,
    WINDOW_NANOS,
    event_base,
    involved_bucket,
    shard_of,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NamedTuple
else:
    from minikube_lite.records import NamedTuple

COMBINED_PREFIX = "(combined from similar events): "
COMBINED = "\x00combined"  # the message slot of a combined event's identity
MAX_SIMILAR = 10  # EventAggregator maxEvents
SIMILAR_WINDOW = 600.0  # EventAggregator maxIntervalInSeconds
TTL = 3600.0  # kube-apiserver --event-ttl default
MAX_RECORDS = 4096  # EventAggregator's LRU cache size
CORRELATION_CACHE = 4096  # eventLogger's LRU: identical events beyond it start a new Event


def aggregate(state: dict[str, Any], agg_key: str, message: str, now: float) -> bool:
    """Port of EventAggregator.EventAggregate: True when this event must be combined."""
    records: dict[str, Any] | None = state.get("eventAggregates")
    if records is None:
        records = state.setdefault("eventAggregates", {})
    rec = records.pop(agg_key, None)
    if rec is None or now - float(rec["t"]) > SIMILAR_WINDOW:
        keys = [message]
        rec = {"keys": keys, "t": now}
    else:
        keys = rec["keys"]
        if message not in keys:
            keys.append(message)
        rec["t"] = now
    records[agg_key] = rec  # most recently used last
    if len(records) > MAX_RECORDS:
        del records[next(iter(records))]
    if len(keys) < MAX_SIMILAR:
        return False
    keys.pop(0)  # PopAny: [SIM] drop the oldest
    return True


def identity_hash(ident: tuple[Any, ...]) -> str:
    """A short stable key for an event identity (the correlation cache is persisted)."""
    text = "\x1f".join(["" if x is None else str(x) for x in ident])
    return ids.blake2b()(text.encode(), digest_size=8).hexdigest()


# ----- the recorder ------------------------------------------------------------------------------


class EventRecord(NamedTuple):
    """One event to record: what record.EventRecorder.Eventf gets, plus the recorder's source.

    ``component``/``host`` are the EventSource.  ``new_style`` makes an events.k8s.io-style event
    as the scheduler emits it (k8s.io/client-go/tools/events): ``eventTime`` set, ``source`` empty,
    ``reportingController``/``action`` set; repeats update ``series``.  A NamedTuple rather
    than a records.dataclass: one is built per event, and a tuple is built much faster.
    """

    involved: Obj
    kind: str
    etype: str
    reason: str
    message: str
    component: str
    field_path: str | None = None
    host: str | None = None
    new_style: bool = False
    action: str = ""


def record(cluster: Cluster, rec: EventRecord) -> None:  # noqa: C901  # port of recordToSink
    """Create or aggregate a core/v1 Event about ``rec.involved`` (client-go tools/record
    event.go recordToSink: EventCorrelator.EventCorrelate, then create or patch the Event).

    One flat function (EventAggregate, the count bump of a repeat and makeEvent are inlined:
    nothing computed twice, few calls): a rollout records ~7 events per pod, a few thousand of
    them at each instant; what follows from the instant alone comes from :func:`_instant`."""
    # (one unpacking: a namedtuple's field reads are attribute lookups, ~20 of them per event)
    involved, kind, etype, reason, message, component, field_path, host, new_style, action = rec
    try:  # (subscripts: the involved objects of the controllers' events have all three)
        meta = involved["metadata"]
        ns, name, uid = meta["namespace"] or "default", meta["name"], meta["uid"]
        if ns.__class__ is not str or name.__class__ is not str or uid.__class__ is not str:
            raise KeyError
    except KeyError:
        meta = involved.get("metadata", {})
        ns, name, uid = _names(meta)
    now = cluster.now
    inst = _INSTANT
    if inst[0] != now:
        inst = _instant(now)
    doc = cluster.doc
    try:
        state = doc["sim"]
    except KeyError:
        state = cluster.state
    ident = message
    if not new_style:  # aggregate(state, <its key>, message, now), inlined
        agg_key = f"{component}|{kind}|{ns}|{name}|{uid}|{host or ''}|{etype}|{reason}"
        records = state.get("eventAggregates")
        if records is None:
            records = state.setdefault("eventAggregates", {})
        agg = records.pop(agg_key, None)
        if agg is None or now - float(agg["t"]) > SIMILAR_WINDOW:
            keys = [message]
            records[agg_key] = {"keys": keys, "t": now}  # most recently used last
        else:
            keys = agg["keys"]
            if message not in keys:
                keys.append(message)
            agg["t"] = now
            records[agg_key] = agg
        if len(records) > MAX_RECORDS:
            del records[next(iter(records))]
        if len(keys) >= MAX_SIMILAR:
            keys.pop(0)  # PopAny: [SIM] drop the oldest
            message = COMBINED_PREFIX + message
            ident = COMBINED
    index = state.get("eventCorrelation")  # see _correlation (made after eventAggregates)
    if index is None:
        index = _correlation(cluster)
    # identity_hash((component, kind, ns, name, uid, field path, type, reason, message)), its
    # parts joined directly: all are strings (a missing field path is "")
    text = (  # (one f-string: adjacent ones are joined once)
        f"{component}\x1f{kind}\x1f{ns}\x1f{name}\x1f{uid}\x1f{field_path or ''}\x1f{etype}"
        f"\x1f{reason}\x1f{ident}"
    )
    ident_key = (_B2 or _blake2b())(text.encode(), digest_size=8).hexdigest()
    existing_key = index.pop(ident_key, None)
    objects = cluster.objects
    if existing_key is not None:
        index[ident_key] = existing_key  # most recently used last
        stored = objects.get("Event")  # (cluster.get_key)
        seen = None if stored is None else stored.get(existing_key)
        if seen is not None:  # an identical event again: count + 1, the latest message and time
            count = seen["count"] = int(seen.get("count", 1)) + 1
            seen["message"] = message
            if new_style:
                seen["series"] = {"count": count, "lastObservedTime": inst[4]}
            else:
                seen["lastTimestamp"] = inst[2]
            cluster.touch("Event", seen)
            return
    # A first occurrence.  Its name is ``<name>.<hex>`` like makeEvent's
    # ``fmt.Sprintf("%v.%x", ref.Name, t.UnixNano())``, made unique by a persisted sequence
    # number (and the Event's shard follows from those parts).
    seq = doc["eventSeq"] = int(doc.get("eventSeq", 0)) + 1
    stamp = (inst[1] + seq) & 0xFFFFFFFFFFFFFFFF
    ev_name = f"{name}.{stamp:016x}"
    key = f"{ns}/{ev_name}"  # obj_key(ev): ns is never empty
    # new_event_shard(key, ns, name, stamp), its memos read and written here (a bucket is never
    # ""); the window is stamp // WINDOW_NANOS, the instant's unless the sequence crossed its end
    bucket = INVOLVED_BUCKETS.get(name) or involved_bucket(name)
    window = inst[8] if inst[6] <= stamp < inst[7] else str(stamp // WINDOW_NANOS)
    shard = f"{ns}.{window}.{bucket}"
    if len(EVENT_SHARDS) > EVENT_SHARDS_SIZE:
        EVENT_SHARDS.clear()
    EVENT_SHARDS[key] = shard
    # The Event (makeEvent; events.k8s.io style when new_style), in one literal, its keys in
    # the order the saved state has always had them; insert_event fills in its metadata.  Its
    # ``involvedObject`` is the ObjectReference of the involved object (reference.GetReference).
    # Every nested dict is the Event's own (writers of Events edit them in place).
    try:
        ref_kind = _REF_KINDS[kind]
    except KeyError:
        k = kinds.KINDS[kind]
        ref_kind = _REF_KINDS[kind] = (k.api_version, k.namespaced)
    ref: Obj = {
        "apiVersion": ref_kind[0],
        "kind": kind,
        "name": name,
        "namespace": ns,
        "resourceVersion": meta.get("resourceVersion", ""),
        "uid": uid,
    }
    if not ref_kind[1]:
        del ref["namespace"]
    if field_path:
        ref["fieldPath"] = field_path
    if new_style:
        ev: Obj = {
            "apiVersion": "v1",
            "eventTime": inst[4],
            "firstTimestamp": None,
            "involvedObject": ref,
            "kind": "Event",
            "lastTimestamp": None,
            "message": message,
            "metadata": None,
            "reason": reason,
            "reportingComponent": component,
            "reportingInstance": f"{component}-{host}" if host else component,
            "source": {},
            "type": etype,
            "action": action,
        }
        seen_at = inst[5]  # the shard index's last-seen time of the new Event (last_seen(ev))
    else:
        ts = inst[2]
        ev = {
            "apiVersion": "v1",
            "count": 1,
            "eventTime": None,
            "firstTimestamp": ts,
            "involvedObject": ref,
            "kind": "Event",
            "lastTimestamp": ts,
            "message": message,
            "metadata": None,
            "reason": reason,
            "reportingComponent": component,
            "reportingInstance": host or "",
            "source": {"component": component, "host": host} if host else {"component": component},
            "type": etype,
        }
        seen_at = inst[3]
    cluster.insert_event(key, ev, ev_name, ns, inst[2], shard, now if seen_at is None else seen_at)
    expiry = doc.get("eventExpiry")
    if expiry is None or now + TTL < expiry:
        doc["eventExpiry"] = now + TTL
    index[ident_key] = key
    if len(index) > CORRELATION_CACHE:
        del index[next(iter(index))]
    if seq % COMPACT_EVERY == 0:
        _compact(index)
        _compact(state.get("eventAggregates"))


def _names(meta: Obj) -> tuple[str, str, str]:
    """The involved object's (namespace or "default", name, uid), as strings."""
    return (
        str(meta.get("namespace", "") or "") or "default",
        str(meta.get("name", "")),
        str(meta.get("uid", "")),
    )


_B2: Any = None  # hashlib.blake2b, once imported


def _blake2b() -> Any:
    global _B2
    _B2 = ids.blake2b()
    return _B2


# kind -> (its apiVersion, namespaced?): KINDS is fixed, so valid for every cluster
_REF_KINDS: dict[str, tuple[str, bool]] = {}


# The last instant events were recorded at, and what follows from it alone (pure functions of
# it, so valid for every cluster): (now, round(now * 1e9), rfc3339(now), parse_time of that,
# rfc3339_micro(now), parse_time of that, and the Event-name window holding round(now * 1e9):
# its first and past-the-last nanosecond and its number as text).  A rollout records thousands
# of events per instant.
_INSTANT: tuple[Any, ...] = (None, 0, "", 0.0, "", 0.0, 0, 0, "")


def _instant(now: float) -> tuple[Any, ...]:
    global _INSTANT
    ts = clock.rfc3339(now)
    micro = clock.rfc3339_micro(now)
    nanos = round(now * 1e9)
    window = nanos // WINDOW_NANOS
    _INSTANT = (
        now,
        nanos,
        ts,
        clock.parse_time(ts),
        micro,
        clock.parse_time(micro),
        window * WINDOW_NANOS,
        (window + 1) * WINDOW_NANOS,
        str(window),
    )
    return _INSTANT


def repeat_target(cluster: Cluster, rec: EventRecord, at: float) -> tuple[str, str, Obj] | None:
    """(aggregation key, correlation key, Event) when recording ``rec`` at ``at`` would only bump
    that Event's count: its message is known to the aggregator within the window, and the
    correlation cache holds the Event.  None otherwise (then ``record`` must run)."""
    if rec.new_style:
        return None
    ns = o.namespace(rec.involved) or "default"
    base = (rec.component, rec.kind, ns, o.name(rec.involved), o.uid(rec.involved))
    agg_key = "|".join((*base, rec.host or "", rec.etype, rec.reason))
    agg = cluster.state.get("eventAggregates", {}).get(agg_key)
    if (
        agg is None
        or at - float(agg["t"]) > SIMILAR_WINDOW
        or rec.message not in agg["keys"]
        or len(agg["keys"]) >= MAX_SIMILAR
    ):
        return None
    ident_key = identity_hash((*base, rec.field_path, rec.etype, rec.reason, rec.message))
    ev_key = _correlation(cluster).get(ident_key)
    ev = cluster.get_key("Event", ev_key) if ev_key is not None else None
    if ev is None or ev.get("message") != rec.message:
        return None
    return agg_key, ident_key, ev


def apply_repeats(
    cluster: Cluster, target: tuple[str, str, Obj], count: int, last: float, rv: int
) -> None:
    """What ``count`` calls of ``record`` leave for a ``repeat_target``: the last one at ``last``
    wrote resourceVersion ``rv``.  Call in the order of those last calls (the caches are LRUs)."""
    agg_key, ident_key, ev = target
    aggs = cluster.state["eventAggregates"]
    agg = aggs.pop(agg_key)
    agg["t"] = last
    aggs[agg_key] = agg
    index = _correlation(cluster)
    index[ident_key] = index.pop(ident_key)
    ev["count"] = int(ev.get("count", 1)) + count
    ev["lastTimestamp"] = clock.rfc3339(last)
    o.meta(ev)["resourceVersion"] = str(rv)
    cluster.rewrote("Event", ev)


COMPACT_EVERY = 1024  # new Events between compactions of the two LRU caches


def _compact(lru: dict[str, Any] | None) -> None:
    """Rebuild an LRU cache's dict in place, same entries in the same order.

    Each eviction deletes the dict's first entry, and a deleted entry stays a hole in the
    dict's entry table until it is resized: finding the first entry (``next(iter(lru))``)
    walks over every hole before it, thousands of them in a cache at its limit (~5 us per
    eviction, the largest part of recording an Event).  Rebuilt, the holes are gone.
    """
    if lru:
        entries = dict(lru)
        lru.clear()
        lru.update(entries)


def _correlation(cluster: Cluster) -> dict[str, str]:
    """The correlation cache: event identity (hashed) -> Event key, an LRU of 4096 like client-go's.

    Persisted in the simulator state, so recording an event reads only the newest Event shard.
    """
    return cluster.state.setdefault("eventCorrelation", {})  # type: ignore[no-any-return]


FULL_SCAN = False  # tests: scan every shard on each expiry, as before the shard index


def expire(cluster: Cluster) -> int:
    """Delete events not seen for an hour (the API server's event TTL); cheap when none are due.

    ``eventExpiry`` is when the next event is due (as exact as a scan of every event would make
    it); the shard index (``eventShardSeen``: per event shard, a lower bound of its events'
    last-seen times) says which shards can hold one.  So only those shards are read, plus the
    shards whose stale bound would otherwise set ``eventExpiry`` too early.  A state without the
    index (an old or hand-edited file) is scanned whole once, which builds it.
    """
    due = cluster.doc.get("eventExpiry")
    if due is None or cluster.now < due:
        return 0
    events = cluster.objects.get("Event", {})
    index = cluster.doc.get(EVENT_SHARD_SEEN)
    if FULL_SCAN or not isinstance(index, dict):
        index = cluster.doc[EVENT_SHARD_SEEN] = dict.fromkeys(_shards(events), -float("inf"))
    now = cluster.now
    candidates = sorted(s for s, t in index.items() if t + TTL <= now)
    gone = _scan(events, candidates, index, now)
    exact = set(candidates)
    while index:  # eventExpiry is the earliest bound once that bound is exact
        first = min(index, key=index.__getitem__)
        if first in exact:
            break
        gone += _scan(events, [first], index, now)
        exact.add(first)
    for ev in gone:
        cluster.remove("Event", ev)
    cluster.doc["eventExpiry"] = min(index.values()) + TTL if index else None
    return len(gone)


def _shards(events: Any) -> set[str]:
    """Every shard holding an event (those not read yet by name only)."""
    names = getattr(events, "pending_shards", None)
    return {*(names() if names is not None else ()), *map(shard_of, dict.keys(events))}


def _scan(events: Any, shards: list[str], index: dict[str, float], now: float) -> list[Obj]:
    """Read ``shards``, set their exact bounds in ``index`` (dropping empty ones) and return
    their events due at ``now``."""
    if not shards:
        return []
    load = getattr(events, "load_shards", None)
    if load is not None:
        load(shards)
    wanted = set(shards)
    lowest: dict[str, float] = {}
    gone: list[Obj] = []
    for key, ev in dict.items(events):
        shard = shard_of(key)
        if shard not in wanted and event_base(shard) not in wanted:
            continue  # (an older profile's shard holds a whole window: its bound moves here)
        seen = last_seen(ev)
        t = now if seen is None else seen
        if t + TTL <= now:
            gone.append(ev)
        elif shard not in lowest or t < lowest[shard]:
            lowest[shard] = t
    for shard in shards:
        if shard in lowest:
            index[shard] = lowest.pop(shard)
        else:
            index.pop(shard, None)
    for shard, t in lowest.items():  # events of an older profile's whole-window shard
        index[shard] = min(t, index.get(shard, t))
    return gone
