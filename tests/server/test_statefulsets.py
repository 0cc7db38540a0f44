"""StatefulSets through mkl serve: the real kubectl applies one, follows its rollout, reads and
undoes its history, scales and deletes it, and prints what mkl prints."""

from __future__ import annotations

from minikube_lite.server import launch
from tests import builders as mk
from tests.conftest import MklRunner
from tests.server.conftest import Kubectl


def _same(kc: Kubectl, manual: MklRunner, *argv: str) -> str:
    ours, theirs = manual(*argv), kc(*argv)
    assert theirs.returncode == ours.exit_code == 0, (argv, theirs.stderr)
    assert theirs.stdout == ours.stdout, argv
    return theirs.stdout


def test_statefulsets_through_the_server(
    apiserver: launch.Launched, kc: Kubectl, manual: MklRunner
) -> None:
    claim = {"metadata": {"name": "www"}, "spec": {"accessModes": ["ReadWriteOnce"]}}
    manifest = mk.to_yaml(mk.statefulset("web", image="nginx:1.25", volumeClaimTemplates=[claim]))
    r = kc("apply", "-f", "-", stdin=manifest)
    assert (r.returncode, r.stdout) == (0, "statefulset.apps/web created\n"), r.stderr
    assert manual("clock", "advance", "60s").exit_code == 0
    r = kc("rollout", "status", "statefulset/web", "--watch=false")
    assert r.stdout == "partitioned roll out complete: 3 new pods have been updated...\n"
    for argv in (
        ["get", "statefulsets"],
        ["get", "sts", "-o", "wide"],
        ["get", "controllerrevisions"],
        ["get", "all"],
        ["get", "pods", "-L", "controller-revision-hash"],
    ):
        _same(kc, manual, *argv)
    head = kc("describe", "sts", "web").stdout.partition("Events:")[0]
    assert head == manual("describe", "sts", "web").stdout.partition("Events:")[0]
    r = kc("set", "image", "sts/web", "nginx=nginx:1.27")
    assert (r.returncode, r.stdout) == (0, "statefulset.apps/web image updated\n"), r.stderr
    r = kc("rollout", "status", "sts/web", "--watch=false")
    assert r.stdout.startswith("Waiting for "), r.stdout
    assert manual("clock", "advance", "60s").exit_code == 0
    history = _same(kc, manual, "rollout", "history", "sts/web")
    assert history.splitlines()[2:] == ["1         <none>", "2         <none>", ""]
    _same(kc, manual, "rollout", "history", "sts/web", "--revision=1")
    _same(kc, manual, "rollout", "history", "sts/web", "--revision=1", "-o", "yaml")
    r = kc("rollout", "undo", "sts/web")
    assert (r.returncode, r.stdout) == (0, "statefulset.apps/web rolled back\n"), r.stderr
    assert manual("clock", "advance", "60s").exit_code == 0
    images = kc("get", "sts", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}")
    assert images.stdout == "nginx:1.25"
    r = kc("scale", "sts/web", "--replicas=1")
    assert (r.returncode, r.stdout) == (0, "statefulset.apps/web scaled\n"), r.stderr
    assert manual("clock", "advance", "120s").exit_code == 0
    assert manual("get", "pods", "-o", "name").stdout == "pod/web-0\n"
    assert kc("delete", "sts", "web").returncode == 0
    assert manual("clock", "advance", "60s").exit_code == 0
    assert manual("get", "pods,controllerrevisions").stderr == (
        "No resources found in default namespace.\n"
    )
