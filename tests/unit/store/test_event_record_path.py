"""The event recorder's fast path leaves what it always left: Events (key order included), uids,
names, shards and the persisted caches; the uid draws keep their sequence."""

from __future__ import annotations

import hashlib
import json
import zlib

import pytest

from minikube_lite import errors, ids
from minikube_lite.store import bootstrap, events, segments

R = events.EventRecord
POD = {
    "metadata": {
        "name": "web-5d9c8f7b-x2k9z",
        "namespace": "shop",
        "uid": "u-1",
        "resourceVersion": "41",
    }
}


def _recorded() -> str:
    """Old- and new-style events about a cluster-scoped and a namespaced object, their repeats
    and a run of similar ones, as saved (JSON in the saved key order)."""
    c = bootstrap.new_cluster(seed=7)
    node = c.get("Node", None, "minikube")
    recs = [
        R(node, "Node", "Normal", "Starting", "Starting kubelet.", "kubelet", host="minikube"),
        R(
            POD,
            "Pod",
            "Normal",
            "Pulling",
            'Pulling image "nginx"',
            "kubelet",
            field_path="spec.containers{web}",
            host="minikube",
        ),
        R(
            POD,
            "Pod",
            "Normal",
            "Scheduled",
            "Successfully assigned shop/web to minikube",
            "default-scheduler",
            host="minikube",
            new_style=True,
            action="Binding",
        ),
        R(
            POD,
            "Pod",
            "Warning",
            "FailedScheduling",
            "0/1 nodes are available",
            "default-scheduler",
            new_style=True,
            action="Scheduling",
        ),
    ]
    for i, rec in enumerate(recs):
        c.now += 0.25 + i
        events.record(c, rec)
    for rec in recs:  # repeats: count and lastTimestamp, or series
        c.now += 1.5
        events.record(c, rec)
    for i in range(12):  # similar events combine from the tenth
        c.now += 2
        msg = f"Stopping container c{i}"
        events.record(c, R(POD, "Pod", "Normal", "Killing", msg, "kubelet", host="minikube"))
    doc = c.to_doc()
    sim = doc["sim"]
    out = {
        "events": list(doc["objects"]["Event"].values()),
        "keys": list(doc["objects"]["Event"]),
        "corr": sim.get("eventCorrelation"),
        "aggs": sim.get("eventAggregates"),
        "seen": doc.get("eventShardSeen"),
        "rng": doc["rngCounter"],
        "seq": doc.get("eventSeq"),
        "expiry": doc.get("eventExpiry"),
        "rv": doc.get("resourceVersion"),
    }
    return json.dumps(out, separators=(",", ":"), ensure_ascii=False)


def test_recorded_events_and_caches_are_those_of_the_recorder_before() -> None:
    text = _recorded()
    assert '"message":"(combined from similar events): Stopping container c11"' in text
    # the digest of _recorded() taken on main before the recorder's fast path (session 23)
    digest = "107253c603094aa66510a6d50de3b63b7f1259c3ef87c49a8e4f2e61703ce2f2"
    assert hashlib.sha256(text.encode()).hexdigest() == digest


def test_the_correlation_key_is_the_identity_hash() -> None:
    c = bootstrap.new_cluster(seed=1)
    msg = 'Pulling image "nginx"'
    events.record(c, R(POD, "Pod", "Normal", "Pulling", msg, "kubelet", host="minikube"))
    ident = ("kubelet", "Pod", "shop", "web-5d9c8f7b-x2k9z", "u-1", None, "Normal", "Pulling", msg)
    assert list(c.state["eventCorrelation"]) == [events.identity_hash(ident)]


@pytest.mark.parametrize(
    ("ns", "name"),
    [
        ("default", "web-5d9c8f7b-x2k9z"),  # a generated name: its ReplicaSet's bucket
        ("default", "web-5d9c8f7b-q7zz4"),
        ("kube-system", "coredns"),
        ("default", "minikube"),
        ("default", "a.b.c"),  # dots in the involved name
        ("default", ""),
        ("shop", "web-AAAAA"),  # not a generated suffix
    ],
)
@pytest.mark.parametrize("stamp", [0, 1, 599_999_999_999, 600_000_000_000, (1 << 64) - 1])
def test_a_new_events_shard_from_its_parts_is_the_shard_of_its_key(
    ns: str, name: str, stamp: int
) -> None:
    key = f"{ns}/{name}.{stamp:016x}"
    shard = segments.new_event_shard(key, ns, name, stamp)
    assert shard == segments.event_shard(key)
    assert segments.shard_of(key) == shard


