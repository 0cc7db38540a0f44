"""Completion that knows the cluster (``__complete``, as cobra's scripts call it on every TAB)
and ``alias NAME``: a shell function that runs mkl under that name, with its completion."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from minikube_lite.cli import app
from minikube_lite.store import persist
from tests.conftest import BIN


def words(mkl: Any, *argv: str) -> list[str]:
    r = mkl("__complete", *argv)
    assert (r.exit_code, r.stderr) == (0, "")
    return r.stdout.splitlines()


def test_commands_flags_and_types(http_go: Any) -> None:
    assert words(http_go, "r") == ["replace", "rollout", "run"]
    assert words(http_go, "rollout", "") == [
        "explain", "history", "pause", "restart", "resume", "status", "timeline", "undo"
    ]  # fmt: skip
    assert words(http_go, "get", "--o") == ["--output", "--output-watch-events"]
    assert words(http_go, "get", "-o", "j") == ["json", "jsonpath="]
    assert words(http_go, "get", "dep") == ["deploy", "deployment", "deployments"]


def test_object_names_for_the_verb_and_type(http_go: Any) -> None:
    pod_names = http_go("get", "pods", "-o", "name").stdout.replace("pod/", "").split()
    assert words(http_go, "logs", "h") == pod_names  # kubectl logs h<TAB>
    assert words(http_go, "exec", "-it", "") == pod_names
    assert words(http_go, "get", "deploy", "") == ["http-go"]
    assert words(http_go, "rollout", "status", "deploy", "h") == ["http-go"]
    assert words(http_go, "logs", "deploy/") == ["deploy/http-go"]
    assert words(http_go, "describe", "svc", "") == ["http-go", "kubernetes"]
    assert words(http_go, "get", "deploy", "-n", "kube-system", "") == []
    assert words(http_go, "exec", pod_names[0], "-c", "") == ["http-go"]  # its containers
    assert words(http_go, "logs", f"pod/{pod_names[0]}", "--container=h") == ["--container=http-go"]


def test_namespaces_after_n_in_every_spelling(http_go: Any) -> None:
    http_go("create", "namespace", "dev")
    every = ["default", "dev", "kube-node-lease", "kube-public", "kube-system"]
    assert words(http_go, "get", "pods", "-n", "") == every
    assert words(http_go, "-n", "d") == ["default", "dev"]
    assert words(http_go, "get", "pods", "--namespace=de") == [
        "--namespace=default",
        "--namespace=dev",
    ]
    # bash splits at "=" (COMP_WORDBREAKS): the word being completed is the value alone
    assert words(http_go, "get", "pods", "--namespace", "=", "de") == ["default", "dev"]
    http_go("create", "deployment", "web", "--image=nginx", "-n", "dev")
    assert words(http_go, "get", "deploy", "--namespace=dev", "") == ["web"]


def test_complete_reads_without_writing_and_without_a_cluster(mkl: Any) -> None:
    assert words(mkl, "get", "pods", "") == []  # no profile yet: nothing, quietly
    assert not Path(persist.state_path("minikube")).exists()
    mkl("cluster", "start", "--clock", "manual")
    before = persist.version("minikube")
    assert words(mkl, "get", "pods", "-n", "") == [
        "default", "kube-node-lease", "kube-public", "kube-system"
    ]  # fmt: skip
    assert persist.version("minikube") == before


def test_alias_prints_the_function_and_its_completion(mkl: Any) -> None:
    r = mkl("alias", "kubectl", "--shell", "bash")
    assert r.exit_code == 0
    assert "kubectl() { MKL_PROG=kubectl " in r.stdout and '"$@"; }\n' in r.stdout
    assert "complete -o default -F _kubectl_mkl_complete kubectl\n" in r.stdout
    r = mkl("alias", "k", "--shell", "zsh")
    assert "then compdef _k_mkl k; fi\n" in r.stdout and "__complete" in r.stdout
    r = mkl("alias", "k;rm", "--shell", "bash")
    assert (r.exit_code, r.stderr) == (
        1,
        'error: invalid alias name "k;rm": use letters, digits, "_" and "-"\n',
    )
    assert mkl("alias", "k", "--shell", "tcsh").stderr == 'error: Unsupported shell type "tcsh".\n'


def test_the_display_name_comes_from_mkl_prog(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MKL_PROG", "kubectl")
    assert app.prog_name() == "kubectl"
    monkeypatch.setenv("MKL_PROG", "bad name")
    assert app.prog_name("/usr/bin/mkl") == "mkl"


@pytest.mark.subprocess
@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_function_completes_names_and_records_its_name(http_go: Any) -> None:
    script = f"""
eval "$('{BIN / "mkl"}' alias kubectl --shell bash)"
COMP_WORDS=(kubectl get deploy h); COMP_CWORD=3; _kubectl_mkl_complete
echo "reply=${{COMPREPLY[*]}}"
kubectl annotate deploy http-go tier=web --record 2>/dev/null
kubectl get deploy http-go -o jsonpath='{{.metadata.annotations.kubernetes\\.io/change-cause}}'
"""
    r = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60)
    assert r.stdout == (
        "reply=http-go\n"
        "deployment.apps/http-go annotated\n"
        "kubectl annotate deploy http-go tier=web --record=true"
    ), r.stderr


@pytest.mark.subprocess
@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_function_completes_names_after_compinit(http_go: Any, tmp_path: Any) -> None:
    script = f"""
autoload -Uz compinit && compinit -u -d {tmp_path}/zcompdump
eval "$('{BIN / "mkl"}' alias kubectl --shell zsh)"
print -r -- "registered=${{_comps[kubectl]}}"
compadd() {{ shift; print -r -- "offered=$*" }}
words=(kubectl get deploy h); CURRENT=4; _kubectl_mkl
words=(kubectl get pods --namespace=kube-s); CURRENT=4; _kubectl_mkl
"""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), **_mkl_env()}
    r = subprocess.run(
        ["zsh", "-f", "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert r.stdout == (
        "registered=_kubectl_mkl\noffered=http-go\noffered=--namespace=kube-system\n"
    ), r.stderr


def _mkl_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k.startswith(("MKL_", "TZ", "NO_COLOR"))}


def test_profiles_after_profile(mkl: Any) -> None:
    for name in ("dev-2", "minikube"):
        assert mkl("--profile", name, "cluster", "start", "--clock", "manual").exit_code == 0
    (Path(persist.home()) / "profiles" / "old.json").write_text("{}")  # a one-file state of old
    assert words(mkl, "get", "pods", "--profile", "") == ["dev-2", "minikube", "old"]


def test_node_names_for_cordon_drain_and_taint(manual: Any) -> None:
    assert words(manual, "cordon", "") == ["minikube"]
    assert words(manual, "drain", "--force", "m") == ["minikube"]
    assert words(manual, "taint", "") == ["node"]
    assert words(manual, "taint", "node", "") == ["minikube"]
    assert words(manual, "taint", "node", "minikube", "") == []
