"""``get`` tables: golden tables and per-kind cell rules (printers.go)."""

from __future__ import annotations

from typing import Any

import pytest

from minikube_lite.clock import parse_time, rfc3339
from minikube_lite.printers.columns import (
    format_endpoints,
    format_label_selector,
    format_labels,
    get_table,
    headers,
    pod_status,
    row_cells,
    selector_string,
)
from minikube_lite.printers.table import RememberingWriter
from tests import builders as mk

NOW = parse_time("2025-08-06T02:00:00Z") or 0.0


def ago(seconds: float) -> str:
    return rfc3339(NOW - seconds)


def md(name: str, age: float, **extra: Any) -> dict[str, Any]:
    return {"name": name, "namespace": "default", "creationTimestamp": ago(age), **extra}


def deployment(
    name: str,
    age: float,
    replicas: int = 3,
    ready: int = 3,
    updated: int = 3,
    available: int = 3,
    ns: str = "default",
) -> dict[str, Any]:
    """A stored Deployment ``age`` seconds old (nginx:1.16.1) with the given status counts."""
    d = mk.deployment(name, replicas, "nginx:1.16.1", port=None, namespace=ns)
    d["metadata"]["creationTimestamp"] = ago(age)
    d["status"] = {
        "readyReplicas": ready,
        "updatedReplicas": updated,
        "availableReplicas": available,
    }
    return d


def replicaset(name: str, age: float, desired: int, current: int, ready: int) -> dict[str, Any]:
    h = name.rsplit("-", 1)[1]
    return {
        "kind": "ReplicaSet",
        "metadata": md(name, age),
        "spec": {
            "replicas": desired,
            "selector": {"matchLabels": {"app": "web", "pod-template-hash": h}},
            "template": {"spec": {"containers": [{"name": "web", "image": "nginx:1.16.1"}]}},
        },
        "status": {"replicas": current, "readyReplicas": ready},
    }


def container_status(
    state: dict[str, Any], ready: bool, restarts: int = 0, last: dict[str, Any] | None = None
) -> dict[str, Any]:
    cs: dict[str, Any] = {"name": "web", "ready": ready, "restartCount": restarts, "state": state}
    if last is not None:
        cs["lastState"] = last
    return cs


def pod(
    name: str, age: float, phase: str, cs: list[dict[str, Any]] | None, **meta: Any
) -> dict[str, Any]:
    return {
        "kind": "Pod",
        "metadata": md(name, age, **meta),
        "spec": {"containers": [{"name": "web", "image": "nginx"}], "nodeName": "minikube"},
        "status": {"phase": phase, "containerStatuses": cs or [], "podIPs": [{"ip": "10.244.0.7"}]},
    }


RUNNING = {"running": {"startedAt": "2025-08-06T01:00:00Z"}}


# ------------------------------------------------------------------- golden tables (printers.go)


def test_deployment_table() -> None:
    assert get_table("Deployment", [deployment("web", 130)], NOW) == (
        "NAME   READY   UP-TO-DATE   AVAILABLE   AGE\n"
        "web    3/3     3            3           2m10s\n"
    )


def test_pod_table() -> None:
    crash_last = {"terminated": {"exitCode": 1, "reason": "Error", "finishedAt": ago(38)}}
    pods = [
        pod("web-6d4f8c5b7-2xkqp", 192, "Running", [container_status(RUNNING, True)]),
        pod(
            "web-6d4f8c5b7-9bqzv",
            45,
            "Pending",
            [container_status({"waiting": {"reason": "ImagePullBackOff"}}, False)],
        ),
        pod(
            "web-7d9c6c9f5b-hx8mn",
            720,
            "Running",
            [container_status(RUNNING, True)],
            deletionTimestamp=ago(-30),
        ),
        pod(
            "crash-5f7b9c8d4-lq2wd",
            170,
            "Running",
            [container_status({"waiting": {"reason": "CrashLoopBackOff"}}, False, 4, crash_last)],
        ),
    ]
    assert get_table("Pod", pods, NOW) == (
        "NAME                    READY   STATUS             RESTARTS      AGE\n"
        "web-6d4f8c5b7-2xkqp     1/1     Running            0             3m12s\n"
        "web-6d4f8c5b7-9bqzv     0/1     ImagePullBackOff   0             45s\n"
        "web-7d9c6c9f5b-hx8mn    1/1     Terminating        0             12m\n"
        "crash-5f7b9c8d4-lq2wd   0/1     CrashLoopBackOff   4 (38s ago)   2m50s\n"
    )


