"""``kubectl describe`` layouts (kubectl/pkg/describe/describe.go; docs/failures.md).

Goldens and shared pieces."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from minikube_lite.clock import parse_time, rfc3339
from minikube_lite.printers.describe.containers import describe_probe
from minikube_lite.printers.describe.describe import describe
from minikube_lite.printers.describe.writer import (
    DescribeContext,
    PrefixWriter,
    print_annotations,
    tabbed,
)


@pytest.fixture(autouse=True)
def seoul(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Absolute times are printed in the local zone; the spec's examples use +0900."""
    monkeypatch.setenv("TZ", "Asia/Seoul")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


DEPLOYMENT_GOLDEN = (
    "Name:                   web\n"
    "Namespace:              default\n"
    "CreationTimestamp:      Wed, 06 Aug 2025 10:00:00 +0900\n"
    "Labels:                 app=web\n"
    "Annotations:            deployment.kubernetes.io/revision: 2\n"
    "                        kubernetes.io/change-cause: kubectl set image "
    "deployment/web web=nginx:1.16.1 --record=true\n"
    "Selector:               app=web\n"
    "Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable\n"
    "StrategyType:           RollingUpdate\n"
    "MinReadySeconds:        0\n"
    "RollingUpdateStrategy:  25% max unavailable, 25% max surge\n"
    "Pod Template:\n"
    "  Labels:  app=web\n"
    "  Containers:\n"
    "   web:\n"
    "    Image:         nginx:1.16.1\n"
    "    Port:          80/TCP\n"
    "    Host Port:     0/TCP\n"
    "    Environment:   <none>\n"
    "    Mounts:        <none>\n"
    "  Volumes:         <none>\n"
    "  Node-Selectors:  <none>\n"
    "  Tolerations:     <none>\n"
    "Conditions:\n"
    "  Type           Status  Reason\n"
    "  ----           ------  ------\n"
    "  Available      True    MinimumReplicasAvailable\n"
    "  Progressing    True    NewReplicaSetAvailable\n"
    "OldReplicaSets:  web-7d9c6c9f5b (0/0 replicas created)\n"
    "NewReplicaSet:   web-6d4f8c5b7 (3/3 replicas created)\n"
    "Events:\n"
    "  Type    Reason             Age   From                   Message\n"
    "  ----    ------             ----  ----                   -------\n"
    "  Normal  ScalingReplicaSet  5m    deployment-controller  Scaled up replica set "
    "web-7d9c6c9f5b to 3\n"
    "  Normal  ScalingReplicaSet  40s   deployment-controller  Scaled up replica set "
    "web-6d4f8c5b7 to 1\n"
    "  Normal  ScalingReplicaSet  35s   deployment-controller  Scaled down replica set "
    "web-7d9c6c9f5b to 2 from 3\n"
    "  Normal  ScalingReplicaSet  35s   deployment-controller  Scaled up replica set "
    "web-6d4f8c5b7 to 2 from 1\n"
    "  Normal  ScalingReplicaSet  30s   deployment-controller  Scaled down replica set "
    "web-7d9c6c9f5b to 1 from 2\n"
    "  Normal  ScalingReplicaSet  30s   deployment-controller  Scaled up replica set "
    "web-6d4f8c5b7 to 3 from 2\n"
    "  Normal  ScalingReplicaSet  25s   deployment-controller  Scaled down replica set "
    "web-7d9c6c9f5b to 0 from 1\n"
)

