"""Benchmark: the event recorder alone, replaying the events of a rolling update.

``capture N FILE`` rolls out an N-replica Deployment, rolls it to a new image and saves the state
before the update plus every ``events.record`` call of the update (its instant and EventRecord,
the involved object reduced to its metadata's namespace, name, uid and resourceVersion) in FILE
(a pickle).  ``replay FILE [rounds]`` records those events again on copies of that state, timing
only the ``events.record`` calls, and prints the median CPU seconds and a digest of what the
recorder left (the Events and its bookkeeping): two versions of the recorder that leave the same
digest saved the same bytes.
Run: .venv/bin/python bench/events_replay.py capture 10000 /tmp/events.pickle
     .venv/bin/python bench/events_replay.py replay /tmp/events.pickle 5 [--json]
``--noop`` replays without the recorder and ``--nodigest`` skips the digest (under valgrind the
recorder's instructions are the difference of ``--nodigest`` and ``--noop --nodigest``).
"""

from __future__ import annotations

import gc
import hashlib
import json
import pickle
import sys
import time

from minikube_lite.api import objects as o
from minikube_lite.store import apiserver, bootstrap, events
from minikube_lite.store.cluster import EVENT_SHARD_SEEN, Cluster

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import rollout_1000


def capture(replicas: int, path: str) -> None:
    cluster = bootstrap.new_cluster(mode="manual", seed=1)
    node = cluster.get("Node", None, "minikube")["status"]
    node["capacity"]["pods"] = node["allocatable"]["pods"] = str(2 * replicas)
    apiserver.create(cluster, "Deployment", rollout_1000.deployment(replicas))
    rollout_1000.run_until_complete(cluster, replicas)
    before = pickle.dumps(cluster.to_doc())
    calls: list[tuple[float, tuple]] = []
    real = events.record

    def spy(c: Cluster, rec: events.EventRecord) -> None:
        meta = rec.involved.get("metadata", {})
        involved = {
            "metadata": {
                k: meta[k] for k in ("namespace", "name", "uid", "resourceVersion") if k in meta
            }
        }
        calls.append((c.now, (involved, *tuple(rec)[1:])))
        real(c, rec)

    events.record = spy
    d = o.deepcopy(cluster.get("Deployment", "default", "http-go"))
    d["spec"]["template"]["spec"]["containers"][0]["image"] = "gasbugs/http-go:v2"
    apiserver.update(cluster, "Deployment", d)
    rollout_1000.run_until_complete(cluster, replicas)
    events.record = real
    with open(path, "wb") as f:
        pickle.dump({"before": before, "calls": calls}, f)
    print(f"{len(calls)} events captured in {path}")


def _noop(cluster: Cluster, rec: events.EventRecord) -> None:
    """``--noop``: the replay without the recorder (its cost, e.g. in instructions under
    valgrind, is the difference)."""


def replay(path: str, rounds: int) -> None:
    with open(path, "rb") as f:
        data = pickle.load(f)
    calls = [(now, events.EventRecord(*rec)) for now, rec in data["calls"]]
    times: list[float] = []
    digest = ""
    for _ in range(rounds):
        cluster = Cluster(pickle.loads(data["before"]))
        record = _noop if "--noop" in sys.argv else events.record
        gc.collect()
        gc.disable()
        start = time.process_time()
        for now, rec in calls:
            cluster.now = now
            record(cluster, rec)
        times.append(time.process_time() - start)
        gc.enable()
        if "--nodigest" in sys.argv:
            continue
        doc = cluster.to_doc()
        sim = doc.get("sim", {})
        left = {
            "events": cluster.objects.get("Event", {}),
            "correlation": sim.get("eventCorrelation"),
            "aggregates": sim.get("eventAggregates"),
            "shards": doc.get(EVENT_SHARD_SEEN),
            "seq": doc.get("eventSeq"),
            "expiry": doc.get("eventExpiry"),
            "rv": doc.get("resourceVersion"),
            "rng": doc.get("rngCounter"),
            "changes": [(k, key) for k, key, _ in cluster.changes],
        }
        text = json.dumps(left, separators=(",", ":")).encode()
        digest = hashlib.sha256(text).hexdigest()[:16]
    times.sort()
    out = {
        "events": len(calls),
        "record_cpu_s": round(times[len(times) // 2], 3),
        "min_s": round(times[0], 3),
        "digest": digest,
    }
    print(json.dumps(out) if "--json" in sys.argv else out)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if args[0] == "capture":
        capture(int(args[1]), args[2])
    else:
        replay(args[1], int(args[2]) if len(args) > 2 else 5)
