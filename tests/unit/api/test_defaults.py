"""API-server defaulting: the stored JSON shape after create."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from minikube_lite.api.defaults import (
    default_object,
    default_pod_only,
    image_pull_policy,
    parse_image,
)
from tests import builders as mk

# `kubectl get deploy web -o yaml` after the first rollout (spec part), as kubectl 1.34 prints it.
PRINTED_SPEC = yaml.safe_load(
    """
progressDeadlineSeconds: 600
replicas: 3
revisionHistoryLimit: 10
selector:
  matchLabels:
    app: web
strategy:
  rollingUpdate:
    maxSurge: 25%
    maxUnavailable: 25%
  type: RollingUpdate
template:
  metadata:
    labels:
      app: web
  spec:
    containers:
    - image: nginx:1.14.2
      imagePullPolicy: IfNotPresent
      name: web
      ports:
      - containerPort: 80
        protocol: TCP
      resources: {}
      terminationMessagePath: /dev/termination-log
      terminationMessagePolicy: File
    dnsPolicy: ClusterFirst
    restartPolicy: Always
    schedulerName: default-scheduler
    securityContext: {}
    terminationGracePeriodSeconds: 30
"""
)


def deployment() -> dict[str, Any]:
    """The minimal web Deployment (3 x nginx:1.14.2, port 80), as written before defaulting."""
    return mk.deployment()


def test_minimal_deployment_matches_printing_md_example() -> None:
    d = deployment()
    default_object(d)
    assert d["spec"] == PRINTED_SPEC
    assert d["status"] == {}
    assert d["metadata"] == {"name": "web", "labels": {"app": "web"}}


def test_defaulting_is_idempotent() -> None:
    d = deployment()
    default_object(d)
    again = copy.deepcopy(d)
    default_object(again)
    assert again == d


STRATEGIES = [
    ({}, {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}}),
    ({"type": "Recreate"}, {"type": "Recreate"}),
    (
        {"rollingUpdate": {"maxSurge": 1}},
        {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": "25%"}},
    ),
    (
        {"rollingUpdate": {"maxUnavailable": 0}},
        {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 0}},
    ),
    ({"type": "Blue"}, {"type": "Blue"}),
]


@pytest.mark.parametrize(("given", "want"), STRATEGIES)
def test_strategy_defaults(given: dict[str, Any], want: dict[str, Any]) -> None:
    d = deployment()
    d["spec"]["strategy"] = given
    default_object(d)
    assert d["spec"]["strategy"] == want


def test_deployment_keeps_explicit_values() -> None:
    d = deployment()
    d["spec"].update(replicas=0, revisionHistoryLimit=0, progressDeadlineSeconds=30)
    default_object(d)
    assert (
        d["spec"]["replicas"],
        d["spec"]["revisionHistoryLimit"],
        d["spec"]["progressDeadlineSeconds"],
    ) == (0, 0, 30)


def test_deployment_without_replicas_gets_one() -> None:
    d = deployment()
    del d["spec"]["replicas"]
    default_object(d)
    assert d["spec"]["replicas"] == 1


PULL = [
    ("nginx", "Always"),
    ("nginx:latest", "Always"),
    ("nginx:1.14.2", "IfNotPresent"),
    ("nginx@sha256:" + "a" * 64, "IfNotPresent"),
    ("nginx:1.14@sha256:" + "a" * 64, "IfNotPresent"),
    ("localhost:5000/app", "Always"),
    ("localhost:5000/app:v1", "IfNotPresent"),
    ("registry.k8s.io/pause:3.9", "IfNotPresent"),
    ("Nginx", "IfNotPresent"),
    ("", "IfNotPresent"),
]


@pytest.mark.parametrize(("image", "policy"), PULL)
def test_image_pull_policy(image: str, policy: str) -> None:
    assert image_pull_policy(image) == policy


def test_parse_image() -> None:
    assert parse_image("nginx") == ("nginx", "latest", "")
    assert parse_image("docker.io/library/nginx:1.25") == ("docker.io/library/nginx", "1.25", "")
    assert parse_image("bad image") is None


def test_explicit_pull_policy_is_kept_after_image_change() -> None:
    d = deployment()
    d["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx"
    default_object(d)
    d["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.16.1"
    default_object(d)
    assert d["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"] == "Always"


def test_container_probe_and_volume_defaults() -> None:
    d = deployment()
    spec = d["spec"]["template"]["spec"]
    c = spec["containers"][0]
    c["readinessProbe"] = {"httpGet": {"port": 80}}
    c["livenessProbe"] = {"tcpSocket": {"port": 80}, "periodSeconds": 5}
    c["lifecycle"] = {"preStop": {"httpGet": {"port": 80, "path": "/stop"}}}
    c["resources"] = {"limits": {"cpu": 0.5, "memory": "1024Mi"}, "requests": {}}
    c["env"] = [
        {"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
        {"name": "CPU", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu"}}},
    ]
    spec["volumes"] = [
        {"name": "scratch"},
        {"name": "cfg", "configMap": {"name": "app"}},
        {"name": "host", "hostPath": {"path": "/data"}},
        {"name": "sec", "secret": {"secretName": "s"}},
    ]
    default_object(d)
    assert c["readinessProbe"] == {
        "httpGet": {"port": 80, "path": "/", "scheme": "HTTP"},
        "timeoutSeconds": 1,
        "periodSeconds": 10,
        "successThreshold": 1,
        "failureThreshold": 3,
    }
    assert c["livenessProbe"]["periodSeconds"] == 5
    assert c["lifecycle"]["preStop"]["httpGet"] == {"port": 80, "path": "/stop", "scheme": "HTTP"}
    assert c["resources"] == {"limits": {"cpu": "500m", "memory": "1Gi"}}
    assert c["env"][0]["valueFrom"]["fieldRef"] == {
        "apiVersion": "v1",
        "fieldPath": "metadata.name",
    }
    assert c["env"][1]["valueFrom"]["resourceFieldRef"] == {
        "resource": "limits.cpu",
        "divisor": "0",
    }
    assert spec["volumes"] == [
        {"name": "scratch", "emptyDir": {}},
        {"name": "cfg", "configMap": {"name": "app", "defaultMode": 420}},
        {"name": "host", "hostPath": {"path": "/data", "type": ""}},
        {"name": "sec", "secret": {"secretName": "s", "defaultMode": 420}},
    ]


def test_replicaset_defaults() -> None:
    rs = {
        "apiVersion": "apps/v1",
        "kind": "ReplicaSet",
        "metadata": {"name": "r"},
        "spec": {
            "selector": {"matchLabels": {"a": "b"}},
            "template": {"spec": {"containers": [{"name": "c", "image": "x"}]}},
        },
    }
    default_object(rs)
    assert rs["spec"]["replicas"] == 1
    assert rs["spec"]["template"]["metadata"] == {}
    assert rs["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"] == "Always"
    assert rs["status"] == {"replicas": 0}


def pod() -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "p", "namespace": "default"},
        "spec": {
            "containers": [
                {
                    "name": "c",
                    "image": "nginx:1",
                    "resources": {
                        "limits": {"cpu": "1", "memory": "128Mi"},
                        "requests": {"cpu": "250m"},
                    },
                }
            ]
        },
    }


def test_pod_defaults_include_pod_only_fields() -> None:
    p = pod()
    default_object(p)
    spec = p["spec"]
    assert spec["enableServiceLinks"] is True
    assert spec["priority"] == 0
    assert spec["preemptionPolicy"] == "PreemptLowerPriority"
    assert spec["dnsPolicy"] == "ClusterFirst"
    assert spec["containers"][0]["resources"] == {
        "limits": {"cpu": "1", "memory": "128Mi"},
        "requests": {"cpu": "250m", "memory": "128Mi"},
    }


def test_default_pod_only_leaves_template_fields() -> None:
    p = pod()
    p["spec"]["priorityClassName"] = "system-cluster-critical"
    p["spec"]["hostNetwork"] = True
    p["spec"]["containers"][0]["ports"] = [{"containerPort": 8080}]
    default_pod_only(p)
    assert "dnsPolicy" not in p["spec"]
    assert p["spec"]["priority"] == 2000000000
    assert p["spec"]["containers"][0]["ports"] == [{"containerPort": 8080, "hostPort": 8080}]


SERVICES = [
    (
        {"selector": {"app": "web"}, "ports": [{"port": 80}]},
        {
            "selector": {"app": "web"},
            "ports": [{"port": 80, "protocol": "TCP", "targetPort": 80}],
            "type": "ClusterIP",
            "sessionAffinity": "None",
            "internalTrafficPolicy": "Cluster",
            "ipFamilies": ["IPv4"],
            "ipFamilyPolicy": "SingleStack",
        },
    ),
    (
        {
            "type": "NodePort",
            "selector": {"app": "web"},
            "ports": [{"port": 80, "targetPort": "http"}],
        },
        {
            "type": "NodePort",
            "selector": {"app": "web"},
            "ports": [{"port": 80, "protocol": "TCP", "targetPort": "http"}],
            "sessionAffinity": "None",
            "externalTrafficPolicy": "Cluster",
            "internalTrafficPolicy": "Cluster",
            "ipFamilies": ["IPv4"],
            "ipFamilyPolicy": "SingleStack",
        },
    ),
    (
        {"type": "LoadBalancer", "ports": [{"port": 443, "protocol": "UDP"}]},
        {
            "type": "LoadBalancer",
            "ports": [{"port": 443, "protocol": "UDP", "targetPort": 443}],
            "sessionAffinity": "None",
            "externalTrafficPolicy": "Cluster",
            "internalTrafficPolicy": "Cluster",
            "allocateLoadBalancerNodePorts": True,
            "ipFamilies": ["IPv4"],
            "ipFamilyPolicy": "SingleStack",
        },
    ),
    (
        {"type": "ExternalName", "externalName": "example.com"},
        {"type": "ExternalName", "externalName": "example.com", "sessionAffinity": "None"},
    ),
    (
        {"clusterIP": "None", "ports": [{"port": 80}]},
        {
            "clusterIP": "None",
            "ports": [{"port": 80, "protocol": "TCP", "targetPort": 80}],
            "type": "ClusterIP",
            "sessionAffinity": "None",
            "internalTrafficPolicy": "Cluster",
            "ipFamilies": ["IPv4"],
            "ipFamilyPolicy": "RequireDualStack",
        },
    ),
]


@pytest.mark.parametrize(("given", "want"), SERVICES)
def test_service_defaults(given: dict[str, Any], want: dict[str, Any]) -> None:
    svc = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}, "spec": given}
    default_object(svc)
    assert svc["spec"] == want
    assert svc["status"] == {"loadBalancer": {}}


def test_namespace_defaults() -> None:
    ns = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "dev"}}
    default_object(ns)
    assert ns == {
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {"name": "dev", "labels": {"kubernetes.io/metadata.name": "dev"}},
        "spec": {"finalizers": ["kubernetes"]},
        "status": {"phase": "Active"},
    }


def test_secret_string_data_is_merged() -> None:
    s = {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": "s"},
        "stringData": {"user": "admin"},
        "data": {"a": "Yg=="},
    }
    default_object(s)
    assert s == {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": "s"},
        "type": "Opaque",
        "data": {"a": "Yg==", "user": "YWRtaW4="},
    }


def test_limit_range_item_defaults() -> None:
    lr = {
        "apiVersion": "v1",
        "kind": "LimitRange",
        "metadata": {"name": "l"},
        "spec": {
            "limits": [
                {"type": "Container", "max": {"cpu": "1", "memory": "1024Mi"}, "min": {"cpu": 0.1}},
                {"type": "Pod", "max": {"cpu": "2"}},
            ]
        },
    }
    default_object(lr)
    assert lr["spec"]["limits"] == [
        {
            "type": "Container",
            "max": {"cpu": "1", "memory": "1Gi"},
            "min": {"cpu": "100m"},
            "default": {"cpu": "1", "memory": "1Gi"},
            "defaultRequest": {"cpu": "1", "memory": "1Gi"},
        },
        {"type": "Pod", "max": {"cpu": "2"}},
    ]


def test_quota_and_bindings() -> None:
    rq = {
        "apiVersion": "v1",
        "kind": "ResourceQuota",
        "metadata": {"name": "q"},
        "spec": {"hard": {"requests.cpu": 1, "pods": "4"}},
    }
    default_object(rq)
    assert rq["spec"]["hard"] == {"requests.cpu": "1", "pods": "4"}
    rb = {
        "apiVersion": "rbac.authorization.k8s.io/v1",
        "kind": "RoleBinding",
        "metadata": {"name": "b"},
        "roleRef": {"kind": "Role", "name": "r"},
        "subjects": [
            {"kind": "User", "name": "jane"},
            {"kind": "ServiceAccount", "name": "default"},
        ],
    }
    default_object(rb)
    assert rb["roleRef"]["apiGroup"] == "rbac.authorization.k8s.io"
    assert rb["subjects"] == [
        {"kind": "User", "name": "jane", "apiGroup": "rbac.authorization.k8s.io"},
        {"kind": "ServiceAccount", "name": "default"},
    ]


def test_unknown_kinds_untouched() -> None:
    cm = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"k": "v"}}
    before = copy.deepcopy(cm)
    default_object(cm)
    assert cm == before


def test_nulls_are_dropped_before_defaulting() -> None:
    d = deployment()
    d["spec"]["replicas"] = None
    d["spec"]["strategy"] = None
    default_object(d)
    assert d["spec"]["replicas"] == 1
    assert d["spec"]["strategy"]["type"] == "RollingUpdate"