def test_replicaset_table() -> None:
    rses = [replicaset("web-6d4f8c5b7", 40, 3, 3, 3), replicaset("web-7d9c6c9f5b", 302, 0, 0, 0)]
    assert get_table("ReplicaSet", rses, NOW) == (
        "NAME             DESIRED   CURRENT   READY   AGE\n"
        "web-6d4f8c5b7    3         3         3       40s\n"
        "web-7d9c6c9f5b   0         0         0       5m2s\n"
    )


def test_wide_deployment_and_replicaset() -> None:
    assert get_table("Deployment", [deployment("web", 302)], NOW, wide=True) == (
        "NAME   READY   UP-TO-DATE   AVAILABLE   AGE    CONTAINERS   IMAGES         SELECTOR\n"
        "web    3/3     3            3           5m2s   web          nginx:1.16.1   app=web\n"
    )
    assert get_table("ReplicaSet", [replicaset("web-6d4f8c5b7", 40, 3, 3, 3)], NOW, wide=True) == (
        "NAME            DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES         SELECTOR\n"
        "web-6d4f8c5b7   3         3         3       40s   web          nginx:1.16.1   "
        "app=web,pod-template-hash=6d4f8c5b7\n"
    )


def test_wide_pod() -> None:
    p = pod("web-6d4f8c5b7-2xkqp", 192, "Running", [container_status(RUNNING, True)])
    assert get_table("Pod", [p], NOW, wide=True) == (
        "NAME                  READY   STATUS    RESTARTS   AGE     IP           "
        "NODE       NOMINATED NODE   READINESS GATES\n"
        "web-6d4f8c5b7-2xkqp   1/1     Running   0          3m12s   10.244.0.7   "
        "minikube   <none>           <none>\n"
    )


def event(kind: str, name: str, typ: str, reason: str, msg: str, age: float) -> dict[str, Any]:
    return {
        "kind": "Event",
        "metadata": {"name": f"{name}.1", "namespace": "default"},
        "involvedObject": {"kind": kind, "name": name, "namespace": "default"},
        "type": typ,
        "reason": reason,
        "message": msg,
        "firstTimestamp": ago(age),
        "lastTimestamp": ago(age),
        "count": 1,
        "source": {"component": "kubelet", "host": "minikube"},
    }


def test_event_table() -> None:
    events = [
        event(
            "Deployment",
            "web",
            "Normal",
            "ScalingReplicaSet",
            "Scaled up replica set web-6d4f8c5b7 to 1",
            45,
        ),
        event(
            "ReplicaSet",
            "web-6d4f8c5b7",
            "Normal",
            "SuccessfulCreate",
            "Created pod: web-6d4f8c5b7-2xkqp",
            44,
        ),
        event("Pod", "web-6d4f8c5b7-2xkqp", "Warning", "Failed", "Error: ImagePullBackOff", 5),
    ]
    assert get_table("Event", events, NOW) == (
        "LAST SEEN   TYPE      REASON              OBJECT                     MESSAGE\n"
        "45s         Normal    ScalingReplicaSet   deployment/web             Scaled up "
        "replica set web-6d4f8c5b7 to 1\n"
        "44s         Normal    SuccessfulCreate    replicaset/web-6d4f8c5b7   Created "
        "pod: web-6d4f8c5b7-2xkqp\n"
        "5s          Warning   Failed              pod/web-6d4f8c5b7-2xkqp    Error: "
        "ImagePullBackOff\n"
    )


