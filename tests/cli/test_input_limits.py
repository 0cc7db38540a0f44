"""Issue 11, input side: hostile input is refused at once, kubectl's way, and leaves no trace.

Alias bombs, over-deep documents, over-large input, invalid UTF-8 and lone surrogates: each is
exit 1 with a kubectl-style line (or stored the way the API server stores it), never a
traceback, and a refused command leaves the state file byte for byte as it was.
"""

from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from minikube_lite.api import limits
from minikube_lite.cli import app
from minikube_lite.cli.io import IO
from minikube_lite.store import persist
from tests import builders as mk
from tests.conftest import BIN
from tests.unit.api.test_limits import BOMB

CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"


def _state() -> bytes:
    return Path(persist.state_path("minikube")).read_bytes()


@pytest.fixture
def cm(manual):
    assert manual("create", "-f", "-", stdin=CM).exit_code == 0
    return manual


def _refused(run, *argv: str, stdin: str = "") -> str:
    """Run a command that must fail: exit 1, nothing on stdout, state untouched; its stderr."""
    before = _state()
    r = run(*argv, stdin=stdin)
    assert (r.exit_code, r.stdout) == (1, ""), r.stderr
    assert "Traceback" not in r.stderr
    assert _state() == before
    return r.stderr


def test_create_alias_bomb(cm, tmp_path) -> None:
    f = tmp_path / "bomb.yaml"
    f.write_text(CM + BOMB)
    err = _refused(cm, "create", "-f", str(f))
    assert err == (
        f"error: error parsing {f}: error converting YAML to JSON: yaml: document "
        "contains excessive aliasing\n"
    )
    err = _refused(cm, "apply", "-f", "-", stdin=CM + BOMB)
    assert err == (
        "error: error parsing STDIN: error converting YAML to JSON: yaml: document "
        "contains excessive aliasing\n"
    )


def test_patch_alias_bomb(cm) -> None:
    err = _refused(cm, "patch", "cm", "x", "-p", BOMB)
    assert err.startswith('error: unable to parse "a: &a [\\"lol\\",')
    assert err.endswith('": yaml: document contains excessive aliasing\n')


def test_create_json_nested_100k_levels(cm, tmp_path) -> None:
    f = tmp_path / "deep.json"
    f.write_text(
        '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"y"},"x":'
        + "[" * 100_000
        + "]" * 100_000
        + "}"
    )
    offset = (
        len('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"y"},"x":') + limits.MAX_DEPTH
    )
    err = _refused(cm, "create", "-f", str(f))
    assert err == (
        f"error: error parsing {f}: json: offset {offset}: invalid character '[' "
        "exceeded max depth\n"
    )


@pytest.mark.parametrize(
    ("ptype", "stderr"),
    [
        pytest.param("strategic", "error: invalid JSON document\n", id="strategic"),
        pytest.param("merge", "error: Invalid JSON Patch\n", id="merge"),
        pytest.param("json", "error: invalid character '[' exceeded max depth\n", id="json"),
    ],
)
def test_patch_json_nested_5k_levels(cm, ptype: str, stderr: str) -> None:
    """kubectl prints these three for a 10001-level patch (Go's limit); mkl's limit is lower."""
    deep = '{"data":' + "[" * 5000 + "]" * 5000 + "}"
    assert _refused(cm, "patch", "cm", "x", "--type", ptype, "-p", deep) == stderr


def test_patch_yaml_nested_5k_levels(cm) -> None:
    err = _refused(cm, "patch", "cm", "x", "-p", "data: " + "[" * 5000 + "]" * 5000)
    assert err.endswith(f'": yaml: exceeded max depth of {limits.MAX_DEPTH}\n')


@pytest.mark.parametrize(
    "labels",
    [
        pytest.param(
            "  labels:\n    a: " + "[" * 500 + "]" * 500 + "\n", id="flow-list-in-a-label"
        ),
        pytest.param(
            "  labels:\n"
            + "".join("  " * (i + 2) + "a:\n" for i in range(500))
            + "  " * 502
            + "b\n",
            id="block-maps-in-labels",
        ),
    ],
)
def test_create_labels_nested_500_levels(cm, labels: str) -> None:
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\n" + labels
    err = _refused(cm, "create", "-f", "-", stdin=text)
    assert err.startswith("error: error parsing STDIN: error converting YAML to JSON: yaml: line ")
    assert err.endswith(f": exceeded max depth of {limits.MAX_DEPTH}\n")


def test_label_selector_nested_500_levels(cm) -> None:
    sel = (
        '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"y","labels":'
        + '{"a":' * 500
        + '"b"'
        + "}" * 500
        + "}}"
    )
    err = _refused(cm, "create", "-f", "-", stdin=sel)
    assert err.startswith("error: error parsing STDIN: json: offset ")


