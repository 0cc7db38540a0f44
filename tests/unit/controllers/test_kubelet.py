"""The simulated kubelet and scheduler: state machine, timings, back-offs,
probes and event texts.
"""

from __future__ import annotations

from typing import Any

from minikube_lite.api import objects as o
from minikube_lite.controllers import loop
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster
from tests import builders as mk
from tests.unit.controllers import ctl_builders as b

Obj = dict[str, Any]


def run_pod(cluster: Cluster, name: str = "p", image: str = "nginx:1.14.2", **spec: Any) -> Obj:
    return b.create(cluster, "Pod", mk.pod(name, image, **spec))


def get(cluster: Cluster, name: str = "p") -> Obj:
    pod = cluster.get("Pod", "default", name)
    assert pod is not None
    return pod


def cstatus(pod: Obj) -> Obj:
    return pod["status"]["containerStatuses"][0]


def waiting(pod: Obj) -> str | None:
    return cstatus(pod)["state"].get("waiting", {}).get("reason")


def reasons(cluster: Cluster, pod: Obj) -> list[tuple[str, str, int]]:
    return [(e["reason"], e["message"], e.get("count", 1)) for e in cluster.events_for(pod)]


def test_happy_path_timeline_and_texts(cluster: Cluster) -> None:
    t0 = cluster.now
    pod = run_pod(cluster)
    assert pod["spec"]["nodeName"] == "minikube"
    assert pod["status"]["phase"] == "Pending" and "containerStatuses" not in pod["status"]
    assert [c["type"] for c in pod["status"]["conditions"]] == ["PodScheduled"]
    b.advance(cluster, 1)
    st = get(cluster)["status"]
    assert [c["type"] for c in st["conditions"]] == [
        "PodReadyToStartContainers",
        "Initialized",
        "Ready",
        "ContainersReady",
        "PodScheduled",
    ]
    ready = st["conditions"][2]
    assert (ready["status"], ready["reason"], ready["message"]) == (
        "False",
        "ContainersNotReady",
        "containers with unready status: [p]",
    )
    assert waiting(get(cluster)) == "ContainerCreating"
    assert (
        st["podIP"] == "10.244.0.3"
        and st["hostIP"] == "192.168.49.2"
        and st["podIPs"] == [{"ip": "10.244.0.3"}]
    )
    b.advance(cluster, 2.9)
    assert waiting(get(cluster)) == "ContainerCreating"
    loop.advance_to(cluster, t0 + 4)
    pod = get(cluster)
    cs = cstatus(pod)
    assert pod["status"]["phase"] == "Running"
    assert cs["ready"] and cs["started"] and cs["restartCount"] == 0
    assert cs["state"] == {"running": {"startedAt": "2024-01-01T00:00:04Z"}}
    assert cs["image"] == "docker.io/library/nginx:1.14.2"
    assert (
        cs["imageID"].startswith("docker.io/library/nginx@sha256:")
        and len(cs["imageID"].split(":")[-1]) == 64
    )
    assert (
        cs["containerID"].startswith("containerd://")
        and len(cs["containerID"]) == len("containerd://") + 64
    )
    assert all(c["status"] == "True" for c in pod["status"]["conditions"])
    assert pod["status"]["qosClass"] == "BestEffort"
    assert reasons(cluster, pod) == [
        ("Scheduled", "Successfully assigned default/p to minikube", 1),
        ("Pulling", 'Pulling image "nginx:1.14.2"', 1),
        (
            "Pulled",
            'Successfully pulled image "nginx:1.14.2" in 3s (3s including waiting). '
            "Image size: 72099410 bytes.",
            1,
        ),
        ("Created", "Created container: p", 1),
        ("Started", "Started container p", 1),
    ]
    sched = cluster.events_for(pod)[0]
    assert (
        sched["source"] == {}
        and sched["reportingComponent"] == "default-scheduler"
        and sched["eventTime"]
    )
    pulled = cluster.events_for(pod)[2]
    assert pulled["source"] == {"component": "kubelet", "host": "minikube"}
    assert pulled["involvedObject"]["fieldPath"] == "spec.containers{p}"


