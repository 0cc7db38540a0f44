"""The dashboard's HTTP endpoints, served by a real server on a free port of 127.0.0.1.

The server runs in this process (``Dashboard``); the writes it must follow come from other
processes (the installed ``mkl``), as a teacher's other terminal would make them.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import threading
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from minikube_lite.dashboard import server
from minikube_lite.ops import session
from tests.conftest import BIN, MklRunner

DEADLINE = 20.0  # seconds any single wait may take


def run(mkl: MklRunner, *argv: str) -> None:
    r = mkl(*argv)
    assert r.exit_code == 0, (argv, r.stderr)


def other_process(*argv: str) -> None:
    """One mkl command in another process (same MKL_HOME)."""
    r = subprocess.run(
        [str(BIN / "mkl"), *argv], capture_output=True, text=True, timeout=60, env=os.environ
    )
    assert r.returncode == 0, (argv, r.stderr)


@pytest.fixture
def board(manual: MklRunner) -> Iterator[server.Dashboard]:
    """A dashboard over a manual-clock cluster with Deployment web (3 pods, rolled out)."""
    run(manual, "create", "deployment", "web", "--image=nginx:1.25", "--replicas=3")
    run(manual, "rollout", "status", "deployment/web")
    b = server.Dashboard(None, "127.0.0.1", 0).start()
    try:
        yield b
    finally:
        b.stop()


def get(b: server.Dashboard, path: str, token: str | None = None) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", b.port, timeout=DEADLINE)
    query = "" if token is None else f"?token={token}"
    conn.request("GET", path + query)
    return conn.getresponse()


class Stream:
    """An open ``/api/events`` stream, read event by event."""

    def __init__(self, b: server.Dashboard) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", b.port, timeout=DEADLINE)
        self.conn.request("GET", f"/api/events?token={b.token}")
        self.resp = self.conn.getresponse()
        assert self.resp.status == 200
        assert self.resp.getheader("Content-Type") == "text/event-stream; charset=utf-8"

    def next(self) -> dict[str, Any]:
        """The next ``state`` event's document (keep-alive comments skipped)."""
        fields: dict[str, str] = {}
        while True:
            line = self.resp.readline().decode()
            assert line, "the stream ended"
            if line == "\n":
                if fields.get("event") == "state":
                    doc: dict[str, Any] = json.loads(fields["data"])
                    assert int(fields["id"]) == doc["seq"]
                    return doc
                fields = {}
            elif not line.startswith(":"):
                key, _, value = line.rstrip("\n").partition(": ")
                fields[key] = value

    def until(self, wanted: Any) -> dict[str, Any]:
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            doc = self.next()
            if wanted(doc):
                return doc
        raise AssertionError("no such state within the deadline")

    def close(self) -> None:
        self.conn.close()


def pod_names(doc: dict[str, Any]) -> set[str]:
    return {p["name"] for d in doc["deployments"] for rs in d["replicaSets"] for p in rs["pods"]}


PATHS = ("/", "/api/state", "/api/events", "/static/app.js", "/static/app.css", "/nope")


@pytest.mark.parametrize("token", [None, "", "wrong"], ids=["none", "empty", "wrong"])
def test_every_path_needs_the_token(board: server.Dashboard, token: str | None) -> None:
    for path in PATHS:
        resp = get(board, path, token)
        assert (path, resp.status, resp.read()) == (path, 403, server.FORBIDDEN)


def test_the_page_and_its_files_come_from_the_package(board: server.Dashboard) -> None:
    page = get(board, "/", board.token)
    assert page.status == 200 and page.getheader("Content-Type") == "text/html; charset=utf-8"
    html = page.read().decode()
    assert f'src="/static/app.js?token={board.token}"' in html
    assert "__TOKEN__" not in html and "http" not in html.replace("http-equiv", "")
    csp = page.getheader("Content-Security-Policy") or ""
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert page.getheader("Referrer-Policy") == "no-referrer"
    for path, kind in server.FILES.items():
        resp = get(board, path, board.token)
        assert (resp.status, resp.getheader("Content-Type")) == (200, f"{kind}; charset=utf-8")
        body = resp.read().decode()
        assert "//cdn" not in body and "https://" not in body and "import(" not in body
    assert get(board, "/nope", board.token).status == 404


def test_state_is_the_document_of_the_last_look(board: server.Dashboard) -> None:
    resp = get(board, "/api/state", board.token)
    assert resp.getheader("Content-Type") == "application/json; charset=utf-8"
    doc = json.loads(resp.read())
    assert doc["seq"] == 1 and doc["error"] is None and doc["lesson"] is None
    assert set(doc) >= {"profile", "clock", "namespaces", "deployments", "events"}
    (d,) = doc["deployments"]
    assert (d["name"], d["done"], len(pod_names(doc))) == ("web", True, 3)


