"""``cluster-info dump``: what it prints, in upstream's order, and the files it writes."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import MklRunner, run_cli

PER_NS = [
    "EventList",
    "ReplicationControllerList",
    "ServiceList",
    "DaemonSetList",
    "DeploymentList",
    "ReplicaSetList",
    "PodList",
]


def _split(text: str) -> tuple[list[dict], str]:
    """The JSON documents at the start of the dump, and the log text after them."""
    dec, docs, i = json.JSONDecoder(), [], 0
    while i < len(text) and text[i] == "{":
        doc, i = dec.raw_decode(text, i)
        docs.append(doc)
        i += 1  # the newline after each document
    return docs, text[i:]


def _pods(mkl: MklRunner) -> list[str]:
    return mkl("get", "pods", "-o", "name").stdout.replace("pod/", "").split()


def test_dump_prints_nodes_then_each_namespaces_lists_then_pod_logs(http_go: MklRunner) -> None:
    r = http_go("cluster-info", "dump")
    assert (r.exit_code, r.stderr) == (0, "")
    docs, logs = _split(r.stdout)
    assert [d["kind"] for d in docs] == ["NodeList", *PER_NS, *PER_NS]
    assert {d["apiVersion"] for d in docs[4:7]} == {"apps/v1"}
    assert docs[0]["items"][0]["metadata"]["name"] == "minikube"
    pods = docs[-1]["items"]  # default's pods: no kind/apiVersion, no managedFields
    assert sorted(p["metadata"]["name"] for p in pods) == _pods(http_go)
    assert not {"kind", "apiVersion"} & set(pods[0])
    assert "managedFields" not in pods[0]["metadata"]
    assert docs[-1]["metadata"] == {"resourceVersion": docs[0]["metadata"]["resourceVersion"]}
    assert r.stdout.startswith(  # a typed List: the struct's field order, as kubectl prints it
        '{\n    "kind": "NodeList",\n    "apiVersion": "v1",\n    "metadata": {\n'
        '        "resourceVersion": "'
    )
    assert list(docs[0]["items"][0]) == ["metadata", "spec", "status"]
    lines = logs.splitlines()
    for name in _pods(http_go):
        what = f"container http-go of pod default/{name} ===="
        start = lines.index(f"==== START logs for {what}")
        end = lines.index(f"==== END logs for {what}")
        assert start < end
        assert lines[start + 1 : end] == http_go("logs", name).stdout.splitlines()


def test_dump_writes_upstreams_layout(http_go: MklRunner, tmp_path: Path) -> None:
    out = tmp_path / "state"
    r = http_go("cluster-info", "dump", "--output-directory", str(out), "--namespaces=default")
    assert (r.exit_code, r.stdout, r.stderr) == (0, f"Cluster info dumped to {out}\n", "")
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    names = ["daemonsets", "deployments", "events", "pods", "replicasets"]
    names += ["replication-controllers", "services"]
    pods = [f"default/{p}/logs.txt" for p in _pods(http_go)]
    assert files == sorted(["nodes.json", *(f"default/{n}.json" for n in names), *pods])
    assert json.loads((out / "default/deployments.json").read_text())["items"][0]["metadata"][
        "name"
    ] == ("http-go")
    assert (out / pods[0]).read_text().startswith("==== START logs for container http-go of ")


def test_dump_yaml_files_and_separators(manual: MklRunner, tmp_path: Path) -> None:
    """One YAMLPrinter for the whole run: every list after the first starts with ``---``."""
    out = tmp_path / "y"
    r = manual("cluster-info", "dump", "-o", "yaml", "--output-directory", str(out), "-A")
    assert r.exit_code == 0, r.stderr
    assert (out / "nodes.yaml").read_text().startswith("apiVersion: v1\nitems:\n")
    assert (out / "kube-system/events.yaml").read_text().startswith("---\napiVersion: v1\n")
    namespaces = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert namespaces == sorted(
        manual("get", "ns", "-o", "name").stdout.replace("namespace/", "").split()
    )


def test_dump_namespaces_default_and_flags(manual: MklRunner) -> None:
    def kinds_per_ns(*argv: str) -> int:
        docs, _ = _split(manual("cluster-info", "dump", *argv).stdout)
        return (len(docs) - 1) // len(PER_NS)

    assert kinds_per_ns() == 2  # kube-system and the current namespace
    assert kinds_per_ns("--namespaces", "a,b,c") == 3
    n = len(manual("get", "ns", "-o", "name").stdout.split())
    assert kinds_per_ns("-A", "--namespaces", "a") == n


def test_dump_prints_a_log_request_error_for_a_waiting_container(manual: MklRunner) -> None:
    assert manual("run", "web", "--image=nginx").exit_code == 0
    _, logs = _split(manual("cluster-info", "dump").stdout)
    assert logs == (
        "==== START logs for container web of pod default/web ====\n"
        'Request log error: container "web" in pod "web" is waiting to start: '
        "ContainerCreating\n"
        "==== END logs for container web of pod default/web ====\n"
    )


def test_dump_does_not_write_the_state(http_go: MklRunner, mkl_home: Path) -> None:
    """A read: the profile's files are as before (the lock only notes the wall clock)."""

    def state() -> dict[Path, bytes]:
        return {
            p: p.read_bytes() for p in mkl_home.rglob("*") if p.is_file() and p.suffix != ".lock"
        }

    before = state()
    assert http_go("cluster-info", "dump", "-A").exit_code == 0
    assert state() == before


def test_dump_rejects_other_output_formats(manual: MklRunner) -> None:
    r = manual("cluster-info", "dump", "-o", "wide")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr.startswith(
        'error: unable to match a printer suitable for the output format "wide", allowed formats'
    )


def test_dump_into_a_file_is_an_error(manual: MklRunner, tmp_path: Path) -> None:
    (tmp_path / "f").write_text("")
    r = manual("cluster-info", "dump", f"--output-directory={tmp_path / 'f'}")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == f"error: mkdir {tmp_path / 'f'}: not a directory\n"


def test_dump_cli_process(tmp_path: Path) -> None:
    assert run_cli("cluster", "start", "--clock", "manual").returncode == 0
    r = run_cli("cluster-info", "dump", f"--output-directory={tmp_path / 'd'}")
    assert (r.returncode, r.stdout, r.stderr) == (
        0,
        f"Cluster info dumped to {tmp_path / 'd'}\n",
        "",
    )
    assert (tmp_path / "d" / "kube-system" / "pods.json").is_file()
