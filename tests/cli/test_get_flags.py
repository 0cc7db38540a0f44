"""Issue 15 item 3 through the app: get's selection and display flags, describe --show-events."""

from __future__ import annotations

import json

PODS = ("http-go-69f79cc48f-4ssfb", "http-go-69f79cc48f-vf6z7")  # seed 1


def test_field_selector_filters_pods(http_go) -> None:
    r = http_go("get", "pods", "--field-selector", "status.phase=Running,spec.nodeName=minikube")
    assert r.exit_code == 0 and all(p in r.stdout for p in PODS)
    r = http_go("get", "pods", "--field-selector=status.phase!=Running")
    assert (r.exit_code, r.stdout, r.stderr) == (
        0,
        "",
        "No resources found in default namespace.\n",
    )
    r = http_go("get", "pods", "-o", "name", "--field-selector", f"metadata.name=={PODS[1]}")
    assert r.stdout == f"pod/{PODS[1]}\n"


def test_field_selector_on_events_and_replicasets(http_go) -> None:
    r = http_go("get", "events", "--field-selector", "involvedObject.kind=Deployment", "-o", "name")
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 1
    r = http_go("get", "rs", "--field-selector", "status.replicas=2", "-o", "name")
    assert r.stdout == "replicaset.apps/http-go-69f79cc48f\n"


def test_field_selector_errors_are_the_servers(http_go) -> None:
    r = http_go("get", "pods", "--field-selector", "x=y")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == (
        'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label '
        'selector "", field selector "x=y": field label not supported: x\n'
    )
    r = http_go("get", "deploy", "-l", "app=http-go", "--field-selector", "spec.replicas=2")
    assert r.stderr == (
        'Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that '
        'match label selector "app=http-go", field selector "spec.replicas=2": "spec.replicas" '
        'is not a known field selector: only "metadata.name", "metadata.namespace"\n'
    )
    r = http_go("get", "pods", PODS[0], "--field-selector", "status.phase=Running")
    assert r.stderr == "error: name cannot be provided when a selector is specified\n"


def test_label_columns_and_show_kind(http_go) -> None:
    r = http_go("get", "deploy", "-L", "app,tier", "-L", "nope", "--show-kind")
    assert r.stdout.splitlines() == [
        "NAME                      READY   UP-TO-DATE   AVAILABLE   AGE   APP       TIER   NOPE",
        "deployment.apps/http-go   2/2     2            2           10s   http-go   " + " " * 7,
    ]


def test_ignore_not_found(http_go) -> None:
    r = http_go("get", "deploy", "nope", "--ignore-not-found")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "")
    r = http_go("get", "deploy", "nope", "http-go", "--ignore-not-found", "-o", "name")
    assert (r.exit_code, r.stdout) == (0, "deployment.apps/http-go\n")
    r = http_go("get", "cm", "-l", "x=y", "--ignore-not-found", "-o", "json")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "")
    r = http_go("get", "secrets", "-l", "x=y", "--ignore-not-found")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "")


def test_chunk_size_is_accepted(http_go) -> None:
    r = http_go("get", "pods", "--chunk-size=1", "-o", "name")
    assert (r.exit_code, len(r.stdout.splitlines())) == (0, 2)


def test_sort_by_every_list(http_go) -> None:
    http_go("scale", "deploy", "http-go", "--replicas=3")
    http_go("clock", "advance", "5s")
    r = http_go("get", "pods", "--sort-by", "{.metadata.creationTimestamp}", "-o", "name")
    assert r.stdout.splitlines()[-1] not in {f"pod/{p}" for p in PODS}
    r = http_go("get", "svc,deploy", "--sort-by=metadata.name", "-o", "json")
    names = [i["metadata"]["name"] for i in json.loads(r.stdout)["items"]]
    assert names == ["http-go", "http-go", "kubernetes"]
    r = http_go("get", "pods", "--sort-by", ".spec.nope")
    assert (r.exit_code, r.stderr) == (
        1,
        'error: couldn\'t find any field with path "{.spec.nope}" in the list of objects\n',
    )


def test_describe_show_events_false(http_go) -> None:
    shown = http_go("describe", "deploy", "http-go")
    hidden = http_go("describe", "deploy", "http-go", "--show-events=false")
    assert (hidden.exit_code, hidden.stderr) == (0, "")
    assert "\nEvents:" in shown.stdout and "Events:" not in hidden.stdout
    assert hidden.stdout.startswith("Name:                   http-go\n")
    assert shown.stdout.startswith(hidden.stdout)
