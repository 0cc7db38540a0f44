"""The profile layout: a manifest plus JSON segment files per kind and namespace, read when
touched, rewritten only when changed (copy-on-write), strays of killed saves removed."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from minikube_lite.store import bootstrap, events, persist, segments
from minikube_lite.store.cluster import Cluster


def _pod(ns: str, name: str, node: str | None = "minikube") -> dict[str, Any]:
    spec: dict[str, Any] = {"containers": [{"name": "c", "image": "nginx"}]}
    if node:
        spec["nodeName"] = node
        spec["containers"][0]["resources"] = {"requests": {"cpu": "100m"}}
    meta = {"name": name, "namespace": ns, "note": 'é " \\ ; = +'}
    return {"metadata": meta, "spec": spec, "status": {"phase": "Running"}}


def _doc() -> dict[str, Any]:
    return {
        "schemaVersion": persist.SCHEMA_VERSION,
        "clock": {"mode": "manual", "now": 1.5, "startSim": 1.5},
        "objects": {
            "Pod": {f"{ns}/p{i}": _pod(ns, f"p{i}") for ns in ("a", "b") for i in range(3)},
            "Namespace": {"a": {"metadata": {"name": "a"}}, "b": {"metadata": {"name": "b"}}},
        },
        "sim": {"kubelet": {"a/p0": {"x": [1, {"y": None}]}}, "podIPAM": {"next": 3}},
    }


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "profiles" / "p" / "manifest.json"


def _files(path: Path) -> dict[str, int]:
    """File name -> inode of the profile directory."""
    return {e.name: e.inode() for e in os.scandir(path.parent)}


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    read = segments.Source._read

    def counted(self: segments.Source, file: str, what: str, parse: bool) -> tuple[bytes, Any]:
        seen.append(what)
        return read(self, file, what, parse)

    monkeypatch.setattr(segments.Source, "_read", counted)
    return seen


def _materialised(doc: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(segments.materialise(doc)))


def test_round_trip_one_file_per_kind_and_namespace(path: Path) -> None:
    persist.save(path, _doc())
    manifest = json.loads(path.read_text())
    assert sorted(manifest["segments"]) == [
        "objects/Namespace/_",
        "objects/Pod/a",
        "objects/Pod/b",
        "sim/kubelet/a",
        "sim/podIPAM",
    ]
    seg = manifest["segments"]["objects/Pod/a"]
    assert seg["count"] == 3 and seg["usage"] == {"minikube": [300, 0, 3]}
    pods_a = json.loads((path.parent / seg["file"]).read_text())  # plain JSON, as -o json shows
    assert pods_a == {k: v for k, v in _doc()["objects"]["Pod"].items() if k.startswith("a/")}
    back = persist.load(path)
    assert back is not None
    for kind in ("Pod", "Namespace"):
        assert dict(back["objects"][kind].items()) == _doc()["objects"][kind]
    assert back["sim"]["kubelet"]["a/p0"] == {"x": [1, {"y": None}]}
    assert back["sim"]["podIPAM"] == {"next": 3} and back["clock"]["now"] == 1.5
    assert oct(os.stat(path.parent).st_mode & 0o777) == "0o700"
    assert all(os.stat(path.parent / f).st_mode & 0o077 == 0 for f in os.listdir(path.parent))


def test_a_namespace_is_read_only_when_touched(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    persist.save(path, _doc())
    reads = _reads(monkeypatch)
    back = persist.load(path)
    assert back is not None and reads == []
    c = Cluster(back)
    assert [p["metadata"]["name"] for p in c.list("Pod", "b")] == ["p0", "p1", "p2"]
    assert reads == ["objects/Pod/b"]
    assert c.count("Pod") == 6 and reads == ["objects/Pod/b"]  # counts come from the manifest
    assert c.get("Pod", "a", "p1") is not None and reads == ["objects/Pod/b", "objects/Pod/a"]


def test_a_write_rewrites_only_the_segments_it_changed(path: Path) -> None:
    persist.save(path, _doc())
    before = _files(path)
    doc = persist.load(path)
    assert doc is not None
    doc["objects"]["Pod"]["b"] = doc["objects"]["Pod"]["b/p1"]  # read b (no change yet)
    del doc["objects"]["Pod"]["b"]
    doc["objects"]["Pod"]["a/p1"]["metadata"]["labels"] = {"x": "y"}
    persist.save(path, doc)
    after = _files(path)
    manifest = json.loads(path.read_text())["segments"]
    kept = {s: e["file"] for s, e in manifest.items() if e["file"] in before}
    assert sorted(kept) == ["objects/Namespace/_", "objects/Pod/b", "sim/kubelet/a", "sim/podIPAM"]
    assert all(after[f] == before[f] for f in kept.values())  # the very same files
    new = manifest["objects/Pod/a"]["file"]
    assert new not in before and new.endswith(".2.json")
    assert sorted(set(after) - set(before)) == sorted([new, "manifest.json"]) or new in after
    assert len(after) == len(before)  # the replaced file is gone
    again = persist.load(path)
    assert again is not None and again["objects"]["Pod"]["a/p1"]["metadata"]["labels"] == {"x": "y"}


def test_an_unchanged_save_writes_no_segment(path: Path) -> None:
    persist.save(path, _doc())
    doc = persist.load(path)
    assert doc is not None
    _ = dict(doc["objects"]["Pod"].items())  # everything read, nothing changed
    before = _files(path)
    persist.save(path, doc)
    after = _files(path)
    assert {k: v for k, v in after.items() if k != "manifest.json"} == {
        k: v for k, v in before.items() if k != "manifest.json"
    }


def test_a_killed_save_leaves_the_old_state_and_its_strays_are_removed(path: Path) -> None:
    persist.save(path, _doc())
    manifest = path.read_bytes()
    stray = path.parent / "objects.Pod.a.2.json"
    stray.write_text('{"a/x": {}}')  # a save killed before its manifest was renamed
    temp = path.parent / f".manifest.json.{'ab' * 8}.tmp"
    temp.write_text("{")
    doc = persist.load(path)
    assert doc is not None and "a/x" not in doc["objects"]["Pod"]
    assert not stray.exists() and not temp.exists() and path.read_bytes() == manifest


def test_a_damaged_segment_is_an_error_and_is_never_saved_over(path: Path) -> None:
    persist.save(path, _doc())
    seg = path.parent / json.loads(path.read_text())["segments"]["objects/Pod/b"]["file"]
    seg.write_text('{"b/p0": [')
    doc = persist.load(path)
    assert doc is not None
    assert doc["objects"]["Pod"]["a/p0"]  # other namespaces still read
    with pytest.raises(segments.SegmentError) as e:
        Cluster(doc).list("Pod", "b")
    assert "cannot read state file" in str(e.value) and "objects/Pod/b" in str(e.value)
    doc["objects"]["Pod"]["a/p0"]["metadata"]["labels"] = {"changed": "1"}
    with pytest.raises(segments.SegmentError):
        persist.save(path, doc)
    assert seg.read_text() == '{"b/p0": ['


def test_events_are_stored_per_namespace_and_time_window(path: Path) -> None:
    c = bootstrap.new_cluster(seed=1)
    ns = c.get("Namespace", None, "default")
    for i in range(30):  # three windows of ten minutes
        events.record(c, events.EventRecord(ns, "Namespace", "Normal", f"Tick{i}", f"m{i}", "t"))
        c.now += 60
    persist.save(path, c.to_doc())
    table = json.loads(path.read_text())["segments"]
    shards = sorted(s for s in table if s.startswith("events/"))
    assert len(shards) == 3 and all(s.startswith("events/default.") for s in shards)
    doc = persist.load(path)
    assert doc is not None
    c2 = Cluster(doc)
    # identical to the newest: count++, reading only the newest window
    events.record(c2, events.EventRecord(ns, "Namespace", "Normal", "Tick29", "m29", "t"))
    assert len(dict.get(c2.objects, "Event").pending_shards()) == 2
    persist.save(path, c2.to_doc())
    again = persist.load(path)
    assert again is not None
    evs = sorted(again["objects"]["Event"].values(), key=lambda e: e["message"])
    assert len(evs) == 30 and next(e for e in evs if e["message"] == "m29")["count"] == 2


def test_new_events_are_appended_without_parsing_their_window(path: Path) -> None:
    c = bootstrap.new_cluster(seed=1)
    ns = c.get("Namespace", None, "default")
    for i in range(5):
        events.record(c, events.EventRecord(ns, "Namespace", "Normal", f"R{i}", "m", "t"))
    persist.save(path, c.to_doc())
    doc = persist.load(path)
    assert doc is not None
    c2 = Cluster(doc)
    events.record(c2, events.EventRecord(ns, "Namespace", "Normal", "New", "fresh", "t"))
    assert len(dict.get(c2.objects, "Event").pending_shards()) == 1  # never parsed
    persist.save(path, c2.to_doc())
    persist.save(path, c2.to_doc())  # saving again after the commit is safe
    back = persist.load(path)
    assert back is not None
    reasons = sorted(e["reason"] for e in back["objects"]["Event"].values())
    assert reasons == ["New", "R0", "R1", "R2", "R3", "R4"]


def test_the_scheduler_counts_pods_of_namespaces_it_never_reads(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from minikube_lite.store import nodeusage

    persist.save(path, _doc())
    reads = _reads(monkeypatch)
    doc = persist.load(path)
    assert doc is not None
    pods = doc["objects"]["Pod"]
    _ = pods["a/p0"]
    assert nodeusage.total(pods, "minikube") == (600, 0, 6) and reads == ["objects/Pod/a"]
    pods["a/p0"]["status"]["phase"] = "Succeeded"
    assert nodeusage.total(pods, "minikube") == (500, 0, 5)


def test_a_one_file_state_of_an_older_version_is_converted(path: Path) -> None:
    old = _doc()
    old["schemaVersion"] = 1
    meta = {k: v for k, v in old.items() if k not in ("objects", "sim")}
    meta["eventShardSeen"] = {"2840112": 1.0}
    legacy = path.parent.with_name("p.json")
    legacy.parent.mkdir(parents=True, mode=0o700)
    body = {"schemaVersion": 1, "segments": "meta=0+1", "meta": meta, "objects": old["objects"]}
    body["sim"], body["events"] = old["sim"], {"2840112": {"a/e.1": {"message": "hi"}}}
    legacy.write_text(json.dumps(body))
    doc = persist.load(path)
    assert doc is not None and not legacy.exists() and path.is_file()
    assert doc["schemaVersion"] == persist.SCHEMA_VERSION and "eventShardSeen" not in doc
    assert dict(doc["objects"]["Pod"].items()) == old["objects"]["Pod"]
    assert doc["objects"]["Event"]["a/e.1"] == {"message": "hi"}


def test_a_watcher_rereads_only_the_segments_that_changed(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    persist.save(path, _doc())
    persist.keep_warm()
    try:
        doc = persist.load(path)
        assert doc is not None
        _ = doc["objects"]["Pod"]["a/p0"], doc["objects"]["Pod"]["b/p0"]
        persist.after_cycle(path, doc, saved=False)
        other = persist.load(path)  # another command changes namespace b meanwhile
        assert other is not None
        other["objects"]["Pod"]["b/p0"]["metadata"]["labels"] = {"v": "2"}
        persist.save(path, other)
        reads = _reads(monkeypatch)
        again = persist.load(path)
        assert again is not None
        assert again["objects"]["Pod"]["a/p0"]["metadata"]["name"] == "p0"
        assert again["objects"]["Pod"]["b/p0"]["metadata"]["labels"] == {"v": "2"}
        assert reads == ["objects/Pod/b"]  # a came from the previous look
    finally:
        persist.keep_warm(False)


def test_a_look_that_changed_a_segment_without_saving_is_not_reused(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    persist.save(path, _doc())
    persist.keep_warm()
    try:
        doc = persist.load(path)
        assert doc is not None
        doc["objects"]["Pod"]["a/p0"]["metadata"]["name"] = "changed in memory only"
        persist.after_cycle(path, doc, saved=False)
        reads = _reads(monkeypatch)
        again = persist.load(path)
        assert again is not None and again["objects"]["Pod"]["a/p0"]["metadata"]["name"] == "p0"
        assert reads == ["objects/Pod/a"]
    finally:
        persist.keep_warm(False)


def test_segment_names_that_are_not_file_names_are_refused(path: Path) -> None:
    doc = _doc()
    doc["objects"]["Pod"]["../x/p"] = _pod("../x", "p")
    with pytest.raises(persist.errors.StoreError, match="cannot write state file"):
        persist.save(path, doc)
    assert not path.exists()


def test_the_document_materialises_unchanged(path: Path) -> None:
    persist.save(path, _doc())
    doc = persist.load(path)
    assert doc is not None
    got = _materialised(doc)
    want = _materialised(_doc())
    assert got["objects"] == want["objects"] and got["sim"] == want["sim"]


def test_a_segment_changed_after_its_look_is_read_again(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A caller that keeps an object of a look and changes it afterwards (outside the lock)
    must not see that change come back as the stored state on the next look."""
    persist.save(path, _doc())
    persist.keep_warm()
    try:
        doc = persist.load(path)
        assert doc is not None
        pod = doc["objects"]["Pod"]["a/p0"]
        persist.after_cycle(path, doc, saved=False)
        pod["metadata"]["name"] = "changed by the caller later"
        reads = _reads(monkeypatch)
        again = persist.load(path)
        assert again is not None and again["objects"]["Pod"]["a/p0"]["metadata"]["name"] == "p0"
        assert reads == ["objects/Pod/a"]
    finally:
        persist.keep_warm(False)
