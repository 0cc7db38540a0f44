"""A guard for the recorder's per-instant memos and its new-Event bookkeeping (session 24): many
events at the same instant, instants revisited out of order, fractional and whole seconds, old-
and new-style events, repeats, combined events, objects without a namespace or uid, and profiles
saved and loaded between commands (the Event map then holds unread shards) leave the state they
left before (a digest taken on main before the change)."""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import Any

from minikube_lite import clock
from minikube_lite.store import bootstrap, events, persist, segments
from minikube_lite.store.cluster import Cluster

R = events.EventRecord
# instants revisited out of order, at fractional and whole seconds, some an hour apart
MOVES = (0.0, 0.0, 0.25, -0.25, 1.0, 0.0, 0.999999, 0.0000004, 3600.5, 0.0, -0.5, 0.5)


def _pod(i: int, ns: str | None = "shop", uid: bool = True) -> dict[str, Any]:
    meta: dict[str, Any] = {"name": f"web-5d9c8f7b-{'bcdfg'[i % 5]}x2k{i % 10}"}
    if ns is not None:
        meta["namespace"] = ns
    if uid:
        meta["uid"] = f"u-{i}"
    meta["resourceVersion"] = str(40 + i)
    return {"metadata": meta}


def _records(step: int, node: dict[str, Any]) -> list[events.EventRecord]:
    pod, bare = _pod(step), _pod(step + 1, ns=None, uid=False)
    rs = {"metadata": {"name": "web-5d9c8f7b", "namespace": "shop", "uid": "rs-1"}}
    path = "spec.containers{web}"
    return [
        R(
            pod,
            "Pod",
            "Normal",
            "Pulling",
            'Pulling image "nginx"',
            "kubelet",
            path,
            "minikube",
        ),
        R(pod, "Pod", "Normal", "Pulled", "Pulled", "kubelet", path, "minikube"),
        R(bare, "Pod", "Warning", "BackOff", "Back-off", "kubelet", None, "minikube"),
        R(node, "Node", "Normal", "Starting", "Starting kubelet.", "kubelet", host="minikube"),
        R(
            pod,
            "Pod",
            "Normal",
            "Scheduled",
            "assigned",
            "default-scheduler",
            None,
            "minikube",
            True,
            "Binding",
        ),
        R(
            bare,
            "Pod",
            "Warning",
            "FailedScheduling",
            "0/1 nodes",
            "default-scheduler",
            new_style=True,
            action="Scheduling",
        ),
    ][: 1 + step % 6] + [
        R(
            rs,
            "ReplicaSet",
            "Normal",
            "SuccessfulCreate",
            f"Created pod: p{step}-{k // 2}",
            "rs",
        )
        for k in range(4)  # similar (combined from the tenth), each twice
    ]


def _command(path: Path, step: int) -> int:
    doc = persist.load(path)
    assert doc is not None
    c = Cluster(doc)
    node = c.get("Node", None, "minikube")
    assert node is not None
    base = c.now
    for i, move in enumerate(MOVES):
        c.now = base + move + (step % 3) * 0.125
        for rec in _records(step * 20 + i, node):
            events.record(c, rec)
        clock.rfc3339(c.now - 1)  # another instant asked in between (the kubelet's conditions)
    c.now = base + 1200.0
    gone = events.expire(c)
    persist.save(path, c.to_doc())
    return gone


def test_events_recorded_over_many_commands_and_instants_leave_the_state_before(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p" / "manifest.json"
    persist.save(path, bootstrap.new_cluster(seed=5).to_doc())
    assert sum(_command(path, step) for step in range(6)) > 0  # some expired
    doc = persist.load(path)
    assert doc is not None
    state = segments.materialise(doc)
    state["segments"] = json.loads(path.read_text())["segments"]
    text = json.dumps(state, sort_keys=False, separators=(",", ":"))
    assert '"(combined from similar events): Created pod: p' in text and '"series"' in text
    # taken on main before the change (session 24); session 25 added the two system
    # PriorityClasses every new cluster holds (without them the digest is e30777f5...)
    digest = "ad77125d9575a0ff7ac8d1d7514d467ad5c2eab9d1aa852879f1fd397d7c0899"
    assert hashlib.sha256(text.encode()).hexdigest() == digest


def test_a_sequence_crossing_a_shard_window_at_one_instant_moves_the_shard() -> None:
    c = bootstrap.new_cluster(seed=2)
    end = 1704067200 + segments.SHARD_SECONDS  # a window's end, in seconds
    c.now = math.nextafter(float(end), 0.0)  # ~240 ns before it: the sequence crosses it
    c.doc["eventSeq"] = 0
    for i in range(400):
        events.record(c, R(_pod(i), "Pod", "Normal", "Pulled", "Pulled", "kubelet", None, "n"))
    keys = list(c.objects["Event"])
    windows = {segments.event_shard(k).split(".")[1] for k in keys}
    assert len(windows) == 2  # both sides of the window's end
    assert all(segments.shard_of(k) == segments.event_shard(k) for k in keys)
    assert set(c.doc["eventShardSeen"]) == {segments.event_shard(k) for k in keys}
