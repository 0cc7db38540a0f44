"""``annotate`` and ``label`` (kubectl/pkg/cmd/annotate, cmd/label).

The real kubectl is the oracle for --local.
"""

from __future__ import annotations

import json

import pytest

from tests.cli.rollout_helpers import get_json, revisions, write_deploy
from tests.conftest import kubectl, needs_kubectl

RECORD_WARNING = "Flag --record has been deprecated, --record will be removed in the future\n"

ANNOTATED = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web, tier: a}
  annotations: {team: a, kubernetes.io/change-cause: old, z: q}
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.14.2
"""


@pytest.fixture
def web(manual, tmp_path):
    path = tmp_path / "web.yaml"
    path.write_text(ANNOTATED)
    assert manual("create", "-f", str(path)).exit_code == 0
    manual.path = str(path)
    return manual


def _meta(mkl, key: str) -> dict:
    return get_json(mkl, "deploy", "web")["metadata"].get(key) or {}


# ----- annotate -----------------------------------------------------------------------------------


def test_annotate_adds_and_bumps_generation(web) -> None:
    gen = get_json(web, "deploy", "web")["metadata"]["generation"]
    r = web("annotate", "deployment/web", "owner=ops")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "deployment.apps/web annotated\n", "")
    assert _meta(web, "annotations")["owner"] == "ops"
    assert get_json(web, "deploy", "web")["metadata"]["generation"] == gen + 1
    assert revisions(web) == [1]


def test_annotate_same_value_and_removal_need_no_overwrite(web) -> None:
    assert web("annotate", "deploy", "web", "team=a").stdout == "deployment.apps/web annotated\n"
    assert (
        web("annotate", "deploy", "web", "team-", "nope-").stdout
        == "deployment.apps/web annotated\n"
    )
    assert "team" not in _meta(web, "annotations")


def test_annotate_overwrite_rules(web) -> None:
    r = web("annotate", "deploy/web", "team=b", "z=r")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == (
        "error: --overwrite is false but found the following declared annotation(s): "
        "'team' already has a value (a); 'z' already has a value (q)\n"
    )
    r = web("annotate", "deploy/web", "team=b", "--overwrite")
    assert (r.exit_code, r.stdout) == (0, "deployment.apps/web annotated\n")
    assert _meta(web, "annotations")["team"] == "b"


def test_change_cause_is_exempt_and_copied_to_current_revision(web) -> None:
    r = web("annotate", "deployment/web", "kubernetes.io/change-cause=image updated to 1.16.1")
    assert (r.exit_code, r.stdout) == (0, "deployment.apps/web annotated\n")
    h = web("rollout", "history", "deploy/web").stdout
    assert (
        h == "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         image updated to 1.16.1\n\n"
    )


@pytest.mark.parametrize(
    ("argv", "stderr"),
    [
        pytest.param(
            ("deploy/web",), "error: at least one annotation update is required\n", id="nothing"
        ),
        pytest.param(
            ("a=b",),
            "error: one or more resources must be specified as <resource> <name> or "
            "<resource>/<name>\n",
            id="no-resource",
        ),
        pytest.param(
            ("deploy/web", "a=b", "a-"),
            "error: can not both modify and remove the following annotation(s) in the "
            "same command: a\n",
            id="set-and-remove",
        ),
        pytest.param(
            ("deploy/web", "a=b", "b"),
            "error: all resources must be specified before annotation changes: b\n",
            id="order",
        ),
        pytest.param(
            ("deploy/nope", "a=b"),
            'Error from server (NotFound): deployments.apps "nope" not found\n',
            id="missing",
        ),
        pytest.param(
            ("deploy", "--all", "-l", "app=web", "a=b"),
            "error: cannot set --all and --selector at the same time\n",
            id="all-and-selector",
        ),
    ],
)
def test_annotate_errors(web, argv, stderr) -> None:
    r = web("annotate", *argv)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", stderr)


def test_annotate_record_and_outputs(web) -> None:
    r = web("annotate", "deploy/web", "owner=ops", "--record")
    assert (r.exit_code, r.stderr) == (0, RECORD_WARNING)
    assert (
        _meta(web, "annotations")["kubernetes.io/change-cause"]
        == "mkl annotate deploy/web owner=ops --record=true"
    )
    assert web("annotate", "deploy/web", "x=1", "-o", "name").stdout == "deployment.apps/web\n"
    assert (
        web("annotate", "deploy/web", "y=1", "--dry-run=client").stdout
        == "deployment.apps/web annotated (dry run)\n"
    )
    assert "y" not in _meta(web, "annotations")
    r = web("annotate", "deploy/web", "y=1", "-o", "json")
    assert json.loads(r.stdout)["metadata"]["annotations"]["y"] == "1"


# ----- label --------------------------------------------------------------------------------------


def test_label_messages(web) -> None:
    assert web("label", "deploy", "web", "env=prod").stdout == "deployment.apps/web labeled\n"
    assert web("label", "deploy", "web", "env=prod").stdout == "deployment.apps/web not labeled\n"
    assert web("label", "deploy", "web", "env-").stdout == "deployment.apps/web unlabeled\n"
    r = web("label", "deploy", "web", "gone-")
    assert (r.exit_code, r.stdout) == (
        0,
        'label "gone" not found.\ndeployment.apps/web not labeled\n',
    )
    assert (
        web("label", "deploy", "web", "tier-", "--overwrite").stdout
        == "deployment.apps/web labeled\n"
    )
    assert "tier" not in _meta(web, "labels")


def test_label_overwrite_errors(web) -> None:
    r = web("label", "deploy/web", "app=x")
    assert (r.exit_code, r.stdout, r.stderr) == (
        1,
        "",
        "error: 'app' already has a value (web), and --overwrite is false\n",
    )
    r = web("label", "deploy/web", "tier=b", "app=x")
    assert r.stderr == (
        "'app' already has a value (web), and --overwrite is false\n"
        "'tier' already has a value (a), and --overwrite is false\n"
    )
    assert (
        web("label", "deploy/web", "app=x", "--overwrite").stdout == "deployment.apps/web labeled\n"
    )


@pytest.mark.parametrize(
    ("argv", "stderr"),
    [
        pytest.param(
            ("deploy/web",), "error: at least one label update is required\n", id="nothing"
        ),
        pytest.param(
            ("deploy/web", "a=b=c"), "error: invalid label spec: a=b=c\n", id="two-equals"
        ),
        pytest.param(
            ("deploy/web", "a=b", "a-"),
            "error: can not both modify and remove a label in the same command\n",
            id="set-and-remove",
        ),
        pytest.param(
            ("deploy/web", "a=b c"),
            'error: invalid label value: "a=b c": a valid label must be an empty '
            "string or consist of alphanumeric characters, '-', '_' or '.', "
            "and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
            "'my_value',  or '12345', "
            "regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n",
            id="bad-value",
        ),
        pytest.param(
            ("x=y",),
            "error: one or more resources must be specified as <resource> <name> or "
            "<resource>/<name>\n",
            id="no-resource",
        ),
    ],
)
def test_label_errors(web, argv, stderr) -> None:
    r = web("label", *argv)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", stderr)


def test_label_record(web) -> None:
    r = web("label", "deploy/web", "env=prod", "--record")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "deployment.apps/web labeled\n", RECORD_WARNING)
    assert (
        _meta(web, "annotations")["kubernetes.io/change-cause"]
        == "mkl label deploy/web env=prod --record=true"
    )


def test_label_pods_by_selector_and_all(manual, tmp_path) -> None:
    manual("create", "-f", write_deploy(tmp_path, "a"))
    manual("create", "-f", write_deploy(tmp_path, "b"))
    r = manual("label", "deploy", "--all", "team=x")
    assert r.stdout == "deployment.apps/a labeled\ndeployment.apps/b labeled\n"
    r = manual("label", "deploy", "-l", "app=b", "team=y", "--overwrite")
    assert r.stdout == "deployment.apps/b labeled\n"


# ----- the real kubectl as an oracle --------------------------------------------------------------


@needs_kubectl
@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["annotate", "team=a"], id="annotate-same"),
        pytest.param(["annotate", "team=b"], id="annotate-conflict"),
        pytest.param(["annotate", "kubernetes.io/change-cause=new"], id="annotate-change-cause"),
        pytest.param(["annotate", "nope-"], id="annotate-remove-missing"),
        pytest.param(["annotate", "a=b", "a-"], id="annotate-set-and-remove"),
        pytest.param(["label", "app=web"], id="label-same"),
        pytest.param(["label", "app=x"], id="label-conflict"),
        pytest.param(["label", "app=x", "--overwrite"], id="label-overwrite"),
        pytest.param(["label", "tier-"], id="label-remove"),
        pytest.param(["label", "nope-"], id="label-remove-missing"),
        pytest.param(["label", "a=b=c"], id="label-bad-spec"),
        pytest.param(["label", "tier=b", "--dry-run=client", "--overwrite"], id="label-dry-run"),
        pytest.param(["label", "tier=b", "-o", "name", "--overwrite"], id="label-name"),
    ],
)
def test_meta_local_matches_kubectl(mkl, tmp_path, argv) -> None:
    path = tmp_path / "web.yaml"
    path.write_text(ANNOTATED)
    verb, rest = argv[0], argv[1:]
    want = kubectl(verb, "--local", "-f", str(path), *rest)
    got = mkl(verb, "--local", "-f", str(path), *rest)
    assert (got.exit_code, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr)


@needs_kubectl
def test_annotate_local_yaml_matches_kubectl(mkl, tmp_path) -> None:
    import yaml

    path = tmp_path / "web.yaml"
    path.write_text(ANNOTATED)
    want = kubectl("annotate", "--local", "-f", str(path), "x=1", "-o", "yaml")
    got = mkl("annotate", "--local", "-f", str(path), "x=1", "-o", "yaml")
    assert yaml.safe_load(got.stdout)["metadata"] == yaml.safe_load(want.stdout)["metadata"]