def test_documents_at_the_depth_limit_work_everywhere(cm) -> None:
    """Every walker (decode checks, defaults, validation, patch, printers, the state file) takes
    a document as deep as the decoders admit."""

    def nest(levels: int) -> object:
        v: object = "x"
        for i in range(levels):
            v = {"f": v} if i % 2 else [v]
        return v

    # managedFields[].fieldsV1 is free-form: 4 levels above it (object, metadata, list, entry).
    fields = nest(limits.MAX_DEPTH - 4)
    pod = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "p", "managedFields": [{"manager": "m", "fieldsV1": fields}]},
        "spec": {"containers": [{"name": "c", "image": "nginx"}]},
    }
    assert cm("create", "-f", "-", stdin=json.dumps(pod)).exit_code == 0
    patch = json.dumps({"metadata": {"managedFields": [{"manager": "m", "fieldsV1": fields}]}})
    for argv in (
        ["get", "pod", "p", "-o", "yaml"],
        ["get", "pods", "-o", "jsonpath={..f}"],
        ["describe", "pod", "p"],
        ["patch", "pod", "p", "-p", patch],
        [
            "patch",
            "pod",
            "p",
            "--type",
            "json",
            "-p",
            json.dumps(
                [{"op": "replace", "path": "/metadata/managedFields/0/fieldsV1", "value": fields}]
            ),
        ],
    ):
        r = cm(*argv)
        assert r.exit_code == 0, (argv, r.stderr)
    q = {**pod, "metadata": {**pod["metadata"], "name": "q"}}
    assert cm("apply", "-f", "-", stdin=json.dumps(q)).exit_code == 0
    too_deep = {
        **pod,
        "metadata": {**pod["metadata"], "managedFields": [{"manager": "m", "fieldsV1": [fields]}]},
    }
    assert _refused(cm, "create", "-f", "-", stdin=json.dumps(too_deep)).startswith(
        "error: error parsing STDIN: json: offset "
    )


def test_json_manifest_with_lone_surrogate_is_stored_with_replacement(cm) -> None:
    doc = (
        '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"s"},"data":{"a":'
        '"\\ud800x","b":"\\ud83d\\ude00"}}'
    )
    r = cm("create", "-f", "-", stdin=doc)
    assert (r.exit_code, r.stdout, r.stderr) == (0, "configmap/s created\n", "")
    r = cm("get", "cm", "s", "-o", "jsonpath={.data.a} {.data.b}")
    assert r.stdout == "\ufffdx \U0001f600"


def test_patch_with_lone_surrogate_is_stored_with_replacement(cm) -> None:
    r = cm("patch", "cm", "x", "-p", '{"data":{"a":"\\udfffy"}}')
    assert (r.exit_code, r.stdout) == (0, "configmap/x patched\n")
    assert cm("get", "cm", "x", "-o", "jsonpath={.data.a}").stdout == "\ufffdy"


def test_argv_with_undecodable_bytes_is_stored_as_go_stores_it(cm) -> None:
    # `mkl annotate cm/x "a=$(printf 'x\xedy')"`: Python hands over x\udcedy (surrogateescape).
    arg = os.fsdecode(b"a=x\xedy")
    assert arg == "a=x\udcedy"
    r = cm("annotate", "cm/x", arg)
    assert (r.exit_code, r.stdout, r.stderr) == (0, "configmap/x annotated\n", "")
    assert cm("get", "cm", "x", "-o", "jsonpath={.metadata.annotations.a}").stdout == "x\ufffdy"
    # The label value check then quotes the replacement, as it would quote the Go string.
    err = _refused(cm, "label", "cm/x", os.fsdecode(b"b=x\xedy"))
    assert err.startswith('error: invalid label value: "b=x\ufffdy": a valid label must be')