POD_GOLDEN = (
    "Name:             web-6d4f8c5b7-2xkqp\n"
    "Namespace:        default\n"
    "Priority:         0\n"
    "Service Account:  default\n"
    "Node:             minikube/192.168.49.2\n"
    "Start Time:       Wed, 06 Aug 2025 10:04:20 +0900\n"
    "Labels:           app=web\n"
    "                  pod-template-hash=6d4f8c5b7\n"
    "Annotations:      <none>\n"
    "Status:           Running\n"
    "IP:               10.244.0.7\n"
    "IPs:\n"
    "  IP:           10.244.0.7\n"
    "Controlled By:  ReplicaSet/web-6d4f8c5b7\n"
    "Containers:\n"
    "  web:\n"
    "    Container ID:   containerd://3f1c…\n"
    "    Image:          nginx:1.16.1\n"
    "    Image ID:       docker.io/library/nginx@sha256:d2e6…\n"
    "    Port:           80/TCP\n"
    "    Host Port:      0/TCP\n"
    "    State:          Running\n"
    "      Started:      Wed, 06 Aug 2025 10:04:23 +0900\n"
    "    Ready:          True\n"
    "    Restart Count:  0\n"
    "    Environment:    <none>\n"
    "    Mounts:\n"
    "      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-5xq2v (ro)\n"
    "Conditions:\n"
    "  Type                        Status\n"
    "  PodReadyToStartContainers   True \n"
    "  Initialized                 True \n"
    "  Ready                       True \n"
    "  ContainersReady             True \n"
    "  PodScheduled                True \n"
    "Volumes:\n"
    "  kube-api-access-5xq2v:\n"
    "    Type:                    Projected (a volume that contains injected data from "
    "multiple sources)\n"
    "    TokenExpirationSeconds:  3607\n"
    "    ConfigMapName:           kube-root-ca.crt\n"
    "    Optional:                false\n"
    "    DownwardAPI:             true\n"
    "QoS Class:                   BestEffort\n"
    "Node-Selectors:              <none>\n"
    "Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n"
    "                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n"
    "Events:\n"
    "  Type    Reason     Age   From               Message\n"
    "  ----    ------     ----  ----               -------\n"
    "  Normal  Scheduled  25s   default-scheduler  Successfully assigned "
    "default/web-6d4f8c5b7-2xkqp to minikube\n"
    '  Normal  Pulling    24s   kubelet            Pulling image "nginx:1.16.1"\n'
    "  Normal  Pulled     21s   kubelet            Successfully pulled image "
    '"nginx:1.16.1" in 3s (3s including waiting). Image size: 72099410 bytes.\n'
    "  Normal  Created    21s   kubelet            Created container web\n"
    "  Normal  Started    21s   kubelet            Started container web\n"
)

RS_GOLDEN = (
    "Name:           web-6d4f8c5b7\n"
    "Namespace:      default\n"
    "Selector:       app=web,pod-template-hash=6d4f8c5b7\n"
    "Labels:         app=web\n"
    "                pod-template-hash=6d4f8c5b7\n"
    "Annotations:    deployment.kubernetes.io/desired-replicas: 3\n"
    "                deployment.kubernetes.io/max-replicas: 4\n"
    "                deployment.kubernetes.io/revision: 2\n"
    "Controlled By:  Deployment/web\n"
    "Replicas:       0 current / 1 desired\n"
    "Pods Status:    0 Running / 0 Waiting / 0 Succeeded / 0 Failed\n"
    "Pod Template:\n"
    "  Labels:  app=web\n"
    "           pod-template-hash=6d4f8c5b7\n"
    "  Containers:\n"
    "   web:\n"
    "    Image:      nginx:1.16.1\n"
    "    Port:       80/TCP\n"
    "    Host Port:  0/TCP\n"
    "    Requests:\n"
    "      cpu:         300m\n"
    "    Environment:   <none>\n"
    "    Mounts:        <none>\n"
    "  Volumes:         <none>\n"
    "  Node-Selectors:  <none>\n"
    "  Tolerations:     <none>\n"
    "Conditions:\n"
    "  Type             Status  Reason\n"
    "  ----             ------  ------\n"
    "  ReplicaFailure   True    FailedCreate\n"
    "Events:\n"
    "  Type     Reason        Age                From                   Message\n"
    "  ----     ------        ----               ----                   -------\n"
    "  Warning  FailedCreate  2s (x13 over 22s)  replicaset-controller  Error creating: "
    'pods "web-6d4f8c5b7-" is forbidden: exceeded quota: compute-quota, requested: '
    "requests.cpu=300m, used: requests.cpu=900m, limited: requests.cpu=1\n"
)