def test_event_wide_and_fallbacks() -> None:
    e = event("Pod", "p", "Normal", "Pulled", "  hi\nthere ", 30)
    e.update(
        {
            "firstTimestamp": ago(90),
            "count": 3,
            "involvedObject": {"kind": "Pod", "name": "p", "fieldPath": "spec.containers{web}"},
        }
    )
    assert row_cells("Event", e, NOW, wide=True) == [
        "30s",
        "Normal",
        "Pulled",
        "pod/p",
        "spec.containers{web}",
        "kubelet, minikube",
        "hi\nthere",
        "90s",
        "3",
        "p.1",
    ]
    # printTable cuts a cell at its first newline
    assert get_table("Event", [e], NOW).splitlines()[1].endswith("hi...")
    scheduler = {
        "type": "Normal",
        "reason": "Scheduled",
        "involvedObject": {"kind": "Pod", "name": "p"},
        "eventTime": "2025-08-06T01:59:35.123456Z",
        "reportingController": "default-scheduler",
        "metadata": {"name": "p.2"},
    }
    assert row_cells("Event", scheduler, NOW, wide=True) == [
        "24s",
        "Normal",
        "Scheduled",
        "pod/p",
        "",
        "default-scheduler",
        "",
        "24s",
        "1",
        "p.2",
    ]


def test_service_table() -> None:
    svcs = [
        {
            "metadata": md("kubernetes", 2 * 86400),
            "spec": {
                "type": "ClusterIP",
                "clusterIPs": ["10.96.0.1"],
                "ports": [{"port": 443, "protocol": "TCP"}],
            },
        },
        {
            "metadata": md("web", 600),
            "spec": {
                "type": "NodePort",
                "clusterIPs": ["10.101.7.23"],
                "ports": [{"port": 80, "nodePort": 31234, "protocol": "TCP"}],
                "selector": {"app": "web"},
            },
        },
    ]
    assert get_table("Service", svcs, NOW) == (
        "NAME         TYPE        CLUSTER-IP    EXTERNAL-IP   PORT(S)        AGE\n"
        "kubernetes   ClusterIP   10.96.0.1     <none>        443/TCP        2d\n"
        "web          NodePort    10.101.7.23   <none>        80:31234/TCP   10m\n"
    )
    assert row_cells("Service", svcs[1], NOW, wide=True)[-1] == "app=web"
    assert row_cells("Service", svcs[0], NOW, wide=True)[-1] == "<none>"


@pytest.mark.parametrize(
    ("spec", "status", "wide", "expected"),
    [
        ({"type": "LoadBalancer"}, {}, False, "<pending>"),
        (
            {"type": "LoadBalancer"},
            {"loadBalancer": {"ingress": [{"ip": "1.2.3.4"}, {"hostname": "a.example"}]}},
            False,
            "1.2.3.4,a.exa...",
        ),
        (
            {"type": "LoadBalancer"},
            {"loadBalancer": {"ingress": [{"ip": "1.2.3.4"}, {"hostname": "a.example"}]}},
            True,
            "1.2.3.4,a.example",
        ),
        (
            {"type": "LoadBalancer", "externalIPs": ["9.9.9.9"]},
            {"loadBalancer": {"ingress": [{"ip": "1.2.3.4"}]}},
            False,
            "1.2.3.4,9.9.9.9",
        ),
        (
            {"type": "ClusterIP", "externalIPs": ["5.5.5.5", "6.6.6.6"]},
            {},
            False,
            "5.5.5.5,6.6.6.6",
        ),
        ({"type": "ExternalName", "externalName": "db.example.com"}, {}, False, "db.example.com"),
        ({}, {}, False, "<unknown>"),
    ],
)
def test_service_external_ip(
    spec: dict[str, Any], status: dict[str, Any], wide: bool, expected: str
) -> None:
    assert (
        row_cells("Service", {"metadata": md("s", 1), "spec": spec, "status": status}, NOW, wide)[3]
        == expected
    )


def test_service_without_cluster_ip_or_ports() -> None:
    cells = row_cells("Service", {"metadata": md("s", 1), "spec": {"type": "ClusterIP"}}, NOW)
    assert cells[2] == "<none>" and cells[4] == "<none>"


