"""The controllers' per-pod work leaves exactly the saved state it left before it was made cheaper.

A small scenario runs every controller the big rolling updates exercise (scheduler with requests
and a pod that does not fit, ReplicaSet create/delete and pod ranking, the kubelet with pulls,
a crash loop and a failing readiness probe, endpoints, event aggregation) and compares the state
document with ``tests/golden/controllers_state.json``, generated before the optimisation.
A 200-replica rolling update (bench/rollout_1000.py's shape, where pods are ranked by the hundred)
is compared by the digest of its document.  Regenerate both (only for an intended behaviour
change): ``python -m tests.unit.controllers.test_state_golden``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from minikube_lite.api import objects as o
from minikube_lite.controllers import loop
from minikube_lite.store import apiserver, bootstrap, segments
from minikube_lite.store.cluster import Cluster
from tests import builders as mk

Obj = dict[str, Any]
GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "controllers_state.json"
ROLLING_UPDATE_DIGEST = "e9a09513e0f0ba3d68ef56e32771f4ecfdb66e33649675672b893324ac235e1d"
REQUESTS = {"requests": {"cpu": "100m", "memory": "64Mi"}}


def _advance(cluster: Cluster, seconds: float) -> None:
    loop.settle(cluster)
    loop.advance_to(cluster, cluster.now + seconds)


def _update(cluster: Cluster, name: str, change: Any) -> None:
    d = o.deepcopy(cluster.get("Deployment", "default", name))
    change(d["spec"])
    apiserver.update(cluster, "Deployment", d)


def _set_image(image: str) -> Any:
    def change(spec: Obj) -> None:
        spec["template"]["spec"]["containers"][0]["image"] = image

    return change


def scenario() -> Obj:
    """The saved state after rolling updates, a scale-down, a crash loop and a failing probe."""
    cluster = bootstrap.new_cluster(mode="manual", seed=1)
    web = mk.deployment("web", 8, containers=[mk.container("web", resources=REQUESTS)])
    web["spec"]["strategy"] = mk.rolling(2, 1)
    probe = mk.deployment("probe", 2)
    probe["spec"]["template"]["spec"]["containers"][0]["readinessProbe"] = {
        "httpGet": {"path": "/ready", "port": 8080}
    }
    big = mk.pod("big")  # does not fit next to web's requests: FailedScheduling, retries
    big["spec"]["containers"][0]["resources"] = {"requests": {"cpu": "1500m"}}
    for kind, obj in (
        ("Deployment", web),
        ("Deployment", probe),
        ("Deployment", mk.deployment("crash", 2, "busybox:1.36", port=None)),
        ("Service", _service("web")),
        ("Pod", big),
    ):
        apiserver.create(cluster, kind, obj)
    _advance(cluster, 30)

    _update(cluster, "web", _set_image("nginx:1.25"))
    for _ in range(6):
        _advance(cluster, 2)
    _update(cluster, "web", lambda spec: spec.update(replicas=5))
    _advance(cluster, 600)
    _update(cluster, "web", lambda spec: spec.update(replicas=9))
    _advance(cluster, 900)
    doc: Obj = json.loads(json.dumps(cluster.to_doc()))
    doc["timers"].sort()  # the same timers; the heap's array order depends on its history
    return _windows(doc)


def _service(name: str) -> Obj:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": name},
        "spec": {"selector": {"app": name}, "ports": [{"port": 80, "targetPort": 80}]},
    }


def rolling_update(replicas: int = 200) -> Obj:
    """The saved state after a ``replicas`` Deployment rolled out and rolled to a new image."""
    cluster = bootstrap.new_cluster(mode="manual", seed=1)
    node = cluster.get("Node", None, "minikube")["status"]
    node["capacity"]["pods"] = node["allocatable"]["pods"] = str(2 * replicas)
    apiserver.create(cluster, "Deployment", mk.http_go(replicas))
    _advance(cluster, 30)
    _update(cluster, "http-go", _set_image(mk.HTTP_GO_V2))
    for _ in range(4):
        _advance(cluster, 1)
    _update(cluster, "http-go", lambda spec: spec.update(replicas=replicas // 3))  # mid-rollout
    _advance(cluster, 60)
    doc: Obj = json.loads(json.dumps(cluster.to_doc()))
    doc["timers"].sort()
    return _windows(doc)


def _windows(doc: Obj) -> Obj:
    """The event-expiry index per 10-minute window, as the fixtures were taken: its keys are
    Event segments, which the storage layout splits further (by owner); a window's bound is the
    lowest of its segments'."""
    seen: dict[str, float] = {}
    for shard, t in doc["eventShardSeen"].items():
        window = segments.event_base(shard)
        seen[window] = min(t, seen.get(window, t))
    doc["eventShardSeen"] = seen
    return doc


def digest(doc: Obj) -> str:
    return hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()


def without_managed_fields(doc: Obj) -> Obj:
    """The document as it was before managedFields were recorded (the goldens predate them):
    recording them must change nothing else (no extra writes, no other field)."""
    managed = 0
    for bucket in doc.get("objects", {}).values():
        for obj in bucket.values():
            managed += obj.get("metadata", {}).pop("managedFields", None) is not None
    assert managed, "the API server recorded no managedFields"
    return doc


def test_rolling_update_document_is_unchanged() -> None:
    assert digest(without_managed_fields(rolling_update())) == ROLLING_UPDATE_DIGEST


def test_state_document_is_unchanged() -> None:
    expected = json.loads(GOLDEN.read_text())
    got = without_managed_fields(scenario())
    assert got.keys() == expected.keys()
    for key in expected:
        assert got[key] == expected[key], key


if __name__ == "__main__":
    GOLDEN.write_text(
        json.dumps(without_managed_fields(scenario()), indent=1, sort_keys=True) + "\n"
    )
    print(f"ROLLING_UPDATE_DIGEST = {digest(without_managed_fields(rolling_update()))!r}")
