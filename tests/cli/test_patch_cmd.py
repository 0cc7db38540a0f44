"""``patch`` (kubectl/pkg/cmd/patch/patch.go), with the real kubectl as an oracle for --local."""

from __future__ import annotations

import json

import pytest

from tests.cli.rollout_helpers import get_json, revisions, write_deploy
from tests.conftest import kubectl, needs_kubectl

RECORD_WARNING = "Flag --record has been deprecated, --record will be removed in the future\n"


@pytest.fixture
def web(manual, tmp_path):
    path = write_deploy(tmp_path)
    assert manual("create", "-f", path).exit_code == 0
    manual.path = path
    return manual


def test_patch_min_ready_seconds(web) -> None:
    """The lesson's command: generation + 1, no new ReplicaSet, copied to the new RS only."""
    gen = get_json(web, "deploy", "web")["metadata"]["generation"]
    r = web("patch", "deployment", "web", "-p", '{"spec": {"minReadySeconds": 10}}')
    assert (r.exit_code, r.stdout, r.stderr) == (0, "deployment.apps/web patched\n", "")
    d = get_json(web, "deploy", "web")
    assert (d["spec"]["minReadySeconds"], d["metadata"]["generation"]) == (10, gen + 1)
    assert revisions(web) == [1]
    assert get_json(web, "rs")["items"][0]["spec"]["minReadySeconds"] == 10


def test_patch_no_change(web) -> None:
    rv = get_json(web, "deploy", "web")["metadata"]["resourceVersion"]
    r = web("patch", "deploy/web", "-p", '{"spec": {"replicas": 3}}')
    assert (r.exit_code, r.stdout) == (0, "deployment.apps/web patched (no change)\n")
    assert get_json(web, "deploy", "web")["metadata"]["resourceVersion"] == rv


def test_patch_strategic_merges_containers_by_name(web) -> None:
    r = web(
        "patch",
        "deploy/web",
        "-p",
        '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.16.1"}]}}}}',
    )
    assert r.stdout == "deployment.apps/web patched\n"
    c = get_json(web, "deploy", "web")["spec"]["template"]["spec"]["containers"]
    assert (
        len(c) == 1 and c[0]["image"] == "nginx:1.16.1" and c[0]["ports"][0]["containerPort"] == 80
    )
    assert revisions(web) == [1, 2]


def test_patch_json_and_merge_and_yaml(web) -> None:
    r = web(
        "patch",
        "deploy",
        "web",
        "--type=json",
        "-p",
        '[{"op": "replace", "path": "/spec/replicas", "value": 4}]',
    )
    assert r.stdout == "deployment.apps/web patched\n"
    r = web(
        "patch",
        "deploy",
        "web",
        "--type",
        "merge",
        "-p",
        '{"metadata": {"labels": {"tier": "web"}}}',
    )
    assert r.stdout == "deployment.apps/web patched\n"
    r = web("patch", "deploy", "web", "-p", "spec:\n  replicas: 5\n")
    assert r.stdout == "deployment.apps/web patched\n"
    d = get_json(web, "deploy", "web")
    assert (d["spec"]["replicas"], d["metadata"]["labels"]["tier"]) == (5, "web")


def test_patch_file_and_record(web, tmp_path) -> None:
    pf = tmp_path / "patch.yaml"
    pf.write_text("spec:\n  minReadySeconds: 5\n")
    r = web("patch", "deploy/web", "--patch-file", str(pf), "--record")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "deployment.apps/web patched\n", RECORD_WARNING)
    cause = get_json(web, "deploy", "web")["metadata"]["annotations"]["kubernetes.io/change-cause"]
    assert cause == f"mkl patch deploy/web --patch-file={pf} --record=true"


def test_patch_record_cause_keeps_flag_text(web) -> None:
    web("patch", "deployment", "web", "-p", '{"spec": {"minReadySeconds": 10}}', "--record")
    cause = get_json(web, "deploy", "web")["metadata"]["annotations"]["kubernetes.io/change-cause"]
    assert (
        cause == 'mkl patch deployment web --patch={"spec": {"minReadySeconds": 10}} --record=true'
    )


