"""Table answers: the real kubectl's ``get`` through mkl serve prints what mkl's ``get`` does."""

from __future__ import annotations

import json

import pytest

from minikube_lite.printers import columns
from minikube_lite.server import launch, tables
from tests.conftest import MklRunner
from tests.server.conftest import Kubectl
from tests.server.test_skeleton import _get


def _lesson(mkl: MklRunner) -> None:
    """A rolling update stuck on a failing image, a paused deployment, a service, a namespace."""
    for argv in (
        ["create", "deployment", "http-go", "--image=gasbugs/http-go:v1", "--replicas=3"],
        ["expose", "deployment", "http-go", "--port=80", "--target-port=8080"],
        ["create", "deployment", "paused", "--image=nginx", "--replicas=2"],
        ["create", "namespace", "dev"],
        ["create", "deployment", "other", "--image=nginx", "-n", "dev"],
        ["label", "deployment", "http-go", "tier=web"],
        ["clock", "advance", "30s"],
        ["rollout", "pause", "deployment", "paused"],
        ["set", "image", "deployment/paused", "nginx=nginx:2"],
        ["set", "image", "deployment/http-go", "http-go=gasbugs/http-go:nope"],
        ["clock", "advance", "8s"],
    ):
        r = mkl(*argv)
        assert r.exit_code == 0, (argv, r.stderr)


@pytest.mark.parametrize("kind", [*columns._HEADERS, "Event"])
def test_column_definitions_are_the_printers_headers(kind: str) -> None:
    defs = tables.column_definitions(kind)
    assert [d["name"].upper() for d in defs] == columns.headers(kind, wide=True)
    narrow = [d["name"].upper() for d in defs if d["priority"] == 0]
    assert narrow == columns.headers(kind, wide=False)


def test_include_object_chooses_the_row_object(
    apiserver: launch.Launched, manual: MklRunner
) -> None:
    assert manual("create", "deployment", "web", "--image=nginx").exit_code == 0
    token = apiserver.api.token
    path = "/apis/apps/v1/namespaces/default/deployments"
    code, doc = _get(apiserver, path, token, tables.CONTENT_TYPE)
    assert code == 200 and doc["kind"] == "Table"
    row = doc["rows"][0]
    assert row["object"]["kind"] == "PartialObjectMetadata"
    assert row["cells"][:4] == ["web", "0/1", 1, 0]
    _, doc = _get(apiserver, path + "?includeObject=Object", token, tables.CONTENT_TYPE)
    assert doc["rows"][0]["object"]["spec"]["replicas"] == 1
    _, doc = _get(apiserver, path + "?includeObject=None", token, tables.CONTENT_TYPE)
    assert doc["rows"][0]["object"] is None
    code, doc = _get(apiserver, path + "?includeObject=All", token, tables.CONTENT_TYPE)
    assert code == 400 and "must be one of Object, Metadata, or None" in doc["message"]


def _without_age(events: str) -> list[list[str]]:
    """Events lines split into columns (two or more spaces apart), the Age column dropped."""
    import re

    rows = [re.split(r"\s{2,}", line.strip()) for line in events.strip().splitlines()]
    return [r[:2] + r[3:] for r in rows]


GETS = [
    ["get", "pods"],
    ["get", "pods", "-o", "wide"],
    ["get", "deploy", "-o", "wide"],
    ["get", "pods", "-A"],
    ["get", "deploy,rs,pods"],
    ["get", "all"],
    ["get", "deploy", "--show-labels"],
    ["get", "deploy", "-L", "tier,app"],
    ["get", "rs", "--sort-by=.metadata.name"],
    ["get", "pods", "--sort-by=.status.phase", "-o", "wide"],
    ["get", "svc,ns,nodes"],
    ["get", "deploy", "-o", "custom-columns=NAME:.metadata.name,R:.spec.replicas"],
    ["get", "deploy", "http-go"],
    ["get", "pods", "-l", "app=http-go", "--no-headers"],
]


def test_kubectl_get_prints_what_mkl_get_prints(
    apiserver: launch.Launched, kc: Kubectl, manual: MklRunner
) -> None:
    _lesson(manual)
    for argv in GETS:
        ours = manual(*argv)
        theirs = kc(*argv)
        assert theirs.returncode == ours.exit_code == 0, (argv, theirs.stderr, ours.stderr)
        assert theirs.stdout == ours.stdout, argv


