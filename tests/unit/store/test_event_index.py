"""The event shard index: expiry reads only the shards that can hold a due event, with the same
results as a scan of every event."""

from __future__ import annotations

import json
from typing import Any

import pytest

from minikube_lite.store import bootstrap, events, segments
from minikube_lite.store.cluster import EVENT_SHARD_SEEN, Cluster

INDEX_KEYS = ("segments", EVENT_SHARD_SEEN)


def _pod(i: int) -> dict[str, Any]:
    meta = {"name": f"p{i}", "namespace": "default", "uid": f"uid-{i}", "resourceVersion": "1"}
    return {"metadata": meta}


def _rec(i: int, reason: str, message: str) -> events.EventRecord:
    return events.EventRecord(_pod(i), "Pod", "Warning", reason, message, "kubelet", host="n1")


def _command(text: bytes, step: int, loads: list[str] | None = None) -> bytes:
    """One command: load, move the clock, record a few events, expire, save."""
    c = Cluster(segments.decode(text))
    c.now += 37.25 + (step * 53) % 400  # uneven, fractional moves over simulated hours
    events.record(c, _rec(1000 + step, "Created", f"created container {step}"))
    if step % 3 == 0:
        events.record(c, _rec(step % 7, "Unhealthy", "Readiness probe failed"))  # bumps, mostly
    if step % 11 == 0:
        events.record(c, _rec(50, "BackOff", "Back-off restarting failed container"))
    events.expire(c)
    return segments.encode(c.to_doc())


def _scenario(steps: int) -> list[bytes]:
    text = segments.encode(bootstrap.new_cluster(seed=3).to_doc())
    saved = []
    for step in range(steps):
        text = _command(text, step)
        saved.append(text)
    return saved


def _without_index(text: bytes) -> dict[str, Any]:
    whole = json.loads(text)
    for key in INDEX_KEYS:
        whole.pop(key, None)
        whole["meta"].pop(key, None)
    return whole  # type: ignore[no-any-return]


def _events(text: bytes) -> dict[str, Any]:
    return {k: v for shard in json.loads(text)["events"].values() for k, v in shard.items()}


def test_indexed_expiry_saves_what_a_full_scan_saves(monkeypatch: pytest.MonkeyPatch) -> None:
    steps = 120  # ~7 simulated hours
    indexed = _scenario(steps)
    monkeypatch.setattr(events, "FULL_SCAN", True)
    full = _scenario(steps)
    for a, b in zip(indexed, full, strict=True):
        assert _without_index(a) == _without_index(b)
    last = json.loads(indexed[-1])
    now = last["meta"]["clock"]["now"]
    evs = _events(indexed[-1])
    assert len(evs) < steps  # many expired
    old = [e for e in evs.values() if e["count"] > 1 and e["firstTimestamp"] < e["lastTimestamp"]]
    assert old  # bumped events kept alive in old shards
    assert len(last["events"]) > 3 and last["meta"]["eventExpiry"] > now


def _counting_loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    loads: list[str] = []
    absorb = segments.EventBucket._absorb

    def counted(self: segments.EventBucket, shard: str, span: tuple[int, int]) -> None:
        loads.append(shard)
        absorb(self, shard, span)

    monkeypatch.setattr(segments.EventBucket, "_absorb", counted)
    return loads


def _expire_after(text: bytes, seconds: float) -> tuple[Cluster, int]:
    c = Cluster(segments.decode(text))
    c.now += seconds
    return c, events.expire(c)


def test_a_clock_move_reads_only_the_shards_that_can_expire(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = _scenario(120)[-1]
    shards = len(json.loads(text)["events"])
    due = json.loads(text)["meta"]["eventExpiry"]
    now = json.loads(text)["meta"]["clock"]["now"]
    loads = _counting_loads(monkeypatch)
    _, gone = _expire_after(text, (due - now) / 2)  # nothing due: no shard read
    assert (gone, loads) == (0, [])
    c, gone = _expire_after(text, due - now + 30)  # the earliest event is due
    assert gone >= 1 and 1 <= len(loads) <= 2 < shards
    assert c.doc["eventExpiry"] > c.now
    monkeypatch.setattr(events, "FULL_SCAN", True)
    del loads[:]
    _expire_after(text, due - now + 30)
    assert len(loads) == shards  # what every such move cost before the index


def test_a_state_without_the_index_rebuilds_it(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _scenario(60)[-1]
    doc = segments.decode(text)
    old = segments.decode(text)
    del old[EVENT_SHARD_SEEN]
    old_text = segments.encode(old)
    indexed, rebuilt = text, old_text
    for step in range(60, 90):
        indexed, rebuilt = _command(indexed, step), _command(rebuilt, step)
        assert _without_index(indexed) == _without_index(rebuilt)
    assert EVENT_SHARD_SEEN in json.loads(rebuilt)["meta"]
    assert doc["eventExpiry"] is not None


def test_an_edit_that_moves_last_seen_back_is_indexed() -> None:
    text = _scenario(30)[-1]
    c = Cluster(segments.decode(text))
    key = max(c.objects["Event"])
    ev = c.objects["Event"][key]
    ev["lastTimestamp"] = ev["firstTimestamp"] = "2000-01-01T00:00:00Z"
    c.replace("Event", ev)
    assert c.doc[EVENT_SHARD_SEEN][segments.shard_of(key)] == 946684800.0
    c.now = c.doc["eventExpiry"]
    assert events.expire(c) >= 1 and key not in c.objects["Event"]
