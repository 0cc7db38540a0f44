"""The Pod write journal (Cluster.journal): the ReplicaSet claim's kept facts and the scheduler's
kept node usage, refreshed only from the pods written since their last look, must equal a fresh
computation after a pod is written through each write path of the store (insert, touch,
replace, remove, and ``rewrote``: the kubelet catch-up's in-place writes), also when the journal
dropped the writes a reader has not seen (it reads every pod again)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from minikube_lite import clock
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import replicaset_pods as rp
from minikube_lite.store import nodeusage
from minikube_lite.store.cluster import Cluster, WriteJournal, new_doc

NOW = 1_700_000_000.0
SEL = {"matchLabels": {"app": "web"}}
LABELS = {"app": "web", "tier": "front"}


def _pod(name: str, *, cpu: str | None = None, ready: bool = True, node: str = "minikube") -> Obj:
    res = {"requests": {"cpu": cpu, "memory": "64Mi"}} if cpu else {}
    conds = [{"type": "Ready", "status": "True" if ready else "False"}]
    if ready:
        conds[0]["lastTransitionTime"] = clock.rfc3339(NOW)
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": name,
            "namespace": "default",
            "labels": dict(LABELS),
            "ownerReferences": [
                {"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "rs", "uid": "rs-uid"}
                | {"controller": True}
            ],
        },
        "spec": {"nodeName": node, "containers": [{"name": "c", "image": "x", "resources": res}]},
        "status": {"phase": "Running", "conditions": conds},
    }


def _cluster() -> Cluster:
    cluster = Cluster(new_doc("t", "manual", 1.0, 1, NOW, NOW))
    for i in range(80):  # more than _SORTED_KEYS_MIN: the kept sorted listing is used too
        cluster.insert("Pod", _pod(f"p{i:02d}", cpu="100m" if i % 3 else None, ready=i % 4 > 0))
    return cluster


def _check(cluster: Cluster, kept: rp.ReplicaSetFacts, usage_memo: dict[str, object]) -> None:
    owned = cluster.owned("Pod", "rs-uid", "default")
    got, got_bits = kept.claimed(owned)
    want, want_bits = rp.ReplicaSetFacts(SEL, LABELS).claimed(owned)
    assert [f[:3] for f in got] == [f[:3] for f in want] and got_bits == want_bits
    assert all(g[3] is w[3] for g, w in zip(got, want, strict=True))
    pods = cluster.objects["Pod"]
    journal = cluster.journal("Pod")
    assert nodeusage.total(pods, "minikube", usage_memo, journal) == nodeusage.total(
        pods, "minikube"
    )


def _steps(cluster: Cluster) -> list[Callable[[], None]]:
    """One pod written through each write path of the store."""

    def touch() -> None:
        p = cluster.get("Pod", "default", "p05")
        assert p is not None
        p["status"]["conditions"][0]["status"] = "False"  # Ready flips, in place
        p["spec"]["nodeName"] = "other"
        cluster.touch("Pod", p)

    def replace() -> None:
        stored = cluster.get("Pod", "default", "p07")
        assert stored is not None
        p = o.deepcopy(stored)
        p["status"]["phase"] = "Succeeded"  # no longer active nor counted on the node
        cluster.replace("Pod", p)

    def remove() -> None:
        p = cluster.get("Pod", "default", "p10")
        assert p is not None
        cluster.remove("Pod", p)

    def insert() -> None:
        cluster.insert("Pod", _pod("p99", cpu="250m"))

    def reinsert() -> None:  # the same key again, another object
        p = cluster.get("Pod", "default", "p11")
        assert p is not None
        cluster.remove("Pod", p)
        cluster.insert("Pod", _pod("p11", cpu="1", ready=False))

    def rewrote() -> None:  # the catch-up's way: content and resourceVersion set by the caller
        p = cluster.get("Pod", "default", "p12")
        assert p is not None
        p["metadata"]["labels"] = {"app": "web"}  # no longer fully labeled
        p["spec"]["containers"][0]["resources"] = {"requests": {"cpu": "2"}}
        p["metadata"]["resourceVersion"] = str(cluster.resource_version + 1)
        cluster.doc["resourceVersion"] = cluster.resource_version + 1
        cluster.rewrote("Pod", p)

    return [touch, replace, remove, insert, reinsert, rewrote]


@pytest.mark.parametrize("limit", [WriteJournal.LIMIT, 3])
def test_kept_claim_and_usage_follow_every_write_path(
    limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(WriteJournal, "LIMIT", limit)  # 3: the journal drops unseen writes
    cluster = _cluster()
    rs = {"metadata": {"uid": "rs-uid"}, "spec": {"template": {"metadata": {"labels": LABELS}}}}
    kept = rp.facts_for(cluster, rs, SEL, "ReplicaSet")  # as the sync gets it: with the journal
    assert kept.journal is cluster.journal("Pod")
    usage_memo: dict[str, object] = {}
    _check(cluster, kept, usage_memo)
    for step in _steps(cluster):
        step()
        _check(cluster, kept, usage_memo)
    for step in _steps(cluster)[:2]:  # several writes between two looks
        step()
    _check(cluster, kept, usage_memo)


def test_the_journal_lists_each_write_path_and_drops_what_it_cannot_keep(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cluster = _cluster()
    journal = cluster.journal("Pod")
    seen = journal.end()
    steps = _steps(cluster)
    for step in steps:
        step()
    written = journal.since(seen)
    assert written is not None
    names = [o.name(p) for p in written]
    assert names == ["p05", "p07", "p10", "p99", "p11", "p11", "p12"]
    assert journal.since(None) is None
    monkeypatch.setattr(WriteJournal, "LIMIT", 4)
    for _ in range(5):
        steps[0]()
    assert journal.since(seen) is None  # dropped: the reader starts again from the store
    assert journal.since(journal.end()) == [] and len(journal.writes) <= 4
