"""``--dry-run=client|server`` on every mutating verb, and success lines only after the save.

kubectl (cmdutil.GetDryRunStrategy, PrintFlagsWithDryRunStrategy, delete.go PrintObj): a dry run
stores nothing and prints the usual line with `` (dry run)`` / `` (server dry run)`` appended. A
client dry run sends nothing (delete does not even look named objects up); a server dry run makes
every server-side check.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from minikube_lite import errors
from minikube_lite.store import persist
from tests.cli.rollout_helpers import write_deploy
from tests.cli.test_rbac import FORBIDDEN, PERMISSIONS, jane_msg

CONFIGMAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: b\n"
SUFFIX = {"client": " (dry run)", "server": " (server dry run)"}


def state() -> tuple[bytes, Any]:
    name = persist.profile_name(None)
    return Path(persist.state_path(name)).read_bytes(), persist.version(name)


@pytest.fixture
def web(manual: Any, tmp_path: Path) -> Any:
    """Deployment web at revision 2 (so undo has a target), its pods, namespace dev, cm.yaml."""
    manual.path = write_deploy(tmp_path)
    manual.cm = str(tmp_path / "cm.yaml")
    Path(manual.cm).write_text(CONFIGMAP)
    for argv in (
        ("create", "-f", manual.path),
        ("clock", "advance", "30s"),
        ("set", "image", "deploy/web", "web=nginx:1.25"),
        ("clock", "advance", "60s"),
        ("create", "namespace", "dev"),
    ):
        r = manual(*argv)
        assert r.exit_code == 0, r.stderr
    manual.pods = sorted(manual("get", "pods", "-o", "name").stdout.split())
    assert len(manual.pods) == 3
    return manual


def _pod_lines(web: Any, suffix: str) -> str:
    return "".join(
        f'pod "{p.removeprefix("pod/")}" deleted from default namespace{suffix}\n' for p in web.pods
    )


# (argv, expected stdout with {s} for the suffix); {file}/{cm}/{pod} are filled in from the fixture.
VERBS = [
    pytest.param(
        ["delete", "deploy", "web"],
        'deployment.apps "web" deleted from default namespace{s}\n',
        id="delete",
    ),
    pytest.param(
        ["delete", "{pod}"], 'pod "{podname}" deleted from default namespace{s}\n', id="delete-pod"
    ),
    pytest.param(["delete", "pods", "-l", "app=web"], "{pods}", id="delete-selector"),
    pytest.param(["delete", "pods", "--all"], "{pods}", id="delete-all"),
    pytest.param(
        ["delete", "-f", "{file}"],
        'deployment.apps "web" deleted from default namespace{s}\n',
        id="delete-file",
    ),
    pytest.param(["delete", "ns", "dev"], 'namespace "dev" deleted{s}\n', id="delete-namespace"),
    pytest.param(
        ["delete", "{pod}", "--force"],
        'pod "{podname}" force deleted from default namespace{s}\n',
        id="delete-force",
    ),
    pytest.param(["delete", "deploy/web", "-o", "name"], "deployment.apps/web\n", id="delete-name"),
    pytest.param(["create", "-f", "{cm}"], "configmap/cm created{s}\n", id="create"),
    pytest.param(["create", "-f", "{cm}", "-o", "name"], "configmap/cm\n", id="create-name"),
    pytest.param(["apply", "-f", "{cm}"], "configmap/cm created{s}\n", id="apply-create"),
    pytest.param(
        ["apply", "-f", "{file}"], "deployment.apps/web configured{s}\n", id="apply-configure"
    ),
    pytest.param(["create", "namespace", "x"], "namespace/x created{s}\n", id="create-namespace"),
    pytest.param(
        ["create", "deployment", "x", "--image=nginx"],
        "deployment.apps/x created{s}\n",
        id="create-deployment",
    ),
    pytest.param(
        ["create", "service", "clusterip", "s", "--tcp=80:80"],
        "service/s created{s}\n",
        id="create-clusterip",
    ),
    pytest.param(
        ["create", "service", "nodeport", "s", "--tcp=80:80"],
        "service/s created{s}\n",
        id="create-nodeport",
    ),
    pytest.param(
        ["patch", "deploy/web", "-p", '{"spec":{"replicas":4}}'],
        "deployment.apps/web patched\n",
        id="patch",
    ),  # no suffix (patch.go)
    pytest.param(["label", "deploy/web", "tier=x"], "deployment.apps/web labeled{s}\n", id="label"),
    pytest.param(
        ["annotate", "deploy/web", "note=x"], "deployment.apps/web annotated{s}\n", id="annotate"
    ),
    pytest.param(
        ["scale", "deploy/web", "--replicas=5"], "deployment.apps/web scaled{s}\n", id="scale"
    ),
    pytest.param(
        ["set", "image", "deploy/web", "web=nginx:1.26"],
        "deployment.apps/web image updated{s}\n",
        id="set-image",
    ),
    pytest.param(
        ["set", "env", "deploy/web", "A=B"], "deployment.apps/web env updated{s}\n", id="set-env"
    ),
    pytest.param(["rollout", "undo", "deploy/web"], "{undo}", id="rollout-undo"),
    pytest.param(
        ["expose", "deploy/web", "--port=80", "--name=websvc"],
        "service/websvc exposed{s}\n",
        id="expose",
    ),
]


def _fill(web: Any, argv: list[str]) -> list[str]:
    subs = {"{file}": web.path, "{cm}": web.cm, "{pod}": web.pods[0]}
    return [subs.get(a, a) for a in argv]


@pytest.mark.parametrize("dry", ["client", "server"])
@pytest.mark.parametrize(("argv", "expected"), VERBS)
def test_dry_run_stores_nothing_and_says_so(
    web: Any, argv: list[str], expected: str, dry: str
) -> None:
    before = state()
    r = web(*_fill(web, argv), f"--dry-run={dry}")
    assert r.exit_code == 0, r.stderr
    assert state() == before  # not one byte written
    s = SUFFIX[dry]
    if expected == "{pods}":
        assert r.stdout == _pod_lines(web, s)
    elif (
        expected == "{undo}" and dry == "client"
    ):  # the template it would restore, as the operation
        assert r.stdout.startswith("deployment.apps/web Pod Template:\n") and r.stdout.endswith(
            f"\n{s}\n"
        )
    elif expected == "{undo}":
        assert r.stdout == f"deployment.apps/web rolled back{s}\n"
    else:
        assert r.stdout == expected.format(s=s, podname=web.pods[0].removeprefix("pod/"))


def test_xargs_delete_dry_run_deletes_nothing(web: Any) -> None:
    """``get pods -o name | xargs mkl delete --dry-run=client``."""
    before = state()
    r = web("delete", "--dry-run=client", *web.pods)
    assert (r.exit_code, r.stdout) == (0, _pod_lines(web, " (dry run)"))
    assert state() == before
    assert sorted(web("get", "pods", "-o", "name").stdout.split()) == web.pods


def test_client_dry_run_delete_sends_nothing_server_dry_run_checks(web: Any) -> None:
    """Client: no lookup (a missing name, a protected namespace still print);
    server: NotFound, Forbidden.
    """
    assert (
        web("delete", "deploy", "nope", "--dry-run=client").stdout
        == 'deployment.apps "nope" deleted from default namespace (dry run)\n'
    )
    assert (
        web("delete", "ns", "default", "--dry-run=client").stdout
        == 'namespace "default" deleted (dry run)\n'
    )
    r = web("delete", "deploy", "nope", "--dry-run=server")
    assert (r.exit_code, r.stdout, r.stderr) == (
        1,
        "",
        'Error from server (NotFound): deployments.apps "nope" not found\n',
    )
    r = web("delete", "ns", "default", "--dry-run=server")
    assert r.stderr == (
        'Error from server (Forbidden): namespaces "default" is forbidden: this '
        "namespace may not be deleted\n"
    )
    r = web("delete", "deploy", "web", "nope", "--dry-run=server")
    assert (r.exit_code, r.stdout) == (
        1,
        'deployment.apps "web" deleted from default namespace (server dry run)\n',
    )
    assert web("delete", "deploy", "nope", "--dry-run=server", "--ignore-not-found").stdout == ""
    assert web("get", "deploy", "-o", "name").stdout == "deployment.apps/web\n"


def test_server_dry_run_delete_is_authorized(web: Any) -> None:
    assert web("apply", "-f", PERMISSIONS).exit_code == 0
    r = web("delete", "deploy", "web", "--dry-run=server", "--as", "jane")
    assert (
        r.stderr
        == FORBIDDEN
        + 'deployments.apps "web" is forbidden: '
        + jane_msg("delete", "deployments", "apps")
        + "\n"
    )
    r = web("delete", "deploy", "web", "--dry-run=client", "--as", "jane")  # never sent
    assert (r.exit_code, r.stdout) == (
        0,
        'deployment.apps "web" deleted from default namespace (dry run)\n',
    )


def test_delete_warns_when_n_meets_cluster_scoped_objects(web: Any) -> None:
    r = web("delete", "ns", "dev", "-n", "default", "--dry-run=client")
    assert (r.stdout, r.stderr) == (
        'namespace "dev" deleted (dry run)\n',
        "Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n",
    )
    assert web("delete", "ns", "dev", "--dry-run=client").stderr == ""


def test_delete_finding_nothing(web: Any) -> None:
    r = web("delete", "pods", "-l", "app=none", "--dry-run=server")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "No resources found\n", "")


@pytest.mark.parametrize(
    ("argv", "stderr"),
    [
        pytest.param(
            ["-o", "json"],
            "error: unexpected -o output mode: json. We only support '-o name'\n",
            id="output",
        ),
        pytest.param(
            ["--now", "--grace-period=3"],
            "error: --now and --grace-period cannot be specified together\n",
            id="now-grace",
        ),
        pytest.param(
            ["--force", "--grace-period=3"],
            "error: --force and --grace-period greater than 0 cannot be specified together\n",
            id="force-grace",
        ),
    ],
)
def test_delete_flag_checks(web: Any, argv: list[str], stderr: str) -> None:
    before = state()
    r = web("delete", "deploy", "web", *argv)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", stderr)
    assert state() == before


def test_grace_period_zero_without_force_is_one_second(web: Any) -> None:
    r = web("delete", web.pods[0], "--grace-period=0", "--wait=false")
    assert (r.stdout, r.stderr) == (
        f'pod "{web.pods[0].removeprefix("pod/")}" deleted from default namespace\n',
        "",
    )
    pod = json.loads(web("get", web.pods[0], "-o", "json").stdout)
    assert pod["metadata"]["deletionGracePeriodSeconds"] == 1


def test_client_dry_run_create_does_not_ask_the_server(web: Any) -> None:
    """AlreadyExists, a missing namespace, validation: all server-side."""
    assert (
        web("create", "-f", web.path, "--dry-run=client").stdout
        == "deployment.apps/web created (dry run)\n"
    )
    r = web("create", "-f", web.path, "--dry-run=server")
    assert r.stderr == (
        f'Error from server (AlreadyExists): error when creating "{web.path}": '
        'deployments.apps "web" already exists\n'
    )
    assert (
        web("create", "namespace", "dev", "--dry-run=client").stdout
        == "namespace/dev created (dry run)\n"
    )
    r = web("create", "namespace", "dev", "--dry-run=server")
    assert r.stderr == 'Error from server (AlreadyExists): namespaces "dev" already exists\n'
    assert (
        web(
            "create", "deployment", "web", "--image=nginx", "-n", "nope", "--dry-run=client"
        ).exit_code
        == 0
    )
    r = web("create", "deployment", "web", "--image=nginx", "-n", "nope", "--dry-run=server")
    assert r.stderr == 'error: failed to create deployment: namespaces "nope" not found\n'


def test_client_dry_run_prints_the_generated_object(manual: Any) -> None:
    """The generators' objects as kubectl prints them unsent
    (port names are the --tcp text, ':' -> '-').
    """
    r = manual(
        "create",
        "service",
        "nodeport",
        "s",
        "--tcp=80",
        "--tcp=81:8081",
        "--dry-run=client",
        "-o",
        "json",
    )
    assert [p["name"] for p in json.loads(r.stdout)["spec"]["ports"]] == ["80", "81-8081"]
    r = manual(
        "create",
        "deployment",
        "web",
        "--image=nginx",
        "-n",
        "dev",
        "--dry-run=client",
        "-o",
        "json",
    )
    assert json.loads(r.stdout)["metadata"] == {
        "labels": {"app": "web"},
        "name": "web",
        "namespace": "dev",
    }
    r = manual("create", "deployment", "web", "--image=nginx", "--dry-run=client", "-o", "json")
    assert "namespace" not in json.loads(r.stdout)["metadata"]


def test_client_dry_run_apply_patches_locally(web: Any) -> None:
    assert web("apply", "-f", web.path).exit_code == 0
    before = state()
    assert (
        web("apply", "-f", web.path, "--dry-run=client").stdout
        == "deployment.apps/web unchanged (dry run)\n"
    )
    assert (
        web("apply", "-f", web.path, "--dry-run=server").stdout
        == "deployment.apps/web unchanged (server dry run)\n"
    )
    Path(web.path).write_text(Path(web.path).read_text().replace("replicas: 3", "replicas: 6"))
    r = web("apply", "-f", web.path, "--dry-run=client", "-o", "json")
    assert json.loads(r.stdout)["spec"]["replicas"] == 6
    assert (
        web("apply", "-f", web.path, "--dry-run=client").stdout
        == "deployment.apps/web configured (dry run)\n"
    )
    assert state() == before


def test_client_dry_run_scale_prints_the_new_size_without_preconditions(web: Any) -> None:
    r = web(
        "scale",
        "deploy/web",
        "--replicas=7",
        "--current-replicas=9",
        "--dry-run=client",
        "-o",
        "json",
    )
    assert (r.exit_code, json.loads(r.stdout)["spec"]["replicas"]) == (0, 7)
    r = web("scale", "deploy/web", "--replicas=7", "--current-replicas=9", "--dry-run=server")
    assert (r.exit_code, r.stderr) == (1, "error: Expected replicas to be 9, was 3\n")


KLOG = r"W\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ helpers\.go:(\d+)\] (.*)\n"


@pytest.mark.parametrize(
    ("flag", "line", "warning", "stdout"),
    [
        pytest.param(
            "--dry-run",
            "714",
            "--dry-run is deprecated and can be replaced with --dry-run=client.",
            "namespace/x created (dry run)\n",
            id="bare",
        ),
        pytest.param(
            "--dry-run=unchanged",
            "714",
            "--dry-run is deprecated and can be replaced with --dry-run=client.",
            "namespace/x created (dry run)\n",
            id="unchanged",
        ),
        pytest.param(
            "--dry-run=true",
            "728",
            "--dry-run=true is deprecated (boolean value) and can be replaced with "
            "--dry-run=client.",
            "namespace/x created (dry run)\n",
            id="true",
        ),
        pytest.param(
            "--dry-run=1",
            "728",
            "--dry-run=1 is deprecated (boolean value) and can be replaced with --dry-run=client.",
            "namespace/x created (dry run)\n",
            id="one",
        ),
        pytest.param(
            "--dry-run=false",
            "731",
            "--dry-run=false is deprecated (boolean value) and can be replaced with "
            "--dry-run=none.",
            "namespace/x created\n",
            id="false",
        ),
    ],
)
def test_deprecated_dry_run_values_warn(
    manual: Any, flag: str, line: str, warning: str, stdout: str
) -> None:
    r = manual("create", "namespace", "x", flag)
    assert (r.exit_code, r.stdout) == (0, stdout)
    m = re.fullmatch(KLOG, r.stderr)
    assert m is not None and m.groups() == (line, warning), r.stderr


@pytest.mark.parametrize("value", ["bogus", "", "Client", "yes"])
def test_invalid_dry_run_value(web: Any, value: str) -> None:
    before = state()
    for argv in (
        ["create", "namespace", "x"],
        ["delete", "deploy", "web"],
        ["scale", "deploy/web", "--replicas=1"],
    ):
        r = web(*argv, f"--dry-run={value}")
        assert (r.exit_code, r.stdout) == (1, "")
        assert (
            r.stderr
            == f'error: Invalid dry-run value ({value}). Must be "none", "server", or "client".\n'
        )
    assert state() == before


@pytest.mark.parametrize("verb", ["pause", "resume", "restart"])
def test_rollout_verbs_without_dry_run(web: Any, verb: str) -> None:
    """kubectl's rollout pause/resume/restart have no --dry-run flag."""
    r = web("rollout", verb, "deploy/web", "--dry-run=client")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr.startswith("error: unknown flag: --dry-run\n")


