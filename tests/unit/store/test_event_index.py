"""The event shard index: expiry reads only the shards that can hold a due event, with the same
results as a scan of every event."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from minikube_lite.store import bootstrap, events, persist, segments
from minikube_lite.store.cluster import EVENT_SHARD_SEEN, Cluster

INDEX_KEYS = ("segments", EVENT_SHARD_SEEN)


def _pod(i: int) -> dict[str, Any]:
    meta = {"name": f"p{i}", "namespace": "default", "uid": f"uid-{i}", "resourceVersion": "1"}
    return {"metadata": meta}


def _rec(i: int, reason: str, message: str) -> events.EventRecord:
    return events.EventRecord(_pod(i), "Pod", "Warning", reason, message, "kubelet", host="n1")


def _command(path: Path, step: int) -> dict[str, Any]:
    """One command: load, move the clock, record a few events, expire, save; the state after."""
    doc = persist.load(path)
    assert doc is not None
    c = Cluster(doc)
    c.now += 37.25 + (step * 53) % 400  # uneven, fractional moves over simulated hours
    events.record(c, _rec(1000 + step, "Created", f"created container {step}"))
    if step % 3 == 0:
        events.record(c, _rec(step % 7, "Unhealthy", "Readiness probe failed"))  # bumps, mostly
    if step % 11 == 0:
        events.record(c, _rec(50, "BackOff", "Back-off restarting failed container"))
    events.expire(c)
    persist.save(path, c.to_doc())
    return _state(path)


def _state(path: Path) -> dict[str, Any]:
    doc = persist.load(path)
    assert doc is not None
    state = segments.materialise(doc)
    state["segments"] = json.loads(path.read_text())["segments"]
    return state


def _scenario(path: Path, steps: int) -> list[dict[str, Any]]:
    persist.save(path, bootstrap.new_cluster(seed=3).to_doc())
    return [_command(path, step) for step in range(steps)]


def _without_index(state: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in state.items() if k not in INDEX_KEYS}


def _events(state: dict[str, Any]) -> dict[str, Any]:
    return state["objects"]["Event"]  # type: ignore[no-any-return]


def _event_shards(path: Path) -> int:
    return sum(s.startswith("events/") for s in json.loads(path.read_text())["segments"])


def test_indexed_expiry_saves_what_a_full_scan_saves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps = 120  # ~7 simulated hours
    indexed = _scenario(tmp_path / "a" / "manifest.json", steps)
    monkeypatch.setattr(events, "FULL_SCAN", True)
    full = _scenario(tmp_path / "b" / "manifest.json", steps)
    for a, b in zip(indexed, full, strict=True):
        assert _without_index(a) == _without_index(b)
    last = indexed[-1]
    now = last["clock"]["now"]
    evs = _events(last)
    assert len(evs) < steps  # many expired
    old = [e for e in evs.values() if e["count"] > 1 and e["firstTimestamp"] < e["lastTimestamp"]]
    assert old  # bumped events kept alive in old shards
    assert _event_shards(tmp_path / "a" / "manifest.json") > 3 and last["eventExpiry"] > now


def _counting_loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    loads: list[str] = []
    load = segments.ShardedMap._load

    def counted(self: segments.ShardedMap, shard: str) -> None:
        if self._group == "events":
            loads.append(shard)
        load(self, shard)

    monkeypatch.setattr(segments.ShardedMap, "_load", counted)
    return loads


def _expire_after(path: Path, seconds: float) -> tuple[Cluster, int]:
    doc = persist.load(path)
    assert doc is not None
    c = Cluster(doc)
    c.now += seconds
    return c, events.expire(c)


def test_a_clock_move_reads_only_the_shards_that_can_expire(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p" / "manifest.json"
    last = _scenario(path, 120)[-1]
    shards = _event_shards(path)
    due, now = last["eventExpiry"], last["clock"]["now"]
    loads = _counting_loads(monkeypatch)
    _, gone = _expire_after(path, (due - now) / 2)  # nothing due: no shard read
    assert (gone, loads) == (0, [])
    c, gone = _expire_after(path, due - now + 30)  # the earliest event is due
    assert gone >= 1 and 1 <= len(loads) <= 2 < shards
    assert c.doc["eventExpiry"] > c.now
    monkeypatch.setattr(events, "FULL_SCAN", True)
    del loads[:]
    _expire_after(path, due - now + 30)
    assert len(loads) == shards  # what every such move cost before the index


def test_a_state_without_the_index_rebuilds_it(tmp_path: Path) -> None:
    import shutil

    indexed = tmp_path / "a" / "manifest.json"
    _scenario(indexed, 60)
    rebuilt = tmp_path / "b" / "manifest.json"
    shutil.copytree(indexed.parent, rebuilt.parent)
    manifest = json.loads(rebuilt.read_text())
    del manifest["meta"][EVENT_SHARD_SEEN]
    rebuilt.write_text(json.dumps(manifest))
    for step in range(60, 90):
        assert _without_index(_command(indexed, step)) == _without_index(_command(rebuilt, step))
    assert EVENT_SHARD_SEEN in json.loads(rebuilt.read_text())["meta"]


def test_an_edit_that_moves_last_seen_back_is_indexed(tmp_path: Path) -> None:
    path = tmp_path / "p" / "manifest.json"
    _scenario(path, 30)
    doc = persist.load(path)
    assert doc is not None
    c = Cluster(doc)
    key = max(c.objects["Event"])
    ev = c.objects["Event"][key]
    ev["lastTimestamp"] = ev["firstTimestamp"] = "2000-01-01T00:00:00Z"
    c.replace("Event", ev)
    assert c.doc[EVENT_SHARD_SEEN][segments.shard_of(key)] == 946684800.0
    c.now = c.doc["eventExpiry"]
    assert events.expire(c) >= 1 and key not in c.objects["Event"]