def test_image_already_present_and_sequential_ips(cluster: Cluster) -> None:
    run_pod(cluster, "a")
    b.advance(cluster, 5)
    run_pod(cluster, "b")
    b.advance(cluster, 1)
    pod = get(cluster, "b")
    assert cstatus(pod)["ready"]
    assert pod["status"]["podIP"] == "10.244.0.4"
    assert ("Pulled", 'Container image "nginx:1.14.2" already present on machine', 1) in reasons(
        cluster, pod
    )


def test_image_pull_backoff_timeline(cluster: Cluster) -> None:
    t0 = cluster.now
    run_pod(cluster, image="nginx:1.161")
    seen = {}
    for t in (1, 2, 3, 12, 13, 14, 33, 34, 35, 74, 75):
        loop.advance_to(cluster, t0 + t)
        seen[t] = waiting(get(cluster))
    assert seen == {
        1: "ContainerCreating",
        2: "ErrImagePull",
        3: "ImagePullBackOff",
        12: "ImagePullBackOff",
        13: "ErrImagePull",
        14: "ImagePullBackOff",
        33: "ImagePullBackOff",
        34: "ErrImagePull",
        35: "ImagePullBackOff",
        74: "ImagePullBackOff",
        75: "ErrImagePull",
    }
    pod = get(cluster)
    err = (
        "rpc error: code = NotFound desc = failed to pull and unpack image "
        '"docker.io/library/nginx:1.161": '
        'failed to resolve reference "docker.io/library/nginx:1.161": '
        "docker.io/library/nginx:1.161: not found"
    )
    assert cstatus(pod)["state"]["waiting"]["message"] == err
    assert cstatus(pod)["restartCount"] == 0 and pod["status"]["phase"] == "Pending"
    assert sorted(reasons(cluster, pod)[1:]) == sorted(
        [
            ("Pulling", 'Pulling image "nginx:1.161"', 4),
            ("Failed", f'Failed to pull image "nginx:1.161": {err}', 4),
            ("Failed", "Error: ErrImagePull", 4),
            ("BackOff", 'Back-off pulling image "nginx:1.161"', 3),
            ("Failed", "Error: ImagePullBackOff", 3),
        ]
    )
    loop.advance_to(cluster, t0 + 76)
    assert (
        cstatus(get(cluster))["state"]["waiting"]["message"]
        == f'Back-off pulling image "nginx:1.161": ErrImagePull: {err}'
    )


def test_invalid_image_name(cluster: Cluster) -> None:
    run_pod(cluster, image="nginx:1.16:1")
    b.advance(cluster, 30)
    pod = get(cluster)
    assert waiting(pod) == "InvalidImageName"
    msg = (
        'Failed to apply default image tag "nginx:1.16:1": couldn\'t parse image name '
        '"nginx:1.16:1": invalid reference format'
    )
    assert ("InspectFailed", msg, 1) in reasons(cluster, pod)
    assert ("Failed", "Error: InvalidImageName", 1) in reasons(cluster, pod)


def test_never_pull_policy(cluster: Cluster) -> None:
    pod = mk.pod("p", "nginx:1.25")
    pod["spec"]["containers"][0]["imagePullPolicy"] = "Never"
    b.create(cluster, "Pod", pod)
    b.advance(cluster, 2)
    assert waiting(get(cluster)) == "ErrImageNeverPull"
    msg = 'Container image "nginx:1.25" is not present with pull policy of Never'
    assert ("ErrImageNeverPull", msg, 1) in reasons(cluster, get(cluster))


