"""The segmented state encoding: valid JSON, lazy parsing, untouched segments kept byte for byte."""

from __future__ import annotations

import json

import pytest

from minikube_lite.store import segments


def _doc() -> dict:
    return {
        "schemaVersion": 1,
        "clock": {"now": 1.5},
        "objects": {"Pod": {"default/a": {"metadata": {"name": "a", "note": "é \" \\ ; = +"}}}, "Deployment": {}},
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
    assert segments.decode(b'{"schemaVersion": 1, "objects": {}}') == {"schemaVersion": 1, "objects": {}}


def test_corrupt_segment_raises_segment_error() -> None:
    text = segments.encode(_doc())
    back = segments.decode(text)
    back["objects"]._reader = segments.Reader(data=text.replace(b'{"default/a"', b'[xdefault/a"', 1))
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