DEADLINE_GOLDEN = (
    "Conditions:\n"
    "  Type             Status  Reason\n"
    "  ----             ------  ------\n"
    "  Available        True    MinimumReplicasAvailable\n"
    "  ReplicaFailure   True    FailedCreate\n"
    "  Progressing      False   ProgressDeadlineExceeded\n"
    "OldReplicaSets:    web-7d9c6c9f5b (3/3 replicas created)\n"
    "NewReplicaSet:     web-6d4f8c5b7 (0/1 replicas created)\n"
)


def at(ts: str) -> float:
    t = parse_time(ts)
    assert t is not None
    return t


def event(
    reason: str,
    msg: str,
    first: float,
    last: float | None = None,
    count: int = 1,
    typ: str = "Normal",
    component: str = "deployment-controller",
) -> dict[str, Any]:
    return {
        "type": typ,
        "reason": reason,
        "message": msg,
        "source": {"component": component},
        "firstTimestamp": rfc3339(first),
        "lastTimestamp": rfc3339(last if last is not None else first),
        "count": count,
    }


def container(image: str, **extra: Any) -> dict[str, Any]:
    return {
        "name": "web",
        "image": image,
        "ports": [{"containerPort": 80, "protocol": "TCP"}],
        **extra,
    }


def owned(kind: str, name: str, uid: str) -> list[dict[str, Any]]:
    return [
        {
            "apiVersion": "apps/v1",
            "kind": kind,
            "name": name,
            "uid": uid,
            "controller": True,
            "blockOwnerDeletion": True,
        }
    ]


# --------------------------------------------------------------------------- Deployment (§6.1)

DEPLOY_NOW = at("2025-08-06T01:10:00Z")


def web_deployment() -> dict[str, Any]:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {
            "name": "web",
            "namespace": "default",
            "uid": "d-uid",
            "creationTimestamp": "2025-08-06T01:00:00Z",
            "labels": {"app": "web"},
            "annotations": {
                "deployment.kubernetes.io/revision": "2",
                "kubernetes.io/change-cause": (
                    "kubectl set image deployment/web web=nginx:1.16.1 --record=true"
                ),
                "kubectl.kubernetes.io/last-applied-configuration": '{"hidden": true}\n',
            },
        },
        "spec": {
            "replicas": 3,
            "selector": {"matchLabels": {"app": "web"}},
            "minReadySeconds": 0,
            "strategy": {
                "type": "RollingUpdate",
                "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"},
            },
            "template": {
                "metadata": {"labels": {"app": "web"}},
                "spec": {"containers": [container("nginx:1.16.1")]},
            },
        },
        "status": {
            "replicas": 3,
            "updatedReplicas": 3,
            "availableReplicas": 3,
            "readyReplicas": 3,
            "conditions": [
                {"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"},
                {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable"},
            ],
        },
    }


def web_rs(name: str, spec_replicas: int, replicas: int, image: str) -> dict[str, Any]:
    labels = {"app": "web", "pod-template-hash": name.rsplit("-", 1)[1]}
    return {
        "metadata": {
            "name": name,
            "namespace": "default",
            "uid": f"{name}-uid",
            "labels": labels,
            "creationTimestamp": "2025-08-06T01:00:00Z",
            "ownerReferences": owned("Deployment", "web", "d-uid"),
        },
        "spec": {
            "replicas": spec_replicas,
            "selector": {"matchLabels": labels},
            "template": {
                "metadata": {"labels": labels},
                "spec": {"containers": [container(image)]},
            },
        },
        "status": {"replicas": replicas},
    }


