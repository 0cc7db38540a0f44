"""The field manager's set arithmetic and FieldsV1 shapes (api/managedfields.py).

Where the expected shapes come from: kubectl 1.37 offline cannot compute managedFields (only a
server does), so they are the API server's records as published from real clusters: the
``kubectl-create`` Deployment of ``kubectl create deployment nginx --image=nginx`` (the shape
shown in the Kubernetes server-side-apply discussions and in ``kubectl get -o yaml
--show-managed-fields`` outputs: ``f:strategy`` without ``.`` because the empty Deployment
already has ``strategy: {}``, ``f:selector: {}`` because a LabelSelector is atomic, containers
keyed ``k:{"name":"nginx"}``), a ``kubectl create secret generic`` Secret (``f:data: {.: {},
f:auth: {}}, f:type: {}``), and a pod's ``k:{"containerPort":80,"protocol":"TCP"}`` port and
``f:nodeSelector: {.: {}, ...}`` from a published kubectl-created Pod.
"""

from __future__ import annotations

from typing import Any

from minikube_lite.api import defaults, fieldpath
from minikube_lite.api import managedfields as mf
from tests import builders as mk

Obj = dict[str, Any]


def _created(obj: Obj, manager: str = "kubectl-create") -> list[Obj]:
    defaults.default_object(obj)
    w = mf.Write(manager, obj["apiVersion"], "2024-01-01T00:00:00Z")
    return mf.update(None, mf.empty_object(obj["kind"]), obj, w)


def _nginx_deployment() -> Obj:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "nginx", "labels": {"app": "nginx"}},
        "spec": {
            "replicas": 1,
            "selector": {"matchLabels": {"app": "nginx"}},
            "template": {
                "metadata": {"labels": {"app": "nginx"}},
                "spec": {"containers": [{"name": "nginx", "image": "nginx", "resources": {}}]},
            },
        },
    }


KUBECTL_CREATE_DEPLOYMENT = {
    "f:metadata": {"f:labels": {".": {}, "f:app": {}}},
    "f:spec": {
        "f:progressDeadlineSeconds": {},
        "f:replicas": {},
        "f:revisionHistoryLimit": {},
        "f:selector": {},
        "f:strategy": {
            "f:rollingUpdate": {".": {}, "f:maxSurge": {}, "f:maxUnavailable": {}},
            "f:type": {},
        },
        "f:template": {
            "f:metadata": {"f:labels": {".": {}, "f:app": {}}},
            "f:spec": {
                "f:containers": {
                    'k:{"name":"nginx"}': {
                        ".": {},
                        "f:image": {},
                        "f:imagePullPolicy": {},
                        "f:name": {},
                        "f:resources": {},
                        "f:terminationMessagePath": {},
                        "f:terminationMessagePolicy": {},
                    }
                },
                "f:dnsPolicy": {},
                "f:restartPolicy": {},
                "f:schedulerName": {},
                "f:securityContext": {},
                "f:terminationGracePeriodSeconds": {},
            },
        },
    },
}


def test_a_created_deployment_is_owned_as_the_api_server_records_it() -> None:
    (entry,) = _created(_nginx_deployment())
    assert entry == {
        "manager": "kubectl-create",
        "operation": "Update",
        "apiVersion": "apps/v1",
        "time": "2024-01-01T00:00:00Z",
        "fieldsType": "FieldsV1",
        "fieldsV1": KUBECTL_CREATE_DEPLOYMENT,
    }


def test_a_secret_s_data_map_is_granular_and_its_type_a_leaf() -> None:
    secret = {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": "basic-auth"},
        "data": {"auth": "Z2RoYQ=="},
        "type": "Opaque",
    }
    (entry,) = _created(secret)
    assert entry["fieldsV1"] == {"f:data": {".": {}, "f:auth": {}}, "f:type": {}}