def test_quota_table() -> None:
    q = {
        "metadata": md("compute-quota", 600),
        "status": {
            "hard": {
                "pods": "4",
                "requests.cpu": "2",
                "requests.memory": "1Gi",
                "limits.cpu": "4",
                "limits.memory": "2Gi",
            },
            "used": {
                "pods": "3",
                "requests.cpu": "1500m",
                "requests.memory": "384Mi",
                "limits.cpu": "3",
                "limits.memory": "768Mi",
            },
        },
    }
    assert get_table("ResourceQuota", [q], NOW) == (
        "NAME            AGE   REQUEST                                                   "
        "     LIMIT\n"
        "compute-quota   10m   pods: 3/4, requests.cpu: 1500m/2, requests.memory: "
        "384Mi/1Gi   limits.cpu: 3/4, limits.memory: 768Mi/2Gi\n"
    )


def test_namespace_column() -> None:
    ds = [deployment("web", 302), deployment("api", 20, 1, 1, 1, 1, ns="dev")]
    assert get_table("Deployment", ds, NOW, namespace_column=True) == (
        "NAMESPACE   NAME   READY   UP-TO-DATE   AVAILABLE   AGE\n"
        "default     web    3/3     3            3           5m2s\n"
        "dev         api    1/1     1            1           20s\n"
    )


def test_stuck_rollout_tables() -> None:
    """docs/failures.md: the pod states of a failing rollout."""
    assert get_table("Deployment", [deployment("web", 660, 3, 3, 1, 3)], NOW) == (
        "NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    3/3     1            3           11m\n"
    )
    pods = [
        pod(
            "web-6d4f8c5b7-8zq4x",
            660,
            "Pending",
            [container_status({"waiting": {"reason": "ImagePullBackOff"}}, False)],
        )
    ]
    pods += [
        pod(f"web-7d9c6c9f5b-{s}", 1200, "Running", [container_status(RUNNING, True)])
        for s in ("4lkxd", "d2xnb", "wq7pc")
    ]
    assert get_table("Pod", pods, NOW) == (
        "NAME                   READY   STATUS             RESTARTS   AGE\n"
        "web-6d4f8c5b7-8zq4x    0/1     ImagePullBackOff   0          11m\n"
        "web-7d9c6c9f5b-4lkxd   1/1     Running            0          20m\n"
        "web-7d9c6c9f5b-d2xnb   1/1     Running            0          20m\n"
        "web-7d9c6c9f5b-wq7pc   1/1     Running            0          20m\n"
    )


# --------------------------------------------------------------------------- decorations


def test_name_prefix_labels_no_headers_and_empty() -> None:
    d = deployment("web", 130)
    assert get_table("Deployment", [d], NOW, name_prefix="deployment.apps", show_labels=True) == (
        "NAME                  READY   UP-TO-DATE   AVAILABLE   AGE     LABELS\n"
        "deployment.apps/web   3/3     3            3           2m10s   app=web\n"
    )
    assert get_table("Deployment", [d], NOW, no_headers=True) == "web   3/3   3     3     2m10s\n"
    assert get_table("Deployment", [], NOW) == ""
    d["metadata"]["labels"] = {}
    assert get_table("Deployment", [d], NOW, show_labels=True).splitlines()[1].endswith("<none>")


def test_label_columns() -> None:
    d = deployment("web", 130)
    d["metadata"]["labels"] = {"app": "web", "example.com/tier": "fe"}
    out = get_table(
        "Deployment", [d], NOW, extra={"label_columns": ["example.com/tier", "missing"]}
    )
    assert out.splitlines() == [
        "NAME   READY   UP-TO-DATE   AVAILABLE   AGE     TIER   MISSING",
        "web    3/3     3            3           2m10s   fe     ",
    ]