def test_events_follow_a_set_image_from_another_process(board: server.Dashboard) -> None:
    stream = Stream(board)
    try:
        first = stream.next()
        before = pod_names(first)
        other_process("set", "image", "deployment/web", "nginx=nginx:1.27")
        doc = stream.until(lambda d: pod_names(d) - before)
        (d,) = doc["deployments"]
        assert (d["revision"], d["done"], d["band"]["rolling"]) == (2, False, True)
        assert d["replicaSets"][0]["new"] and d["replicaSets"][0]["images"] == ["nginx:1.27"]
        new = pod_names(doc) - before
        assert all(name.startswith(d["replicaSets"][0]["name"] + "-") for name in new)
    finally:
        stream.close()


def test_a_reconnecting_stream_gets_only_newer_documents(board: server.Dashboard) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", board.port, timeout=DEADLINE)
    seq = board.hub.latest()[0]
    conn.request("GET", f"/api/events?token={board.token}", headers={"Last-Event-ID": str(seq)})
    resp = conn.getresponse()
    try:
        other_process("create", "namespace", "class")
        line = resp.readline().decode()
        while not line.startswith("id: "):
            line = resp.readline().decode()
        assert int(line.split(": ")[1]) > seq
    finally:
        conn.close()


def test_a_manual_clock_is_never_moved(board: server.Dashboard) -> None:
    with session.open_cluster(None, advance=False) as cluster:
        before = cluster.now
    stream = Stream(board)
    try:
        stream.next()
        other_process("create", "namespace", "class")
        doc = stream.until(lambda d: "class" in {ns["name"] for ns in d["namespaces"]})
    finally:
        stream.close()
    with session.open_cluster(None, advance=False) as cluster:
        assert cluster.now == before
    assert doc["clock"]["mode"] == "manual"


def test_a_real_clock_runs_while_the_dashboard_watches(mkl: MklRunner) -> None:
    run(mkl, "cluster", "start", "--clock", "real", "--speed", "50", "--seed", "1")
    run(mkl, "create", "deployment", "web", "--image=nginx:1.25", "--replicas=3")
    with server.Dashboard(None) as b:
        stream = Stream(b)
        try:  # no other command runs: the dashboard's own looks move the simulation on
            doc = stream.until(lambda d: d["deployments"][0]["band"]["available"] == 3)
        finally:
            stream.close()
    assert doc["deployments"][0]["done"] and doc["clock"]["mode"] == "real"
    with session.open_cluster(None, advance=False) as cluster:  # and saved what happened
        assert cluster.get("Deployment", "default", "web")["status"]["availableReplicas"] == 3


def test_a_deleted_profile_is_an_error_banner_and_the_watch_goes_on(
    board: server.Dashboard,
) -> None:
    stream = Stream(board)
    try:
        stream.next()
        other_process("cluster", "delete")
        doc = stream.until(lambda d: d["error"])
        assert doc["error"] == 'profile "minikube" not found. Run "mkl cluster start" to create it'
        assert doc["deployments"][0]["name"] == "web"  # the last look stays on the page
        other_process("cluster", "start", "--clock", "manual")
        doc = stream.until(lambda d: not d["error"])
        assert doc["deployments"] == []
    finally:
        stream.close()


def test_hub_numbers_documents_and_skips_repeats() -> None:
    hub = server.Hub()
    assert hub.publish({"a": 1}) and not hub.publish({"a": 1}) and hub.publish({"a": 2})
    assert hub.latest() == (2, b'{"seq":2,"error":null,"a":2}')
    assert hub.after(2, 0.01) is None and hub.after(1, 0.01) == hub.latest()
    woke: list[Any] = []
    waiter = threading.Thread(target=lambda: woke.append(hub.after(2, DEADLINE)))
    waiter.start()
    hub.close()
    waiter.join(DEADLINE)
    assert woke == [None]


def test_url_brackets_an_ipv6_address() -> None:
    b = server.Dashboard(None, "::1", 8080)
    assert urlsplit(b.url).netloc == "[::1]:8080" and len(b.token) >= 24


def test_the_lesson_panel_follows_a_lesson_started_in_another_terminal(
    board: server.Dashboard,
) -> None:
    """``lesson start`` writes only the lesson file; the page still gets the lesson's checks."""
    assert json.loads(get(board, "/api/state", board.token).read())["lesson"] is None
    other_process("lesson", "start", "rolling-update", "--lang", "en")
    end = time.monotonic() + DEADLINE
    lesson = None
    while lesson is None and time.monotonic() < end:
        lesson = json.loads(get(board, "/api/state", board.token).read())["lesson"]
        time.sleep(0.05)
    assert lesson is not None, "the lesson never reached the page"
    assert lesson["lesson"] == "rolling-update" and lesson["title"]
    steps = [s["id"] for s in lesson["steps"]]
    assert steps[0] == "create" and lesson["current"] == "create"
    assert all(set(s) >= {"id", "passed", "reason"} for s in lesson["steps"])