def test_crash_loop_back_off(cluster: Cluster) -> None:
    """busybox with no command exits 0 at once: restarts 1 s, 10 s, 20 s, 40 s after each exit."""
    t0 = cluster.now
    run_pod(cluster, image="busybox:1.36")
    loop.advance_to(cluster, t0 + 4)
    assert cstatus(get(cluster))["state"]["terminated"]["reason"] == "Completed"
    timeline = {}
    for t in (5, 6, 14, 15, 16, 35, 36, 75, 76):
        loop.advance_to(cluster, t0 + t)
        cs = cstatus(get(cluster))
        timeline[t] = (next(iter(cs["state"])), cs["restartCount"])
    assert timeline == {
        5: ("terminated", 1),
        6: ("waiting", 1),
        14: ("waiting", 1),
        15: ("terminated", 2),
        16: ("waiting", 2),
        35: ("terminated", 3),
        36: ("waiting", 3),
        75: ("terminated", 4),
        76: ("waiting", 4),
    }
    pod = get(cluster)
    cs = cstatus(pod)
    who = f"p_default({o.uid(pod)})"
    assert cs["state"]["waiting"] == {
        "reason": "CrashLoopBackOff",
        "message": f"back-off 1m20s restarting failed container=p pod={who}",
    }
    last = cs["lastState"]["terminated"]
    assert (last["reason"], last["exitCode"], last["finishedAt"]) == (
        "Completed",
        0,
        "2024-01-01T00:01:15Z",
    )
    assert pod["status"]["phase"] == "Running"
    backoff = [r for r in reasons(cluster, pod) if r[0] == "BackOff"]
    assert backoff == [("BackOff", f"Back-off restarting failed container p in pod {who}", 4)]


def test_commands_exit_codes(cluster: Cluster) -> None:
    pod = mk.pod("fail", "busybox:1.36")
    pod["spec"]["containers"][0]["command"] = ["sh", "-c", "exit 1"]
    b.create(cluster, "Pod", pod)
    sleeper = mk.pod("sleeper", "busybox:1.36")
    sleeper["spec"]["containers"][0]["command"] = ["sleep", "3600"]
    b.create(cluster, "Pod", sleeper)
    b.advance(cluster, 4)
    term = cstatus(get(cluster, "fail"))["state"]["terminated"]
    assert (term["reason"], term["exitCode"]) == ("Error", 1)
    assert "running" in cstatus(get(cluster, "sleeper"))["state"]


def test_failing_readiness_probe_never_restarts(cluster: Cluster) -> None:
    pod = mk.pod("p", "gasbugs/http-go:v1")
    pod["spec"]["containers"][0]["readinessProbe"] = {"httpGet": {"path": "/ready", "port": 8080}}
    b.create(cluster, "Pod", pod)
    b.advance(cluster, 60)
    pod = get(cluster)
    assert (
        pod["status"]["phase"] == "Running"
        and not cstatus(pod)["ready"]
        and cstatus(pod)["restartCount"] == 0
    )
    unhealthy = [r for r in reasons(cluster, pod) if r[0] == "Unhealthy"]
    assert unhealthy == [
        ("Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 404", 6)
    ]


def test_readiness_probe_connection_refused_text(cluster: Cluster) -> None:
    pod = mk.pod("p", "gasbugs/http-go:v1")
    pod["spec"]["containers"][0]["readinessProbe"] = {"httpGet": {"path": "/healthz", "port": 8081}}
    b.create(cluster, "Pod", pod)
    b.advance(cluster, 5)
    msgs = [m for r, m, _ in reasons(cluster, get(cluster)) if r == "Unhealthy"]
    assert msgs == [
        'Readiness probe failed: Get "http://10.244.0.3:8081/healthz": dial tcp '
        "10.244.0.3:8081: connect: connection refused"
    ]


def test_passing_readiness_probe_and_ready_time(cluster: Cluster) -> None:
    pod = mk.pod("p", "gasbugs/http-go:v1")
    pod["spec"]["containers"][0]["readinessProbe"] = {
        "httpGet": {"path": "/", "port": 8080},
        "initialDelaySeconds": 5,
    }
    b.create(cluster, "Pod", pod)
    b.advance(cluster, 8)
    assert not cstatus(get(cluster))["ready"]
    b.advance(cluster, 1)
    pod = get(cluster)
    assert cstatus(pod)["ready"]
    assert pod["status"]["conditions"][2]["lastTransitionTime"] == "2024-01-01T00:00:09Z"