def _old_block(seed: int, counter: int) -> bytes:
    return ids.blake2b()(f"{seed}:{counter}".encode(), digest_size=32).digest()


def _old_uid(block: bytes) -> str:
    b = bytearray(block[:16])
    b[6] = (b[6] & 0x0F) | 0x40
    b[8] = (b[8] & 0x3F) | 0x80
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


@pytest.mark.parametrize("seed", [0, 1, 4_294_967_295])
def test_uid_and_suffix_draws_keep_their_sequence(seed: int) -> None:
    rng = ids.Rng(seed, 40)
    for counter in range(41, 541):
        assert rng.uid() == _old_uid(_old_block(seed, counter))
    rng.counter += 3  # (the kubelet's closed-form catch-up moves the counter)
    block = _old_block(seed, rng.counter + 1)
    assert rng.suffix() == "".join(ids.ALPHANUMS[block[i] % 27] for i in range(5))
    assert rng.uid() == _old_uid(_old_block(seed, rng.counter))
    with pytest.raises(IndexError):
        rng.suffix(33)  # a block has 32 bytes


def test_compacting_a_cache_keeps_its_entries_order_and_identity() -> None:
    lru = {f"k{i}": i for i in range(5000)}
    for i in range(0, 5000, 3):
        lru[f"k{i}"] = lru.pop(f"k{i}")  # most recently used last
    for _ in range(1000):
        del lru[next(iter(lru))]
    before, same = list(lru.items()), lru
    events._compact(lru)
    assert list(lru.items()) == before and lru is same


def test_the_caches_stay_lrus_across_compactions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(events, "CORRELATION_CACHE", 50)
    monkeypatch.setattr(events, "MAX_RECORDS", 40)
    monkeypatch.setattr(events, "COMPACT_EVERY", 16)
    c = bootstrap.new_cluster(seed=1)
    idents = []
    for i in range(300):
        c.now += 1
        reason = f"R{i % 97}"
        msg = f"m{i}"
        events.record(c, R(POD, "Pod", "Normal", reason, msg, "kubelet", host="minikube"))
        idents.append(("kubelet", "Pod", "shop", POD["metadata"]["name"], "u-1", None,
                       "Normal", reason, msg))  # fmt: skip
    assert list(c.state["eventCorrelation"]) == [events.identity_hash(i) for i in idents[-50:]]
    base = "kubelet|Pod|shop|web-5d9c8f7b-x2k9z|u-1|minikube|Normal"
    recent = [f"{base}|R{i % 97}" for i in range(260, 300)]  # the 40 reasons used last
    assert list(c.state["eventAggregates"]) == recent


def test_the_bucket_memo_holds_a_10000_replica_rolling_updates_pods(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """20,000 pods (the old and the new ReplicaSet's) have their events recorded during the
    update: the memo of their buckets is not cleared over and over, and what it holds is
    what the function gives."""
    monkeypatch.setattr(segments, "INVOLVED_BUCKETS", {})
    names = [f"web-{rs}-{''.join(ids.ALPHANUMS[i // 27**k % 27] for k in range(5))}"
             for rs in ("5d9c8f7b", "6c8d7e9f") for i in range(10_000)]  # fmt: skip
    first = [segments.involved_bucket(n) for n in names]
    assert len(segments.INVOLVED_BUCKETS) == len(set(names)) == 20_000
    assert [segments.INVOLVED_BUCKETS[n] for n in names] == first
    assert first == [str(zlib.crc32(n[:-6].encode()) % segments.EVENT_BUCKETS) for n in names]


def test_a_new_event_whose_key_is_taken_is_refused_and_stores_nothing() -> None:
    c = bootstrap.new_cluster(seed=3)
    events.record(c, R(POD, "Pod", "Normal", "Pulled", "m", "kubelet", host="minikube"))
    (key, ev), = c.objects["Event"].items()  # fmt: skip
    name = ev["metadata"]["name"]
    taken = {"metadata": None, "message": "other"}
    with pytest.raises(errors.AlreadyExistsError, match=f'events "{name}" already exists'):
        c.insert_event(key, taken, name, "shop", "t", segments.shard_of(key), 0.0)
    assert c.objects["Event"] == {key: ev}
