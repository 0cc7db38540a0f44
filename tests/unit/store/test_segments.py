"""The segmented state encoding: valid JSON, lazy parsing, untouched segments kept byte for byte."""

from __future__ import annotations

import json

import pytest

from minikube_lite.store import events, segments


def _doc() -> dict:
    return {
        "schemaVersion": 1,
        "clock": {"now": 1.5},
        "objects": {
            "Pod": {"default/a": {"metadata": {"name": "a", "note": 'é " \\ ; = +'}}},
            "Deployment": {},
        },
        "sim": {"kubelet": {"x": [1, 2, {"y": None}]}},
    }


def test_round_trip_and_plain_json() -> None:
    text = segments.encode(_doc())
    whole = json.loads(text)
    assert whole["objects"] == _doc()["objects"] and whole["meta"]["clock"] == {"now": 1.5}
    back = segments.decode(text)
    assert back == _doc()


def test_segments_are_parsed_only_on_access() -> None:
    back = segments.decode(segments.encode(_doc()))
    objs = back["objects"]
    assert isinstance(objs, segments.LazyMap)
    assert objs.raw("Pod") is not None and "Pod" in objs and len(objs) == 2
    assert objs["Pod"]["default/a"]["metadata"]["name"] == "a"
    assert objs.raw("Pod") is None  # parsed now, re-encoded on save
    assert objs.raw("Deployment") == b"{}"


def test_untouched_segments_are_copied_verbatim() -> None:
    text = segments.encode(_doc())
    back = segments.decode(text)
    back["objects"]["Deployment"]["default/d"] = {"k": 1}
    again = segments.encode(back)
    assert segments.decode(again)["objects"]["Pod"] == _doc()["objects"]["Pod"]
    assert segments.decode(again)["objects"]["Deployment"] == {"default/d": {"k": 1}}


def test_hand_edited_file_falls_back_to_a_whole_parse() -> None:
    text = segments.encode(_doc())
    edited = json.dumps(json.loads(text), indent=2).encode()  # offsets no longer match
    assert segments.decode(edited) == _doc()


def test_plain_documents_still_load() -> None:
    assert segments.decode(b'{"schemaVersion": 1, "objects": {}}') == {
        "schemaVersion": 1,
        "objects": {},
    }


def test_corrupt_segment_raises_segment_error() -> None:
    text = segments.encode(_doc())
    back = segments.decode(text)
    back["objects"]._reader = segments.Reader(
        data=text.replace(b'{"default/a"', b'[xdefault/a"', 1)
    )
    with pytest.raises(segments.SegmentError):
        _ = back["objects"]["Pod"]


def test_only_touched_segments_are_read() -> None:
    doc = _doc()
    doc["objects"]["Event"] = {f"default/e{i}": {"message": "x" * 100} for i in range(3000)}
    data = segments.encode(doc)

    class Counting(segments.Reader):
        read_bytes = 0

        def read(self, a: int, b: int) -> bytes:
            Counting.read_bytes += b - a
            return super().read(a, b)

    back = segments.decode(Counting(data=data))
    assert back["objects"]["Deployment"] == {}
    assert Counting.read_bytes < len(data) / 2  # the Event map was never read
    assert segments.decode(segments.encode(back))["objects"]["Event"] == doc["objects"]["Event"]


def test_events_are_stored_in_time_shards_and_read_one_shard_at_a_time() -> None:
    from minikube_lite.store import bootstrap
    from minikube_lite.store.cluster import Cluster

    c = bootstrap.new_cluster(seed=1)
    ns = c.get("Namespace", None, "default")
    for i in range(30):  # three shards of ten minutes
        events.record(
            c, events.EventRecord(ns, "Namespace", "Normal", f"Tick{i}", f"m{i}", "t")
        )  # distinct reasons: no aggregation
        c.now += 60
    data = segments.encode(c.to_doc())
    whole = json.loads(data)
    assert len(whole["events"]) == 3 and "Event" not in whole["objects"]

    class Counting(segments.Reader):
        read_bytes = 0

        def read(self, a: int, b: int) -> bytes:
            Counting.read_bytes += b - a
            return super().read(a, b)

    reader = Counting(data=data)
    c2 = Cluster(segments.decode(reader))
    before = Counting.read_bytes
    events.record(
        c2, events.EventRecord(ns, "Namespace", "Normal", "Tick29", "m29", "t")
    )  # identical to the newest: count++
    bucket = dict.get(c2.objects, "Event")
    assert len(bucket._pending) == 2  # only the newest shard was read
    assert Counting.read_bytes - before < sum(
        len(segments._dumps(v)) for v in whole["events"].values()
    )
    again = segments.decode(segments.encode(c2.to_doc()))
    evs = sorted(again["objects"]["Event"].values(), key=lambda e: e["message"])
    assert len(evs) == 30 and next(e for e in evs if e["message"] == "m29")["count"] == 2


def test_new_events_are_appended_without_reading_their_shard() -> None:
    from minikube_lite.store import bootstrap
    from minikube_lite.store.cluster import Cluster

    c = bootstrap.new_cluster(seed=1)
    ns = c.get("Namespace", None, "default")
    for i in range(5):
        events.record(c, events.EventRecord(ns, "Namespace", "Normal", f"R{i}", "m", "t"))
    c2 = Cluster(segments.decode(segments.encode(c.to_doc())))
    events.record(c2, events.EventRecord(ns, "Namespace", "Normal", "New", "fresh", "t"))
    bucket = dict.get(c2.objects, "Event")
    assert len(bucket._pending) == 1  # the shard holding the five old events was never read
    back = segments.decode(segments.encode(c2.to_doc()))
    assert sorted(e["reason"] for e in back["objects"]["Event"].values()) == [
        "New",
        "R0",
        "R1",
        "R2",
        "R3",
        "R4",
    ]
    json.loads(segments.encode(c2.to_doc()))  # still one valid JSON document
