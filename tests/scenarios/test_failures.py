"""Failure practice: every way docs/failures.md says a rollout gets stuck, and its recovery.

Each scenario applies the manifest from ``manifests/failures/``, drives the manual clock, checks
what a learner sees (``get``, ``describe``, events, conditions, ``rollout status``) with the
upstream texts, then applies the fix the manifest's comment gives and checks the rollout completes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

FAILURES = Path(__file__).resolve().parents[2] / "manifests" / "failures"
DEADLINE_ERROR = 'error: deployment "web" exceeded its progress deadline\n'


def manifest(name: str) -> str:
    return str(FAILURES / name)


def ok(mkl: Any, *argv: str, stdin: str = "") -> str:
    r = mkl(*argv, stdin=stdin)
    assert r.exit_code == 0, (argv, r.stdout, r.stderr)
    return str(r.stdout)


def conditions(mkl: Any, kind: str, name: str) -> list[tuple[str, str, str, str]]:
    obj = json.loads(ok(mkl, "get", kind, name, "-o", "json"))
    return [
        (c["type"], c["status"], c.get("reason", ""), c.get("message", ""))
        for c in obj["status"].get("conditions", [])
    ]


def rs_names(mkl: Any) -> list[str]:
    """ReplicaSets of deployment web, newest revision last."""
    items = json.loads(ok(mkl, "get", "rs", "-o", "json"))["items"]
    items.sort(
        key=lambda rs: int(rs["metadata"]["annotations"]["deployment.kubernetes.io/revision"])
    )
    return [rs["metadata"]["name"] for rs in items]


def pods(mkl: Any) -> dict[str, list[str]]:
    """``get pods`` rows by name: [READY, STATUS, RESTARTS...]."""
    lines = ok(mkl, "get", "pods", "--no-headers").splitlines()
    return {line.split()[0]: line.split()[1:] for line in lines}


def settle_rollout(mkl: Any, name: str = "web") -> None:
    r = mkl("rollout", "status", f"deployment/{name}")
    assert r.exit_code == 0, (r.stdout, r.stderr)
    assert r.stdout.endswith(f'deployment "{name}" successfully rolled out\n')


# ----- 1. insufficient quota ----------------------------------------------------------------------


def test_quota_blocks_the_surge_pod_until_raised(manual: Any) -> None:
    ok(manual, "apply", "-f", manifest("quota.yaml"))
    manual("clock", "advance", "1m")
    assert "requests.cpu: 900m/1" in ok(manual, "get", "quota")
    ok(manual, "set", "image", "deployment/web", "web=nginx:1.25")
    manual("clock", "advance", "30s")
    old, new = rs_names(manual)
    msg = (
        f'pods "{new}-" is forbidden: exceeded quota: compute-quota, requested: requests.cpu=300m, '
        "used: requests.cpu=900m, limited: requests.cpu=1"
    )
    described = ok(manual, "describe", "rs", new)
    assert "Replicas:       0 current / 1 desired\n" in described
    assert "  ReplicaFailure   True    FailedCreate\n" in described
    assert f"replicaset-controller  Error creating: {msg}\n" in described
    assert (
        "Warning  FailedCreate  10s (x13 over 30s)" in described
    )  # the rate limiter's 5 ms doubling
    assert ("ReplicaFailure", "True", "FailedCreate", msg) in conditions(manual, "rs", new)
    assert ok(manual, "get", "deploy", "web", "--no-headers").split()[1:4] == ["3/3", "0", "3"]
    # The deadline: nothing was ever created for the new ReplicaSet,
    # so no progress since it appeared.
    r = manual("rollout", "status", "deployment/web")
    assert r.exit_code == 1 and r.stderr == DEADLINE_ERROR
    assert r.stdout.startswith(
        'Waiting for deployment "web" rollout to finish: 0 out of 3 new replicas have '
        "been updated...\n"
    )
    assert conditions(manual, "deploy", "web") == [
        ("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability."),
        ("ReplicaFailure", "True", "FailedCreate", msg),
        (
            "Progressing",
            "False",
            "ProgressDeadlineExceeded",
            f'ReplicaSet "{new}" has timed out progressing.',
        ),
    ]
    assert pods(manual).keys() == {
        p for p in pods(manual) if p.startswith(old)
    }  # the old pods keep serving
    # Fix: raise the quota; the ReplicaSet's next retry (rate-limited) succeeds.
    ok(manual, "patch", "quota", "compute-quota", "-p", '{"spec":{"hard":{"requests.cpu":"2"}}}')
    manual("clock", "advance", "20m")
    settle_rollout(manual)
    assert [c[:3] for c in conditions(manual, "deploy", "web")] == [
        ("Available", "True", "MinimumReplicasAvailable"),
        ("Progressing", "True", "NewReplicaSetAvailable"),
    ]
    assert "requests.cpu: 900m/2" in ok(manual, "get", "quota")
    assert not any(c[0] == "ReplicaFailure" for c in conditions(manual, "rs", new))


def test_quota_pod_count_deadlock_and_undo(manual: Any) -> None:
    ok(manual, "apply", "-f", manifest("quota.yaml"))
    quota = (
        "apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: pod-quota\nspec:\n  hard:\n"
        '    pods: "3"\n'
    )
    ok(manual, "apply", "-f", "-", stdin=quota)
    manual("clock", "advance", "1m")
    ok(manual, "set", "image", "deployment/web", "web=nginx:1.25")
    manual("clock", "advance", "5s")
    _, new = rs_names(manual)
    # compute-quota is checked first (name order) and is also exceeded
    reasons = [c[3] for c in conditions(manual, "rs", new)]
    assert reasons == [
        f'pods "{new}-" is forbidden: exceeded quota: compute-quota, requested: requests.cpu=300m, '
        "used: requests.cpu=900m, limited: requests.cpu=1"
    ]
    ok(manual, "delete", "quota", "compute-quota")
    manual("clock", "advance", "2m")
    assert (
        f'Error creating: pods "{new}-" is forbidden: exceeded quota: pod-quota, '
        "requested: pods=1, used: pods=3, limited: pods=3"
    ) in ok(manual, "describe", "rs", new)
    out = ok(manual, "rollout", "undo", "deployment/web")
    assert out == "deployment.apps/web rolled back\n"
    settle_rollout(manual)
    assert ok(manual, "get", "rs", new, "--no-headers").split()[1:3] == ["0", "0"]


def test_quota_requires_every_container_to_declare(manual: Any) -> None:
    quota = (
        "apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: compute-quota\nspec:\n  hard:\n"
        '    requests.cpu: "2"\n    limits.cpu: "4"\n'
    )
    ok(manual, "apply", "-f", "-", stdin=quota)
    ok(manual, "create", "deployment", "web", "--image=nginx:1.16.1", "--replicas=2")
    manual("clock", "advance", "10s")
    (rs,) = rs_names(manual)
    assert conditions(manual, "rs", rs)[0][3] == (
        f'pods "{rs}-" is forbidden: failed quota: compute-quota: must specify '
        "limits.cpu for: nginx; requests.cpu for: nginx"
    )
    assert ok(manual, "get", "deploy", "web", "--no-headers").split()[1:4] == ["0/2", "0", "0"]
    # Fix: a LimitRange gives every container defaults (LimitRanger runs before ResourceQuota).
    lr = (
        "apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: defaults\nspec:\n"
        "  limits:\n  - type: Container\n"
        "    default: {cpu: 500m}\n    defaultRequest: {cpu: 250m}\n"
    )
    ok(manual, "apply", "-f", "-", stdin=lr)
    manual("clock", "advance", "20m")
    settle_rollout(manual)
    pod = ok(manual, "get", "pods", "-o", "name").split()[0]
    assert ok(
        manual, "get", pod, "-o", "jsonpath={.metadata.annotations.kubernetes\\.io/limit-ranger}"
    ) == ("LimitRanger plugin set: cpu request for container nginx; cpu limit for container nginx")
    assert "requests.cpu: 500m/2" in ok(manual, "get", "quota")


# ----- 2. readiness probe failure -----------------------------------------------------------------


def test_readiness_probe_failure(manual: Any) -> None:
    ok(manual, "apply", "-f", manifest("readiness.yaml"))
    manual("clock", "advance", "1m")
    rows = pods(manual)
    assert [r[:3] for r in rows.values()] == [["0/1", "Running", "0"]] * 2
    name = next(iter(rows))
    described = ok(manual, "describe", "pod", name)
    assert (
        "    Readiness:      http-get http://:80/ready delay=0s timeout=1s period=5s "
        "#success=1 #failure=3\n"
    ) in described
    assert re.search(
        r"kubelet +Readiness probe failed: HTTP probe failed with statuscode: 404\n", described
    )
    pod = json.loads(ok(manual, "get", "pod", name, "-o", "json"))
    ready = next(c for c in pod["status"]["conditions"] if c["type"] == "Ready")
    assert (ready["status"], ready["reason"], ready["message"]) == (
        "False",
        "ContainersNotReady",
        "containers with unready status: [web]",
    )
    assert ok(manual, "get", "deploy", "web", "--no-headers").split()[1:4] == ["0/2", "2", "0"]
    r = manual("rollout", "status", "deployment/web")
    assert (r.exit_code, r.stderr) == (1, DEADLINE_ERROR)
    assert r.stdout.startswith(
        'Waiting for deployment "web" rollout to finish: 0 of 2 updated replicas are available...\n'
    )
    assert [c[:3] for c in conditions(manual, "deploy", "web")] == [
        ("Available", "False", "MinimumReplicasUnavailable"),
        ("Progressing", "False", "ProgressDeadlineExceeded"),
    ]
    assert all(r[2] == "0" for r in pods(manual).values())  # readiness never restarts a container
    ok(
        manual,
        "patch",
        "deployment",
        "web",
        "--type=json",
        "-p",
        '[{"op":"replace","path":"/spec/template/spec/containers/0/readinessProbe/'
        'httpGet/path","value":"/"}]',
    )
    settle_rollout(manual)
    assert [c[:3] for c in conditions(manual, "deploy", "web")][-1] == (
        "Progressing",
        "True",
        "NewReplicaSetAvailable",
    )


# ----- 3. image pull error ------------------------------------------------------------------------


def test_image_pull_error_timeline_deadline_and_undo(manual: Any) -> None:
    ok(manual, "apply", "-f", manifest("image-pull.yaml"))
    manual("clock", "advance", "1m")
    ok(manual, "set", "image", "deployment/web", "web=nginx:1.161")
    old, new = rs_names(manual)
    manual("clock", "advance", "2s")
    bad = next(p for p in pods(manual) if p.startswith(new))
    assert pods(manual)[bad][:3] == ["0/1", "ErrImagePull", "0"]
    manual("clock", "advance", "1s")
    assert pods(manual)[bad][:3] == ["0/1", "ImagePullBackOff", "0"]
    assert (
        sum(1 for p, row in pods(manual).items() if p.startswith(old) and row[1] == "Running") == 3
    )
    assert ok(manual, "get", "deploy", "web", "--no-headers").split()[1:4] == ["3/3", "1", "3"]
    described = ok(manual, "describe", "pod", bad)
    assert 'Failed to pull image "nginx:1.161": ' in described
    for text in (
        "Error: ErrImagePull\n",
        'Back-off pulling image "nginx:1.161"\n',
        "Error: ImagePullBackOff\n",
    ):
        assert text in described
    state = json.loads(ok(manual, "get", "pod", bad, "-o", "json"))["status"]["containerStatuses"][
        0
    ]["state"]["waiting"]
    assert state["reason"] == "ImagePullBackOff"
    assert state["message"].startswith('Back-off pulling image "nginx:1.161": ErrImagePull: ')
    r = manual("logs", bad)
    assert r.stderr == (
        f'Error from server (BadRequest): container "web" in pod "{bad}" is waiting to start: '
        "trying and failing to pull image\n"
    )
    manual("clock", "advance", "597s")  # t = 600 s after the pod was created: not yet
    assert conditions(manual, "deploy", "web")[-1][2] != "ProgressDeadlineExceeded"
    manual("clock", "advance", "1s")  # last progress + 600 s + 1 s
    assert conditions(manual, "deploy", "web") == [
        ("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability."),
        (
            "Progressing",
            "False",
            "ProgressDeadlineExceeded",
            f'ReplicaSet "{new}" has timed out progressing.',
        ),
    ]
    r = manual("rollout", "status", "deployment/web")
    assert (r.exit_code, r.stderr) == (1, DEADLINE_ERROR)
    # Recovery: undo; the broken ReplicaSet is scaled to 0 and the old pods were never touched.
    ok(manual, "rollout", "undo", "deployment/web")
    assert f"Scaled down replica set {new} to 0 from 1" in ok(manual, "describe", "deploy", "web")
    settle_rollout(manual)
    assert all(p.startswith(old) for p in pods(manual))
    assert conditions(manual, "deploy", "web")[-1][:3] == (
        "Progressing",
        "True",
        "NewReplicaSetAvailable",
    )


def test_image_pull_fix_forward(manual: Any) -> None:
    ok(manual, "apply", "-f", manifest("image-pull.yaml"))
    manual("clock", "advance", "1m")
    ok(manual, "set", "image", "deployment/web", "web=nginx:1.161")
    manual("clock", "advance", "11m")
    assert conditions(manual, "deploy", "web")[-1][2] == "ProgressDeadlineExceeded"
    ok(manual, "set", "image", "deployment/web", "web=nginx:1.25")
    assert conditions(manual, "deploy", "web")[-1][:3] == (
        "Progressing",
        "True",
        "ReplicaSetUpdated",
    )
    settle_rollout(manual)
    manual("clock", "advance", "1m")  # the old pods finish terminating
    images = ok(
        manual, "get", "pods", "-o", "jsonpath={.items[*].spec.containers[0].image}"
    ).split()
    assert images == ["nginx:1.25"] * 3


# ----- 4. insufficient permissions: a ServiceAccount that does not exist --------------------------


def test_missing_service_account(manual: Any) -> None:
    ok(manual, "apply", "-f", manifest("serviceaccount.yaml"))
    manual("clock", "advance", "30s")
    (rs,) = rs_names(manual)
    msg = (
        f'pods "{rs}-" is forbidden: error looking up service account default/build-robot: '
        'serviceaccount "build-robot" not found'
    )
    assert f"Error creating: {msg}\n" in ok(manual, "describe", "rs", rs)
    assert ("ReplicaFailure", "True", "FailedCreate", msg) in conditions(manual, "deploy", "web")
    assert ok(manual, "get", "rs", rs, "--no-headers").split()[1:3] == ["2", "0"]
    r = manual("rollout", "status", "deployment/web", "--timeout=30s")
    assert (r.exit_code, r.stderr) == (1, "error: timed out waiting for the condition\n")
    assert r.stdout.startswith(
        'Waiting for deployment "web" rollout to finish: 0 out of 2 new replicas have '
        "been updated...\n"
    )
    ok(
        manual,
        "apply",
        "-f",
        "-",
        stdin="apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: build-robot\n",
    )
    manual("clock", "advance", "20m")
    settle_rollout(manual)
    sa = ok(manual, "get", "pods", "-o", "jsonpath={.items[*].spec.serviceAccountName}").split()
    assert sa == ["build-robot", "build-robot"]
    assert not any(c[0] == "ReplicaFailure" for c in conditions(manual, "deploy", "web"))


# ----- 5. limit ranges ----------------------------------------------------------------------------


def test_limit_range_rejects_pods(manual: Any) -> None:
    ok(manual, "apply", "-f", manifest("limitrange.yaml"))
    manual("clock", "advance", "5s")
    (rs,) = rs_names(manual)
    msg = (
        f'pods "{rs}-" is forbidden: [maximum cpu usage per Container is 500m, but limit is 1, '
        "maximum memory usage per Container is 512Mi, but limit is 1Gi]"
    )
    assert f"replicaset-controller  Error creating: {msg}\n" in ok(manual, "describe", "rs", rs)
    assert ("ReplicaFailure", "True", "FailedCreate", msg) in conditions(manual, "deploy", "web")
    assert ok(manual, "get", "deploy", "web", "--no-headers").split()[1:4] == ["0/2", "0", "0"]
    assert ok(manual, "get", "limits").startswith(
        "NAME               CREATED AT\ncontainer-limits   2024-01-01T00:00:00Z\n"
    )
    ok(
        manual,
        "patch",
        "deployment",
        "web",
        "--type=json",
        "-p",
        '[{"op":"replace","path":"/spec/template/spec/containers/0/resources/limits",'
        '"value":{"cpu":"500m","memory":"256Mi"}}]',
    )
    settle_rollout(manual)
    assert not any(c[0] == "ReplicaFailure" for c in conditions(manual, "deploy", "web"))


def test_limit_range_defaults_appear_on_pods(manual: Any) -> None:
    ok(manual, "apply", "-f", manifest("limitrange.yaml"))
    ok(manual, "create", "deployment", "plain", "--image=nginx:1.16.1")
    settle_rollout(manual, "plain")
    pod = json.loads(ok(manual, "get", "pods", "-l", "app=plain", "-o", "json"))["items"][0]
    assert pod["metadata"]["annotations"]["kubernetes.io/limit-ranger"] == (
        "LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory "
        "limit for container nginx"
    )
    assert pod["spec"]["containers"][0]["resources"] == {
        "limits": {"cpu": "250m", "memory": "128Mi"},
        "requests": {"cpu": "100m", "memory": "64Mi"},
    }
    assert "QoS Class:                   Burstable\n" in ok(
        manual, "describe", "pod", pod["metadata"]["name"]
    )


# ----- 6. application runtime misconfiguration ----------------------------------------------------


def test_crash_loop_signals(manual: Any) -> None:
    ok(manual, "apply", "-f", manifest("crashloop.yaml"))
    manual("clock", "advance", "2m")
    ((name, row),) = pods(manual).items()
    assert row[:2] == ["0/1", "CrashLoopBackOff"]
    assert row[2].isdigit() and int(row[2]) >= 3 and row[3].startswith("(") and row[4] == "ago)"
    assert ok(manual, "logs", name).startswith(
        "Error: Database is uninitialized and superuser password is not specified.\n"
    )
    described = ok(manual, "describe", "pod", name)
    assert (
        "    Last State:     Terminated\n      Reason:       Error\n      Exit Code:    1\n"
        in described
    )
    uid = json.loads(ok(manual, "get", "pod", name, "-o", "json"))["metadata"]["uid"]
    assert f"Back-off restarting failed container db in pod {name}_default({uid})\n" in described
    waiting = json.loads(ok(manual, "get", "pod", name, "-o", "json"))["status"][
        "containerStatuses"
    ][0]["state"]["waiting"]
    assert waiting["reason"] == "CrashLoopBackOff"
    assert waiting["message"].endswith(f" restarting failed container=db pod={name}_default({uid})")


def test_crash_loop_recovers_after_env_fix(manual: Any) -> None:
    ok(manual, "apply", "-f", manifest("crashloop.yaml"))
    manual("clock", "advance", "2m")
    ok(manual, "set", "env", "deployment/db", "POSTGRES_PASSWORD=example")
    settle_rollout(manual, "db")
    manual("clock", "advance", "1m")  # the crashed pod finishes terminating
    (row,) = pods(manual).values()
    assert row[:3] == ["1/1", "Running", "0"]
    assert conditions(manual, "deploy", "db")[-1][:3] == (
        "Progressing",
        "True",
        "NewReplicaSetAvailable",
    )


def test_missing_configmap(manual: Any) -> None:
    ok(manual, "apply", "-f", manifest("missing-configmap.yaml"))
    manual("clock", "advance", "30s")
    rows = pods(manual)
    assert [r[:3] for r in rows.values()] == [["0/1", "CreateContainerConfigError", "0"]] * 2
    described = ok(manual, "describe", "pod", next(iter(rows)))
    # the From column is as wide as "default-scheduler" (the Scheduled event), as in kubectl
    assert re.search(r'kubelet +Error: configmap "app-config" not found\n', described)
    assert ok(manual, "get", "deploy", "web", "--no-headers").split()[1:4] == ["0/2", "2", "0"]
    cm = (
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n"
        "  DB_HOST: db.default.svc.cluster.local\n"
    )
    ok(manual, "apply", "-f", "-", stdin=cm)
    manual("clock", "advance", "15s")  # the kubelet's next retry
    assert [r[:2] for r in pods(manual).values()] == [["1/1", "Running"]] * 2
    settle_rollout(manual)


# ----- 7. the progress deadline itself ------------------------------------------------------------


def test_deadline_exact_instant_pause_and_resume(manual: Any) -> None:
    ok(manual, "apply", "-f", manifest("deadline.yaml"))
    manual("clock", "advance", "1m")
    ok(manual, "set", "image", "deployment/web", "web=nginx:1.161")
    _, new = rs_names(manual)
    manual("clock", "advance", "600s")
    assert conditions(manual, "deploy", "web")[-1][:3] == (
        "Progressing",
        "True",
        "ReplicaSetUpdated",
    )
    manual("clock", "advance", "1s")
    assert conditions(manual, "deploy", "web")[-1] == (
        "Progressing",
        "False",
        "ProgressDeadlineExceeded",
        f'ReplicaSet "{new}" has timed out progressing.',
    )
    ok(
        manual, "rollout", "pause", "deployment/web"
    )  # pausing does not clear ProgressDeadlineExceeded
    assert conditions(manual, "deploy", "web")[-1][2] == "ProgressDeadlineExceeded"
    ok(manual, "rollout", "resume", "deployment/web")
    r = manual("rollout", "status", "deployment/web")
    assert (r.exit_code, r.stderr) == (1, DEADLINE_ERROR)
    ok(manual, "rollout", "undo", "deployment/web")
    settle_rollout(manual)
    assert conditions(manual, "deploy", "web")[-1][:3] == (
        "Progressing",
        "True",
        "NewReplicaSetAvailable",
    )
