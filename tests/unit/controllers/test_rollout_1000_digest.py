"""A 1,000-replica rolling update to completion leaves the saved state it left before the kubelet's
syncs and the change routing were made cheaper (bench/rollout_1000.py's shape, managedFields
included, every timer and kubelet record).

test_state_golden.py's 200-replica update stops mid-rollout; this one runs both phases until the
Deployment is complete, so every pod goes through bind, sandbox, pull (the first pods of each
image), start, readiness, graceful deletion and removal.  The digest was taken on main before the
change (its document has no managedFields stripped, unlike the older goldens).
"""

from __future__ import annotations

import gc
import hashlib
import json
from typing import Any

from minikube_lite.api import objects as o
from minikube_lite.controllers import loop
from minikube_lite.store import apiserver, bootstrap
from minikube_lite.store.cluster import Cluster
from tests import builders as mk

REPLICAS = 1000
DIGEST = "ddc257322af4b5a61f1e2ba1889ec305b93c86c0e1e57bc150155ab304d4edad"


def _complete(cluster: Cluster) -> bool:
    d = cluster.get("Deployment", "default", "http-go")
    assert d is not None
    st = d.get("status", {})
    return (
        st.get("updatedReplicas") == REPLICAS
        and st.get("availableReplicas") == REPLICAS
        and st.get("replicas") == REPLICAS
        and st.get("observedGeneration", 0) >= o.generation(d)
        and cluster.count("Pod") == REPLICAS
    )


def _run_until_complete(cluster: Cluster) -> None:
    loop.settle(cluster)
    while not _complete(cluster):
        at = cluster.next_timer_at()
        assert at is not None, "stuck: no timer left"
        loop.advance_to(cluster, at)


def rolled_out() -> dict[str, Any]:
    """The state document after the rollout to v1 and the update to v2 both completed."""
    cluster = bootstrap.new_cluster(mode="manual", seed=1)
    node = cluster.get("Node", None, "minikube")
    assert node is not None
    node["status"]["capacity"]["pods"] = node["status"]["allocatable"]["pods"] = str(2 * REPLICAS)
    apiserver.create(cluster, "Deployment", mk.http_go(REPLICAS))
    enabled = gc.isenabled()
    gc.disable()  # as a command runs the controllers (speed only: the document is the same)
    try:
        _run_until_complete(cluster)
        d = o.deepcopy(cluster.get("Deployment", "default", "http-go"))
        d["spec"]["template"]["spec"]["containers"][0]["image"] = mk.HTTP_GO_V2
        apiserver.update(cluster, "Deployment", d)
        _run_until_complete(cluster)
    finally:
        if enabled:
            gc.enable()
    doc: dict[str, Any] = json.loads(json.dumps(cluster.to_doc()))
    doc["timers"].sort()  # the same timers; the heap's array order depends on its history
    doc["writes"] = cluster.writes  # no write added or dropped
    return doc


def test_rolled_out_document_is_unchanged() -> None:
    got = hashlib.sha256(json.dumps(rolled_out(), sort_keys=True).encode()).hexdigest()
    assert got == DIGEST


if __name__ == "__main__":
    print(hashlib.sha256(json.dumps(rolled_out(), sort_keys=True).encode()).hexdigest())