def test_list_pagination_with_a_continue_token(
    apiserver: launch.Launched, kc: Kubectl, manual: MklRunner
) -> None:
    assert manual("create", "deployment", "web", "--image=nginx", "--replicas=5").exit_code == 0
    token = apiserver.api.token
    path = "/api/v1/namespaces/default/pods"
    names: list[str] = []
    code, doc = _get(apiserver, path + "?limit=2", token)
    assert code == 200 and doc["metadata"]["remainingItemCount"] == 3
    rv = doc["metadata"]["resourceVersion"]
    names += [p["metadata"]["name"] for p in doc["items"]]
    while doc["metadata"].get("continue"):
        code, doc = _get(apiserver, f"{path}?limit=2&continue={doc['metadata']['continue']}", token)
        assert code == 200 and doc["metadata"]["resourceVersion"] == rv
        names += [p["metadata"]["name"] for p in doc["items"]]
    assert names == sorted(manual("get", "pods", "-o", "name").stdout.replace("pod/", "").split())
    code, doc = _get(apiserver, path + "?limit=2&continue=garbage", token)
    assert code == 400 and doc["reason"] == "BadRequest"
    r = kc("get", "pods", "--chunk-size=2", "-o", "name")
    assert r.stdout == manual("get", "pods", "-o", "name").stdout


def test_list_resource_version_semantics(apiserver: launch.Launched, manual: MklRunner) -> None:
    token = apiserver.api.token
    path = "/api/v1/namespaces/default/pods"
    _, doc = _get(apiserver, path, token)
    rv = int(doc["metadata"]["resourceVersion"])
    assert _get(apiserver, f"{path}?resourceVersion=0", token)[0] == 200
    exact = f"{path}?resourceVersion={rv}&resourceVersionMatch=Exact"
    assert _get(apiserver, exact, token)[0] == 200
    code, doc = _get(apiserver, f"{path}?resourceVersion={rv + 50}", token)
    assert code == 504 and doc["message"].startswith("Too large resource version")
    code, doc = _get(apiserver, f"{path}?resourceVersionMatch=NotOlderThan", token)
    assert code == 400
    assert manual("create", "deployment", "web", "--image=nginx").exit_code == 0
    code, doc = _get(apiserver, exact, token)
    assert code == 410 and doc["reason"] == "Gone"


def test_describe_through_the_server_matches_mkl(
    apiserver: launch.Launched, kc: Kubectl, manual: MklRunner
) -> None:
    _lesson(manual)
    ours = manual("describe", "deploy", "http-go")
    theirs = kc("describe", "deploy", "http-go")
    assert theirs.returncode == 0, theirs.stderr
    # kubectl computes describe's event ages itself, from its wall clock: on a manual clock
    # (simulated 2024-01-01) they read years; everything else is the same text
    head, _, tail = theirs.stdout.partition("Events:")
    our_head, _, our_tail = ours.stdout.partition("Events:")
    assert head == our_head
    assert _without_age(tail) == _without_age(our_tail)
    assert "2y" in tail
    events = json.loads(
        kc(
            "get",
            "events",
            "--field-selector=involvedObject.kind=Deployment,involvedObject.name=http-go",
            "-o",
            "json",
        ).stdout
    )["items"]
    assert events and {e["involvedObject"]["name"] for e in events} == {"http-go"}


def test_jobs_through_the_server(
    apiserver: launch.Launched, kc: Kubectl, manual: MklRunner
) -> None:
    """The real kubectl creates a Job (batch/v1 over protobuf), waits for it, reads its log, and
    lists and describes it as mkl does."""
    r = kc("create", "job", "hello", "--image=busybox", "--", "echo", "hi")
    assert (r.returncode, r.stdout) == (0, "job.batch/hello created\n"), r.stderr
    assert manual("clock", "advance", "30s").exit_code == 0
    r = kc("wait", "--for=condition=complete", "job/hello", "--timeout=10s")
    assert (r.returncode, r.stdout) == (0, "job.batch/hello condition met\n"), r.stderr
    assert kc("logs", "job/hello").stdout == "hi\n"
    for argv in (["get", "jobs"], ["get", "jobs", "-o", "wide"], ["get", "all"]):
        ours, theirs = manual(*argv), kc(*argv)
        assert theirs.returncode == ours.exit_code == 0, (argv, theirs.stderr)
        assert theirs.stdout == ours.stdout, argv
    assert "Complete" in kc("get", "job", "hello").stdout
    head, _, _ = kc("describe", "job", "hello").stdout.partition("Events:")
    assert head == manual("describe", "job", "hello").stdout.partition("Events:")[0]
    assert kc("delete", "job", "hello").returncode == 0
    assert manual("get", "jobs").stderr == "No resources found in default namespace.\n"


def test_cronjobs_through_the_server(
    apiserver: launch.Launched, kc: Kubectl, manual: MklRunner
) -> None:
    r = kc("create", "cronjob", "tick", "--image=busybox", "--schedule=*/1 * * * *")
    assert (r.returncode, r.stdout) == (0, "cronjob.batch/tick created\n"), r.stderr
    assert manual("clock", "advance", "90s").exit_code == 0
    for argv in (["get", "cronjobs"], ["get", "cj", "-o", "wide"], ["get", "jobs"]):
        ours, theirs = manual(*argv), kc(*argv)
        assert theirs.returncode == ours.exit_code == 0, (argv, theirs.stderr)
        assert theirs.stdout == ours.stdout, argv
    r = kc("create", "job", "now", "--from=cronjob/tick")
    assert (r.returncode, r.stdout) == (0, "job.batch/now created\n"), r.stderr