# ----- a failed save prints no success line -------------------------------------------------------

MUTATING = [
    pytest.param(["create", "-f", "{cm}"], id="create"),
    pytest.param(["apply", "-f", "{cm}"], id="apply"),
    pytest.param(["create", "namespace", "x"], id="create-namespace"),
    pytest.param(["create", "deployment", "x", "--image=nginx"], id="create-deployment"),
    pytest.param(["create", "service", "clusterip", "s", "--tcp=80:80"], id="create-service"),
    pytest.param(["delete", "deploy", "web"], id="delete"),
    pytest.param(["delete", "pods", "-l", "app=web"], id="delete-selector"),
    pytest.param(["patch", "deploy/web", "-p", '{"spec":{"replicas":4}}'], id="patch"),
    pytest.param(["label", "deploy/web", "tier=x"], id="label"),
    pytest.param(["annotate", "deploy/web", "note=x"], id="annotate"),
    pytest.param(["scale", "deploy/web", "--replicas=5"], id="scale"),
    pytest.param(["set", "image", "deploy/web", "web=nginx:1.26"], id="set-image"),
    pytest.param(["set", "env", "deploy/web", "A=B"], id="set-env"),
    pytest.param(["rollout", "undo", "deploy/web"], id="rollout-undo"),
    pytest.param(["rollout", "pause", "deploy/web"], id="rollout-pause"),
    pytest.param(["rollout", "restart", "deploy/web"], id="rollout-restart"),
    pytest.param(["expose", "deploy/web", "--port=80", "--name=websvc"], id="expose"),
    pytest.param(
        ["config", "set-context", "--current", "--namespace=dev"], id="config-set-context"
    ),
]


@pytest.mark.parametrize("argv", MUTATING)
def test_failed_save_prints_no_success_line(
    web: Any, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    before = state()

    def fail(path: Any, doc: Any) -> None:
        raise errors.StoreError(
            f"cannot write state file {path}: No space left on device; the previous state was kept"
        )

    monkeypatch.setattr(persist, "save", fail)
    r = web(*_fill(web, argv))
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr.endswith("No space left on device; the previous state was kept\n")
    assert state() == before
