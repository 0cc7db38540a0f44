"""Property tests: no input, however malformed, gives a traceback or changes state when rejected.

Sized by MKL_FUZZ_EXAMPLES (default 30 per property) so `make test` stays fast; run e.g.
`MKL_FUZZ_EXAMPLES=2000 make test PYTEST_ARGS=tests/fuzz` for a long session.
"""

from __future__ import annotations

import json
import os
import types
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minikube_lite.cli import watch
from minikube_lite.store import persist
from tests import builders as mk

EXAMPLES = int(os.environ.get("MKL_FUZZ_EXAMPLES", "30"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=not os.environ.get("MKL_FUZZ_RANDOM"),
)
# derandomized (the same inputs every run, so CI is stable); MKL_FUZZ_RANDOM=1 and a larger
# MKL_FUZZ_EXAMPLES explore further.

WORDS = [
    "get",
    "create",
    "apply",
    "delete",
    "describe",
    "set",
    "image",
    "env",
    "patch",
    "rollout",
    "status",
    "history",
    "undo",
    "pause",
    "resume",
    "restart",
    "scale",
    "annotate",
    "label",
    "config",
    "set-context",
    "view",
    "clock",
    "advance",
    "deploy",
    "deployment",
    "deployments.apps",
    "rs",
    "po",
    "pods",
    "svc",
    "ns",
    "all",
    "http-go",
    "deploy/http-go",
    "pod/x",
    "-n",
    "dev",
    "-A",
    "-o",
    "json",
    "yaml",
    "wide",
    "name",
    "jsonpath={.items[*]}",
    "-l",
    "app=http-go",
    "app in (a,b)",
    "--replicas=2",
    "--replicas",
    "-1",
    "--record",
    "--to-revision=1",
    "--revision=0",
    "--watch=false",
    "--timeout=5s",
    "-p",
    '{"spec":{}}',
    "--type=json",
    "[]",
    "http-go=nginx",
    "*=busybox",
    "k=v",
    "k-",
    "--overwrite",
    "--all",
    "-f",
    "-",
    "--",
    "--dry-run=client",
    "30s",
    "-w",
    "=",
    "",
    "\x00",
    "é",
    "--bogus",
    "-Z",
    "--namespace=",
    "/",
    "a/b/c",
]


def _manifest() -> str:
    """Deployment http-go, 1 x gasbugs/http-go:v1, no ports and no labels on the Deployment."""
    d = mk.http_go(1, port=None)
    del d["metadata"]["labels"]
    return mk.to_yaml(d)


MANIFEST = _manifest()

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


@pytest.fixture
def world(manual, monkeypatch):
    r = manual("create", "-f", "-", stdin=MANIFEST)
    assert r.exit_code == 0, r.stderr
    monkeypatch.setattr(
        watch, "time", types.SimpleNamespace(sleep=_ctrl_c)
    )  # `get -w` waits for Ctrl-C: press it
    return manual


def _ctrl_c(_seconds: float) -> None:
    raise KeyboardInterrupt


def _state() -> bytes:
    return Path(persist.state_path("minikube")).read_bytes()


def _ok(r) -> None:
    assert r.exit_code in (0, 1), (r.exit_code, r.stderr)
    assert "Traceback" not in r.stderr + r.stdout
    if r.exit_code == 1:
        assert r.stderr.strip(), "a failure must say why"


@FUZZ
@given(argv=st.lists(st.sampled_from(WORDS) | st.text(max_size=8), min_size=1, max_size=7))
def test_any_argv_gives_kubectl_style_result(world, argv: list[str]) -> None:
    if argv[0] in ("cluster",) or (argv[:1] == ["clock"] and "advance" in argv):
        return
    r = world(*argv)
    if r.exit_code == 130:  # a watch, ended with Ctrl-C
        assert "get" in argv and r.stderr == "", (argv, r.stderr)
        return
    _ok(r)


def _deployment_with(path: list[str], value: object) -> str:
    doc = mk.deployment("fz", 1, containers=[mk.container("c", "nginx:1.25", port=None)])
    del doc["metadata"]["labels"]
    cur = doc
    for p in path[:-1]:
        nxt = cur.get(p) if isinstance(cur, dict) else None
        if not isinstance(nxt, dict):
            nxt = {}
            cur[p] = nxt
        cur = nxt
    cur[path[-1]] = value
    return json.dumps(doc)


@FUZZ
@given(
    path=st.lists(
        st.sampled_from(
            [
                "metadata",
                "spec",
                "template",
                "replicas",
                "selector",
                "strategy",
                "name",
                "labels",
                "containers",
                "minReadySeconds",
                "rollingUpdate",
                "maxSurge",
                "status",
                "x",
            ]
        ),
        min_size=1,
        max_size=4,
    ),
    value=json_values,
)
def test_mutated_manifests_never_crash_or_half_apply(world, path: list[str], value: object) -> None:
    before = _state()
    r = world("create", "-f", "-", stdin=_deployment_with(path, value))
    _ok(r)
    if r.exit_code == 1:
        assert _state() == before


@FUZZ
@given(text=st.text(max_size=200) | st.binary(max_size=120).map(lambda b: b.decode("latin-1")))
def test_garbage_files_are_rejected_cleanly(world, text: str) -> None:
    before = _state()
    r = world("create", "-f", "-", stdin=text)
    _ok(r)
    if r.exit_code == 1:
        assert _state() == before


@FUZZ
@given(
    patch=json_values.map(json.dumps) | st.text(max_size=40),
    ptype=st.sampled_from(["strategic", "merge", "json"]),
)
def test_patches_never_crash(world, patch: str, ptype: str) -> None:
    before = _state()
    r = world("patch", "deployment", "http-go", "--type", ptype, "-p", patch)
    _ok(r)
    if r.exit_code == 1:
        assert _state() == before


@FUZZ
@given(sel=st.text(alphabet="abc=!,() in-notx/.", max_size=20))
def test_selectors_never_crash(world, sel: str) -> None:
    _ok(world("get", "pods", "-l", sel))


@FUZZ
@given(tpl=st.text(alphabet="{}[].*?@()=\"'a-z0:range end,$", max_size=25))
def test_jsonpath_never_crashes(world, tpl: str) -> None:
    _ok(world("get", "deploy", "-o", f"jsonpath={tpl}"))


_GOTEMPLATE_WORDS = (
    "{{", "}}", "{{- ", " -}}", "range ", "if ", "else", "end", "with ", "define ", "template ",
    "break", ".", ".metadata", ".spec", "$", "$x := ", "|", "(", ")", '"a"', "1", "nil", "len ",
    "index ", "printf ", '"%d %5.1f %q"', "eq ", "lt ", "and ", "not ", " ", "/*", "*/",
)  # fmt: skip


@FUZZ
@given(parts=st.lists(st.sampled_from(_GOTEMPLATE_WORDS) | st.text(max_size=3), max_size=12))
def test_go_template_never_crashes(world, parts: list[str]) -> None:
    _ok(world("get", "deploy", "-o", "go-template=" + "".join(parts)))


def test_yaml_tags_do_not_construct_objects(world) -> None:
    evil = "!!python/object/apply:os.system ['touch /tmp/mkl-pwned']\n"
    r = world("create", "-f", "-", stdin=evil)
    assert r.exit_code == 1 and "Traceback" not in r.stderr
    assert not os.path.exists("/tmp/mkl-pwned")


def test_get_yaml_round_trips(world) -> None:
    out = world("get", "deploy", "http-go", "-o", "yaml").stdout
    assert world("delete", "deploy", "http-go").exit_code == 0
    assert world("create", "-f", "-", stdin=out).exit_code == 0
    again = json.loads(world("get", "deploy", "http-go", "-o", "json").stdout)
    assert again["spec"]["template"]["spec"]["containers"][0]["image"] == "gasbugs/http-go:v1"


def test_empty_patch_is_a_no_op(world) -> None:
    before = world("get", "deploy", "http-go", "-o", "json").stdout
    r = world("patch", "deployment", "http-go", "-p", "{}")
    assert (r.exit_code, r.stdout) == (0, "deployment.apps/http-go patched (no change)\n")
    assert world("get", "deploy", "http-go", "-o", "json").stdout == before
