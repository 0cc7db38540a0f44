"""``set image`` and ``set env`` (kubectl/pkg/cmd/set/set_image.go, set_env.go).

The real kubectl is the oracle for --local.
"""

from __future__ import annotations

import json

import pytest

from tests.cli.rollout_helpers import get_json, revisions, write_deploy
from tests.conftest import kubectl, needs_kubectl

RECORD_WARNING = "Flag --record has been deprecated, --record will be removed in the future\n"
MISSING = (
    "error: You must provide one or more resources by argument or filename.\n"
    "Example resource specifications include:\n"
    "   '-f rsrc.yaml'\n"
    "   '--filename=rsrc.json'\n"
    "   '<resource> <name>'\n"
    "   '<resource>'\n"
)

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: init
    image: busybox:1.36
  containers:
  - name: web
    image: nginx:1.14.2
    env:
    - name: A
      value: "1"
"""


@pytest.fixture
def web(manual, tmp_path):
    path = write_deploy(tmp_path)
    assert manual("create", "-f", path).exit_code == 0
    manual.path = path
    return manual


def _image(mkl, name: str = "web") -> str:
    return get_json(mkl, "deploy", name)["spec"]["template"]["spec"]["containers"][0]["image"]


def test_set_image_updates_and_creates_revision(web) -> None:
    gen = get_json(web, "deploy", "web")["metadata"]["generation"]
    r = web("set", "image", "deployment", "web", "web=nginx:1.16.1")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "deployment.apps/web image updated\n", "")
    d = get_json(web, "deploy", "web")
    assert d["metadata"]["generation"] == gen + 1
    assert _image(web) == "nginx:1.16.1"
    assert revisions(web) == [1, 2]


def test_set_image_same_image_prints_nothing(web) -> None:
    rv = get_json(web, "deploy", "web")["metadata"]["resourceVersion"]
    r = web("set", "image", "deploy/web", "web=nginx:1.14.2")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "")
    assert get_json(web, "deploy", "web")["metadata"]["resourceVersion"] == rv


def test_set_image_same_image_with_record_rewrites_cause(web) -> None:
    gen = get_json(web, "deploy", "web")["metadata"]["generation"]
    r = web("set", "image", "deploy/web", "web=nginx:1.14.2", "--record")
    assert (r.exit_code, r.stdout, r.stderr) == (
        0,
        "deployment.apps/web image updated\n",
        RECORD_WARNING,
    )
    assert get_json(web, "deploy", "web")["metadata"]["generation"] == gen + 1
    assert revisions(web) == [1]
    h = web("rollout", "history", "deploy/web").stdout
    assert "1         mkl set image deploy/web web=nginx:1.14.2 --record=true\n" in h


def test_set_image_wildcard_sets_every_container(manual, tmp_path) -> None:
    (tmp_path / "p.yaml").write_text(POD)
    manual("create", "-f", str(tmp_path / "p.yaml"))
    r = manual("set", "image", "pod/p", "*=nginx:1.16.1")
    assert r.stdout == "pod/p image updated\n"
    spec = get_json(manual, "pod", "p")["spec"]
    assert spec["containers"][0]["image"] == spec["initContainers"][0]["image"] == "nginx:1.16.1"


@pytest.mark.parametrize(
    ("argv", "stderr"),
    [
        pytest.param(
            ("deploy/web", "webb=x:1"),
            'error: unable to find container named "webb"\n',
            id="unknown-container",
        ),
        pytest.param(
            ("deploy/web",), "error: at least one image update is required\n", id="no-pairs"
        ),
        pytest.param(("web=nginx:1.16.1",), MISSING, id="no-resource"),
        pytest.param(
            ("deploy", "web=nginx:1.16.1"),
            "error: resource(s) were provided, but no name was specified\n",
            id="type-only",
        ),
        pytest.param(
            ("deploy/web", "web-"), "error: invalid image format: web-\n", id="removal-form"
        ),
        pytest.param(
            ("deploy/web", "*=a:1", "web=b:1"),
            "error: all containers are already specified by *, but saw more than one "
            "container_name=container_image pairs\n",
            id="wildcard-and-more",
        ),
        pytest.param(
            ("deploy/web", "web=a:1", "extra"),
            "error: all resources must be specified before image changes: extra\n",
            id="resource-after-pair",
        ),
        pytest.param(
            ("deploy/nope", "web=a:1"),
            'Error from server (NotFound): deployments.apps "nope" not found\n',
            id="missing",
        ),
        pytest.param(
            ("svc/kubernetes", "web=a:1"),
            "error: services/kubernetes the object is not a pod or does not have a pod "
            "template: *v1.Service\n",
            id="not-a-pod-template",
        ),
        pytest.param(
            ("deploy", "web=a:1", "--all", "-l", "app=web"),
            "error: cannot set --all and --selector at the same time\n",
            id="all-and-selector",
        ),
    ],
)
def test_set_image_errors(web, argv, stderr) -> None:
    rv = get_json(web, "deploy", "web")["metadata"]["resourceVersion"]
    r = web("set", "image", *argv)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", stderr)
    assert get_json(web, "deploy", "web")["metadata"]["resourceVersion"] == rv


def test_set_image_missing_container_still_writes_record(web) -> None:
    r = web("set", "image", "deploy/web", "webb=x:1", "--record")
    assert (r.exit_code, r.stdout) == (1, "deployment.apps/web image updated\n")
    assert r.stderr == RECORD_WARNING + 'error: unable to find container named "webb"\n'
    assert _image(web) == "nginx:1.14.2"


def test_set_image_forms_namespace_and_output(web, tmp_path) -> None:
    web("create", "namespace", "dev")
    web("create", "-f", write_deploy(tmp_path, "api", filename="api.yaml"), "-n", "dev")
    r = web("-n", "dev", "set", "image", "deployments.apps/api", "api=nginx:1.25", "-o", "name")
    assert (r.exit_code, r.stdout) == (0, "deployment.apps/api\n")
    assert (
        get_json(web, "deploy", "api", "-n", "dev")["spec"]["template"]["spec"]["containers"][0][
            "image"
        ]
        == "nginx:1.25"
    )
    r = web("set", "image", "-f", web.path, "web=nginx:1.25", "--dry-run=client")
    assert r.stdout == "deployment.apps/web image updated (dry run)\n"
    assert _image(web) == "nginx:1.14.2"
    r = web("set", "image", "deploy", "-l", "app=web", "web=nginx:1.25", "--dry-run=server")
    assert r.stdout == "deployment.apps/web image updated (server dry run)\n"
    assert _image(web) == "nginx:1.14.2"
    r = web("set", "image", "deploy", "--all", "web=nginx:1.25", "-o", "json")
    assert (
        json.loads(r.stdout)["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.25"
    )


def test_set_image_record_change_cause_with_namespace_flag(web, tmp_path) -> None:
    web("create", "namespace", "dev")
    web("create", "-f", write_deploy(tmp_path, "api", filename="api.yaml"), "-n", "dev")
    r = web("-n", "dev", "set", "image", "deploy/api", "api=nginx:1.16.1", "--record=true")
    assert r.exit_code == 0
    ann = get_json(web, "deploy", "api", "-n", "dev")["metadata"]["annotations"]
    assert (
        ann["kubernetes.io/change-cause"]
        == "mkl set image deploy/api api=nginx:1.16.1 --namespace=dev --record=true"
    )


def test_set_image_local_errors(web) -> None:
    r = web("set", "image", "--local", "deploy/web", "web=x:1")
    assert r.stderr == (
        "error: you must specify resources by --filename when --local is set.\n"
        "Example resource specifications include:\n"
        "   '-f rsrc.yaml'\n"
        "   '--filename=rsrc.json'\n"
    )
    r = web("set", "image", "--local", "-f", web.path, "web=x:1", "--dry-run=server")
    assert (
        r.stderr
        == "error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n"
    )


# ----- the real kubectl as an oracle (--local never contacts a server) ----------------------------


@needs_kubectl
@pytest.mark.parametrize(
    "pairs",
    [
        pytest.param(["web=nginx:1.16.1"], id="one"),
        pytest.param(["*=nginx:1.25"], id="wildcard"),
        pytest.param(["web=nginx:1.14.2"], id="unchanged"),
        pytest.param(["nope=x:1"], id="unknown"),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "yaml", "name", ""])
def test_set_image_local_matches_kubectl(mkl, tmp_path, pairs, fmt) -> None:
    path = write_deploy(tmp_path)
    out = ["-o", fmt] if fmt else []
    want = kubectl("set", "image", "--local", "-f", path, *pairs, *out)
    got = mkl("set", "image", "--local", "-f", path, *pairs, *out)
    assert got.exit_code == want.returncode
    assert got.stderr == want.stderr
    if fmt == "json":
        assert (json.loads(got.stdout) if got.stdout else None) == (
            json.loads(want.stdout) if want.stdout else None
        )
    elif fmt == "yaml":
        import yaml

        assert yaml.safe_load(got.stdout) == yaml.safe_load(want.stdout)
    else:
        assert got.stdout == want.stdout


@needs_kubectl
@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["A=2", "B=3"], id="set"),
        pytest.param(["A-"], id="remove"),
        pytest.param(["A=2", "--overwrite=false"], id="no-overwrite"),
        pytest.param(["-c", "init", "X=1"], id="one-container"),
        pytest.param(["1X=1"], id="bad-name"),
        pytest.param(["A=1"], id="unchanged"),
    ],
)
def test_set_env_local_matches_kubectl(mkl, tmp_path, argv) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(POD)
    want = kubectl("set", "env", "--local", "-f", str(path), *argv, "-o", "json")
    got = mkl("set", "env", "--local", "-f", str(path), *argv, "-o", "json")
    assert got.exit_code == want.returncode
    assert got.stderr == want.stderr
    assert (json.loads(got.stdout) if got.stdout else None) == (
        json.loads(want.stdout) if want.stdout else None
    )


# ----- set env on the server ----------------------------------------------------------------------


def test_set_env_lines(web) -> None:
    r = web("set", "env", "deploy/web", "MODE=blue")
    assert (r.exit_code, r.stdout) == (0, "deployment.apps/web env updated\n")
    assert revisions(web) == [1, 2]
    r = web("set", "env", "deploy/web", "MODE=blue")
    assert (r.exit_code, r.stdout) == (0, "")
    r = web("set", "env", "deploy/web", "MODE=green", "--overwrite=false")
    assert (r.exit_code, r.stderr) == (
        1,
        "error: deployments/web 'MODE' already has a value (blue), and --overwrite is false\n",
    )
    r = web("set", "env", "deploy/web", "-c", "nope", "X=1")
    assert (r.exit_code, r.stdout, r.stderr) == (
        0,
        "",
        'Warning: Deployment/web does not have any containers matching "nope"\n',
    )
    r = web("set", "env", "deploy/web", "MODE-")
    assert r.stdout == "deployment.apps/web env updated\n"
    assert "env" not in get_json(web, "deploy", "web")["spec"]["template"]["spec"]["containers"][0]
    r = web("set", "env", "MODE=x")
    assert r.stderr == (
        "error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n"
    )
    r = web("set", "env", "deploy/web", "--record", "A=1")
    assert r.stderr == "error: unknown flag: --record\nSee 'mkl set env --help' for usage.\n"


@needs_kubectl
@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_set_image_local_of_a_statefulset_matches_kubectl(mkl, tmp_path, fmt) -> None:
    """The typed round trip of a StatefulSet: updateStrategy {} and status replicas 0 and
    availableReplicas 0 appear, in the Go struct's field order."""
    import tests.builders as mk

    path = str(mk.write(tmp_path / "sts.yaml", mk.statefulset("web", replicas=None)))
    argv = ("set", "image", "--local", "-f", path, "nginx=nginx:1.27", "-o", fmt)
    want, got = kubectl(*argv), mkl(*argv)
    assert (got.exit_code, got.stderr) == (want.returncode, want.stderr)
    assert got.stdout == want.stdout
