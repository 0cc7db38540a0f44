"""StatefulSets through the CLI: ``apply -f``, ``rollout status`` (StatefulSetStatusViewer's
lines), ``get`` (printStatefulSet, printControllerRevision), ``describe``, ``set image``,
``rollout history|undo|restart``, ``scale`` and ``delete`` with its cascade, on a manual clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import builders as mk
from tests.conftest import MklRunner


@pytest.fixture
def web(manual: MklRunner, tmp_path: Path) -> MklRunner:
    """StatefulSet web (3 x nginx:1.25), rolled out."""
    path = mk.write(tmp_path / "sts.yaml", mk.statefulset("web", image="nginx:1.25"))
    r = manual("apply", "-f", path)
    assert (r.exit_code, r.stdout) == (0, "statefulset.apps/web created\n"), r.stderr
    r = manual("rollout", "status", "sts/web")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines() == [
        "Waiting for 3 pods to be ready...",
        "Waiting for 2 pods to be ready...",
        "Waiting for 2 pods to be ready...",
        "Waiting for 1 pods to be ready...",
        "Waiting for 1 pods to be ready...",
        "partitioned roll out complete: 3 new pods have been updated...",
    ]
    return manual


def test_get_prints_ready_and_the_wide_columns(web: MklRunner) -> None:
    lines = web("get", "statefulsets").stdout.splitlines()
    assert [line.split() for line in lines] == [["NAME", "READY", "AGE"], ["web", "3/3", "6s"]]
    wide = web("get", "sts", "web", "-o", "wide").stdout.splitlines()
    assert wide[0].split() == ["NAME", "READY", "AGE", "CONTAINERS", "IMAGES"]
    assert wide[1].split()[-2:] == ["nginx", "nginx:1.25"]
    assert web("get", "pods", "-o", "name").stdout == "pod/web-0\npod/web-1\npod/web-2\n"
    revisions = web("get", "controllerrevisions").stdout.splitlines()
    assert revisions[0].split() == ["NAME", "CONTROLLER", "REVISION", "AGE"]
    assert revisions[1].split()[1:3] == ["statefulset.apps/web", "1"]


def test_get_all_lists_statefulsets_after_replicasets(web: MklRunner) -> None:
    out = web("get", "all").stdout
    assert "\nNAME                   READY   AGE\nstatefulset.apps/web   3/3     " in out


def test_describe(web: MklRunner) -> None:
    out = web("describe", "statefulset", "web").stdout
    assert "Replicas:               3 desired | 3 total\n" in out
    assert "Pod Management Policy:  OrderedReady\n" in out
    assert "Update Strategy:        RollingUpdate\n  Partition:            0\n" in out
    assert "\nVolume Claims:     <none>\n" in out
    assert "statefulset-controller  create Pod web-2 in StatefulSet web successful\n" in out


def test_set_image_rolls_out_from_the_top_and_undo_rolls_back(web: MklRunner) -> None:
    r = web("set", "image", "sts/web", "nginx=nginx:1.27")
    assert r.stdout == "statefulset.apps/web image updated\n"
    lines = web("rollout", "status", "sts/web").stdout.splitlines()
    assert lines[0] == (
        "Waiting for partitioned roll out to finish: 0 out of 3 new pods have been updated..."
    )
    assert (
        "Waiting for partitioned roll out to finish: 2 out of 3 new pods have been updated..."
        in (lines)
    )
    assert lines[-1] == "partitioned roll out complete: 3 new pods have been updated..."
    events = web("get", "events", "--field-selector", "reason=SuccessfulDelete").stdout
    assert [line.split()[-5] for line in events.splitlines()[1:]] == ["web-2", "web-1", "web-0"]
    history = web("rollout", "history", "sts/web").stdout
    assert history == (
        "statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n"
    )
    detail = web("rollout", "history", "sts/web", "--revision=1").stdout
    assert detail.startswith("statefulset.apps/web with revision #1\nPod Template:\n")
    assert "    Image:\tnginx:1.25\n" in detail
    assert web("rollout", "undo", "sts/web").stdout == "statefulset.apps/web rolled back\n"
    web("rollout", "status", "sts/web")
    image = "jsonpath={.spec.template.spec.containers[0].image}"
    assert web("get", "sts", "web", "-o", image).stdout == "nginx:1.25"
    after = web("rollout", "history", "sts/web").stdout.splitlines()
    assert after[2:] == ["2         <none>", "3         <none>", ""]  # revision 1 is now 3
    r = web("rollout", "undo", "sts/web", "--to-revision=1")
    assert (r.exit_code, r.stderr) == (1, "error: unable to find specified revision 1 in history\n")
    r = web("rollout", "undo", "sts/web", "--to-revision=3")
    assert r.stdout == (
        "statefulset.apps/web skipped rollback (current template already matches revision 3)\n"
    )


def test_undo_without_history_and_pause_fail(web: MklRunner) -> None:
    r = web("rollout", "undo", "sts/web")
    assert (r.exit_code, r.stderr) == (1, "error: no last revision to roll back to\n")
    r = web("rollout", "pause", "sts/web")
    assert (r.exit_code, r.stderr) == (
        1,
        'error: statefulsets.apps "web" pausing is not supported\n',
    )


def test_restart_makes_a_new_revision(web: MklRunner) -> None:
    assert web("rollout", "restart", "sts/web").stdout == "statefulset.apps/web restarted\n"
    assert web("rollout", "status", "sts/web").exit_code == 0
    out = web("get", "controllerrevisions", "-o", "name").stdout
    assert len(out.splitlines()) == 2
    template = web("get", "sts", "web", "-o", "jsonpath={.spec.template.metadata.annotations}")
    assert "kubectl.kubernetes.io/restartedAt" in template.stdout


def test_scale_down_and_delete(web: MklRunner) -> None:
    assert web("scale", "sts", "web", "--replicas=1").stdout == "statefulset.apps/web scaled\n"
    web("clock", "advance", "2m")
    assert web("get", "pods", "-o", "name").stdout == "pod/web-0\n"
    r = web("delete", "statefulset", "web")
    assert r.stdout == 'statefulset.apps "web" deleted from default namespace\n'
    web("clock", "advance", "1m")
    r = web("get", "pods,controllerrevisions")
    assert r.stderr == "No resources found in default namespace.\n"


def test_rollout_status_of_on_delete_is_an_error(manual: MklRunner, tmp_path: Path) -> None:
    sts = mk.statefulset("web", updateStrategy={"type": "OnDelete"})
    manual("apply", "-f", mk.write(tmp_path / "sts.yaml", sts))
    r = manual("rollout", "status", "sts/web")
    assert (r.exit_code, r.stderr) == (
        1,
        "error: rollout status is only available for RollingUpdate strategy type\n",
    )