def deployment_context(**kw: Any) -> DescribeContext:
    msgs = [
        (300, "Scaled up replica set web-7d9c6c9f5b to 3"),
        (40, "Scaled up replica set web-6d4f8c5b7 to 1"),
        (35, "Scaled down replica set web-7d9c6c9f5b to 2 from 3"),
        (35, "Scaled up replica set web-6d4f8c5b7 to 2 from 1"),
        (30, "Scaled down replica set web-7d9c6c9f5b to 1 from 2"),
        (30, "Scaled up replica set web-6d4f8c5b7 to 3 from 2"),
        (25, "Scaled down replica set web-7d9c6c9f5b to 0 from 1"),
    ]
    events = [event("ScalingReplicaSet", m, DEPLOY_NOW - a) for a, m in msgs]
    rses = [
        web_rs("web-7d9c6c9f5b", 0, 0, "nginx:1.14.2"),
        web_rs("web-6d4f8c5b7", 3, 3, "nginx:1.16.1"),
    ]
    return DescribeContext(events=events, replicasets=rses, **kw)


def test_deployment_golden() -> None:
    assert (
        describe("Deployment", web_deployment(), deployment_context(), DEPLOY_NOW)
        == DEPLOYMENT_GOLDEN
    )


def test_deployment_new_rs_by_name_and_no_rs_lines() -> None:
    out = describe(
        "Deployment", web_deployment(), deployment_context(new_rs_name="web-7d9c6c9f5b"), DEPLOY_NOW
    )
    assert "OldReplicaSets:  web-6d4f8c5b7 (3/3 replicas created)\n" in out
    assert "NewReplicaSet:   web-7d9c6c9f5b (0/0 replicas created)\n" in out
    out = describe("Deployment", web_deployment(), DescribeContext(events=None), DEPLOY_NOW)
    assert "OldReplicaSets" not in out and "Events" not in out
    out = describe("Deployment", web_deployment(), DescribeContext(), DEPLOY_NOW)
    # without the RS lines the Conditions block is narrower (width 16 from "  Progressing ")
    assert out.endswith("  Progressing   True    NewReplicaSetAvailable\nEvents:         <none>\n")


def test_deployment_after_deadline() -> None:
    """docs/failures.md: ReplicaFailure condition and a new RS without pods."""
    d = web_deployment()
    d["status"]["conditions"] = [
        {"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"},
        {"type": "ReplicaFailure", "status": "True", "reason": "FailedCreate"},
        {"type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded"},
    ]
    rses = [
        web_rs("web-7d9c6c9f5b", 3, 3, "nginx:1.14.2"),
        web_rs("web-6d4f8c5b7", 1, 0, "nginx:1.16.1"),
    ]
    out = describe("Deployment", d, DescribeContext(events=None, replicasets=rses), DEPLOY_NOW)
    assert out.endswith(DEADLINE_GOLDEN)


def test_recreate_strategy_has_no_rolling_update_line() -> None:
    d = web_deployment()
    d["spec"]["strategy"] = {"type": "Recreate"}
    out = describe("Deployment", d, DescribeContext(), DEPLOY_NOW)
    assert "StrategyType:       Recreate\nMinReadySeconds:    0\nPod Template:\n" in out


# ------------------------------------------------------------------- ReplicaSet (docs/failures.md)


