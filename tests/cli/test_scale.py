"""``scale`` (kubectl/pkg/cmd/scale/scale.go)."""

from __future__ import annotations

import pytest

from tests.cli.rollout_helpers import get_json, revisions, write_deploy

RECORD_WARNING = "Flag --record has been deprecated, --record will be removed in the future\n"


@pytest.fixture
def web(manual, tmp_path):
    path = write_deploy(tmp_path)
    assert manual("create", "-f", path).exit_code == 0
    manual.path = path
    return manual


def test_scale_sets_replicas_without_a_revision(web) -> None:
    gen = get_json(web, "deploy", "web")["metadata"]["generation"]
    r = web("scale", "--replicas=5", "deployment/web")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "deployment.apps/web scaled\n", "")
    d = get_json(web, "deploy", "web")
    assert (d["spec"]["replicas"], d["metadata"]["generation"]) == (5, gen + 1)
    assert revisions(web) == [1]
    assert get_json(web, "rs")["items"][0]["spec"]["replicas"] == 5


def test_scale_forms(web, tmp_path) -> None:
    assert web("scale", "deploy", "web", "--replicas", "2").stdout == "deployment.apps/web scaled\n"
    assert web("scale", "--replicas=2", "-f", web.path).stdout == "deployment.apps/web scaled\n"
    assert (
        web("scale", "--replicas=2", "deploy", "--all", "-o", "name").stdout
        == "deployment.apps/web\n"
    )
    rs = get_json(web, "rs")["items"][0]["metadata"]["name"]
    assert web("scale", "--replicas=2", f"rs/{rs}").stdout == f"replicaset.apps/{rs} scaled\n"


def test_scale_precondition(web) -> None:
    r = web("scale", "--current-replicas=2", "--replicas=4", "deploy/web")
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", "error: Expected replicas to be 2, was 3\n")
    r = web("scale", "--current-replicas=3", "--replicas=4", "deploy/web")
    assert (r.exit_code, r.stdout) == (0, "deployment.apps/web scaled\n")


@pytest.mark.parametrize(
    ("argv", "stderr"),
    [
        pytest.param(
            ("deploy/web",), 'error: required flag(s) "replicas" not set\n', id="no-replicas"
        ),
        pytest.param(
            ("deploy/web", "--replicas=-1"),
            "error: The --replicas=COUNT flag is required, and COUNT must be greater "
            "than or equal to 0\n",
            id="negative",
        ),
        pytest.param(
            ("deploy/web", "--replicas=1", "--current-replicas=-2"),
            "error: The --current-replicas must specify an integer of -1 or greater\n",
            id="bad-current",
        ),
        pytest.param(
            ("deploy/nope", "--replicas=1"),
            'error: no objects passed to scale deployments.apps "nope" not found\n',
            id="missing",
        ),
        pytest.param(
            ("--replicas=1",),
            (
                "error: You must provide one or more resources by argument or filename.\n"
                "Example resource specifications include:\n"
                "   '-f rsrc.yaml'\n"
                "   '--filename=rsrc.json'\n"
                "   '<resource> <name>'\n"
                "   '<resource>'\n"
            ),
            id="no-resource",
        ),
    ],
)
def test_scale_errors(web, argv, stderr) -> None:
    r = web("scale", *argv)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", stderr)


def test_scale_some_missing(web) -> None:
    r = web("scale", "--replicas=2", "deploy/web", "deploy/nope")
    assert (r.exit_code, r.stdout) == (1, "deployment.apps/web scaled\n")
    assert r.stderr == 'Error from server (NotFound): deployments.apps "nope" not found\n'


def test_scale_record_rewrites_current_change_cause(web) -> None:
    r = web("scale", "deploy/web", "--replicas=4", "--record")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "deployment.apps/web scaled\n", RECORD_WARNING)
    ann = get_json(web, "deploy", "web")["metadata"]["annotations"]
    assert ann["kubernetes.io/change-cause"] == "mkl scale deploy/web --replicas=4 --record=true"
    h = web("rollout", "history", "deploy/web").stdout
    assert h == (
        "deployment.apps/web \nREVISION  CHANGE-CAUSE\n"
        "1         mkl scale deploy/web --replicas=4 --record=true\n\n"
    )


def test_scale_dry_run(web) -> None:
    assert (
        web("scale", "deploy/web", "--replicas=4", "--dry-run=client").stdout
        == "deployment.apps/web scaled (dry run)\n"
    )
    assert (
        web("scale", "deploy/web", "--replicas=4", "--dry-run=server").stdout
        == "deployment.apps/web scaled (server dry run)\n"
    )
    assert get_json(web, "deploy", "web")["spec"]["replicas"] == 3


def test_scale_while_paused_scales_but_creates_no_revision(web) -> None:
    web("rollout", "pause", "deploy/web")
    web("set", "image", "deploy/web", "web=nginx:1.16.1")
    assert web("scale", "deploy/web", "--replicas=6").stdout == "deployment.apps/web scaled\n"
    assert revisions(web) == [1]
    assert get_json(web, "rs")["items"][0]["spec"]["replicas"] == 6
