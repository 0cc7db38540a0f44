"""``cordon`` / ``drain`` / ``taint`` and the scheduler: kubectl's drain texts (drain.go,
filters.go: the real kubectl cannot drain through ``mkl serve`` yet), and pods that stay Pending
with the scheduler's FailedScheduling text while no node takes them."""

from __future__ import annotations

import json

import pytest

from tests import builders
from tests.conftest import MklRunner

UNSCHEDULABLE = (
    "0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are "
    "available: 1 Preemption is not helpful for scheduling."
)


def _pods(mkl: MklRunner) -> dict[str, dict[str, object]]:
    items = json.loads(mkl("get", "pods", "-o", "json").stdout)["items"]
    return {p["metadata"]["name"]: p for p in items}


def _scheduled(pod: dict[str, object]) -> tuple[str, str]:
    """(spec.nodeName, the PodScheduled condition's message)."""
    spec, status = pod["spec"], pod.get("status") or {}
    cond = [c for c in status.get("conditions") or () if c["type"] == "PodScheduled"]  # type: ignore[attr-defined]
    return spec.get("nodeName", ""), (cond[0].get("message", "") if cond else "")  # type: ignore[attr-defined]


@pytest.fixture
def web(manual: MklRunner, tmp_path) -> MklRunner:
    """Deployment web (2 pods) and the bare pod ``bare``, all running."""
    path = builders.write(tmp_path / "d.yaml", builders.deployment("web", replicas=2))
    assert manual("create", "-f", path).exit_code == 0
    assert manual("run", "bare", "--image=nginx").exit_code == 0
    assert manual("rollout", "status", "deploy/web").exit_code == 0
    return manual


def test_cordon_keeps_new_pods_pending_until_uncordon(web: MklRunner) -> None:
    r = web("cordon", "minikube")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "node/minikube cordoned\n", "")
    assert "Ready,SchedulingDisabled" in web("get", "nodes").stdout
    assert web("run", "late", "--image=nginx").exit_code == 0
    assert _scheduled(_pods(web)["late"]) == ("", UNSCHEDULABLE)
    events = web("events", "--for", "pod/late").stdout
    assert "FailedScheduling" in events and "node(s) were unschedulable" in events
    r = web("uncordon", "minikube")
    assert (r.exit_code, r.stdout) == (0, "node/minikube uncordoned\n")
    assert _scheduled(_pods(web)["late"])[0] == "minikube"
    assert web("uncordon", "minikube").stdout == "node/minikube already uncordoned\n"


def test_drain_refuses_unmanaged_pods_without_force(web: MklRunner) -> None:
    before = sorted(_pods(web))
    r = web("drain", "minikube")
    assert (r.exit_code, r.stdout) == (1, "node/minikube cordoned\n")
    msg = "cannot delete Pods that declare no controller (use --force to override): default/bare"
    assert r.stderr == (
        f'error: unable to drain node "minikube" due to error: {msg}, continuing command...\n'
        "There are pending nodes to be drained:\n minikube\n"
        f"{msg}\n"
    )
    assert sorted(_pods(web)) == before  # nothing evicted, the node stays cordoned
    assert web("drain", "minikube", "--dry-run=client").stdout.startswith(
        "node/minikube already cordoned (dry run)\n"
    )


def test_drain_force_evicts_and_replica_set_pods_come_back_pending(web: MklRunner) -> None:
    old = sorted(_pods(web))
    r = web("drain", "minikube", "--force", "--ignore-daemonsets")
    assert r.exit_code == 0, r.stderr
    assert r.stderr == "Warning: deleting Pods that declare no controller: default/bare\n"
    assert r.stdout == (
        "node/minikube cordoned\n"
        + "".join(f"evicting pod default/{n}\n" for n in old)
        + "".join(f"pod/{n} evicted\n" for n in old)
        + "node/minikube drained\n"
    )
    now = _pods(web)
    assert "bare" not in now and not set(now) & set(old) and len(now) == 2
    assert all(_scheduled(p) == ("", UNSCHEDULABLE) for p in now.values())
    assert web("uncordon", "minikube").exit_code == 0
    assert all(_scheduled(p)[0] == "minikube" for p in _pods(web).values())


def test_drain_dry_run_client_changes_nothing(web: MklRunner) -> None:
    r = web("drain", "minikube", "--force", "--dry-run=client")
    names = sorted(_pods(web))
    assert r.stdout == (
        "node/minikube cordoned (dry run)\n"
        + "".join(f"evicting pod default/{n} (dry run)\n" for n in names)
        + "node/minikube drained (dry run)\n"
    )
    assert "SchedulingDisabled" not in web("get", "nodes").stdout