def test_liveness_exec_probe_restarts_container(cluster: Cluster) -> None:
    """The docs' liveness-exec example: the file disappears after 30 s,
    the container is restarted.
    """
    pod = mk.pod("p", "busybox:1.36")
    c = pod["spec"]["containers"][0]
    c["args"] = ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"]
    c["livenessProbe"] = {
        "exec": {"command": ["cat", "/tmp/healthy"]},
        "initialDelaySeconds": 5,
        "periodSeconds": 5,
    }
    t0 = cluster.now
    b.create(cluster, "Pod", pod)
    loop.advance_to(cluster, t0 + 43)  # started at 4, probed at 9, 14 …; the file is gone at 34
    assert not [r for r in reasons(cluster, get(cluster)) if r[0] == "Killing"]
    loop.advance_to(cluster, t0 + 44)  # failures at 34, 39, 44 → killed
    pod = get(cluster)
    assert (
        "Unhealthy",
        "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
        3,
    ) in reasons(cluster, pod)
    assert ("Killing", "Container p failed liveness probe, will be restarted", 1) in reasons(
        cluster, pod
    )
    loop.advance_to(cluster, t0 + 73)
    assert "running" in cstatus(get(cluster))["state"]
    loop.advance_to(
        cluster, t0 + 74
    )  # busybox ignores SIGTERM: SIGKILL after the 30 s grace period
    term = cstatus(get(cluster))["state"]["terminated"]
    assert (term["exitCode"], term["reason"]) == (137, "Error")
    loop.advance_to(cluster, t0 + 75)
    assert cstatus(get(cluster))["restartCount"] == 1


def test_create_container_config_error_until_configmap_exists(cluster: Cluster) -> None:
    pod = mk.pod("p", "nginx:1.14.2")
    pod["spec"]["containers"][0]["env"] = [
        {
            "name": "DB_HOST",
            "valueFrom": {"configMapKeyRef": {"name": "app-config", "key": "DB_HOST"}},
        }
    ]
    b.create(cluster, "Pod", pod)
    b.advance(cluster, 5)
    assert waiting(get(cluster)) == "CreateContainerConfigError"
    assert ("Failed", 'Error: configmap "app-config" not found', 1) in reasons(
        cluster, get(cluster)
    )
    cm = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "app-config"},
        "data": {"OTHER": "x"},
    }
    apiserver.create(cluster, "ConfigMap", cm)
    b.advance(cluster, 10)
    assert (
        "Failed",
        "Error: couldn't find key DB_HOST in ConfigMap default/app-config",
        1,
    ) in reasons(cluster, get(cluster))
    cm = o.deepcopy(cluster.get("ConfigMap", "default", "app-config"))
    cm["data"]["DB_HOST"] = "db"
    apiserver.update(cluster, "ConfigMap", cm)
    b.advance(cluster, 10)
    assert "running" in cstatus(get(cluster))["state"]


def test_graceful_termination(cluster: Cluster) -> None:
    run_pod(cluster, "web")
    sleeper = mk.pod("sleeper", "busybox:1.36")
    sleeper["spec"]["containers"][0]["command"] = ["sleep", "3600"]
    b.create(cluster, "Pod", sleeper)
    b.advance(cluster, 10)
    for name in ("web", "sleeper"):
        apiserver.delete_pod(cluster, get(cluster, name))
    loop.settle(cluster)
    assert get(cluster, "web")["metadata"]["deletionTimestamp"] == "2024-01-01T00:00:40Z"
    assert ("Killing", "Stopping container web", 1) in reasons(cluster, get(cluster, "web"))
    b.advance(cluster, 1)
    assert cluster.get("Pod", "default", "web") is None  # nginx honours SIGTERM
    b.advance(cluster, 28)
    assert cluster.get("Pod", "default", "sleeper") is not None  # sleep as PID 1 ignores it
    b.advance(cluster, 1)
    assert cluster.get("Pod", "default", "sleeper") is None


def test_unscheduled_pod_is_deleted_at_once(cluster: Cluster) -> None:
    pod = mk.pod("big", "nginx:1.14.2")
    pod["spec"]["containers"][0]["resources"] = {"requests": {"cpu": "3"}}
    b.create(cluster, "Pod", pod)
    apiserver.delete_pod(cluster, get(cluster, "big"))
    assert cluster.get("Pod", "default", "big") is None