@pytest.mark.parametrize(
    ("argv", "stderr"),
    [
        pytest.param(
            ("deploy/web",),
            "error: must specify --patch or --patch-file containing the contents of the patch\n",
            id="no-patch",
        ),
        pytest.param(
            ("deploy/web", "-p", "{}", "--patch-file", "x"),
            "error: cannot specify --patch and --patch-file together\n",
            id="both",
        ),
        pytest.param(
            ("deploy/web", "-p", "{}", "--type", "foo"),
            'error: --type must be one of [json merge strategic], not "foo"\n',
            id="bad-type",
        ),
        pytest.param(
            ("deploy/web", "-p", "a: ["),
            'error: unable to parse "a: [": yaml: line 1: did not find expected node content\n',
            id="bad-yaml",
        ),
        pytest.param(
            ("deploy/web", "--patch-file", "/no/such"),
            "error: unable to read patch file: open /no/such: no such file or directory\n",
            id="no-file",
        ),
        pytest.param(
            ("deploy/nope", "-p", "{}"),
            'Error from server (NotFound): deployments.apps "nope" not found\n',
            id="missing",
        ),
        pytest.param(
            ("deploy/web", "-p", "{}", "--local"),
            "error: cannot specify --local and server resources\n",
            id="local-and-args",
        ),
    ],
)
def test_patch_errors(web, argv, stderr) -> None:
    r = web("patch", *argv)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", stderr)


def test_patch_invalid_result_is_rejected(web) -> None:
    r = web("patch", "deploy/web", "-p", '{"spec": {"replicas": -1}}')
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr.startswith('The Deployment "web" is invalid: spec.replicas: Invalid value: -1')


def test_patch_dry_run_has_no_suffix(web) -> None:
    """patch.go sets the operation after the dry-run suffix was applied, so none shows."""
    r = web("patch", "deploy/web", "-p", '{"spec": {"replicas": 4}}', "--dry-run=server")
    assert r.stdout == "deployment.apps/web patched\n"
    r = web(
        "patch", "deploy/web", "-p", '{"spec": {"replicas": 4}}', "--dry-run=client", "-o", "json"
    )
    assert json.loads(r.stdout)["spec"]["replicas"] == 4
    assert get_json(web, "deploy", "web")["spec"]["replicas"] == 3


@needs_kubectl
@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["-p", '{"spec":{"minReadySeconds":10}}'], id="strategic"),
        pytest.param(["-p", '{"spec":{"replicas":3}}'], id="no-change"),
        pytest.param(
            [
                "-p",
                '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"x:2"}]}}}}',
                "-o",
                "json",
            ],
            id="containers-by-name",
        ),
        pytest.param(
            [
                "--type",
                "merge",
                "-p",
                '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"x:2"}]}}}}',
                "-o",
                "json",
            ],
            id="merge-replaces-list",
        ),
        pytest.param(
            ["--type", "json", "-p", '[{"op":"replace","path":"/spec/replicas","value":4}]'],
            id="json",
        ),
        pytest.param(
            ["--type", "json", "-p", '[{"op":"remove","path":"/spec/nope"}]'], id="json-missing"
        ),
        pytest.param(["-p", "spec: {replicas: 5}", "-o", "yaml"], id="yaml"),
        pytest.param(["-p", "a: ["], id="bad-yaml"),
        pytest.param(["-p", '{"spec":{"replicas":3}}', "--dry-run=client"], id="dry-run"),
    ],
)
def test_patch_local_matches_kubectl(mkl, tmp_path, argv) -> None:
    import yaml

    path = write_deploy(tmp_path)
    want = kubectl("patch", "--local", "-f", path, *argv)
    got = mkl("patch", "--local", "-f", path, *argv)
    assert (got.exit_code, got.stderr) == (want.returncode, want.stderr)
    if "json" in argv[-2:]:
        assert json.loads(got.stdout) == json.loads(want.stdout)
    elif "yaml" in argv[-2:]:
        assert yaml.safe_load(got.stdout) == yaml.safe_load(want.stdout)
    else:
        assert got.stdout == want.stdout