def test_drain_emptydir_pods_and_pod_selector(manual: MklRunner, tmp_path) -> None:
    pod = builders.pod("cache", volumes=[{"name": "tmp", "emptyDir": {}}])
    pod["spec"]["containers"][0]["volumeMounts"] = [{"name": "tmp", "mountPath": "/tmp"}]
    assert manual("create", "-f", builders.write(tmp_path / "p.yaml", pod)).exit_code == 0
    r = manual("drain", "minikube", "--force")
    fatal = "cannot delete Pods with local storage (use --delete-emptydir-data to override)"
    assert (r.exit_code, r.stderr.splitlines()[-1]) == (1, f"{fatal}: default/cache")
    r = manual("drain", "minikube", "--pod-selector", "run=other")
    assert (r.exit_code, r.stdout) == (0, "node/minikube already cordoned\nnode/minikube drained\n")
    r = manual("drain", "minikube", "--force", "--delete-local-data")
    assert r.stderr == (
        "Flag --delete-local-data has been deprecated, This option is deprecated and will be "
        "deleted. Use --delete-emptydir-data.\n"
        "Warning: deleting Pods that declare no controller: default/cache\n"
    )
    assert r.stdout.endswith("pod/cache evicted\nnode/minikube drained\n")


def test_drain_timeout_reports_the_pods_left(manual: MklRunner) -> None:
    # busybox's sh ignores SIGTERM: the kubelet kills it after the 30 s grace period
    assert manual("run", "sleeper", "--image=busybox", "--", "sleep", "3600").exit_code == 0
    assert manual("clock", "advance", "5s").exit_code == 0
    r = manual("drain", "minikube", "--force", "--timeout=10s")
    err = (
        'error when waiting for pod "sleeper" in namespace "default" to terminate: global '
        "timeout reached: 10s"
    )
    assert r.exit_code == 1
    assert r.stdout == "node/minikube cordoned\nevicting pod default/sleeper\n"
    assert r.stderr == (
        "Warning: deleting Pods that declare no controller: default/sleeper\n"
        f'There are pending pods in node "minikube" when an error occurred: {err}\n'
        "pod/sleeper\n"
        f'error: unable to drain node "minikube" due to error: {err}, continuing command...\n'
        "There are pending nodes to be drained:\n minikube\n"
        f"{err}\n"
    )
    r = manual("drain", "minikube", "--force", "--grace-period=0")
    assert r.exit_code == 0 and r.stdout.endswith("pod/sleeper evicted\nnode/minikube drained\n")


@pytest.mark.parametrize(
    ("argv", "stderr"),
    [
        (
            ("drain",),
            "error: USAGE: drain NODE [flags]\nSee 'mkl drain -h' for help and examples\n",
        ),
        (
            ("drain", "minikube", "-l", "a=b"),
            "error: cannot specify both a node name and a --selector option\n"
            "See 'mkl drain -h' for help and examples\n",
        ),
        (("drain", "nope"), 'Error from server (NotFound): nodes "nope" not found\n'),
        (
            ("drain", "minikube", "--timeout=abc"),
            'error: invalid argument "abc" for "--timeout" flag: time: invalid duration "abc"\n'
            "See 'mkl drain --help' for usage.\n",
        ),
        (
            ("drain", "minikube", "--pod-selector", "a in"),
            "error: --pod-selector=<pod_selector> must be a valid label selector\n",
        ),
    ],
)
def test_drain_argument_errors(manual: MklRunner, argv: tuple[str, ...], stderr: str) -> None:
    r = manual(*argv)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", stderr)


def test_taints_against_tolerations(manual: MklRunner, tmp_path) -> None:
    assert manual("taint", "nodes", "minikube", "gpu=yes:NoSchedule").exit_code == 0
    assert manual("run", "plain", "--image=nginx").exit_code == 0
    tolerant = builders.pod(
        "tolerant",
        tolerations=[{"key": "gpu", "operator": "Equal", "value": "yes", "effect": "NoSchedule"}],
    )
    assert manual("create", "-f", builders.write(tmp_path / "t.yaml", tolerant)).exit_code == 0
    pods = _pods(manual)
    assert _scheduled(pods["plain"]) == (
        "",
        "0/1 nodes are available: 1 node(s) had untolerated taint {gpu: yes}. preemption: 0/1 "
        "nodes are available: 1 Preemption is not helpful for scheduling.",
    )
    assert _scheduled(pods["tolerant"])[0] == "minikube"
    # PreferNoSchedule only scores nodes: the one node still takes the pod
    assert manual("taint", "nodes", "minikube", "gpu-", "soft:PreferNoSchedule").exit_code == 0
    assert _scheduled(_pods(manual)["plain"])[0] == "minikube"


