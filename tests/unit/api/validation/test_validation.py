"""Validation through its entry points (validate, check): every rule, exact 1.34 texts."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from minikube_lite.api import validation as V
from minikube_lite.api.defaults import default_object
from minikube_lite.errors import InvalidError
from tests import builders as mk

SUBDOMAIN_MSG = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
    "'-' or '.', and "
    "must start and end with an alphanumeric character (e.g. 'example.com', regex used "
    "for validation "
    "is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
)
LABEL_MSG = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or "
    "'-', and must "
    "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
    "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
)
VALUE_MSG = (
    "a valid label must be an empty string or consist of alphanumeric characters, '-', "
    "'_' or '.', and "
    "must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  "
    "or '12345', "
    "regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
)
PERCENT_MSG = (
    "a valid percent string must be a numeric string followed by an ending '%' (e.g. "
    "'1%',  or '93%', "
    "regex used for validation is '[0-9]+%')"
)
MISMATCH = "`selector` does not match template `labels`"


def deployment() -> dict[str, Any]:
    return mk.deployment(namespace="default")


def errors_of(obj: dict[str, Any], old: dict[str, Any] | None = None) -> list[str]:
    default_object(obj)
    return [str(e) for e in V.validate(obj, old)]


def spec(d: dict[str, Any]) -> dict[str, Any]:
    return d["spec"]


def tpl_spec(d: dict[str, Any]) -> dict[str, Any]:
    return d["spec"]["template"]["spec"]


def ctr(d: dict[str, Any], i: int = 0) -> dict[str, Any]:
    return d["spec"]["template"]["spec"]["containers"][i]


Mut = Callable[[dict[str, Any]], object]

DEPLOYMENT_CASES: list[tuple[str, Mut, list[str]]] = [
    ("valid", lambda d: None, []),
    (
        "name",
        lambda d: d["metadata"].update(name="Web_App"),
        [f'metadata.name: Invalid value: "Web_App": {SUBDOMAIN_MSG}'],
    ),
    (
        "name too long",
        lambda d: d["metadata"].update(name="a" * 254),
        ['metadata.name: Invalid value: "' + "a" * 254 + '": must be no more than 253 characters'],
    ),
    (
        "replicas",
        lambda d: spec(d).update(replicas=-1),
        ["spec.replicas: Invalid value: -1: must be greater than or equal to 0"],
    ),
    (
        "selector required",
        lambda d: spec(d).pop("selector"),
        [
            "spec.selector: Required value",
            f'spec.template.metadata.labels: Invalid value: {{"app":"web"}}: {MISMATCH}',
        ],
    ),
    (
        "selector empty",
        lambda d: spec(d).update(selector={}),
        ["spec.selector: Invalid value: {}: empty selector is invalid for deployment"],
    ),
    (
        "selector mismatch",
        lambda d: spec(d).update(selector={"matchLabels": {"app": "api"}}),
        [f'spec.template.metadata.labels: Invalid value: {{"app":"web"}}: {MISMATCH}'],
    ),
    (
        "template without labels",
        lambda d: spec(d)["template"].update(metadata={}),
        [f"spec.template.metadata.labels: Invalid value: null: {MISMATCH}"],
    ),
    (
        "fenceposts int",
        lambda d: spec(d).update(strategy={"rollingUpdate": {"maxUnavailable": 0, "maxSurge": 0}}),
        [
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 "
            "when `maxSurge` is 0"
        ],
    ),
    (
        "fenceposts percent",
        lambda d: spec(d).update(
            strategy={"rollingUpdate": {"maxUnavailable": "0%", "maxSurge": "0%"}}
        ),
        [
            'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be '
            "0 when `maxSurge` is 0"
        ],
    ),
    (
        "negative surge",
        lambda d: spec(d).update(strategy={"rollingUpdate": {"maxSurge": -1}}),
        [
            "spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater "
            "than or equal to 0"
        ],
    ),
    (
        "percent syntax",
        lambda d: spec(d).update(strategy={"rollingUpdate": {"maxSurge": "25"}}),
        [f'spec.strategy.rollingUpdate.maxSurge: Invalid value: "25": {PERCENT_MSG}'],
    ),
    (
        "over 100%",
        lambda d: spec(d).update(strategy={"rollingUpdate": {"maxUnavailable": "150%"}}),
        [
            'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not '
            "be greater than 100%"
        ],
    ),
    (
        "rollingUpdate with Recreate",
        lambda d: spec(d).update(strategy={"type": "Recreate", "rollingUpdate": {"maxSurge": 1}}),
        [
            "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy "
            "`type` is 'Recreate'"
        ],
    ),
    (
        "unknown strategy",
        lambda d: spec(d).update(strategy={"type": "BlueGreen"}),
        [
            'spec.strategy: Unsupported value: {"Type":"BlueGreen","RollingUpdate":null}:'
            ' supported values: "Recreate", "RollingUpdate"'
        ],
    ),
    (
        "minReadySeconds",
        lambda d: spec(d).update(minReadySeconds=-5),
        ["spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0"],
    ),
    (
        "revisionHistoryLimit",
        lambda d: spec(d).update(revisionHistoryLimit=-1),
        ["spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0"],
    ),
    (
        "progressDeadlineSeconds",
        lambda d: spec(d).update(minReadySeconds=10, progressDeadlineSeconds=10),
        ["spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds"],
    ),
    (
        "restartPolicy",
        lambda d: tpl_spec(d).update(restartPolicy="Never"),
        [
            'spec.template.spec.restartPolicy: Unsupported value: "Never": supported '
            'values: "Always"'
        ],
    ),
    (
        "bogus restartPolicy",
        lambda d: tpl_spec(d).update(restartPolicy="Sometimes"),
        [
            'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported '
            'values: "Always", "OnFailure", "Never"',
            'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported '
            'values: "Always"',
        ],
    ),
    (
        "activeDeadlineSeconds",
        lambda d: tpl_spec(d).update(activeDeadlineSeconds=30),
        [
            "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds "
            "in ReplicaSet is not Supported"
        ],
    ),
    (
        "image required",
        lambda d: ctr(d).pop("image"),
        ["spec.template.spec.containers[0].image: Required value"],
    ),
    (
        "container name required",
        lambda d: ctr(d).pop("name"),
        ["spec.template.spec.containers[0].name: Required value"],
    ),
    (
        "container name",
        lambda d: ctr(d).update(name="Web"),
        [f'spec.template.spec.containers[0].name: Invalid value: "Web": {LABEL_MSG}'],
    ),
    (
        "duplicate container",
        lambda d: tpl_spec(d)["containers"].append({"name": "web", "image": "busybox"}),
        ['spec.template.spec.containers[1].name: Duplicate value: "web"'],
    ),
    (
        "containers required",
        lambda d: tpl_spec(d).update(containers=[]),
        ["spec.template.spec.containers: Required value"],
    ),
    (
        "containerPort range",
        lambda d: ctr(d).update(ports=[{"containerPort": 70000}]),
        [
            "spec.template.spec.containers[0].ports[0].containerPort: Invalid value: "
            "70000: must be between 1 and 65535, inclusive"
        ],
    ),
    (
        "containerPort missing",
        lambda d: ctr(d).update(ports=[{"name": "http"}]),
        ["spec.template.spec.containers[0].ports[0].containerPort: Required value"],
    ),
    (
        "port protocol",
        lambda d: ctr(d).update(ports=[{"containerPort": 80, "protocol": "tcp"}]),
        [
            "spec.template.spec.containers[0].ports[0].protocol: Unsupported value: "
            '"tcp": supported values: "SCTP", "TCP", "UDP"'
        ],
    ),
    (
        "pull policy",
        lambda d: ctr(d).update(imagePullPolicy="Sometimes"),
        [
            "spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "
            '"Sometimes": supported values: "Always", "IfNotPresent", "Never"'
        ],
    ),
    (
        "metadata labels",
        lambda d: d["metadata"].update(labels={"app": "web app"}),
        [f'metadata.labels: Invalid value: "web app": {VALUE_MSG}'],
    ),
    (
        "template label path",
        lambda d: spec(d)["template"]["metadata"].update(labels={"app": "web", "x": "-"}),
        [f'spec.template.labels: Invalid value: "-": {VALUE_MSG}'],
    ),
    (
        "selector label value",
        lambda d: spec(d).update(selector={"matchLabels": {"app": "-"}}),
        [
            f'spec.selector.matchLabels: Invalid value: "-": {VALUE_MSG}',
            'spec.selector: Invalid value: {"matchLabels":{"app":"-"}}: invalid label selector',
        ],
    ),
    (
        "request over limit",
        lambda d: ctr(d).update(resources={"limits": {"cpu": "500m"}, "requests": {"cpu": "1"}}),
        [
            'spec.template.spec.containers[0].resources.requests: Invalid value: "1": '
            "must be less than or equal to cpu limit of 500m"
        ],
    ),
    (
        "resource name",
        lambda d: ctr(d).update(resources={"limits": {"cpus": "1"}}),
        [
            "spec.template.spec.containers[0].resources.limits[cpus]: Invalid value: "
            '"cpus": must be a standard resource type or fully qualified',
            "spec.template.spec.containers[0].resources.limits[cpus]: Invalid value: "
            '"cpus": must be a standard resource for containers',
        ],
    ),
    (
        "negative request",
        lambda d: ctr(d).update(resources={"requests": {"memory": "-1Mi"}}),
        [
            "spec.template.spec.containers[0].resources.requests[memory]: Invalid value: "
            '"-1Mi": must be greater than or equal to 0'
        ],
    ),
    (
        "extended resource",
        lambda d: ctr(d).update(resources={"requests": {"nvidia.com/gpu": "1"}}),
        [
            "spec.template.spec.containers[0].resources.limits: Required value: Limit "
            "must be set for non overcommitable resources"
        ],
    ),
    (
        "mount not found",
        lambda d: ctr(d).update(volumeMounts=[{"name": "config", "mountPath": "/etc/app"}]),
        ['spec.template.spec.containers[0].volumeMounts[0].name: Not found: "config"'],
    ),
    (
        "liveness successThreshold",
        lambda d: ctr(d).update(livenessProbe={"httpGet": {"port": 80}, "successThreshold": 2}),
        [
            "spec.template.spec.containers[0].livenessProbe.successThreshold: Invalid "
            "value: 2: must be 1"
        ],
    ),
    (
        "probe handler",
        lambda d: ctr(d).update(readinessProbe={"periodSeconds": 5}),
        [
            "spec.template.spec.containers[0].readinessProbe: Required value: must "
            "specify a handler type"
        ],
    ),
    (
        "probe port",
        lambda d: ctr(d).update(readinessProbe={"tcpSocket": {"port": 0}}),
        [
            "spec.template.spec.containers[0].readinessProbe.tcpSocket.port: Invalid "
            "value: 0: must be between 1 and 65535, inclusive"
        ],
    ),
    (
        "env from nothing",
        lambda d: ctr(d).update(env=[{"name": "A", "valueFrom": {}}]),
        [
            'spec.template.spec.containers[0].env[0].valueFrom: Invalid value: "": must '
            "specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or "
            "`secretKeyRef`"
        ],
    ),
    (
        "env key required",
        lambda d: ctr(d).update(
            env=[{"name": "A", "valueFrom": {"configMapKeyRef": {"name": "cfg"}}}]
        ),
        ["spec.template.spec.containers[0].env[0].valueFrom.configMapKeyRef.key: Required value"],
    ),
    (
        "container restartPolicy",
        lambda d: ctr(d).update(restartPolicy="Always"),
        [
            "spec.template.spec.containers[0].restartPolicy: Forbidden: may not be set "
            "for non-init containers"
        ],
    ),
    (
        "several errors in upstream order",
        lambda d: (
            d["metadata"].update(name="Web_App"),
            spec(d).update(replicas=-1, minReadySeconds=-5),
            ctr(d).pop("image"),
        ),
        [
            f'metadata.name: Invalid value: "Web_App": {SUBDOMAIN_MSG}',
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
            "spec.template.spec.containers[0].image: Required value",
            "spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0",
        ],
    ),
]


@pytest.mark.parametrize(
    ("mutate", "want"),
    [(m, w) for _, m, w in DEPLOYMENT_CASES],
    ids=[c[0] for c in DEPLOYMENT_CASES],
)
def test_deployment_rules(mutate: Mut, want: list[str]) -> None:
    d = deployment()
    mutate(d)
    assert errors_of(d) == want


def test_selector_immutable_on_update() -> None:
    old = deployment()
    default_object(old)
    new = copy.deepcopy(old)
    new["spec"]["selector"] = {"matchLabels": {"app": "web2"}}
    assert errors_of(new, old) == [
        f'spec.template.metadata.labels: Invalid value: {{"app":"web"}}: {MISMATCH}',
        'spec.selector: Invalid value: {"matchLabels":{"app":"web2"}}: field is immutable',
    ]


def test_name_and_namespace_immutable_on_update() -> None:
    old = deployment()
    default_object(old)
    new = copy.deepcopy(old)
    new["metadata"].update(name="web2", namespace="dev")
    assert errors_of(new, old) == [
        'metadata.name: Invalid value: "web2": field is immutable',
        'metadata.namespace: Invalid value: "dev": field is immutable',
    ]


def test_check_raises_invalid_error() -> None:
    d = deployment()
    spec(d).update(replicas=-1)
    default_object(d)
    with pytest.raises(InvalidError) as err:
        V.check(d)
    assert err.value.render() == (
        'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be '
        "greater than or equal to 0"
    )
    valid = deployment()
    default_object(valid)
    V.check(valid)  # a valid object raises nothing


def replicaset() -> dict[str, Any]:
    d = deployment()
    d["kind"] = "ReplicaSet"
    d["spec"].pop("strategy", None)
    return d


def test_replicaset_rules() -> None:
    rs = replicaset()
    rs["spec"]["selector"] = {"matchLabels": {"app": "web", "pod-template-hash": "abc"}}
    assert errors_of(rs) == [
        f'spec.template.metadata.labels: Invalid value: {{"app":"web"}}: {MISMATCH}'
    ]
    rs = replicaset()
    rs["spec"]["selector"] = {}
    assert errors_of(rs) == [
        "spec.selector: Invalid value: {}: empty selector is invalid for deployment"
    ]
    old = replicaset()
    default_object(old)
    new = copy.deepcopy(old)
    new["spec"]["selector"]["matchExpressions"] = [
        {"key": "app", "operator": "In", "values": ["web"]}
    ]
    assert errors_of(new, old) == [
        'spec.selector: Invalid value: {"matchLabels":{"app":"web"},"matchExpressions":'
        '[{"key":"app","operator":"In","values":["web"]}]}: field is immutable'
    ]


def test_namespace_name_uses_label_rule() -> None:
    ns = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "Dev"}}
    assert errors_of(ns) == [f'metadata.name: Invalid value: "Dev": {LABEL_MSG}']
    with pytest.raises(InvalidError) as err:
        V.check(ns)
    assert (
        err.value.render()
        == f'The Namespace "Dev" is invalid: metadata.name: Invalid value: "Dev": {LABEL_MSG}'
    )


def test_required_name_and_namespace() -> None:
    d = deployment()
    d["metadata"] = {}
    assert errors_of(d) == [
        "metadata.name: Required value: name or generateName is required",
        "metadata.namespace: Required value",
    ]


def service(**spec_fields: Any) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": "web", "namespace": "default"},
        "spec": spec_fields,
    }


SERVICE_CASES: list[tuple[dict[str, Any], list[str]]] = [
    ({"selector": {"app": "web"}, "ports": [{"port": 80}]}, []),
    ({"selector": {"app": "web"}}, ["spec.ports: Required value"]),
    (
        {"ports": [{"port": 0}]},
        [
            "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive",
        ],
    ),
    (
        {"ports": [{"port": 80, "targetPort": 70000}]},
        ["spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive"],
    ),
    (
        {"type": "Foo", "ports": [{"port": 80}]},
        [
            'spec.type: Unsupported value: "Foo": supported values: "ClusterIP", '
            '"ExternalName", "LoadBalancer", "NodePort"'
        ],
    ),
    (
        {"ports": [{"port": 80}, {"port": 81}]},
        ["spec.ports[0].name: Required value", "spec.ports[1].name: Required value"],
    ),
    (
        {"ports": [{"port": 80, "name": "a"}, {"port": 81, "name": "a"}]},
        ['spec.ports[1].name: Duplicate value: "a"'],
    ),
    (
        {"ports": [{"port": 80, "nodePort": 30080}]},
        ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
    ),
    (
        {"ports": [{"port": 80, "name": "a"}, {"port": 80, "name": "b"}]},
        [
            'spec.ports[1]: Duplicate value: {"Name":"","Protocol":"TCP","AppProtocol":'
            'null,"Port":80,"TargetPort":0,"NodePort":0}'
        ],
    ),
    ({"type": "ExternalName"}, ["spec.externalName: Required value"]),
    (
        {"type": "NodePort", "clusterIP": "None", "ports": [{"port": 80}]},
        ["spec.clusterIP: Invalid value: \"None\": may not be set to 'None' for NodePort services"],
    ),
    (
        {"ports": [{"port": 80, "targetPort": "HTTP"}]},
        [
            'spec.ports[0].targetPort: Invalid value: "HTTP": must contain only '
            "alpha-numeric characters (a-z, 0-9), and hyphens (-)",
            'spec.ports[0].targetPort: Invalid value: "HTTP": must contain at least one '
            "letter (a-z)",
        ],
    ),
]


@pytest.mark.parametrize(("spec_fields", "want"), SERVICE_CASES)
def test_service_rules(spec_fields: dict[str, Any], want: list[str]) -> None:
    assert errors_of(service(**spec_fields)) == want


def test_service_name_is_dns1035() -> None:
    svc = service(ports=[{"port": 80}])
    svc["metadata"]["name"] = "1web"
    assert errors_of(svc) == [
        'metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower '
        "case alphanumeric characters or "
        "'-', start with an alphabetic character, and end with an alphanumeric character "
        "(e.g. 'my-name',  or "
        "'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
    ]


def test_service_cluster_ip_may_not_change() -> None:
    old = service(ports=[{"port": 80}], clusterIP="10.96.0.10", clusterIPs=["10.96.0.10"])
    default_object(old)
    new = copy.deepcopy(old)
    new["spec"]["clusterIPs"] = ["10.96.0.11"]
    assert errors_of(new, old) == [
        'spec.clusterIPs[0]: Invalid value: ["10.96.0.11"]: may not change once set'
    ]


def pod(**spec_fields: Any) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "p", "namespace": "default"},
        "spec": spec_fields,
    }


POD_CASES: list[tuple[dict[str, Any], list[str]]] = [
    ({"containers": [{"name": "c", "image": "nginx"}]}, []),
    ({}, ["spec.containers: Required value"]),
    (
        {"containers": [{"name": "c", "image": " nginx"}]},
        [
            'spec.containers[0].image: Invalid value: " nginx": must not have leading or '
            "trailing whitespace"
        ],
    ),
    (
        {
            "containers": [{"name": "c", "image": "x"}],
            "restartPolicy": "Never",
            "activeDeadlineSeconds": 0,
        },
        [
            "spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and "
            "2147483647, inclusive"
        ],
    ),
    (
        {
            "containers": [
                {"name": "c", "image": "x", "volumeMounts": [{"name": "v", "mountPath": "/a"}]}
            ],
            "volumes": [{"name": "V"}],
        },
        [
            f'spec.volumes[0].name: Invalid value: "V": {LABEL_MSG}',
            'spec.containers[0].volumeMounts[0].name: Not found: "v"',
        ],
    ),
    (
        {"containers": [{"name": "c", "image": "x"}], "volumes": [{"name": "v", "configMap": {}}]},
        ["spec.volumes[0].configMap.name: Required value"],
    ),
    (
        {
            "containers": [{"name": "c", "image": "x"}],
            "volumes": [{"name": "v", "emptyDir": {}, "secret": {"secretName": "s"}}],
        },
        ["spec.volumes[0].secret: Forbidden: may not specify more than 1 volume type"],
    ),
    (
        {
            "containers": [{"name": "c", "image": "x"}],
            "initContainers": [
                {"name": "c", "image": "y", "readinessProbe": {"exec": {"command": ["true"]}}}
            ],
        },
        [
            'spec.initContainers[0].name: Duplicate value: "c"',
            "spec.initContainers[0].readinessProbe: Forbidden: may not be set for init "
            "containers without restartPolicy=Always",
        ],
    ),
    (
        {
            "containers": [
                {"name": "a", "image": "x", "ports": [{"containerPort": 80, "hostPort": 8080}]},
                {"name": "b", "image": "x", "ports": [{"containerPort": 81, "hostPort": 8080}]},
            ]
        },
        ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"'],
    ),
]


@pytest.mark.parametrize(("spec_fields", "want"), POD_CASES)
def test_pod_rules(spec_fields: dict[str, Any], want: list[str]) -> None:
    assert errors_of(pod(**spec_fields)) == want


def test_pod_deletion_cost_annotation() -> None:
    p = pod(containers=[{"name": "c", "image": "x"}])
    p["metadata"]["annotations"] = {"controller.kubernetes.io/pod-deletion-cost": "abc"}
    assert errors_of(p) == [
        "metadata.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid "
        'value: "abc": must be a 32bit integer'
    ]


def test_config_map_and_secret_keys() -> None:
    cm = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "c", "namespace": "d"},
        "data": {"a b": "x", "ok.key": "y"},
    }
    assert errors_of(cm) == [
        'data[a b]: Invalid value: "a b": a valid config key must consist of '
        "alphanumeric characters, '-', '_' or '.' "
        "(e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is "
        "'[-._a-zA-Z0-9]+')"
    ]
    tls = {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": "s", "namespace": "d"},
        "type": "kubernetes.io/tls",
        "data": {},
    }
    assert errors_of(tls) == ["data[tls.crt]: Required value", "data[tls.key]: Required value"]


def test_immutable_config_map_update() -> None:
    old = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "c", "namespace": "d"},
        "data": {"a": "1"},
        "immutable": True,
    }
    new = copy.deepcopy(old)
    new["data"]["a"] = "2"
    assert errors_of(new, old) == ["data: Forbidden: field is immutable when `immutable` is set"]


def test_resource_quota_and_limit_range() -> None:
    rq = {
        "apiVersion": "v1",
        "kind": "ResourceQuota",
        "metadata": {"name": "q", "namespace": "d"},
        "spec": {"hard": {"pods": "1500m", "cpus": "1", "requests.cpu": "-1"}},
    }
    assert errors_of(rq) == [
        'spec.hard[cpus]: Invalid value: "cpus": must be a standard resource type or '
        "fully qualified",
        'spec.hard[cpus]: Invalid value: "cpus": must be a standard resource for quota',
        'spec.hard[pods]: Invalid value: "1500m": must be an integer',
        'spec.hard[requests.cpu]: Invalid value: "-1": must be greater than or equal to 0',
    ]
    lr = {
        "apiVersion": "v1",
        "kind": "LimitRange",
        "metadata": {"name": "l", "namespace": "d"},
        "spec": {
            "limits": [
                {"type": "Container", "min": {"cpu": "2"}, "max": {"cpu": "1"}},
                {"type": "Containers"},
            ]
        },
    }
    assert errors_of(lr) == [
        'spec.limits[0].min[cpu]: Invalid value: "2": min value 2 is greater than max value 1',
        'spec.limits[0].defaultRequest[cpu]: Invalid value: "1": min value 2 is greater '
        "than default request value 1",
        'spec.limits[0].default[cpu]: Invalid value: "2": min value 2 is greater than '
        "default value 1",
        'spec.limits[1].type: Invalid value: "Containers": must be a standard limit type '
        "or fully qualified",
    ]


def test_rbac_rules_and_bindings() -> None:
    role = {
        "apiVersion": "rbac.authorization.k8s.io/v1",
        "kind": "Role",
        "metadata": {"name": "r", "namespace": "d"},
        "rules": [
            {"verbs": ["get"], "resources": ["pods"]},
            {"apiGroups": [""], "resources": ["pods"]},
        ],
    }
    assert errors_of(role) == [
        "rules[0].apiGroups: Required value: resource rules must supply at least one api group",
        "rules[1].verbs: Required value: verbs must contain at least one value",
    ]
    crb = {
        "apiVersion": "rbac.authorization.k8s.io/v1",
        "kind": "ClusterRoleBinding",
        "metadata": {"name": "b"},
        "roleRef": {"kind": "Role", "name": "r"},
        "subjects": [{"kind": "ServiceAccount", "name": "default"}, {"kind": "Robot", "name": "x"}],
    }
    assert errors_of(crb) == [
        'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
        "subjects[0].namespace: Required value",
        'subjects[1].kind: Unsupported value: "Robot": supported values: '
        '"ServiceAccount", "User", "Group"',
    ]