def test_event_name_prefix_goes_to_the_wide_name_column() -> None:
    e = event("Pod", "p", "Normal", "Pulled", "m", 30)
    assert get_table("Event", [e], NOW, name_prefix="event").splitlines()[1].startswith("30s")
    assert row_cells("Event", e, NOW, wide=True)[-1] == "p.1"
    assert (
        get_table("Event", [e], NOW, wide=True, name_prefix="event")
        .splitlines()[1]
        .endswith("event/p.1")
    )


def test_watch_rows_keep_widths() -> None:
    w = RememberingWriter()
    first = get_table(
        "Pod",
        [pod("web-6d4f8c5b7-2xkqp", 192, "Running", [container_status(RUNNING, True)])],
        NOW,
        extra={"writer": w},
    )
    assert first.splitlines()[0] == "NAME                  READY   STATUS    RESTARTS   AGE"
    row = w.render_row(row_cells("Pod", pod("x", 1, "Pending", None), NOW))
    assert row == "x                     0/1     Pending   0          1s\n"


def test_headers() -> None:
    assert headers("Pod") == ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
    assert headers("Pod", wide=True)[-2:] == ["NOMINATED NODE", "READINESS GATES"]
    assert headers("Event", wide=True) == [
        "LAST SEEN",
        "TYPE",
        "REASON",
        "OBJECT",
        "SUBOBJECT",
        "SOURCE",
        "MESSAGE",
        "FIRST SEEN",
        "COUNT",
        "NAME",
    ]
    assert headers("Role") == ["NAME", "CREATED AT"]
    assert headers("Secret") == ["NAME", "TYPE", "DATA", "AGE"]


# ------------------------------------------------------------- pod status (printers.go printPod)

TERM = {"terminated": {"exitCode": 0, "reason": "Completed"}}


@pytest.mark.parametrize(
    ("phase", "statuses", "extra_status", "meta", "expected"),
    [
        ("Pending", [], {}, {}, ("0/1", "Pending", "0")),
        (
            "Pending",
            [container_status({"waiting": {"reason": "ContainerCreating"}}, False)],
            {},
            {},
            ("0/1", "ContainerCreating", "0"),
        ),
        ("Running", [container_status(RUNNING, False)], {}, {}, ("0/1", "Running", "0")),
        (
            "Running",
            [container_status({"terminated": {"exitCode": 1, "reason": "Error"}}, False)],
            {},
            {},
            ("0/1", "Error", "0"),
        ),
        (
            "Running",
            [container_status({"terminated": {"exitCode": 137}}, False)],
            {},
            {},
            ("0/1", "ExitCode:137", "0"),
        ),
        (
            "Running",
            [container_status({"terminated": {"exitCode": 0, "signal": 9}}, False)],
            {},
            {},
            ("0/1", "Signal:9", "0"),
        ),
        (
            "Running",
            [container_status(RUNNING, True)],
            {},
            {"deletionTimestamp": "2025-08-06T02:00:30Z"},
            ("1/1", "Terminating", "0"),
        ),
        (
            "Succeeded",
            [container_status(TERM, False)],
            {},
            {"deletionTimestamp": "2025-08-06T02:00:30Z"},
            ("0/1", "Completed", "0"),
        ),
        (
            "Running",
            [container_status(RUNNING, True)],
            {"reason": "NodeLost"},
            {"deletionTimestamp": "2025-08-06T02:00:30Z"},
            ("1/1", "Unknown", "0"),
        ),
        (
            "Pending",
            [],
            {
                "conditions": [
                    {"type": "PodScheduled", "status": "False", "reason": "SchedulingGated"}
                ]
            },
            {},
            ("0/1", "SchedulingGated", "0"),
        ),
        ("Failed", [], {"reason": "Evicted"}, {}, ("0/1", "Evicted", "0")),
        ("Running", [container_status(RUNNING, True, 2)], {}, {}, ("1/1", "Running", "2")),
    ],
)
def test_pod_status(
    phase: str,
    statuses: list[dict[str, Any]],
    extra_status: dict[str, Any],
    meta: dict[str, Any],
    expected: tuple[str, str, str],
) -> None:
    p = pod("p", 10, phase, statuses, **meta)
    p["status"].update(extra_status)
    assert pod_status(p, NOW) == expected


