"""``mkl serve`` as a command: the URL and kubeconfig it prints, Ctrl-C, the warning for a
non-loopback address, and ``--merge-kubeconfig`` into the user's kubeconfig."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from minikube_lite.server import kubeconfig
from tests.cli.test_portforward import Proc
from tests.conftest import MklRunner


@pytest.fixture
def procs() -> Iterator[list[Proc]]:
    started: list[Proc] = []
    yield started
    for p in started:
        p.kill()


@pytest.mark.subprocess
def test_serve_prints_the_url_writes_a_private_kubeconfig_and_ctrl_c_exits_130(
    manual: MklRunner, mkl_home: Path, tmp_path: Path, procs: list[Proc]
) -> None:
    user_config = tmp_path / "kube" / "config"
    user_config.parent.mkdir()
    user_config.write_text(
        yaml.safe_dump(
            {
                "apiVersion": "v1",
                "kind": "Config",
                "clusters": [{"name": "other", "cluster": {"server": "https://10.0.0.1"}}],
                "users": [{"name": "other", "user": {}}],
                "contexts": [{"name": "other", "context": {"cluster": "other", "user": "other"}}],
                "current-context": "other",
            }
        )
    )
    p = Proc("serve", "--port", "0", "--merge-kubeconfig", env={"KUBECONFIG": str(user_config)})
    procs.append(p)
    line = p.expect("Serving")
    assert line.startswith('Serving the Kubernetes API of profile "minikube" on https://127.0.0.1:')
    url = line.split(" on ")[1].strip()
    p.expect("kubeconfig: ")
    p.expect("merged context")
    own = mkl_home / "kubeconfig"
    assert own.stat().st_mode & 0o777 == 0o600
    doc = yaml.safe_load(own.read_text())
    assert doc["clusters"][0]["cluster"]["server"] == url
    merged = yaml.safe_load(user_config.read_text())
    assert merged["current-context"] == "minikube"
    assert [c["name"] for c in merged["contexts"]] == ["other", "minikube"]
    assert merged["users"][1]["user"]["token"] == doc["users"][0]["user"]["token"]
    assert p.stop(signal.SIGINT) == 130


@pytest.mark.subprocess
def test_a_non_loopback_address_is_served_with_a_warning(
    manual: MklRunner, procs: list[Proc]
) -> None:
    p = Proc("serve", "--port", "0", "--address", "0.0.0.0")
    procs.append(p)
    p.expect("Serving")
    assert p.stop(signal.SIGINT) == 130
    assert any(e.startswith("warning: serving on 0.0.0.0") for e in p.err), p.err


def test_merge_replaces_entries_of_the_same_name(tmp_path: Path) -> None:
    path = tmp_path / "config"
    first = kubeconfig.document("minikube", "https://127.0.0.1:1", "a", b"CA")
    kubeconfig.merge(path, first)
    second = kubeconfig.document("minikube", "https://127.0.0.1:2", "b", b"CA")
    kubeconfig.merge(path, second)
    doc = yaml.safe_load(path.read_text())
    assert len(doc["clusters"]) == len(doc["users"]) == len(doc["contexts"]) == 1
    assert doc["clusters"][0]["cluster"]["server"] == "https://127.0.0.1:2"
    assert doc["users"][0]["user"]["token"] == "b"
    assert os.stat(path).st_mode & 0o777 == 0o600


def test_serve_refuses_a_port_out_of_range(manual: MklRunner) -> None:
    r = manual("serve", "--port", "70000")
    assert r.exit_code == 1
    assert "--port must be between 0 and 65535, got 70000" in r.stderr