def test_scheduler_unschedulable_then_fits(cluster: Cluster) -> None:
    big = mk.pod("big", "nginx:1.14.2")
    big["spec"]["containers"][0]["resources"] = {"requests": {"cpu": "1500m"}}
    b.create(cluster, "Pod", big)
    other = mk.pod("other", "nginx:1.14.2")
    other["spec"]["containers"][0]["resources"] = {"requests": {"cpu": "1", "memory": "9Gi"}}
    b.create(cluster, "Pod", other)
    pod = get(cluster, "other")
    assert "nodeName" not in pod["spec"]
    msg = (
        "0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory. preemption: "
        "0/1 nodes are available: "
        "1 No preemption victims found for incoming pod."
    )
    cond = pod["status"]["conditions"][0]
    assert (cond["type"], cond["status"], cond["reason"], cond["message"]) == (
        "PodScheduled",
        "False",
        "Unschedulable",
        msg,
    )
    assert reasons(cluster, pod) == [("FailedScheduling", msg, 1)]
    small = o.deepcopy(other)
    small["metadata"] = {"name": "small"}
    small["spec"]["containers"][0]["resources"] = {"requests": {"cpu": "500m"}}
    small["spec"].pop("nodeName", None)
    small.pop("status", None)
    b.create(cluster, "Pod", small)
    assert get(cluster, "small")["spec"]["nodeName"] == "minikube"
    assert get(cluster, "small")["status"]["qosClass"] == "Burstable"


def test_restart_policy_never_completes(cluster: Cluster) -> None:
    ok = mk.pod("ok", "busybox:1.36", restartPolicy="Never")
    ok["spec"]["containers"][0]["command"] = ["sh", "-c", "echo done"]
    bad = mk.pod("bad", "busybox:1.36", restartPolicy="Never")
    bad["spec"]["containers"][0]["command"] = ["sh", "-c", "exit 3"]
    b.create(cluster, "Pod", ok)
    b.create(cluster, "Pod", bad)
    b.advance(cluster, 30)
    assert get(cluster, "ok")["status"]["phase"] == "Succeeded"
    assert get(cluster, "bad")["status"]["phase"] == "Failed"
    assert cstatus(get(cluster, "bad"))["restartCount"] == 0
    ready = get(cluster, "ok")["status"]["conditions"][2]
    assert (ready["status"], ready["reason"]) == ("False", "PodCompleted")
    apiserver.delete_pod(cluster, get(cluster, "ok"))
    assert cluster.get("Pod", "default", "ok") is None  # terminal pods are deleted at once


def test_oom_killed_with_tiny_memory_limit(cluster: Cluster) -> None:
    pod = mk.pod("p", "nginx:1.14.2")
    pod["spec"]["containers"][0]["resources"] = {"limits": {"memory": "1Mi"}}
    t0 = cluster.now
    b.create(cluster, "Pod", pod)
    loop.advance_to(cluster, t0 + 5)
    term = cstatus(get(cluster))["state"]["terminated"]
    assert (term["reason"], term["exitCode"]) == ("OOMKilled", 137)


def test_plan_cache_follows_its_inputs(cluster: Cluster) -> None:
    """The kubelet's plan cache (per cluster, built-in images only) gives what images.plan
    computes for the current inputs: a ConfigMap appearing changes the variable names, a user
    image of the same reference is never served from the cache."""
    from minikube_lite.controllers.kubelet import containers as kc
    from minikube_lite.sandbox import images

    spec = {"name": "c", "image": "nginx:1.25", "envFrom": [{"configMapRef": {"name": "cm"}}]}
    pod = {"metadata": {"name": "p", "namespace": "default"}, "spec": {"containers": [spec]}}
    profile = images.lookup("nginx:1.25")
    assert profile is not None
    before = kc.plan_for(cluster, pod, spec, profile)
    assert before == images.plan(profile, None, None, [], None, False)
    cluster.insert(
        "ConfigMap",
        {
            "kind": "ConfigMap",
            "metadata": {"name": "cm", "namespace": "default"},
            "data": {"A": "1"},
        },
    )
    after = kc.plan_for(cluster, pod, spec, profile)
    assert after == images.plan(profile, None, None, ["A"], None, False)
    user = images.add_user_image({}, "nginx:1.25", {"exitAfter": 5})
    mine = kc.plan_for(cluster, pod, spec, user)
    assert mine == images.plan(user, None, None, ["A"], None, False)
    assert mine.exit_after == 5.0 and after.exit_after is None
