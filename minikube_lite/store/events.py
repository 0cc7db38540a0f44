"""Event correlation as client-go's record package does it, and the API server's event TTL.

Identical events (same source, object, fieldPath, type, reason, message) bump ``count``.  Similar
events (same but the message) are aggregated by EventAggregator: from the 10th distinct message
within 10 minutes on, they are recorded as one ``(combined from similar events): <latest>`` Event
(failures.md §0.5).  Events are deleted one hour after they were last seen (``--event-ttl``).
"""

from __future__ import annotations

from typing import Any

from minikube_lite import clock

COMBINED_PREFIX = "(combined from similar events): "
COMBINED = "\x00combined"  # the message slot of a combined event's identity
MAX_SIMILAR = 10  # EventAggregator maxEvents
SIMILAR_WINDOW = 600.0  # EventAggregator maxIntervalInSeconds
TTL = 3600.0  # kube-apiserver --event-ttl default
MAX_RECORDS = 4096  # EventAggregator's LRU cache size
CORRELATION_CACHE = 4096  # eventLogger's LRU: identical events beyond it start a new Event


def aggregate(state: dict[str, Any], agg_key: str, message: str, now: float) -> bool:
    """Port of EventAggregator.EventAggregate: True when this event must be combined."""
    records: dict[str, Any] = state.setdefault("eventAggregates", {})
    rec = records.get(agg_key)
    if rec is None or now - float(rec["t"]) > SIMILAR_WINDOW:
        rec = {"keys": [], "t": now}
    if message not in rec["keys"]:
        rec["keys"].append(message)
    rec["t"] = now
    records.pop(agg_key, None)
    records[agg_key] = rec  # most recently used last
    if len(records) > MAX_RECORDS:
        del records[next(iter(records))]
    if len(rec["keys"]) < MAX_SIMILAR:
        return False
    rec["keys"].pop(0)  # PopAny: [SIM] drop the oldest
    return True


def last_seen(ev: dict[str, Any]) -> float | None:
    """When an event was last observed (lastTimestamp, series, or eventTime)."""
    series = ev.get("series") or {}
    return clock.parse_time(
        ev.get("lastTimestamp") or series.get("lastObservedTime") or ev.get("eventTime")
    )


def identity_hash(ident: tuple[Any, ...]) -> str:
    """A short stable key for an event identity (the correlation cache is persisted)."""
    from hashlib import blake2b

    return blake2b(
        "\x1f".join("" if x is None else str(x) for x in ident).encode(), digest_size=8
    ).hexdigest()