def test_replicaset_golden() -> None:
    now = at("2025-08-06T01:30:00Z")
    rs = web_rs("web-6d4f8c5b7", 1, 0, "nginx:1.16.1")
    rs["metadata"]["ownerReferences"] = owned("Deployment", "web", "d-uid")
    rs["metadata"]["annotations"] = {
        "deployment.kubernetes.io/desired-replicas": "3",
        "deployment.kubernetes.io/max-replicas": "4",
        "deployment.kubernetes.io/revision": "2",
    }
    rs["spec"]["template"]["spec"]["containers"][0]["resources"] = {"requests": {"cpu": "300m"}}
    rs["status"]["conditions"] = [
        {
            "type": "ReplicaFailure",
            "status": "True",
            "reason": "FailedCreate",
            "message": "pods ... forbidden",
        }
    ]
    msg = (
        'Error creating: pods "web-6d4f8c5b7-" is forbidden: exceeded quota: '
        "compute-quota, requested: "
        "requests.cpu=300m, used: requests.cpu=900m, limited: requests.cpu=1"
    )
    ev = event("FailedCreate", msg, now - 22, now - 2, 13, "Warning", "replicaset-controller")
    assert describe("ReplicaSet", rs, DescribeContext(events=[ev]), now) == RS_GOLDEN


def test_replicaset_pod_counts_only_owned_pods() -> None:
    rs = web_rs("web-6d4f8c5b7", 3, 3, "nginx:1.16.1")
    mine = owned("ReplicaSet", "web-6d4f8c5b7", "web-6d4f8c5b7-uid")
    pods: list[dict[str, Any]] = [
        {"metadata": {"ownerReferences": mine}, "status": {"phase": "Running"}},
        {"metadata": {"ownerReferences": mine}, "status": {"phase": "Pending"}},
        {"metadata": {"ownerReferences": mine}, "status": {"phase": "Failed"}},
        {
            "metadata": {"ownerReferences": owned("ReplicaSet", "other", "other-uid")},
            "status": {"phase": "Running"},
        },
        {"metadata": {}, "status": {"phase": "Running"}},
    ]
    out = describe("ReplicaSet", rs, DescribeContext(pods=pods), DEPLOY_NOW)
    assert "Pods Status:    1 Running / 1 Waiting / 0 Succeeded / 1 Failed\n" in out


# --------------------------------------------------------------------------- Pod (§6.3)

POD_NOW = at("2025-08-06T01:04:45Z")


def web_pod() -> dict[str, Any]:
    sources = [
        {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
        {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
        {
            "downwardAPI": {
                "items": [
                    {
                        "path": "namespace",
                        "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"},
                    }
                ]
            }
        },
    ]
    tolerations = [
        {"key": k, "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}
        for k in ("node.kubernetes.io/unreachable", "node.kubernetes.io/not-ready")
    ]
    mount = {
        "name": "kube-api-access-5xq2v",
        "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount",
        "readOnly": True,
    }
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": "web-6d4f8c5b7-2xkqp",
            "namespace": "default",
            "uid": "p-uid",
            "creationTimestamp": "2025-08-06T01:04:20Z",
            "labels": {"pod-template-hash": "6d4f8c5b7", "app": "web"},
            "ownerReferences": owned("ReplicaSet", "web-6d4f8c5b7", "rs-uid"),
        },
        "spec": {
            "priority": 0,
            "serviceAccountName": "default",
            "nodeName": "minikube",
            "containers": [container("nginx:1.16.1", volumeMounts=[mount])],
            "volumes": [
                {
                    "name": "kube-api-access-5xq2v",
                    "projected": {"defaultMode": 420, "sources": sources},
                }
            ],
            "tolerations": tolerations,
        },
        "status": {
            "phase": "Running",
            "hostIP": "192.168.49.2",
            "podIP": "10.244.0.7",
            "podIPs": [{"ip": "10.244.0.7"}],
            "startTime": "2025-08-06T01:04:20Z",
            "conditions": [
                {"type": t, "status": "True"}
                for t in (
                    "PodReadyToStartContainers",
                    "Initialized",
                    "Ready",
                    "ContainersReady",
                    "PodScheduled",
                )
            ],
            "containerStatuses": [
                {
                    "name": "web",
                    "containerID": "containerd://3f1c…",
                    "image": "docker.io/library/nginx:1.16.1",
                    "imageID": "docker.io/library/nginx@sha256:d2e6…",
                    "ready": True,
                    "restartCount": 0,
                    "started": True,
                    "state": {"running": {"startedAt": "2025-08-06T01:04:23Z"}},
                }
            ],
        },
    }


