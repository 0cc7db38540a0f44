"""The kubelet's status writes remembered by shape (store/fieldmanager.py ``_shaped``) leave
exactly the entries of the plain comparison, also when a write of another kind comes between
two uses of a remembered write, and the pods of one wave share the entries' subtrees."""

from __future__ import annotations

import json
from typing import Any

from minikube_lite.api import objects as o
from minikube_lite.store import bootstrap, fieldmanager
from minikube_lite.store.cluster import Cluster

KCM = {
    "manager": "kube-controller-manager",
    "operation": "Update",
    "apiVersion": "v1",
    "time": "2024-01-01T00:00:00Z",
    "fieldsType": "FieldsV1",
    "fieldsV1": {"f:metadata": {"f:labels": {".": {}, "f:app": {}}}, "f:spec": {}},
}


def _cond(ctype: str, status: str, when: str = "2024-01-01T00:00:01Z") -> dict[str, Any]:
    return {"lastProbeTime": None, "lastTransitionTime": when, "status": status, "type": ctype}


def _pending() -> dict[str, Any]:
    conds = [_cond("PodScheduled", "True")]
    return {"phase": "Pending", "qosClass": "BestEffort", "conditions": conds}


def _running(ip: str, cid: str) -> dict[str, Any]:
    return {
        "conditions": [_cond("Ready", "True"), _cond("PodScheduled", "True")],
        "containerStatuses": [{"containerID": "containerd://" + cid, "name": "c", "ready": True}],
        "hostIP": "192.168.49.2",
        "hostIPs": [{"ip": "192.168.49.2"}],
        "phase": "Running",
        "podIP": ip,
        "podIPs": [{"ip": ip}],
    }


def _pod(name: str, status: Any, entries: list[Any] | None = None) -> dict[str, Any]:
    meta: dict[str, Any] = {"name": name, "namespace": "default", "uid": name + "-uid"}
    meta["managedFields"] = [KCM] if entries is None else entries
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta, "status": status}


def _write(cluster: Cluster, pod: dict[str, Any], new: Any, ip: str | None) -> str:
    """Write ``new`` over ``pod``'s status (shaped when ``ip``) and also, on a copy, the plain
    way: the two entries lists, as the bytes a save writes, must be the same."""
    copy = o.deepcopy(pod)
    old, pod["status"] = pod.get("status"), new
    fieldmanager.status_update(cluster, pod, old, fieldmanager.KUBELET, pod_ip=ip)
    old_c, copy["status"] = copy.get("status"), o.deepcopy(new)
    fieldmanager.status_update(cluster, copy, old_c, fieldmanager.KUBELET)
    got = json.dumps(pod["metadata"].get("managedFields"))
    assert got == json.dumps(copy["metadata"].get("managedFields"))
    return got


def _cluster() -> Cluster:
    return bootstrap.new_cluster(mode="manual", seed=1)


def test_a_wave_shares_one_remembered_write_per_transition() -> None:
    cluster = _cluster()
    pods = [_pod(f"p{i}", _pending()) for i in range(4)]
    for i, pod in enumerate(pods):
        _write(cluster, pod, _running(f"10.244.0.{i + 3}", f"{i:064x}"), f"10.244.0.{i + 3}")
    memo = cluster.memo(fieldmanager._SHAPES)
    assert len(memo["writes"]) == 1  # one transition, remembered once
    first, second = (p["metadata"]["managedFields"][1]["fieldsV1"]["f:status"] for p in pods[:2])
    assert first is not second and first["f:conditions"] is second["f:conditions"]
    assert 'k:{"ip":"10.244.0.4"}' in second["f:podIPs"]


def test_each_pod_gets_its_own_ip_element_in_place() -> None:
    cluster = _cluster()
    pods = [_pod(f"p{i}", _pending()) for i in range(3)]
    for i, pod in enumerate(pods):
        ip = f"10.244.1.{i + 3}"
        text = _write(cluster, pod, _running(ip, "ab" * 32), ip)
        assert f'k:{{\\"ip\\":\\"{ip}\\"}}' in text and "<pod-ip>" not in text
    # then the next transition from each pod's own entry (an entry made for its IP)
    for i, pod in enumerate(pods):
        ip = f"10.244.1.{i + 3}"
        new = {**_running(ip, "cd" * 32), "phase": "Succeeded"}
        _write(cluster, pod, new, ip)