def test_keyed_lists_sets_and_granular_maps() -> None:
    pod = mk.pod("p", nodeSelector={"disk": "ssd"})
    pod["spec"]["containers"] = [mk.container("web")]
    pod["metadata"]["finalizers"] = ["example.com/keep"]
    fields = _created(pod)[0]["fieldsV1"]
    container = fields["f:spec"]["f:containers"]['k:{"name":"web"}']
    assert container["f:ports"] == {
        ".": {},
        'k:{"containerPort":80,"protocol":"TCP"}': {
            ".": {},
            "f:containerPort": {},
            "f:protocol": {},
        },
    }
    assert fields["f:spec"]["f:nodeSelector"] == {".": {}, "f:disk": {}}
    assert fields["f:metadata"]["f:finalizers"] == {".": {}, 'v:"example.com/keep"': {}}
    # what the server owns never appears: name, namespace, uid, resourceVersion ...
    assert "f:name" not in fields["f:metadata"]


def test_an_update_moves_the_fields_it_changed_to_its_manager() -> None:
    """Updater.Update: the writer takes what it changed from everyone (an Update forces), a
    removed field leaves every set, and an entry left empty disappears."""
    d = _nginx_deployment()
    d["metadata"]["labels"]["tier"] = "web"
    entries = _created(d)
    live = {**d, "metadata": {**d["metadata"], "managedFields": entries}}
    new = {**d, "metadata": {**d["metadata"], "labels": {"app": "nginx", "tier": "db"}}}
    w = mf.Write("kubectl-label", "apps/v1", "2024-01-01T00:01:00Z")
    after = mf.update(entries, live, new, w)
    assert [e["manager"] for e in after] == ["kubectl-create", "kubectl-label"]
    assert after[1]["fieldsV1"] == {"f:metadata": {"f:labels": {"f:tier": {}}}}
    assert after[1]["time"] == "2024-01-01T00:01:00Z"
    labels = after[0]["fieldsV1"]["f:metadata"]["f:labels"]
    assert labels == {".": {}, "f:app": {}}  # kubectl-create keeps the rest
    # the label removed: gone from kubectl-label's set, whose entry then goes
    gone = {**d, "metadata": {**d["metadata"], "labels": {"app": "nginx"}}}
    w2 = mf.Write("kubectl-label", "apps/v1", "2024-01-01T00:02:00Z")
    final = mf.update(after, {**new, "metadata": {**new["metadata"]}}, gone, w2)
    assert [e["manager"] for e in final] == ["kubectl-create"]


def test_a_write_that_only_removes_does_not_move_the_writer_s_time() -> None:
    entries = [mf.entry("a", "v1", "2024-01-01T00:00:00Z", {"f:data": {".": {}, "f:x": {}}})]
    live = {"data": {"x": "1", "y": "2"}}
    entries.append(mf.entry("b", "v1", "2024-01-01T00:00:05Z", {"f:data": {"f:y": {}}}))
    after = mf.update(entries, live, {"data": {"x": "1"}}, mf.Write("a", "v1", "T"))
    assert after == [entries[0]]


def test_entries_sort_by_operation_time_then_manager() -> None:
    e = [
        mf.entry("z", "v1", "2024-01-01T00:00:01Z", {"f:a": {}}),
        mf.entry("b", "v1", "2024-01-01T00:00:02Z", {"f:b": {}}),
        mf.entry("a", "v1", "2024-01-01T00:00:02Z", {"f:c": {}}, "status"),
    ]
    out = mf.apply_changes(list(reversed(e)), {}, {}, mf.Write("q", "v1", "T"))
    assert [x["manager"] for x in out] == ["z", "a", "b"]


def test_set_union_difference_and_prune() -> None:
    a = {"f:spec": {"f:replicas": {}, "f:template": {".": {}, "f:x": {}}}}
    b = {"f:spec": {"f:template": {}}}
    assert fieldpath.union(b, {"f:spec": {"f:template": {"f:y": {}}}}) == {
        "f:spec": {"f:template": {".": {}, "f:y": {}}}
    }
    assert fieldpath.difference(a, b) == {"f:spec": {"f:replicas": {}, "f:template": {"f:x": {}}}}
    assert fieldpath.prune(a, b) == {"f:spec": {"f:replicas": {}}}
    assert fieldpath.paths(a) == {"f:spec.f:replicas", "f:spec.f:template", "f:spec.f:template.f:x"}
