"""mkl serve's writes, in process: requests go straight to routes.dispatch (no sockets, no TLS).

POST/PUT/PATCH/DELETE, deletecollection, the scale and status subresources, fieldValidation,
dryRun, the request body decoding, and the answers' shape (codes, Status documents, headers).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests import builders
from tests.conftest import MklRunner
from tests.server.inproc import JSONPATCH, MERGE, SMP, Call, D, caller


@pytest.fixture
def call(manual: MklRunner) -> Iterator[Call]:
    with caller() as run:
        yield run


def _deploy(call: Call, name: str = "web", **kw: Any) -> dict[str, Any]:
    code, doc, _ = call("POST", D, builders.deployment(name, **kw))
    assert code == 201, doc
    return doc


def test_post_answers_201_and_generates_names(call: Call) -> None:
    web = _deploy(call)
    assert web["metadata"]["name"] == "web" and web["metadata"]["generation"] == 1
    assert web["spec"]["strategy"]["type"] == "RollingUpdate"  # defaulted by the write path
    body = builders.deployment("x")
    body["metadata"] = {"generateName": "web-", "labels": {"app": "x"}}
    code, doc, _ = call("POST", D, body)
    assert code == 201 and doc["metadata"]["name"].startswith("web-")
    assert len(doc["metadata"]["name"]) == len("web-") + 5
    code, got, _ = call("GET", f"{D}/{doc['metadata']['name']}")
    assert code == 200 and got["metadata"]["uid"] == doc["metadata"]["uid"]
    code, doc, _ = call("POST", D, builders.deployment("web"))
    assert (code, doc["reason"], doc["message"]) == (
        409,
        "AlreadyExists",
        'deployments.apps "web" already exists',
    )


def test_post_checks_the_url_against_the_body(call: Call) -> None:
    body = builders.deployment("web")
    body["metadata"]["namespace"] = "other"
    code, doc, _ = call("POST", D, body)
    assert (code, doc["message"]) == (
        400,
        "the namespace of the provided object does not match the namespace sent on the request",
    )
    code, doc, _ = call("POST", "/api/v1/namespaces/default/pods", builders.deployment("web"))
    assert code == 400
    assert doc["message"] == (
        "the API version in the data (apps/v1) does not match the expected API version (v1)"
    )
    code, doc, _ = call("POST", f"{D}/web", builders.deployment("web"))
    assert (code, doc["reason"]) == (405, "MethodNotAllowed")


def test_bodies_decode_as_json_or_yaml_with_the_servers_errors(call: Call) -> None:
    code, doc, _ = call("POST", D, b"{nope")
    assert (code, doc["reason"]) == (400, "BadRequest")
    assert doc["message"] == (
        "couldn't get version/kind; json parse error: invalid character 'n' looking for "
        "beginning of object key string"
    )
    yaml_body = builders.to_yaml(builders.deployment("from-yaml")).encode()
    code, doc, _ = call("POST", D, yaml_body, content_type="application/yaml")
    assert code == 201 and doc["metadata"]["name"] == "from-yaml"
    code, doc, _ = call("POST", D, b"x", content_type="text/plain")
    assert (code, doc["reason"]) == (415, "UnsupportedMediaType")
    assert doc["message"] == (
        "the body of the request was in an unknown format - accepted media types include: "
        "application/json, application/yaml, application/vnd.kubernetes.protobuf"
    )


def test_put_replaces_and_a_stale_resource_version_is_a_conflict(call: Call) -> None:
    _deploy(call)
    web = call("GET", f"{D}/web")[1]  # after the controllers' status writes
    web["spec"]["replicas"] = 5
    code, doc, _ = call("PUT", f"{D}/web", web)
    assert code == 200 and doc["spec"]["replicas"] == 5 and doc["metadata"]["generation"] == 2
    assert doc["metadata"]["resourceVersion"] != web["metadata"]["resourceVersion"]
    code, doc, _ = call("PUT", f"{D}/web", web)  # web still carries the old resourceVersion
    assert (code, doc["reason"], doc["message"]) == (
        409,
        "Conflict",
        'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; '
        "please apply your changes to the latest version and try again",
    )
    del web["metadata"]["resourceVersion"]  # unconditional
    web["spec"]["replicas"] = 1
    assert call("PUT", f"{D}/web", web)[0] == 200
    code, doc, _ = call("PUT", f"{D}/other", web)
    assert (code, doc["message"]) == (
        400,
        "the name of the object (web) does not match the name on the URL (other)",
    )
    web["metadata"]["name"] = "nope"
    code, doc, _ = call("PUT", f"{D}/nope", web)
    assert (code, doc["message"]) == (404, 'deployments.apps "nope" not found')


def test_patch_types_strategic_merge_and_json(call: Call) -> None:
    _deploy(call, "web", image="nginx:1")
    smp = {
        "spec": {
            "paused": True,
            "template": {
                "spec": {
                    "$setElementOrder/containers": [{"name": "web"}],
                    "containers": [{"name": "web", "image": "nginx:2"}],
                }
            },
        }
    }
    code, doc, _ = call("PATCH", f"{D}/web", smp, SMP)
    assert code == 200 and doc["spec"]["paused"] is True
    assert doc["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:2"
    code, doc, _ = call("PATCH", f"{D}/web", {"spec": {"paused": None}}, SMP)  # null deletes
    assert code == 200 and "paused" not in doc["spec"]
    code, doc, _ = call("PATCH", f"{D}/web", {"metadata": {"labels": {"tier": "x"}}}, MERGE)
    assert code == 200 and doc["metadata"]["labels"] == {"app": "web", "tier": "x"}
    ops = [{"op": "replace", "path": "/spec/replicas", "value": 7}]
    code, doc, _ = call("PATCH", f"{D}/web", ops, JSONPATCH)
    assert code == 200 and doc["spec"]["replicas"] == 7
    code, doc, _ = call("PATCH", f"{D}/nope", {"spec": {}}, SMP)
    assert (code, doc["message"]) == (404, 'deployments.apps "nope" not found')
    code, doc, _ = call("PATCH", f"{D}/web", [{"op": "remove", "path": "/spec/no"}], JSONPATCH)
    assert (code, doc["reason"], doc["details"]) == (422, "Invalid", {})  # no library text
    assert doc["message"] == "the server rejected our request due to an error in our request"
    code, doc, _ = call("PATCH", f"{D}/web", {"op": "remove"}, JSONPATCH)
    assert (code, doc["message"]) == (
        400,
        "json: cannot unmarshal object into Go value of type jsonpatch.Patch",
    )


def test_server_side_apply_and_other_types_are_415(call: Call) -> None:
    _deploy(call)
    code, doc, _ = call("PATCH", f"{D}/web", b"spec: {}", "application/apply-patch+yaml")
    assert (code, doc["reason"]) == (415, "UnsupportedMediaType")
    assert "server-side apply" in doc["message"] and "kubectl apply" in doc["message"]
    code, doc, _ = call("PATCH", f"{D}/web", {}, "application/json")
    assert (code, doc["reason"]) == (415, "UnsupportedMediaType")
    assert doc["message"].startswith("the body of the request was in an unknown format")


def test_field_validation_strict_warn_ignore(call: Call) -> None:
    bogus = builders.deployment("web")
    bogus["spec"]["bogus"] = 1
    code, doc, _ = call("POST", f"{D}?fieldValidation=Strict", bogus)
    assert (code, doc["message"]) == (
        400,
        'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: '
        'unknown field "spec.bogus"',
    )
    code, doc, headers = call("POST", D, bogus)  # Warn is the default
    assert code == 201 and "bogus" not in doc["spec"]
    assert headers["Warning"] == '299 - "unknown field \\"spec.bogus\\""'
    code, doc, _ = call("PATCH", f"{D}/web?fieldValidation=Strict", {"spec": {"bogus": 2}}, SMP)
    assert (code, doc["reason"]) == (422, "Invalid")  # the patcher's: the patch, as Go prints it
    assert doc["details"]["causes"] == [
        {
            "reason": "FieldValueInvalid",
            "message": 'Invalid value: "map[spec:map[bogus:2]]": strict decoding error: '
            'unknown field "spec.bogus"',
            "field": "patch",
        }
    ]
    code, doc, headers = call(
        "PATCH", f"{D}/web?fieldValidation=Ignore", {"spec": {"bogus": 2}}, SMP
    )
    assert code == 200 and "bogus" not in doc["spec"] and "Warning" not in headers
    code, doc, _ = call("POST", f"{D}?fieldValidation=Loud", bogus)
    assert code == 422 and doc["details"]["causes"][0]["field"] == "fieldValidation"


def test_dry_run_all_stores_nothing(call: Call) -> None:
    code, doc, _ = call("POST", f"{D}?dryRun=All", builders.deployment("web"))
    assert code == 201 and doc["metadata"]["name"] == "web"
    assert call("GET", f"{D}/web")[0] == 404
    web = _deploy(call)
    code, doc, _ = call("PATCH", f"{D}/web?dryRun=All", {"spec": {"replicas": 9}}, SMP)
    assert code == 200 and doc["spec"]["replicas"] == 9
    assert call("GET", f"{D}/web")[1]["spec"]["replicas"] == web["spec"]["replicas"]
    code, doc, _ = call("DELETE", f"{D}/web", {"dryRun": ["All"]})
    assert code == 200 and doc["status"] == "Success"
    assert call("GET", f"{D}/web")[0] == 200
    code, doc, _ = call("POST", f"{D}?dryRun=Some", builders.deployment("x"))
    assert code == 422


def test_delete_answers_a_status_or_the_object(call: Call, manual: MklRunner) -> None:
    web = _deploy(call)
    manual("clock", "advance", "30s")
    code, doc, _ = call("DELETE", f"{D}/web", {"propagationPolicy": "Background"})
    assert code == 200
    assert doc == {
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Success",
        "details": {
            "name": "web",
            "group": "apps",
            "kind": "deployments",
            "uid": web["metadata"]["uid"],
        },
    }
    assert call("GET", f"{D}/web")[0] == 404
    assert manual("get", "rs").stdout == ""  # the garbage collector took the ReplicaSet
    call("POST", "/api/v1/namespaces/default/pods", builders.pod("p"))
    manual("clock", "advance", "30s")
    code, doc, _ = call("DELETE", "/api/v1/namespaces/default/pods/p")
    assert code == 200 and doc["kind"] == "Pod" and doc["metadata"]["deletionTimestamp"]
    _deploy(call, "fg")
    code, doc, _ = call("DELETE", f"{D}/fg?propagationPolicy=Foreground")
    assert code == 200 and doc["kind"] == "Deployment"
    assert "foregroundDeletion" in doc["metadata"]["finalizers"]
    code, doc, _ = call("DELETE", f"{D}/fg", {"propagationPolicy": "Sometimes"})
    assert code == 422 and doc["message"].startswith('DeleteOptions.meta.k8s.io "" is invalid')


def test_delete_orphan_and_preconditions(call: Call, manual: MklRunner) -> None:
    web = _deploy(call)
    manual("clock", "advance", "30s")
    code, doc, _ = call("DELETE", f"{D}/web", {"preconditions": {"uid": "other"}})
    assert (code, doc["reason"]) == (409, "Conflict")
    assert doc["message"] == (
        'Operation cannot be fulfilled on deployments.apps "web": Precondition failed: UID in '
        f"precondition: other, UID in object meta: {web['metadata']['uid']}"
    )
    code, doc, _ = call("DELETE", f"{D}/web", {"orphanDependents": True})
    assert code == 200
    manual("clock", "advance", "5s")
    rs = manual("get", "rs", "-o", "name").stdout
    assert rs.startswith("replicaset.apps/web-")  # orphaned, not collected


def test_deletecollection_with_a_label_selector(call: Call) -> None:
    _deploy(call, "a")
    _deploy(call, "b")
    body = builders.deployment("c")
    body["metadata"]["labels"] = {"keep": "yes"}
    call("POST", D, body)
    code, doc, _ = call("DELETE", f"{D}?labelSelector=app%20in%20(a,b)")
    assert code == 200 and doc["kind"] == "DeploymentList"
    assert sorted(i["metadata"]["name"] for i in doc["items"]) == ["a", "b"]
    names = [i["metadata"]["name"] for i in call("GET", D)[1]["items"]]
    assert names == ["c"]


def test_scale_subresource(call: Call) -> None:
    _deploy(call)
    code, doc, _ = call("GET", f"{D}/web/scale")
    assert code == 200
    assert (doc["kind"], doc["apiVersion"], doc["spec"], doc["status"]["selector"]) == (
        "Scale",
        "autoscaling/v1",
        {"replicas": 3},
        "app=web",
    )
    code, doc, _ = call("PATCH", f"{D}/web/scale", {"spec": {"replicas": 5}}, MERGE)
    assert code == 200 and doc["spec"] == {"replicas": 5}
    assert call("GET", f"{D}/web")[1]["spec"]["replicas"] == 5
    scale = call("GET", f"{D}/web/scale")[1]
    scale["spec"]["replicas"] = 2
    code, doc, _ = call("PUT", f"{D}/web/scale", scale)
    assert code == 200 and doc["spec"] == {"replicas": 2}
    code, doc, _ = call("PUT", f"{D}/web/scale", scale)  # now stale
    assert (code, doc["reason"]) == (409, "Conflict")
    code, doc, _ = call("PATCH", f"{D}/web/scale", {"spec": {"replicas": -1}}, MERGE)
    assert code == 422 and doc["details"]["kind"] == "Scale.autoscaling"
    code, _, _ = call("GET", "/api/v1/namespaces/default/configmaps/kube-root-ca.crt/scale")
    assert code == 404


def test_status_subresource_writes_only_the_status(call: Call) -> None:
    _deploy(call)
    code, doc, _ = call("GET", f"{D}/web/status")
    assert code == 200 and doc["kind"] == "Deployment"
    doc["spec"]["replicas"] = 9
    doc["status"] = {"observedGeneration": 1, "replicas": 42}
    code, out, _ = call("PUT", f"{D}/web/status", doc)
    assert code == 200 and out["status"]["replicas"] == 42 and out["spec"]["replicas"] == 3
    code, out, _ = call("PATCH", f"{D}/web/status", {"status": {"replicas": 41}}, MERGE)
    assert code == 200 and out["status"]["replicas"] == 41


def test_scale_of_replica_sets_and_controllers_and_cluster_scoped_writes(call: Call) -> None:
    rs = builders.deployment("rs")
    rs["kind"] = "ReplicaSet"
    rs["spec"].pop("strategy", None)
    rs_path = "/apis/apps/v1/namespaces/default/replicasets"
    assert call("POST", rs_path, rs)[0] == 201
    code, doc, _ = call("PATCH", f"{rs_path}/rs/scale", {"spec": {"replicas": 0}}, MERGE)
    assert code == 200 and doc["spec"] == {} and doc["status"]["selector"] == "app=rs"
    rc_path = "/api/v1/namespaces/default/replicationcontrollers"
    assert call("POST", rc_path, builders.replication_controller("v1"))[0] == 201
    name = call("GET", rc_path)[1]["items"][0]["metadata"]["name"]
    code, doc, _ = call("GET", f"{rc_path}/{name}/scale")
    assert code == 200 and doc["status"]["selector"] == "app=http-go,version=v1"
    ns = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "dev"}}
    assert call("POST", "/api/v1/namespaces", ns)[0] == 201
    code, doc, _ = call(
        "PATCH", "/api/v1/namespaces/dev", {"metadata": {"labels": {"a": "b"}}}, MERGE
    )
    assert code == 200 and doc["metadata"]["labels"]["a"] == "b"
    code, doc, _ = call("DELETE", "/api/v1/namespaces/dev")
    assert code == 200 and doc["kind"] == "Namespace" and doc["status"]["phase"] == "Terminating"
    code, doc, _ = call("DELETE", "/api/v1/namespaces/default")
    assert (code, doc["message"]) == (
        403,
        'namespaces "default" is forbidden: this namespace may not be deleted',
    )