def test_no_execute_taint_evicts_pods_that_do_not_tolerate_it(manual: MklRunner, tmp_path) -> None:
    def tolerant(name: str, **extra: object) -> dict[str, object]:
        tol = {"key": "boom", "operator": "Exists", "effect": "NoExecute", **extra}
        return builders.pod(name, tolerations=[tol])

    path = builders.write(
        tmp_path / "p.yaml",
        builders.pod("plain"),
        tolerant("forever"),
        tolerant("brief", tolerationSeconds=20),
    )
    assert manual("create", "-f", path).exit_code == 0
    assert manual("clock", "advance", "5s").exit_code == 0
    assert manual("taint", "nodes", "minikube", "boom=now:NoExecute").exit_code == 0
    pods = _pods(manual)
    assert pods["plain"]["metadata"].get("deletionTimestamp")  # type: ignore[union-attr]
    cond = [c for c in pods["plain"]["status"]["conditions"] if c["type"] == "DisruptionTarget"]  # type: ignore[index]
    assert (cond[0]["reason"], cond[0]["message"]) == (
        "DeletionByTaintManager",
        "Taint manager: deleting due to NoExecute taint",
    )
    events = manual("events", "--for", "pod/plain").stdout
    assert "TaintManagerEviction" in events and "Marking for deletion Pod default/plain" in events
    assert not pods["brief"]["metadata"].get("deletionTimestamp")  # type: ignore[union-attr]
    assert manual("clock", "advance", "19s").exit_code == 0
    assert not _pods(manual)["brief"]["metadata"].get("deletionTimestamp")  # type: ignore[union-attr]
    assert manual("clock", "advance", "2s").exit_code == 0  # evicted at 20 s; nginx stops at once
    assert sorted(_pods(manual)) == ["forever"]


def test_removing_the_no_execute_taint_cancels_a_pending_eviction(
    manual: MklRunner, tmp_path
) -> None:
    tol = {"key": "boom", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 30}
    path = builders.write(tmp_path / "p.yaml", builders.pod("brief", tolerations=[tol]))
    assert manual("create", "-f", path).exit_code == 0
    assert manual("taint", "nodes", "minikube", "boom:NoExecute").exit_code == 0
    assert manual("clock", "advance", "10s").exit_code == 0
    assert manual("taint", "nodes", "minikube", "boom-").exit_code == 0
    assert manual("clock", "advance", "60s").exit_code == 0
    assert not _pods(manual)["brief"]["metadata"].get("deletionTimestamp")  # type: ignore[union-attr]


def test_cordon_taints_the_node_as_the_node_lifecycle_controller_does(manual: MklRunner) -> None:
    def taints() -> object:
        node = json.loads(manual("get", "node", "minikube", "-o", "json").stdout)
        return node["spec"].get("taints")

    assert manual("cordon", "minikube").exit_code == 0
    assert taints() == [
        {
            "effect": "NoSchedule",
            "key": "node.kubernetes.io/unschedulable",
            "timeAdded": "2024-01-01T00:00:00Z",
        }
    ]
    described = manual("describe", "node", "minikube").stdout
    assert "Taints:             node.kubernetes.io/unschedulable:NoSchedule\n" in described
    assert manual("uncordon", "minikube").exit_code == 0
    assert taints() is None


def test_drain_as_a_user_who_may_not_evict(manual: MklRunner) -> None:
    assert manual("run", "bare", "--image=nginx").exit_code == 0
    for argv in (
        ("create", "clusterrole", "drainer", "--verb=get,list,patch", "--resource=nodes,pods"),
        ("create", "clusterrolebinding", "jd", "--clusterrole=drainer", "--user=jane"),
    ):
        assert manual(*argv).exit_code == 0
    r = manual("drain", "minikube", "--force", "--as", "jane")
    err = (
        'error when evicting pods/"bare" -n "default": pods "bare" is forbidden: User "jane" '
        'cannot create resource "pods/eviction" in API group "" in the namespace "default"'
    )
    assert (r.exit_code, r.stdout) == (1, "node/minikube cordoned\nevicting pod default/bare\n")
    assert r.stderr.splitlines()[1:3] == [
        f'There are pending pods in node "minikube" when an error occurred: {err}',
        "pod/bare",
    ]
    assert r.stderr.endswith(f"{err}\n")
    assert "bare" in _pods(manual)
