"""``mkl proxy``: kubectl proxy's plain-HTTP front of the in-process API server (no token),
its request filter and ``--api-prefix``, and the command's output and Ctrl-C."""

from __future__ import annotations

import json
import signal
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from minikube_lite import errors
from minikube_lite.server import proxy
from tests.cli.test_portforward import Proc
from tests.conftest import MklRunner, kubectl, needs_kubectl


def _default_filter() -> proxy.Filter:
    return proxy.Filter(
        accept_paths=proxy.make_regexp_array(proxy.DEFAULT_ACCEPT_PATHS),
        reject_paths=proxy.make_regexp_array(proxy.DEFAULT_REJECT_PATHS),
        accept_hosts=proxy.make_regexp_array(proxy.DEFAULT_ACCEPT_HOSTS),
        reject_methods=proxy.make_regexp_array(proxy.DEFAULT_REJECT_METHODS),
    )


@pytest.fixture
def served(request: pytest.FixtureRequest, manual: MklRunner) -> Iterator[str]:
    """A proxy for the test's profile on a free port (``prefix`` by indirect param); its URL."""
    prefix = getattr(request, "param", "/")
    up = proxy.start("minikube", "127.0.0.1", 0, prefix, _default_filter())
    t = threading.Thread(target=up.server.serve_forever, kwargs={"poll_interval": 0.05})
    t.start()
    try:
        yield f"http://{up.address}"
    finally:
        up.server.shutdown()
        up.close()
        t.join(10)


def _get(url: str, host: str | None = None, method: str = "GET") -> tuple[int, str, str]:
    req = urllib.request.Request(url, method=method, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode()


def test_the_api_without_credentials(manual: MklRunner, served: str) -> None:
    manual("run", "web", "--image=nginx")
    code, ctype, body = _get(f"{served}/api/v1/namespaces/default/pods")
    assert (code, ctype) == (200, "application/json")
    doc = json.loads(body)
    assert doc["kind"] == "PodList"
    assert [p["metadata"]["name"] for p in doc["items"]] == ["web"]
    assert json.loads(_get(f"{served}/version")[2])["gitVersion"] == "v1.34.0"


def test_the_filter_rejects_other_hosts_and_exec(served: str) -> None:
    port = served.rsplit(":", 1)[1]
    forbidden = (403, "text/plain; charset=utf-8", "Forbidden\n")
    assert _get(f"{served}/api", host=f"evil.example:{port}") == forbidden
    assert _get(f"{served}/api", host="localhost") == forbidden  # no port: SplitHostPort fails
    assert _get(f"{served}/api/v1/namespaces/default/pods/p/exec", method="POST") == forbidden
    assert _get(f"{served}/api", host=f"localhost:{port}")[0] == 200


@pytest.mark.parametrize("served", ["/k8s"], indirect=True)
def test_api_prefix_is_stripped_and_other_paths_are_404(served: str) -> None:
    assert json.loads(_get(f"{served}/k8s/api/v1/namespaces")[2])["kind"] == "NamespaceList"
    assert _get(f"{served}/api/v1/namespaces") == (
        404,
        "text/plain; charset=utf-8",
        "404 page not found\n",
    )


def test_a_port_in_use_is_go_s_listen_error(served: str) -> None:
    port = int(served.rsplit(":", 1)[1])
    with pytest.raises(errors.MklError) as e:
        proxy.start("minikube", "127.0.0.1", port, "/", None)
    assert e.value.message == f"listen tcp 127.0.0.1:{port}: bind: address already in use"


def test_matches_regexp_is_a_search_over_comma_separated_patterns() -> None:
    pats = proxy.make_regexp_array(r"^localhost$,^127\.0\.0\.1$")
    assert proxy.matches_regexp("127.0.0.1", pats)
    assert not proxy.matches_regexp("127.0.0.10", pats)
    assert proxy.make_regexp_array("") == []
    assert proxy.split_host("[::1]:8001") == "::1"
    assert proxy.split_host("localhost") == ""


@pytest.mark.subprocess
def test_mkl_proxy_prints_its_address_and_ctrl_c_exits_130(manual: MklRunner) -> None:
    p = Proc("proxy", "--port=0")
    try:
        line = p.expect("Starting to serve on ")
        assert line.startswith("Starting to serve on 127.0.0.1:")
        url = "http://" + line.split(" on ")[1].strip()
        assert json.loads(_get(f"{url}/api/v1/namespaces/default/pods")[2])["kind"] == "PodList"
        assert p.stop(signal.SIGINT) == 130
    finally:
        p.kill()


@needs_kubectl
@pytest.mark.parametrize("port", ["busy", "70000", "-1"])
def test_listen_errors_match_kubectl(manual: MklRunner, port: str) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        value = str(busy.getsockname()[1]) if port == "busy" else port
        want = kubectl("proxy", f"--port={value}")
        got = manual("proxy", f"--port={value}", prog="kubectl")
    assert (got.exit_code, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr)