def test_completed_container_with_a_running_sibling() -> None:
    p = pod("p", 10, "Running", [])
    p["spec"]["containers"].append({"name": "side", "image": "busybox"})
    p["status"]["containerStatuses"] = [
        container_status(RUNNING, True),
        {"name": "side", "ready": False, "restartCount": 0, "state": TERM},
    ]
    assert pod_status(p, NOW) == ("1/2", "NotReady", "0")
    p["status"]["conditions"] = [{"type": "Ready", "status": "True"}]
    assert pod_status(p, NOW) == ("1/2", "Running", "0")


def test_first_container_state_wins() -> None:
    p = pod("p", 10, "Running", [])
    p["spec"]["containers"].append({"name": "b"})
    p["status"]["containerStatuses"] = [
        container_status({"waiting": {"reason": "ErrImagePull"}}, False),
        {
            "name": "b",
            "ready": False,
            "restartCount": 1,
            "state": {"waiting": {"reason": "CrashLoopBackOff"}},
            "lastState": {"terminated": {"finishedAt": ago(130), "exitCode": 1}},
        },
    ]
    assert pod_status(p, NOW) == ("0/2", "ErrImagePull", "1 (2m10s ago)")


def test_init_containers() -> None:
    p = pod("p", 10, "Pending", [])
    p["spec"]["initContainers"] = [{"name": "i1"}, {"name": "i2"}]
    p["status"]["initContainerStatuses"] = [
        {
            "name": "i1",
            "state": {"terminated": {"exitCode": 0, "reason": "Completed"}},
            "restartCount": 0,
        },
        {"name": "i2", "state": {"running": {}}, "restartCount": 0},
    ]
    assert pod_status(p, NOW) == ("0/1", "Init:1/2", "0")
    p["status"]["initContainerStatuses"][1]["state"] = {"waiting": {"reason": "ImagePullBackOff"}}
    assert pod_status(p, NOW)[1] == "Init:ImagePullBackOff"
    p["status"]["initContainerStatuses"][1]["state"] = {"terminated": {"exitCode": 2}}
    assert pod_status(p, NOW)[1] == "Init:ExitCode:2"
    # a restartable (sidecar) init container counts towards READY
    p["spec"]["initContainers"] = [{"name": "i1", "restartPolicy": "Always"}]
    p["status"]["initContainerStatuses"] = [
        {"name": "i1", "started": True, "ready": True, "state": {"running": {}}}
    ]
    p["status"]["containerStatuses"] = [container_status(RUNNING, True)]
    assert pod_status(p, NOW) == ("2/2", "Pending", "0")


# ---------------------------------------------------------------- selectors, endpoints, other kinds


def test_selectors() -> None:
    sel = {
        "matchLabels": {"tier": "fe", "app": "web"},
        "matchExpressions": [
            {"key": "env", "operator": "In", "values": ["prod", "dev"]},
            {"key": "zone", "operator": "NotIn", "values": ["a"]},
            {"key": "canary", "operator": "Exists"},
            {"key": "legacy", "operator": "DoesNotExist"},
        ],
    }
    assert selector_string(sel) == "app=web,canary,env in (dev,prod),!legacy,tier=fe,zone notin (a)"
    assert format_label_selector(None) == "<none>"
    assert format_label_selector({}) == "<none>"
    assert (
        format_label_selector({"matchExpressions": [{"key": "a", "operator": "Bogus"}]})
        == "<error>"
    )
    bad = deployment("web", 1)
    bad["spec"]["selector"] = {"matchExpressions": [{"key": "a", "operator": "Bogus"}]}
    assert row_cells("Deployment", bad, NOW, wide=True)[-1] == "<invalid>"
    assert format_labels({"b": "2", "a": "1"}) == "a=1,b=2"
    assert format_labels({}) == "<none>"


