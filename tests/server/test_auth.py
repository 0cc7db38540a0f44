"""mkl serve's authentication side: impersonation headers, RBAC on writes, the self-reviews.

In process (routes.dispatch), as in test_writes.py; the kubectl runs are in test_kubectl_writes.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from minikube_lite.server import auth
from tests import builders
from tests.conftest import MklRunner
from tests.server.inproc import MERGE, SMP, Call, D, caller

JANE = [("Impersonate-User", "jane")]
SSAR = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"
SSRR = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews"
SSR = "/apis/authentication.k8s.io/v1/selfsubjectreviews"


@pytest.fixture
def call(manual: MklRunner) -> Iterator[Call]:
    with caller() as run:
        yield run


def _bind(manual: MklRunner, role: str, name: str = "jane") -> None:
    r = manual("create", "rolebinding", f"{name}-{role}", f"--clusterrole={role}", f"--user={name}")
    assert r.exit_code == 0, r.stderr


def test_writes_are_authorized_as_the_impersonated_user(call: Call, manual: MklRunner) -> None:
    assert call("POST", D, builders.deployment("web"))[0] == 201
    _bind(manual, "view")
    code, doc, _ = call("PATCH", f"{D}/web", {"spec": {"replicas": 1}}, SMP, headers=JANE)
    assert (code, doc["reason"], doc["message"]) == (
        403,
        "Forbidden",
        'deployments.apps "web" is forbidden: User "jane" cannot patch resource "deployments" in '
        'API group "apps" in the namespace "default"',
    )
    code, doc, _ = call("POST", D, builders.deployment("x"), headers=JANE)
    assert code == 403 and 'cannot create resource "deployments"' in doc["message"]
    code, doc, _ = call("PATCH", f"{D}/web/scale", {"spec": {"replicas": 1}}, MERGE, headers=JANE)
    assert code == 403 and 'cannot patch resource "deployments/scale"' in doc["message"]
    code, doc, _ = call("DELETE", f"{D}/web", headers=JANE)
    assert code == 403 and 'cannot delete resource "deployments"' in doc["message"]
    web = call("GET", f"{D}/web", headers=JANE)[1]
    code, doc, _ = call("PUT", f"{D}/web", web, headers=JANE)
    assert code == 403 and 'cannot update resource "deployments"' in doc["message"]
    _bind(manual, "edit")
    assert call("PATCH", f"{D}/web", {"spec": {"replicas": 1}}, SMP, headers=JANE)[0] == 200
    assert call("DELETE", f"{D}/web", headers=JANE)[0] == 200


def test_impersonated_groups_count_and_a_uid_needs_a_user(call: Call, manual: MklRunner) -> None:
    r = manual("create", "rolebinding", "devs-edit", "--clusterrole=edit", "--group=devs")
    assert r.exit_code == 0, r.stderr
    groups = [
        ("Impersonate-User", "bob"),
        ("Impersonate-Group", "qa"),
        ("Impersonate-Group", "devs"),
    ]
    assert call("POST", D, builders.deployment("web"), headers=groups)[0] == 201
    code, doc, _ = call("GET", f"{D}/web", headers=[("Impersonate-Uid", "42")])
    assert (code, doc["message"]) == (
        400,
        'requesting uid, groups or user-extra for "minikube" without impersonating a user',
    )


def _review(call: Call, path: str, spec: dict[str, Any], headers: Any = ()) -> dict[str, Any]:
    kind = auth.REVIEWS[(path.split("/")[2], path.rsplit("/", 1)[1])]
    body = {"apiVersion": "/".join(path.split("/")[2:4]), "kind": kind, "spec": spec}
    code, doc, _ = call("POST", path, body, headers=list(headers))
    assert code == 201, doc
    assert doc["kind"] == kind and doc["metadata"] == {"creationTimestamp": None}
    return doc["status"]


def test_self_subject_access_review(call: Call, manual: MklRunner) -> None:
    attrs = {"namespace": "default", "verb": "patch", "group": "apps", "resource": "deployments"}
    assert _review(call, SSAR, {"resourceAttributes": attrs}) == {"allowed": True}
    assert _review(call, SSAR, {"resourceAttributes": attrs}, JANE) == {"allowed": False}
    _bind(manual, "edit")
    got = _review(call, SSAR, {"resourceAttributes": attrs}, JANE)
    assert got == {
        "allowed": True,
        "reason": 'RBAC: allowed by RoleBinding "jane-edit" of ClusterRole in namespace "default"',
    }
    non = {"nonResourceAttributes": {"path": "/healthz", "verb": "get"}}
    assert _review(call, SSAR, non, JANE)["allowed"] is True  # system:public-info-viewer
    assert call("POST", SSAR, {"spec": {}})[0] == 422


def test_self_subject_rules_review_is_what_can_i_list_reads(call: Call, manual: MklRunner) -> None:
    _bind(manual, "view")
    got = _review(call, SSRR, {"namespace": "default"}, JANE)
    assert got["incomplete"] is False
    pods = [r for r in got["resourceRules"] if "pods" in r.get("resources", [])]
    assert pods and all(set(r["verbs"]) <= {"get", "list", "watch"} for r in pods)
    assert any("/healthz" in r["nonResourceURLs"] for r in got["nonResourceRules"])
    admin = _review(call, SSRR, {"namespace": "default"})
    assert {"verbs": ["*"], "apiGroups": ["*"], "resources": ["*"]} in admin["resourceRules"]


def test_self_subject_review_is_whoami(call: Call) -> None:
    assert _review(call, SSR, {}) == {
        "userInfo": {"username": "minikube", "groups": ["system:masters", "system:authenticated"]}
    }
    who = [
        *JANE,
        ("Impersonate-Group", "devs"),
        ("Impersonate-Group", "qa"),
        ("Impersonate-Uid", "42"),
    ]
    assert _review(call, SSR, {}, who) == {
        "userInfo": {
            "username": "jane",
            "uid": "42",
            "groups": ["devs", "qa", "system:authenticated"],
        }
    }