def test_writes_between_two_uses_are_seen() -> None:
    cluster = _cluster()
    a, b, c, d, e = (_pod(n, _pending()) for n in "abcde")
    _write(cluster, a, _running("10.244.2.3", "01" * 32), "10.244.2.3")
    # another manager took f:status/f:podIPs with this pod's IP: not described, plain path
    foreign = {
        "manager": "kubectl",
        "operation": "Update",
        "apiVersion": "v1",
        "time": "2024-01-01T00:00:00Z",
        "fieldsType": "FieldsV1",
        "fieldsV1": {"f:status": {"f:podIPs": {".": {}, 'k:{"ip":"10.244.2.4"}': {}}}},
        "subresource": "status",
    }
    b["metadata"]["managedFields"] = [KCM, foreign]
    _write(cluster, b, _running("10.244.2.4", "02" * 32), "10.244.2.4")
    # the old status changed in place (the scheduler's way: a new conditions list)
    c["status"]["conditions"] = [_cond("PodScheduled", "False")]
    _write(cluster, c, _running("10.244.2.5", "03" * 32), "10.244.2.5")
    # the same content in another key order: the sets' order follows it
    d["status"]["conditions"] = [dict(reversed(list(_cond("PodScheduled", "True").items())))]
    _write(cluster, d, _running("10.244.2.6", "04" * 32), "10.244.2.6")
    # an update through the API server (a status with other podIPs, then the kubelet's)
    e_status = {**_running("10.244.9.9", "05" * 32)}
    _write(cluster, e, e_status, "10.244.9.9")
    _write(cluster, e, _running("10.244.2.7", "05" * 32), "10.244.2.7")
    # a podIP that is not the pod's, a status field holding a map
    _write(cluster, _pod("f", _pending()), _running("10.244.2.8", "06" * 32), "10.244.3.1")
    odd = {**_running("10.244.2.9", "07" * 32), "resize": {"x": "y"}}
    _write(cluster, _pod("g", _pending()), odd, "10.244.2.9")
    # a later instant: a new write, not the remembered one
    cluster.now += 1
    _write(cluster, _pod("h", _pending()), _running("10.244.3.3", "08" * 32), "10.244.3.3")


def test_a_remembered_entry_list_survives_new_entries_of_one_pod() -> None:
    """Writers build new entries (never change one in place): a pod given new entries between
    two kubelet writes is written from them, and the remembered ones stay as they were."""
    cluster = _cluster()
    first = _pod("q1", _pending())
    _write(cluster, first, _running("10.244.4.3", "11" * 32), "10.244.4.3")
    entries = first["metadata"]["managedFields"]
    kubelet_entry = entries[1]
    patched = {**kubelet_entry, "fieldsV1": {"f:status": {"f:phase": {}}}}
    first["metadata"]["managedFields"] = [entries[0], patched]
    _write(cluster, first, {**_running("10.244.4.3", "11" * 32), "phase": "Failed"}, "10.244.4.3")
    second = _pod("q2", _pending())
    _write(cluster, second, _running("10.244.4.4", "12" * 32), "10.244.4.4")
    assert kubelet_entry["fieldsV1"]["f:status"]["f:podIPs"] == {
        ".": {},
        'k:{"ip":"10.244.4.3"}': {".": {}, "f:ip": {}},
    }


def test_a_rolling_update_leaves_the_plain_entries(monkeypatch: Any) -> None:
    """The whole rollout (kubelet writes of every transition) with and without the shapes."""
    from tests.unit.controllers import test_state_golden as golden

    shaped = golden.rolling_update()
    monkeypatch.setattr(fieldmanager, "_shaped", lambda *a: False)
    assert json.dumps(golden.rolling_update()) == json.dumps(shaped)