def test_endpoints() -> None:
    ep = {
        "metadata": md("web", 60),
        "subsets": [
            {
                "addresses": [{"ip": f"10.244.0.{i}"} for i in range(1, 6)],
                "ports": [{"port": 80, "protocol": "TCP"}],
            },
        ],
    }
    assert format_endpoints(ep) == "10.244.0.1:80,10.244.0.2:80,10.244.0.3:80 + 2 more..."
    assert (
        get_table("Endpoints", [{"metadata": md("none", 60)}], NOW)
        == "NAME   ENDPOINTS   AGE\nnone   <none>      60s\n"
    )
    two = {"subsets": [{"addresses": [{"ip": "10.0.0.1"}], "ports": [{"port": 80}, {"port": 443}]}]}
    assert format_endpoints(two) == "10.0.0.1:80,10.0.0.1:443"
    headless = {"subsets": [{"addresses": [{"ip": "10.0.0.1"}, {"ip": "fd00::1"}]}]}
    assert format_endpoints(headless) == "10.0.0.1,fd00::1"


def test_node_namespace_sa_cm_secret_rbac_limitrange() -> None:
    node = {
        "metadata": {
            **md("minikube", 3 * 86400),
            "labels": {"node-role.kubernetes.io/control-plane": ""},
        },
        "spec": {"unschedulable": True},
        "status": {
            "conditions": [{"type": "Ready", "status": "True"}],
            "addresses": [{"type": "InternalIP", "address": "192.168.49.2"}],
            "nodeInfo": {"kubeletVersion": "v1.34.0", "osImage": "Ubuntu 22.04.5 LTS"},
        },
    }
    assert row_cells("Node", node, NOW, wide=True) == [
        "minikube",
        "Ready,SchedulingDisabled",
        "control-plane",
        "3d",
        "v1.34.0",
        "192.168.49.2",
        "<none>",
        "Ubuntu 22.04.5 LTS",
        "<unknown>",
        "<unknown>",
    ]
    assert row_cells("Node", {"metadata": md("n", 1)}, NOW)[1:3] == ["Unknown", "<none>"]
    assert row_cells(
        "Namespace", {"metadata": md("dev", 20), "status": {"phase": "Active"}}, NOW
    ) == ["dev", "Active", "20s"]
    assert row_cells("ServiceAccount", {"metadata": md("default", 20)}, NOW) == [
        "default",
        "0",
        "20s",
    ]
    assert row_cells(
        "ConfigMap", {"metadata": md("c", 20), "data": {"a": "1"}, "binaryData": {"b": "AA=="}}, NOW
    ) == ["c", "2", "20s"]
    assert row_cells(
        "Secret", {"metadata": md("s", 20), "type": "Opaque", "data": {"a": "MQ=="}}, NOW
    ) == ["s", "Opaque", "1", "20s"]
    rb = {
        "metadata": md("rb", 20),
        "roleRef": {"kind": "ClusterRole", "name": "view"},
        "subjects": [
            {"kind": "User", "name": "jane"},
            {"kind": "ServiceAccount", "name": "sa", "namespace": "dev"},
            {"kind": "Group", "name": "g1"},
            {"kind": "User", "name": "bob"},
        ],
    }
    assert row_cells("RoleBinding", rb, NOW, wide=True) == [
        "rb",
        "ClusterRole/view",
        "20s",
        "jane, bob",
        "g1",
        "dev/sa",
    ]
    assert get_table("LimitRange", [{"metadata": md("limits", 20)}], NOW) == (
        "NAME     CREATED AT\nlimits   2025-08-06T01:59:40Z\n"
    )
    assert row_cells("Role", {"metadata": md("r", 20)}, NOW) == ["r", "2025-08-06T01:59:40Z"]


def test_quota_age_last_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    from minikube_lite.printers import columns_rows

    monkeypatch.setattr(columns_rows, "QUOTA_AGE_LAST", True)
    q = {
        "metadata": md("q", 600),
        "status": {"hard": {"pods": "4", "limits.cpu": "2000m"}, "used": {"limits.cpu": "0.5"}},
    }
    assert get_table("ResourceQuota", [q], NOW) == (
        "NAME   REQUEST     LIMIT                AGE\nq      pods: 0/4   limits.cpu: 500m/2   10m\n"
    )
