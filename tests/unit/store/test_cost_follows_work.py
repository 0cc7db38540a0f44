"""Issue 13: a command on one namespace reads and rewrites only that namespace's segments (plus
the manifest and the bounded event caches), however big the rest of the cluster is."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from minikube_lite.store import persist, segments

OTHER = "big"  # the namespace no command below should read


@pytest.fixture
def two_namespaces(manual: Any) -> Any:
    for argv in (
        ["create", "namespace", OTHER],
        ["create", "namespace", "small"],
        ["create", "deployment", "web", "--image=nginx", "--replicas=6", "-n", OTHER],
        ["create", "deployment", "app", "--image=nginx", "--replicas=3", "-n", "small"],
        ["clock", "advance", "30s"],
    ):
        assert manual(*argv).exit_code == 0, argv
    return manual


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    read = segments.Source._read

    def counted(self: segments.Source, file: str, what: str, parse: bool) -> tuple[bytes, Any]:
        seen.append(what)
        return read(self, file, what, parse)

    monkeypatch.setattr(segments.Source, "_read", counted)
    return seen


def _other_files() -> dict[str, int]:
    d = Path(persist.state_path("minikube")).parent
    return {e.name: e.inode() for e in os.scandir(d) if f".{OTHER}." in e.name}


@pytest.mark.parametrize(
    "argv",
    [
        ["get", "pods", "-n", "small"],
        ["describe", "pods", "-n", "small"],
        ["set", "image", "-n", "small", "deploy/app", "nginx=httpd"],
        ["scale", "-n", "small", "deploy/app", "--replicas=5"],
        ["rollout", "restart", "-n", "small", "deploy/app"],
        ["delete", "-n", "small", "deploy/app"],
        ["rollout", "status", "-n", "small", "deploy/app"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_a_command_in_one_namespace_never_reads_another(
    two_namespaces: Any, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    before = _other_files()
    assert before  # the other namespace has segments of its own
    reads = _reads(monkeypatch)
    r = two_namespaces(*argv)
    assert r.exit_code == 0, r.stderr
    assert [w for w in reads if f"/{OTHER}" in w] == []
    assert _other_files() == before  # the very same files: not rewritten


def test_rolling_back_in_one_namespace_leaves_the_other_untouched(
    two_namespaces: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert two_namespaces("set", "image", "-n", "small", "deploy/app", "nginx=httpd").exit_code == 0
    assert two_namespaces("clock", "advance", "1m").exit_code == 0
    before = _other_files()
    reads = _reads(monkeypatch)
    assert two_namespaces("rollout", "undo", "-n", "small", "deploy/app").exit_code == 0
    assert two_namespaces("rollout", "status", "-n", "small", "deploy/app").exit_code == 0
    assert [w for w in reads if f"/{OTHER}" in w] == [] and _other_files() == before
