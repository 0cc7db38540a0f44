"""metadata.managedFields through the verbs and the controllers, and how the printers show them.

The expected entries are the ones a real cluster records for the same steps (the manager names
kubectl sends: ``kubectl-create``, ``kubectl-label``, ``kubectl`` for ``scale`` on the scale
subresource; ``kube-controller-manager`` for the pods it creates and for Deployment/ReplicaSet
status; ``kubelet`` for pod status, as a subresource ``status`` entry); ``-o yaml|json`` hide them
unless ``--show-managed-fields`` while templates see them (cli-runtime's JSONYamlPrintFlags
wraps only the JSON/YAML printers in OmitManagedFieldsPrinter).
"""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import MklRunner


def _managed(mkl: MklRunner, *what: str) -> list[dict[str, Any]]:
    r = mkl("get", *what, "-o", "json", "--show-managed-fields")
    assert r.exit_code == 0, r.stderr
    fields: list[dict[str, Any]] = json.loads(r.stdout)["metadata"]["managedFields"]
    return fields


def _managers(entries: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(e["manager"], e.get("subresource", "")) for e in entries]


def test_a_rolled_out_deployment_and_its_pods_name_their_managers(http_go: MklRunner) -> None:
    d = _managed(http_go, "deploy", "http-go")
    assert _managers(d) == [
        ("kube-controller-manager", ""),  # the revision annotation
        ("kubectl-create", ""),
        ("kube-controller-manager", "status"),
    ]
    assert all(e["operation"] == "Update" and e["fieldsType"] == "FieldsV1" for e in d)
    assert d[0]["fieldsV1"] == {
        "f:metadata": {"f:annotations": {"f:deployment.kubernetes.io/revision": {}}}
    }
    assert "f:availableReplicas" in d[2]["fieldsV1"]["f:status"]
    pod = json.loads(http_go("get", "pods", "-o", "json", "--show-managed-fields").stdout)
    entries = pod["items"][0]["metadata"]["managedFields"]
    assert _managers(entries) == [("kube-controller-manager", ""), ("kubelet", "status")]
    created = entries[0]["fieldsV1"]
    assert set(created["f:metadata"]) == {"f:generateName", "f:labels", "f:ownerReferences"}
    assert "f:priority" not in created["f:spec"]  # set by admission, after the field manager
    kubelet = entries[1]["fieldsV1"]["f:status"]
    assert {"f:phase", "f:podIP", "f:startTime", "f:containerStatuses"} <= set(kubelet)


def test_label_takes_the_field_and_scale_writes_the_scale_subresource(http_go: MklRunner) -> None:
    assert http_go("label", "deploy", "http-go", "tier=web").exit_code == 0
    assert http_go("scale", "deploy", "http-go", "--replicas=3").exit_code == 0
    r = http_go("annotate", "deploy", "http-go", "a=b", "--field-manager=my-script")
    assert r.exit_code == 0, r.stderr
    d = {(e["manager"], e.get("subresource", "")): e for e in _managed(http_go, "deploy/http-go")}
    assert d[("kubectl-label", "")]["fieldsV1"] == {"f:metadata": {"f:labels": {"f:tier": {}}}}
    assert d[("kubectl", "scale")]["fieldsV1"] == {"f:spec": {"f:replicas": {}}}
    assert d[("my-script", "")]["fieldsV1"] == {"f:metadata": {"f:annotations": {"f:a": {}}}}
    assert "f:replicas" not in d[("kubectl-create", "")]["fieldsV1"]["f:spec"]  # moved away


def test_yaml_and_json_hide_them_templates_see_them(http_go: MklRunner) -> None:
    for fmt in ("yaml", "json"):
        assert "managedFields" not in http_go("get", "deploy", "http-go", "-o", fmt).stdout
    shown = http_go("get", "deploy", "http-go", "-o", "yaml", "--show-managed-fields").stdout
    assert "  managedFields:\n  - apiVersion: apps/v1\n    fieldsType: FieldsV1\n" in shown
    r = http_go("get", "deploy", "http-go", "-o", "jsonpath={.metadata.managedFields[*].manager}")
    assert r.stdout == "kube-controller-manager kubectl-create kube-controller-manager"
    r = http_go("label", "deploy", "http-go", "x=y", "-o", "yaml")
    assert r.exit_code == 0 and "managedFields" not in r.stdout


def test_a_no_op_write_changes_nothing(http_go: MklRunner) -> None:
    before = _managed(http_go, "deploy", "http-go")
    r = http_go("set", "image", "deploy/http-go", "http-go=gasbugs/http-go:v1")
    assert r.exit_code == 0
    assert _managed(http_go, "deploy", "http-go") == before