def pod_events() -> list[dict[str, Any]]:
    sched = {
        "type": "Normal",
        "reason": "Scheduled",
        "message": "Successfully assigned default/web-6d4f8c5b7-2xkqp to minikube",
        "reportingController": "default-scheduler",
        "eventTime": "2025-08-06T01:04:20.000000Z",
        "source": {},
    }
    kubelet = [
        ("Pulling", 'Pulling image "nginx:1.16.1"', 24),
        (
            "Pulled",
            'Successfully pulled image "nginx:1.16.1" in 3s (3s including waiting). '
            "Image size: 72099410 bytes.",
            21,
        ),
        ("Created", "Created container web", 21),
        ("Started", "Started container web", 21),
    ]
    return [sched] + [event(r, m, POD_NOW - a, component="kubelet") for r, m, a in kubelet]


def test_pod_golden() -> None:
    assert describe("Pod", web_pod(), DescribeContext(events=pod_events()), POD_NOW) == POD_GOLDEN


def test_terminating_pod_and_last_state() -> None:
    p = web_pod()
    p["metadata"]["deletionTimestamp"] = rfc3339(POD_NOW + 30)
    p["metadata"]["deletionGracePeriodSeconds"] = 30
    p["status"]["containerStatuses"][0]["restartCount"] = 2
    p["status"]["containerStatuses"][0]["lastState"] = {
        "terminated": {
            "exitCode": 1,
            "reason": "Error",
            "startedAt": "2025-08-06T01:04:21Z",
            "finishedAt": "2025-08-06T01:04:22Z",
        }
    }
    out = describe("Pod", p, DescribeContext(events=None), POD_NOW)
    assert (
        "Status:                    Terminating (lasts <invalid>)\nTermination Grace Period:  30s\n"
        in out
    )
    assert (
        "    State:          Running\n"
        "      Started:      Wed, 06 Aug 2025 10:04:23 +0900\n"
        "    Last State:     Terminated\n"
        "      Reason:       Error\n"
        "      Exit Code:    1\n"
        "      Started:      Wed, 06 Aug 2025 10:04:21 +0900\n"
        "      Finished:     Wed, 06 Aug 2025 10:04:22 +0900\n"
        "    Ready:          True\n"
        "    Restart Count:  2\n"
    ) in out


def test_pending_pod_without_node() -> None:
    p = {
        "metadata": {"name": "p", "namespace": "default"},
        "spec": {"containers": [{"name": "c", "image": "i"}]},
        "status": {"phase": "Pending"},
    }
    assert describe("Pod", p, DescribeContext(), POD_NOW) == (
        "Name:         p\n"
        "Namespace:    default\n"
        "Node:         <none>\n"
        "Labels:       <none>\n"
        "Annotations:  <none>\n"
        "Status:       Pending\n"
        "IP:           \n"
        "IPs:          <none>\n"
        "Containers:\n"
        "  c:\n"
        "    Image:        i\n"
        "    Port:         <none>\n"
        "    Host Port:    <none>\n"
        "    Environment:  <none>\n"
        "    Mounts:       <none>\n"
        "Volumes:          <none>\n"
        "QoS Class:        BestEffort\n"
        "Node-Selectors:   <none>\n"
        "Tolerations:      <none>\n"
        "Events:           <none>\n"
    )


# --------------------------------------------------------------------------- shared pieces