def test_manifest_file_with_invalid_utf8_is_read_as_go_reads_it(cm, tmp_path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_bytes(
        b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: u\ndata:\n  a: x\xedy\n  b: \xffz\n"
    )
    assert cm("create", "-f", str(f)).exit_code == 0
    assert cm("get", "cm", "u", "-o", "jsonpath={.data.a} {.data.b}").stdout == "x\ufffdy \ufffdz"


class _Endless(io.RawIOBase):
    """`yes` as a byte stream: never ends."""

    reads = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        self.reads += 1
        b[:] = b"y\n" * (len(b) // 2) + b"y" * (len(b) % 2)
        return len(b)


def test_endless_stdin_is_cut_at_the_input_limit(cm) -> None:
    before = _state()
    raw = _Endless()
    stdin = io.TextIOWrapper(io.BufferedReader(raw))
    out, err = io.StringIO(), io.StringIO()
    code = app.run(
        ["create", "-f", "-"],
        IO(stdout=out, stderr=err, stdin=stdin, env=dict(os.environ), is_tty=False),
    )
    assert (code, out.getvalue()) == (1, "")
    assert err.getvalue() == (
        f"error: error reading STDIN: more than {limits.MAX_INPUT_BYTES} bytes (the API "
        "server's request size limit)\n"
    )
    assert raw.reads < 200  # read in chunks, stopped right after the limit
    assert _state() == before


def test_over_large_files_are_not_read(cm, tmp_path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(CM + "data:\n  a: " + "x" * limits.MAX_INPUT_BYTES + "\n")
    msg = f"more than {limits.MAX_INPUT_BYTES} bytes (the API server's request size limit)\n"
    assert _refused(cm, "create", "-f", str(big)) == f"error: error reading {big}: {msg}"
    assert (
        _refused(cm, "patch", "cm", "x", "--patch-file", str(big))
        == f"error: error reading {big}: {msg}"
    )


def _limited(argv: list[str], stdin, mkl_home) -> subprocess.CompletedProcess[bytes]:
    """Run mkl under a 512 MiB address-space limit (RLIMIT_AS)."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (512 << 20, 512 << 20))

    env = {**os.environ, "MKL_HOME": str(mkl_home)}
    return subprocess.run(
        [str(BIN / "mkl"), *argv],
        stdin=stdin,
        capture_output=True,
        env=env,
        timeout=60,
        preexec_fn=cap,
    )


@pytest.mark.subprocess
@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is Linux's")
def test_bomb_and_endless_stdin_stay_under_512_mib(manual, mkl_home, tmp_path) -> None:
    before = _state()
    f = tmp_path / "bomb.yaml"
    f.write_text(CM + BOMB)
    r = _limited(["create", "-f", str(f)], subprocess.DEVNULL, mkl_home)
    assert (r.returncode, r.stdout) == (1, b"")
    assert r.stderr.decode() == (
        f"error: error parsing {f}: error converting YAML to JSON: yaml: document "
        "contains excessive aliasing\n"
    )
    yes = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
    try:
        r = _limited(["create", "-f", "-"], yes.stdout, mkl_home)
    finally:
        yes.kill()
        yes.wait()
    assert (r.returncode, r.stdout) == (1, b"")
    assert r.stderr.decode() == (
        f"error: error reading STDIN: more than {limits.MAX_INPUT_BYTES} bytes (the API "
        "server's request size limit)\n"
    )
    assert _state() == before


def _fat_deployment(name: str, env_values: int) -> str:
    env = [{"name": f"E{i}", "value": "v" * 1000} for i in range(env_values)]
    c = mk.container("c", "nginx", port=None, env=env)
    return json.dumps(mk.deployment(name, 1, labels={"a": name}, containers=[c]))


def test_create_over_the_size_limits(cm, tmp_path) -> None:
    f = tmp_path / "fat.json"
    f.write_text(_fat_deployment("fat", 1700))  # 1.7 MB: under the request limit, over etcd's
    assert (
        _refused(cm, "create", "-f", str(f))
        == f'Error from server: error when creating "{f}": etcdserver: request is too large\n'
    )
    # apply adds the last-applied annotation: twice the object, over the request limit.
    err = _refused(cm, "apply", "-f", str(f))
    assert err == (
        f'Error from server (RequestEntityTooLarge): error when creating "{f}": Request '
        "entity too large: limit is 3145728\n"
    )
    big = CM.replace("name: x", "name: big") + "data:\n  a: " + "x" * (1024 * 1024 + 1) + "\n"
    err = _refused(cm, "create", "-f", "-", stdin=big)
    assert (
        err == 'The ConfigMap "big" is invalid: []: Too long: may not be more than 1048576 bytes\n'
    )


def test_patch_over_the_size_limits(cm, tmp_path) -> None:
    assert cm("create", "-f", "-", stdin=_fat_deployment("web", 0)).exit_code == 0
    env = [{"name": f"E{i}", "value": "v" * 1000} for i in range(1700)]
    f = tmp_path / "grow.json"
    f.write_text(
        json.dumps({"spec": {"template": {"spec": {"containers": [{"name": "c", "env": env}]}}}})
    )
    assert (
        _refused(cm, "patch", "deploy", "web", "--patch-file", str(f))
        == "Error from server: etcdserver: request is too large\n"
    )
    # 2.4 MB of YAML whose JSON (\u0001 for each \x01) is 3.6 MB: the PATCH body is refused.
    y = tmp_path / "escapes.yaml"
    y.write_text('metadata:\n  annotations:\n    a: "' + "\\x01" * 600_000 + '"\n')
    err = _refused(cm, "patch", "deploy", "web", "--patch-file", str(y))
    assert (
        err
        == "Error from server (RequestEntityTooLarge): Request entity too large: limit is 3145728\n"
    )
