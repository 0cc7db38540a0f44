"""kubectl drain through mkl serve: the pods/eviction subresource (policy/v1 Eviction)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from minikube_lite.server import launch
from tests import builders
from tests.conftest import MklRunner
from tests.server.conftest import Kubectl
from tests.server.test_watch import _call

MANIFEST = builders.to_yaml(builders.http_go(3))


def _ok(r: Any) -> str:
    assert r.returncode == 0, (r.args, r.stdout, r.stderr)
    return str(r.stdout)


def _later(fn: Callable[[], object], delay: float = 1.0) -> threading.Thread:
    t = threading.Thread(target=lambda: (time.sleep(delay), fn()))
    t.start()
    return t


def test_kubectl_drain_evicts_through_the_eviction_subresource(
    apiserver: launch.Launched, kc: Kubectl, manual: MklRunner, seen: list[tuple[str, str, str]]
) -> None:
    """kubectl 1.37's drain POSTs a policy/v1 Eviction (protobuf) per pod, then waits them out."""
    assert manual("create", "-f", "-", stdin=MANIFEST).exit_code == 0
    assert manual("clock", "advance", "60s").exit_code == 0
    pods = sorted(_ok(kc("get", "pods", "-o", "name")).split())
    _later(lambda: manual("clock", "advance", "60s"), delay=1.5)
    r = kc("drain", "minikube", "--ignore-daemonsets", "--timeout=30s")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "node/minikube cordoned" and lines[-1] == "node/minikube drained"
    assert sorted(line.split()[0] for line in lines if line.endswith(" evicted")) == pods
    posts = [p for m, p, _ in seen if m == "POST" and p.split("?")[0].endswith("/eviction")]
    assert len(posts) == 3
    left = _ok(kc("get", "pods", "-o", "jsonpath={.items[*].spec.nodeName}"))
    assert left == ""  # the new pods wait: the only node is cordoned


def test_eviction_dry_run_preconditions_and_errors(
    apiserver: launch.Launched, manual: MklRunner
) -> None:
    assert manual("create", "-f", "-", stdin=MANIFEST).exit_code == 0
    assert manual("clock", "advance", "60s").exit_code == 0
    pod = manual("get", "pods", "-o", "name").stdout.split()[0].removeprefix("pod/")
    url = f"/api/v1/namespaces/default/pods/{pod}/eviction"
    ev: dict[str, Any] = {"apiVersion": "policy/v1", "kind": "Eviction"}
    dry = {**ev, "deleteOptions": {"dryRun": ["All"]}}
    assert _call(apiserver, "POST", url, dry) == (201, eviction_ok())
    assert "deletionTimestamp" not in manual("get", "pod", pod, "-o", "yaml").stdout
    stale = {**ev, "deleteOptions": {"preconditions": {"uid": "nope"}}}
    code, doc = _call(apiserver, "POST", url, stale)
    assert (code, doc["reason"]) == (409, "Conflict")
    assert doc["message"].startswith("Precondition failed: UID in precondition: nope")
    code, doc = _call(apiserver, "POST", url.replace(pod, "gone"), ev)
    assert (code, doc["message"]) == (404, 'pods "gone" not found')
    assert (
        _call(apiserver, "POST", url, {**ev, "deleteOptions": {"gracePeriodSeconds": 0}})[0] == 201
    )
    assert manual("get", "pod", pod).exit_code != 0  # grace 0 on a running pod: gone at once


def eviction_ok() -> dict[str, Any]:
    return {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success", "code": 201}