def test_pod_template_details() -> None:
    d = web_deployment()
    d["spec"]["template"]["metadata"]["annotations"] = {"a": "1"}
    d["spec"]["template"]["spec"] = {
        "serviceAccountName": "robot",
        "containers": [
            {
                "name": "web",
                "image": "gasbugs/http-go:v1",
                "command": ["/bin/app"],
                "args": ["--port=8080", "multi\nline"],
                "ports": [
                    {"containerPort": 8080, "protocol": "TCP", "name": "http"},
                    {"containerPort": 9090, "protocol": "UDP"},
                ],
                "resources": {
                    "limits": {"memory": "128Mi", "cpu": "0.5"},
                    "requests": {"cpu": "250m"},
                },
                "readinessProbe": {
                    "httpGet": {"path": "/ready", "port": 8080, "scheme": "HTTP"},
                    "timeoutSeconds": 1,
                    "periodSeconds": 10,
                    "successThreshold": 1,
                    "failureThreshold": 3,
                },
                "env": [
                    {"name": "A", "value": "1"},
                    {
                        "name": "POD",
                        "valueFrom": {
                            "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}
                        },
                    },
                    {"name": "S", "valueFrom": {"secretKeyRef": {"name": "db", "key": "pw"}}},
                    {"name": "L", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu"}}},
                ],
                "volumeMounts": [
                    {"name": "data", "mountPath": "/data"},
                    {"name": "cfg", "mountPath": "/cfg", "readOnly": True, "subPath": "x"},
                ],
            }
        ],
        "volumes": [
            {"name": "data", "emptyDir": {}},
            {"name": "cfg", "configMap": {"name": "app-config"}},
        ],
        "nodeSelector": {"disk": "ssd"},
    }
    out = describe("Deployment", d, DescribeContext(events=None), DEPLOY_NOW)
    start = out.index("Pod Template:")
    assert out[start:] == (
        "Pod Template:\n"
        "  Labels:           app=web\n"
        "  Annotations:      a: 1\n"
        "  Service Account:  robot\n"
        "  Containers:\n"
        "   web:\n"
        "    Image:       gasbugs/http-go:v1\n"
        "    Ports:       8080/TCP (http), 9090/UDP\n"
        "    Host Ports:  0/TCP (http), 0/UDP\n"
        "    Command:\n"
        "      /bin/app\n"
        "    Args:\n"
        "      --port=8080\n"
        "      multi\n"
        "      line\n"
        "    Limits:\n"
        "      cpu:     500m\n"
        "      memory:  128Mi\n"
        "    Requests:\n"
        "      cpu:      250m\n"
        "    Readiness:  http-get http://:8080/ready delay=0s timeout=1s period=10s "
        "#success=1 #failure=3\n"
        "    Environment:\n"
        "      A:    1\n"
        "      POD:   (v1:metadata.name)\n"
        "      S:    <set to the key 'pw' in secret 'db'>  Optional: false\n"
        "      L:    1 (limits.cpu)\n"
        "    Mounts:\n"
        '      /cfg from cfg (ro,path="x")\n'
        "      /data from data (rw)\n"
        "  Volumes:\n"
        "   data:\n"
        "    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)\n"
        "    Medium:     \n"
        "    SizeLimit:  <unset>\n"
        "   cfg:\n"
        "    Type:          ConfigMap (a volume populated by a ConfigMap)\n"
        "    Name:          app-config\n"
        "    Optional:      false\n"
        "  Node-Selectors:  disk=ssd\n"
        "  Tolerations:     <none>\n"
        "Conditions:\n"
        "  Type          Status  Reason\n"
        "  ----          ------  ------\n"
        "  Available     True    MinimumReplicasAvailable\n"
        "  Progressing   True    NewReplicaSetAvailable\n"
    )


@pytest.mark.parametrize(
    ("probe", "text"),
    [
        (
            {
                "httpGet": {"path": "/healthz", "port": 8080, "scheme": "HTTP"},
                "timeoutSeconds": 1,
                "periodSeconds": 10,
                "successThreshold": 1,
                "failureThreshold": 3,
            },
            "http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3",
        ),
        (
            {"exec": {"command": ["cat", "/tmp/healthy"]}, "initialDelaySeconds": 5},
            "exec [cat /tmp/healthy] delay=5s timeout=0s period=0s #success=0 #failure=0",
        ),
        (
            {"tcpSocket": {"port": "http"}},
            "tcp-socket :http delay=0s timeout=0s period=0s #success=0 #failure=0",
        ),
        (
            {"httpGet": {"host": "10.0.0.1", "port": 80, "scheme": "HTTPS"}},
            "http-get https://10.0.0.1:80 delay=0s timeout=0s period=0s #success=0 #failure=0",
        ),
    ],
)
def test_probe_text(probe: dict[str, Any], text: str) -> None:
    assert describe_probe(probe) == text


def test_long_and_multiline_annotations() -> None:
    w = PrefixWriter()
    long_value = "x" * 150
    print_annotations(w, "Annotations", {"b": long_value, "a": "line1\nline2\n", "c": "short"})
    assert tabbed(w) == (
        "Annotations:  a:\n"
        "                line1\n"
        "                line2\n"
        "              b:\n"
        "                " + "x" * 138 + "...\n"
        "              c: short\n"
    )


def test_repeated_events_age() -> None:
    now = DEPLOY_NOW
    evs = [
        event("BackOff", "Back-off pulling image", now - 120, now - 5, 9, "Warning", "kubelet"),
        event("Pulling", "Pulling image", now - 130, component="kubelet"),
    ]
    out = describe("Deployment", web_deployment(), DescribeContext(events=evs), now)
    assert out.endswith(
        "Events:\n"
        "  Type     Reason   Age              From     Message\n"
        "  ----     ------   ----             ----     -------\n"
        "  Normal   Pulling  2m10s            kubelet  Pulling image\n"
        "  Warning  BackOff  5s (x9 over 2m)  kubelet  Back-off pulling image\n"
    )


def test_unknown_kind() -> None:
    from minikube_lite.errors import MklError

    with pytest.raises(MklError):
        describe("Widget", {}, None, 0.0)


def test_events_for() -> None:
    from minikube_lite.printers.describe.writer import events_for

    pod = {"metadata": {"name": "p", "namespace": "default", "uid": "u1"}}
    evs: list[dict[str, Any]] = [
        {
            "involvedObject": {"kind": "Pod", "name": "p", "namespace": "default", "uid": "u1"},
            "reason": "a",
        },
        {
            "involvedObject": {"kind": "Pod", "name": "p", "namespace": "default", "uid": "old"},
            "reason": "b",
        },
        {
            "involvedObject": {"kind": "Pod", "name": "p", "namespace": "dev", "uid": "u1"},
            "reason": "c",
        },
        {
            "involvedObject": {
                "kind": "ReplicaSet",
                "name": "p",
                "namespace": "default",
                "uid": "u1",
            },
            "reason": "d",
        },
    ]
    assert [e["reason"] for e in events_for("Pod", pod, evs)] == ["a", "d"]
    assert [e["reason"] for e in events_for("ReplicaSet", pod, evs)] == ["d"]
    node = {"metadata": {"name": "minikube", "uid": "n1"}}
    node_events: list[dict[str, Any]] = [
        {
            "involvedObject": {"kind": "Node", "name": "minikube", "uid": "minikube"},
            "reason": "kubelet",
        },
        {
            "involvedObject": {"kind": "Node", "name": "minikube", "uid": "n1"},
            "reason": "controller",
        },
    ]
    assert len(events_for("Node", node, node_events)) == 2


def test_every_registered_describer_resolves() -> None:
    from minikube_lite.errors import MklError
    from minikube_lite.printers.describe import describe as registry

    for kind in registry.DESCRIBERS:
        assert callable(registry.describer_for(kind)), kind
    with pytest.raises(MklError, match="no description has been implemented for Secret"):
        registry.describer_for("Secret")
