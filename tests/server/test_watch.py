"""Watch through mkl serve: classic, WatchList, Table rows, the clock endpoint, the real kubectl."""

from __future__ import annotations

import base64
import http.client
import json
import os
import ssl
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from minikube_lite.server import launch, tables
from tests.conftest import KUBECTL, MklRunner
from tests.server.conftest import Kubectl, serving

CLOCK = "/apis/mkl.minikube-lite.io/v1/clock"
DEPLOYS = "/apis/apps/v1/namespaces/default/deployments"
PODS = "/api/v1/namespaces/default/pods"


def _ctx(up: launch.Launched) -> ssl.SSLContext:
    data = up.kubeconfig["clusters"][0]["cluster"]["certificate-authority-data"]
    return ssl.create_default_context(cadata=base64.b64decode(data).decode())


def _call(up: launch.Launched, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    req = urllib.request.Request(
        up.url + path,
        data=None if body is None else json.dumps(body).encode(),
        method=method,
        headers={"Authorization": f"Bearer {up.api.token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, context=_ctx(up), timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def _watch(up: launch.Launched, path: str, accept: str = "application/json") -> Iterator[dict]:
    """The watch events of ``path`` (which must carry timeoutSeconds), as they arrive."""
    host, port = up.url.removeprefix("https://").rsplit(":", 1)
    conn = http.client.HTTPSConnection(host, int(port), context=_ctx(up), timeout=10)
    conn.request("GET", path, headers={"Authorization": f"Bearer {up.api.token}", "Accept": accept})
    resp = conn.getresponse()
    assert resp.status == 200 and resp.headers["Transfer-Encoding"] == "chunked"
    try:
        while line := resp.readline():
            yield json.loads(line)
    finally:
        conn.close()


def _later(fn: Any, *args: Any, delay: float = 0.3) -> threading.Thread:
    t = threading.Thread(target=lambda: (time.sleep(delay), fn(*args)))
    t.start()
    return t


def _rolling(mkl: MklRunner) -> None:
    for argv in (
        ["create", "deployment", "web", "--image=gasbugs/http-go:v1", "--replicas=3"],
        ["clock", "advance", "10s"],
        ["set", "image", "deploy/web", "http-go=gasbugs/http-go:v2"],
    ):
        assert mkl(*argv).exit_code == 0, argv


def test_watch_list_sends_the_initial_events_a_bookmark_then_every_step(
    apiserver: launch.Launched, manual: MklRunner
) -> None:
    _rolling(manual)
    query = (
        "?allowWatchBookmarks=true&fieldSelector=metadata.name%3Dweb&resourceVersionMatch="
        "NotOlderThan&sendInitialEvents=true&timeoutSeconds=1&watch=true"
    )
    advance = _later(_call, apiserver, "POST", CLOCK, {"advance": "60s"})
    events = list(_watch(apiserver, DEPLOYS + query))
    advance.join()
    assert [e["type"] for e in events[:2]] == ["ADDED", "BOOKMARK"]
    mark = events[1]["object"]["metadata"]
    assert mark["annotations"] == {"k8s.io/initial-events-end": "true"}
    steps = [e["object"]["status"].get("updatedReplicas") for e in events[2:]]
    assert {e["type"] for e in events[2:]} == {"MODIFIED"}
    assert steps[0] == 1 and steps[-1] == 3 and 2 in steps  # every status step, not the last
    rvs = [int(e["object"]["metadata"]["resourceVersion"]) for e in events[2:]]
    assert rvs == sorted(rvs) and rvs[0] > int(mark["resourceVersion"])


def test_classic_watch_sees_changes_made_by_another_process(
    apiserver: launch.Launched, manual: MklRunner
) -> None:
    _, doc = _call(apiserver, "GET", PODS)
    rv = doc["metadata"]["resourceVersion"]
    create = _later(manual, "create", "deployment", "web", "--image=nginx", "--replicas=2")
    events = list(_watch(apiserver, f"{PODS}?resourceVersion={rv}&timeoutSeconds=1&watch=true"))
    create.join()
    assert [e["type"] for e in events] == ["ADDED", "ADDED"]
    assert {e["object"]["metadata"]["name"][:4] for e in events} == {"web-"}
    old = list(_watch(apiserver, f"{PODS}?resourceVersion=1&timeoutSeconds=1&watch=true"))
    assert [e["type"] for e in old] == ["ERROR"]
    assert old[0]["object"]["code"] == 410 and old[0]["object"]["reason"] == "Expired"
    assert old[0]["object"]["message"].startswith("too old resource version: 1 (")


def test_a_watch_without_version_lists_first_and_selectors_drop_objects(
    apiserver: launch.Launched, manual: MklRunner
) -> None:
    assert manual("create", "deployment", "web", "--image=nginx").exit_code == 0
    relabel = _later(manual, "label", "deployment", "web", "app=other", "--overwrite")
    query = "?labelSelector=app%3Dweb&timeoutSeconds=1&watch=true"
    events = list(_watch(apiserver, DEPLOYS + query))
    relabel.join()
    assert [e["type"] for e in events] == ["ADDED", "DELETED"]


def test_table_watch_rows_carry_columns_once(apiserver: launch.Launched, manual: MklRunner) -> None:
    assert manual("create", "deployment", "web", "--image=nginx").exit_code == 0
    advance = _later(_call, apiserver, "POST", CLOCK, {"advance": "10s"})
    events = list(_watch(apiserver, f"{PODS}?timeoutSeconds=1&watch=true", tables.CONTENT_TYPE))
    advance.join()
    assert events[0]["object"]["kind"] == "Table"
    assert [c["name"] for c in events[0]["object"]["columnDefinitions"][:2]] == ["Name", "Ready"]
    assert all(e["object"]["columnDefinitions"] == [] for e in events[1:])
    assert events[-1]["object"]["rows"][0]["cells"][1:3] == ["1/1", "Running"]


def test_the_clock_endpoint(apiserver: launch.Launched, manual: MklRunner) -> None:
    code, doc = _call(apiserver, "GET", CLOCK)
    assert code == 200 and doc["now"] == "2024-01-01T00:00:00Z" and doc["mode"] == "manual"
    code, doc = _call(apiserver, "POST", CLOCK, {"advance": "1m30s"})
    assert code == 200 and doc["now"] == "2024-01-01T00:01:30Z"
    assert manual("clock").stdout.startswith("2024-01-01T00:01:30Z")
    code, doc = _call(apiserver, "POST", CLOCK, {"advance": "soon"})
    assert code == 400 and doc["reason"] == "BadRequest"
    code, _ = _call(apiserver, "DELETE", CLOCK)
    assert code == 405


def _kubectl(up: launch.Launched, tmp: Path, *argv: str) -> subprocess.Popen[str]:
    assert KUBECTL is not None
    env = {**os.environ, "KUBECONFIG": str(up.kubeconfig_path), "HOME": str(tmp)}
    return subprocess.Popen(
        [str(KUBECTL), f"--cache-dir={tmp / 'kube-cache'}", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _until(p: subprocess.Popen[str], lines: int) -> list[str]:
    """The first ``lines`` lines ``p`` prints (then it is stopped)."""
    assert p.stdout is not None
    got = []
    timer = threading.Timer(20, p.kill)  # a bound on a watch that never prints enough
    timer.start()
    try:
        while len(got) < lines and (line := p.stdout.readline()):
            got.append(line.rstrip("\n"))
    finally:
        timer.cancel()
        p.kill()
        p.communicate()
    return got


def test_kubectl_get_w_prints_rows_as_another_shell_advances(
    apiserver: launch.Launched, kc: Kubectl, manual: MklRunner, tmp_path: Path
) -> None:
    assert manual("create", "deployment", "web", "--image=nginx", "--replicas=2").exit_code == 0
    p = _kubectl(apiserver, tmp_path, "get", "pods", "-w", "--output-watch-events")
    _later(manual, "clock", "advance", "10s", delay=1.0)
    rows = [line.split() for line in _until(p, 5)]
    assert rows[0][:3] == ["EVENT", "NAME", "READY"]
    assert [r[0] for r in rows[1:]] == ["ADDED", "ADDED", "MODIFIED", "MODIFIED"]
    assert [r[2:4] for r in rows[3:]] == [["1/1", "Running"], ["1/1", "Running"]]


def test_kubectl_rollout_status_prints_each_step_and_wait_succeeds(
    apiserver: launch.Launched, kc: Kubectl, manual: MklRunner, tmp_path: Path
) -> None:
    _rolling(manual)
    p = _kubectl(apiserver, tmp_path, "rollout", "status", "deploy/web", "--timeout=30s")
    _later(_call, apiserver, "POST", CLOCK, {"advance": "60s"}, delay=1.0)
    out, err = p.communicate(timeout=40)
    assert p.returncode == 0, err
    lines = out.splitlines()
    assert lines[0] == (
        'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been '
        "updated..."
    )
    assert any("2 out of 3 new replicas" in line for line in lines)
    assert lines[-1] == 'deployment "web" successfully rolled out'
    r = kc("wait", "--for=condition=Available", "deploy/web", "--timeout=10s")
    assert r.returncode == 0 and r.stdout == "deployment.apps/web condition met\n", r.stderr


@pytest.fixture
def real_server(mkl: MklRunner) -> Iterator[launch.Launched]:
    """mkl serve over a real clock running 50x fast."""
    assert mkl("cluster", "start", "--clock", "real", "--speed", "50", "--seed", "1").exit_code == 0
    with serving() as up:
        yield up


def test_a_real_clock_runs_on_its_own_while_a_watch_waits(
    real_server: launch.Launched, mkl: MklRunner
) -> None:
    assert mkl("create", "deployment", "web", "--image=nginx").exit_code == 0
    phases = []
    # the loop ends at Running; the long timeout only matters on a loaded machine
    for e in _watch(real_server, f"{PODS}?timeoutSeconds=20&watch=true"):
        phases.append((e["type"], e["object"]["status"].get("phase")))
        if phases[-1] == ("MODIFIED", "Running"):
            break
    assert phases[0][0] == "ADDED" and phases[-1] == ("MODIFIED", "Running")


def test_a_watch_from_a_lists_version_sends_modified_for_objects_changed_since(
    apiserver: launch.Launched, manual: MklRunner
) -> None:
    """kubectl 1.32's list, a change elsewhere, then its watch from N: MODIFIED, not ADDED."""
    assert manual("create", "deployment", "web", "--image=nginx", "--replicas=2").exit_code == 0
    code, listed = _call(apiserver, "GET", PODS + "?limit=500")
    assert code == 200 and len(listed["items"]) == 2
    assert manual("clock", "advance", "10s").exit_code == 0  # another shell; before the watch
    rv = listed["metadata"]["resourceVersion"]
    events = _watch(apiserver, f"{PODS}?resourceVersion={rv}&watch=true&timeoutSeconds=1")
    got = [(e["type"], e["object"]["status"]["phase"]) for e in events]
    assert got and {t for t, _ in got} == {"MODIFIED"}, got
