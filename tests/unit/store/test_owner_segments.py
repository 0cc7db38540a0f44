"""Issue 13: inside a namespace, Pods (and the kubelet's records of them) are stored per owner, so
a sync that touches one ReplicaSet's pods reads their segment, not the namespace's; the manifest
says which controllers' pods each segment holds, so an owner's sync finds its dependents (and the
orphans it may adopt) without reading the others.  Profiles written with the coarser layout (one
Pod segment per namespace, one Event segment per window) are still read, and split as they are
rewritten."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from minikube_lite.api import objects as o
from minikube_lite.controllers import loop
from minikube_lite.store import apiserver, bootstrap, cluster, events, persist, segments
from minikube_lite.store.cluster import Cluster
from tests import builders as mk

FAILING_READINESS = {"httpGet": {"path": "/ready", "port": 8080}}  # nginx serves :80 only


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    read = segments.Source._read

    def counted(self: segments.Source, file: str, what: str, parse: bool) -> tuple[bytes, Any]:
        seen.append(what)
        return read(self, file, what, parse)

    monkeypatch.setattr(segments.Source, "_read", counted)
    return seen


def test_shards_follow_the_generated_name() -> None:
    assert segments.pod_shard("default/web-5d9c8f7b-x2k9z") == "default.web-5d9c8f7b"
    assert segments.pod_shard("default/web-x2k9z") == "default.web"  # a ReplicaSet's own
    assert segments.pod_shard("default/nginx") == "default"  # a bare pod: the namespace's
    assert segments.pod_shard("default/web-5d9c8f7b-xaaaa") == "default"  # not generated
    assert segments.pod_shard("node-a") == "_"
    pod_ev = segments.shard_of("default/web-5d9c8f7b-x2k9z.17a0b0c0d0e0f000")
    rs_pod_ev = segments.shard_of("default/web-5d9c8f7b-q7zz4.17a0b0c0d0e0f000")
    assert pod_ev == rs_pod_ev and pod_ev.startswith("default.")  # one bucket per owner
    assert segments.event_base(pod_ev) == pod_ev.rpartition(".")[0] and pod_ev.count(".") == 2


@pytest.fixture
def flaky_next_to_quiet(manual: Any) -> Any:
    """``default``: Deployment ``quiet`` (4 ready pods) and ``flaky`` (1 pod whose readiness probe
    keeps failing: the kubelet syncs it every 10 s); ``small``: Deployment ``app`` (3 pods)."""
    flaky = mk.deployment("flaky", 1)
    flaky["spec"]["template"]["spec"]["containers"][0]["readinessProbe"] = FAILING_READINESS
    stdin = mk.to_yaml(mk.deployment("quiet", 4), flaky)
    assert manual("apply", "-f", "-", stdin=stdin).exit_code == 0
    for argv in (
        ["create", "namespace", "small"],
        ["create", "deployment", "app", "--image=nginx", "--replicas=3", "-n", "small"],
        ["clock", "advance", "1m"],
    ):
        assert manual(*argv).exit_code == 0, argv
    return manual


def test_a_waiting_command_reads_only_the_pods_its_steps_sync(
    flaky_next_to_quiet: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    mkl = flaky_next_to_quiet
    assert mkl("set", "image", "-n", "small", "deploy/app", "nginx=httpd").exit_code == 0
    reads = _reads(monkeypatch)
    r = mkl("rollout", "status", "-n", "small", "deploy/app")
    assert r.exit_code == 0 and "successfully rolled out" in r.stdout, r.stderr
    default = [w for w in reads if w.startswith(("objects/Pod/default", "sim/kubelet/default"))]
    assert default and all(".flaky-" in w for w in default), default  # the probed pod's only


def _rs_with_a_bare_pod() -> tuple[Cluster, str]:
    c = bootstrap.new_cluster(mode="manual", seed=1)
    stray = mk.pod("stray")
    stray["metadata"]["labels"] = {"app": "web"}
    apiserver.create(c, "Pod", stray)
    apiserver.create(c, "Deployment", mk.deployment("other", 2))
    rs = {**mk.deployment("web", 3), "kind": "ReplicaSet"}  # a bare ReplicaSet adopts it
    apiserver.create(c, "ReplicaSet", rs)
    loop.advance_to(c, c.now + 60)
    web = c.get("ReplicaSet", "default", "web")
    assert web is not None
    return c, o.uid(web)


def test_the_manifest_lists_each_segments_owners_and_an_owner_reads_only_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c, web_rs = _rs_with_a_bare_pod()
    path = tmp_path / "p.d" / "manifest.json"
    persist.save(path, c.to_doc())
    table = json.loads(path.read_text())["segments"]
    pods = {s: e["owners"] for s, e in table.items() if s.startswith("objects/Pod/")}
    assert pods["objects/Pod/default"] == [web_rs]  # the adopted bare pod stays in its segment
    assert sum(1 for owners in pods.values() if owners == [web_rs]) == 2 and len(pods) == 3
    doc = persist.load(path)
    assert doc is not None
    reads = _reads(monkeypatch)
    names = sorted(o.name(p) for p in Cluster(doc).owned("Pod", web_rs, "default"))
    assert len(names) == 3 and "stray" in names
    assert len(reads) == 2 and not any("other-" in w for w in reads)


def test_an_orphan_is_found_for_adoption_in_any_segment(tmp_path: Path) -> None:
    c, web_rs = _rs_with_a_bare_pod()
    rs = c.get_key("Pod", "default/stray")
    assert rs is not None
    o.meta(rs).pop("ownerReferences")  # released: an orphan, in the segment of bare pods
    path = tmp_path / "p.d" / "manifest.json"
    persist.save(path, c.to_doc())
    doc = persist.load(path)
    assert doc is not None
    back = Cluster(doc)
    assert [o.name(p) for p in back.owned("Pod", "", "default")] == ["stray"]
    assert len(back.owned("Pod", web_rs, "default")) == 3 - 1  # the index follows later reads


_SHARD_OF = segments.shard_of


def _old_event_shard(key: str) -> str:
    """The Event shard of the layout before owner buckets: ``ns.<window>``."""
    return segments.event_base(_SHARD_OF(key))


def test_a_profile_with_whole_namespace_and_whole_window_segments_is_read_and_split(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c, web_rs = _rs_with_a_bare_pod()
    ns = c.get("Namespace", None, "default")
    events.record(c, events.EventRecord(ns, "Namespace", "Normal", "Old", "kept", "t"))
    path = tmp_path / "p.d" / "manifest.json"
    with monkeypatch.context() as m:  # save as the previous layout did
        m.setattr(segments, "pod_shard", segments.namespace_shard)
        m.setattr(persist, "controllers", None)  # no owner lists in the manifest
        for mod in (segments, cluster, events):
            m.setattr(mod, "shard_of", _old_event_shard)
        persist.save(path, c.to_doc())
        m.undo()
    table = json.loads(path.read_text())["segments"]
    assert "objects/Pod/default" in table and "owners" not in table["objects/Pod/default"]
    assert all(s.count(".") == 1 for s in table if s.startswith("events/"))
    doc = persist.load(path)
    assert doc is not None
    old = Cluster(doc)
    assert len(old.owned("Pod", web_rs, "default")) == 3  # owners not said: read
    old_keys = [k for k in old.objects["Event"] if k.startswith("default/default.")]
    assert old.get_key("Event", old_keys[0])["message"] == "kept"
    events.record(old, events.EventRecord(ns, "Namespace", "Normal", "New", "later", "t"))
    persist.save(path, old.to_doc())
    table = json.loads(path.read_text())["segments"]
    assert table["objects/Pod/default"]["owners"] == [web_rs]  # rewritten: split by owner
    assert all(s.count(".") == 2 for s in table if s.startswith("events/default."))
    doc = persist.load(path)
    assert doc is not None
    again = Cluster(doc)
    again.now += 2 * 3600  # every event expires, the old layout's ones too
    stored = len(again.objects["Event"])
    assert stored > 0 and events.expire(again) == stored and len(again.objects["Event"]) == 0
