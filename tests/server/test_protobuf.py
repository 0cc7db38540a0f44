"""Protobuf request bodies: kubectl's own bodies decoded byte for byte, round trips through a
test-side encoder built from the same field tables, and hostile input (always a Status)."""

from __future__ import annotations

import base64
import json
import os
import struct
from datetime import UTC, datetime
from email.message import Message
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minikube_lite import errors
from minikube_lite.server import launch, protobuf, protobuf_types, routes, status
from minikube_lite.server.core import Request, Response
from tests.server.conftest import Kubectl

EXAMPLES = int(os.environ.get("MKL_FUZZ_EXAMPLES", "30"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=not os.environ.get("MKL_FUZZ_RANDOM"),
)

# Bodies kubectl 1.37 POSTed to mkl serve (captured through routes.dispatch), and their decoding.
CAPTURED: dict[str, tuple[str, dict[str, Any]]] = {
    "create namespace dev": (
        "6b3873000a0f0a02763112094e616d657370616365121b0a130a0364657612001a0022002a003200"
        "3800420012001a020a001a002200",
        {
            "apiVersion": "v1",
            "kind": "Namespace",
            "metadata": {"name": "dev"},
            "spec": {},
            "status": {},
        },
    ),
    "auth can-i patch deployments": (
        "6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c66537562"
        "6a65637441636365737352657669657712490a100a0012001a0022002a00320038004200122b0a29"
        "0a0764656661756c74120570617463681a046170707322002a0b6465706c6f796d656e747332003a"
        "001a08080012001a0020001a002200",
        {
            "apiVersion": "authorization.k8s.io/v1",
            "kind": "SelfSubjectAccessReview",
            "metadata": {},
            "spec": {
                "resourceAttributes": {
                    "namespace": "default",
                    "verb": "patch",
                    "group": "apps",
                    "resource": "deployments",
                }
            },
            "status": {},
        },
    ),
    "auth can-i --list": (
        "6b3873000a310a17617574686f72697a6174696f6e2e6b38732e696f2f7631121653656c66537562"
        "6a65637452756c657352657669657712230a100a0012001a0022002a0032003800420012090a0764"
        "656661756c741a04180022001a002200",
        {
            "apiVersion": "authorization.k8s.io/v1",
            "kind": "SelfSubjectRulesReview",
            "metadata": {},
            "spec": {"namespace": "default"},
            "status": {},
        },
    ),
    "auth whoami": (
        "6b3873000a2d0a1861757468656e7469636174696f6e2e6b38732e696f2f7631121153656c665375"
        "626a656374526576696577121a0a100a0012001a0022002a0032003800420012060a040a0012001a"
        "002200",
        {
            "apiVersion": "authentication.k8s.io/v1",
            "kind": "SelfSubjectReview",
            "metadata": {},
            "status": {"userInfo": {}},
        },
    ),
    "create deployment api --image=gasbugs/http-go:v1 --replicas=3 --port=8080 -- /bin/app -v": (
        "6b3873000a150a07617070732f7631120a4465706c6f796d656e7412d7010a1f0a0361706912001a"
        "0022002a003200380042005a0a0a03617070120361706912a5010803120c0a0a0a03617070120361"
        "70691a8a010a1c0a0012001a0022002a003200380042005a0a0a036170701203617069126a124c0a"
        "07687474702d676f1212676173627567732f687474702d676f3a76311a082f62696e2f6170701a02"
        "2d762a00320b0a00100018903f22002a0042006a007200800100880100900100a201001a00320042"
        "004a0052005800600068008201008a01009a0100c2010022020a00280038001a0c08001000180020"
        "00280038001a002200",
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "api", "labels": {"app": "api"}},
            "spec": {
                "replicas": 3,
                "selector": {"matchLabels": {"app": "api"}},
                "template": {
                    "metadata": {"labels": {"app": "api"}},
                    "spec": {
                        "containers": [
                            {
                                "name": "http-go",
                                "image": "gasbugs/http-go:v1",
                                "command": ["/bin/app", "-v"],
                                "ports": [{"containerPort": 8080}],
                                "resources": {},
                            }
                        ]
                    },
                },
                "strategy": {},
            },
            "status": {},
        },
    ),
    "create service clusterip svc1 --tcp=80:8080": (
        "6b3873000a0d0a027631120753657276696365126c0a210a047376633112001a0022002a00320038"
        "0042005a0b0a0361707012047376633112430a1b0a0738302d383038301203544350185022070800"
        "10903f1a002800120b0a036170701204737663311a002209436c757374657249503a00420052005a"
        "00600068001a020a001a002200",
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "svc1", "labels": {"app": "svc1"}},
            "spec": {
                "ports": [{"name": "80-8080", "protocol": "TCP", "port": 80, "targetPort": 8080}],
                "selector": {"app": "svc1"},
                "type": "ClusterIP",
            },
            "status": {"loadBalancer": {}},
        },
    ),
    "create service nodeport svc2 --tcp=80:8080 --node-port=30080": (
        "6b3873000a0d0a027631120753657276696365126d0a210a047376633212001a0022002a00320038"
        "0042005a0b0a0361707012047376633212440a1d0a0738302d383038301203544350185022070800"
        "10903f1a002880eb01120b0a036170701204737663321a0022084e6f6465506f72743a0042005200"
        "5a00600068001a020a001a002200",
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "svc2", "labels": {"app": "svc2"}},
            "spec": {
                "ports": [
                    {
                        "name": "80-8080",
                        "protocol": "TCP",
                        "port": 80,
                        "targetPort": 8080,
                        "nodePort": 30080,
                    }
                ],
                "selector": {"app": "svc2"},
                "type": "NodePort",
            },
            "status": {"loadBalancer": {}},
        },
    ),
    "create configmap cm1 --from-literal=a=1 --from-literal=b=two": (
        "6b3873000a0f0a0276311209436f6e6669674d617012270a130a03636d3112001a0022002a003200"
        "3800420012060a016112013112080a0162120374776f1a002200",
        {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {"name": "cm1"},
            "data": {"a": "1", "b": "two"},
        },
    ),
    "create secret generic s1 --from-literal=pw=hunter2": (
        "6b3873000a0c0a027631120653656372657412250a120a02733112001a0022002a00320038004200"
        "120d0a027077120768756e746572321a001a002200",
        {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {"name": "s1"},
            "data": {"pw": "aHVudGVyMg=="},
        },
    ),
    "create serviceaccount sa1": (
        "6b3873000a140a027631120e536572766963654163636f756e7412150a130a0373613112001a0022"
        "002a003200380042001a002200",
        {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "sa1"}},
    ),
    "create role pod-reader --verb=get,list --resource=pods --resource-name=a": (
        "6b3873000a240a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f76311204526f"
        "6c6512340a1a0a0a706f642d72656164657212001a0022002a0032003800420012160a036765740a"
        "046c69737412001a04706f64732201611a002200",
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "Role",
            "metadata": {"name": "pod-reader"},
            "rules": [
                {
                    "verbs": ["get", "list"],
                    "apiGroups": [""],
                    "resources": ["pods"],
                    "resourceNames": ["a"],
                }
            ],
        },
    ),
    "create clusterrole cr2 --verb=get --non-resource-url=/logs": (
        "6b3873000a2b0a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f7631120b436c"
        "7573746572526f6c6512230a130a0363723212001a0022002a00320038004200120c0a036765742a"
        "052f6c6f67731a002200",
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "ClusterRole",
            "metadata": {"name": "cr2"},
            "rules": [{"verbs": ["get"], "nonResourceURLs": ["/logs"]}],
        },
    ),
    "create rolebinding rb1 --role=pod-reader --user=jane --group=devs "
    "--serviceaccount=default:sa0": (
        "6b3873000a2b0a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f7631120b526f"
        "6c6542696e64696e6712bd010a130a0372623112001a0022002a0032003800420012290a04557365"
        "721219726261632e617574686f72697a6174696f6e2e6b38732e696f1a046a616e652200122a0a05"
        "47726f75701219726261632e617574686f72697a6174696f6e2e6b38732e696f1a04646576732200"
        "12200a0e536572766963654163636f756e7412001a03736130220764656661756c741a2d0a197262"
        "61632e617574686f72697a6174696f6e2e6b38732e696f1204526f6c651a0a706f642d7265616465"
        "721a002200",
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "RoleBinding",
            "metadata": {"name": "rb1"},
            "subjects": [
                {"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "jane"},
                {"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "devs"},
                {"kind": "ServiceAccount", "name": "sa0", "namespace": "default"},
            ],
            "roleRef": {
                "apiGroup": "rbac.authorization.k8s.io",
                "kind": "Role",
                "name": "pod-reader",
            },
        },
    ),
    "create clusterrolebinding crb1 --clusterrole=cr1 --user=jane": (
        "6b3873000a320a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f76311212436c"
        "7573746572526f6c6542696e64696e6712700a140a046372623112001a0022002a00320038004200"
        "12290a04557365721219726261632e617574686f72697a6174696f6e2e6b38732e696f1a046a616e"
        "6522001a2d0a19726261632e617574686f72697a6174696f6e2e6b38732e696f120b436c75737465"
        "72526f6c651a036372311a002200",
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "ClusterRoleBinding",
            "metadata": {"name": "crb1"},
            "subjects": [{"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "jane"}],
            "roleRef": {
                "apiGroup": "rbac.authorization.k8s.io",
                "kind": "ClusterRole",
                "name": "cr1",
            },
        },
    ),
    "create quota q1 --hard=pods=5,cpu=2 --scopes=BestEffort": (
        "6b3873000a130a027631120d5265736f7572636551756f7461123d0a120a02713112001a0022002a"
        "0032003800420012250a0a0a0363707512030a01320a0b0a04706f647312030a0135120a42657374"
        "4566666f72741a001a002200",
        {
            "apiVersion": "v1",
            "kind": "ResourceQuota",
            "metadata": {"name": "q1"},
            "spec": {"hard": {"cpu": "2", "pods": "5"}, "scopes": ["BestEffort"]},
            "status": {},
        },
    ),
}


@pytest.mark.parametrize("command", list(CAPTURED))
def test_kubectls_bodies_decode_to_its_json(command: str) -> None:
    body, want = CAPTURED[command]
    assert protobuf.decode(bytes.fromhex(body)) == want


# --------------------------------------------------------------------------------------------
# a test-side encoder from the same tables


def _varint(v: int) -> bytes:
    v &= (1 << 64) - 1
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _key(num: int, wire: int) -> bytes:
    return _varint(num << 3 | wire)


def _bytes(num: int, data: bytes) -> bytes:
    return _key(num, 2) + _varint(len(data)) + data


def _time(text: str) -> bytes:
    t = datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return _key(1, 0) + _varint(int(t.timestamp()))


def _encode_value(typ: str, v: Any) -> tuple[int, bytes]:
    """(wire type, payload) of one value."""
    if typ == "s":
        return 2, v.encode()
    if typ == "by":
        return 2, base64.b64decode(v)
    if typ in ("b", "i32", "i64"):
        return 0, _varint(int(v))
    if typ == "f64":
        return 1, struct.pack("<d", v)
    if typ == "t":
        return 2, _time(v)
    if typ == "io":
        inner = (
            _key(1, 0) + _varint(1) + _bytes(3, v.encode())
            if isinstance(v, str)
            else (_key(1, 0) + _varint(0) + _key(2, 0) + _varint(v))
        )
        return 2, inner
    if typ == "q":
        return 2, _bytes(1, v.encode())
    if typ == "raw":
        return 2, _bytes(1, json.dumps(v).encode())
    if typ == "ExtraValue":
        return 2, b"".join(_bytes(1, s.encode()) for s in v)
    return 2, encode(typ, v)


_MAPS = {"map": "s", "bymap": "by", "qmap": "q", "xmap": "ExtraValue"}


def encode(name: str, doc: dict[str, Any]) -> bytes:
    """The protobuf of ``doc`` as message ``name`` (the inverse of protobuf.message)."""
    table = protobuf.tables()[name]
    out = bytearray()
    for num, (key, typ) in table.items():
        typ = typ.rstrip("?")
        if key == "_":
            inner = {
                k: v for k, v in doc.items() if k in {f[0] for f in protobuf.tables()[typ].values()}
            }
            out += _bytes(num, encode(typ, inner))
            continue
        if key not in doc:
            continue
        v = doc[key]
        if typ in _MAPS:
            for k, item in v.items():
                _, payload = _encode_value(_MAPS[typ], item)
                out += _bytes(num, _bytes(1, k.encode()) + _bytes(2, payload))
        elif typ.startswith("[]"):
            for item in v:
                wire, payload = _encode_value(typ[2:], item)
                out += _key(num, wire) + (_varint(len(payload)) if wire == 2 else b"") + payload
        else:
            wire, payload = _encode_value(typ, v)
            out += _key(num, wire) + (_varint(len(payload)) if wire == 2 else b"") + payload
    return bytes(out)


def envelope(api_version: str, kind: str, doc: dict[str, Any]) -> bytes:
    meta = _bytes(1, api_version.encode()) + _bytes(2, kind.encode())
    return protobuf.MAGIC + _bytes(1, meta) + _bytes(2, encode(kind, doc))


DEPLOYMENT: dict[str, Any] = {
    "metadata": {
        "name": "web",
        "namespace": "dev",
        "labels": {"app": "web"},
        "annotations": {"kubernetes.io/change-cause": "kubectl create --record=true"},
        "creationTimestamp": "2024-05-01T12:30:00Z",
        "ownerReferences": [
            {"apiVersion": "v1", "kind": "X", "name": "o", "uid": "u1", "controller": False}
        ],
    },
    "spec": {
        "replicas": 0,
        "selector": {
            "matchLabels": {"app": "web"},
            "matchExpressions": [{"key": "tier", "operator": "In", "values": ["a", "b"]}],
        },
        "strategy": {
            "type": "RollingUpdate",
            "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 1},
        },
        "minReadySeconds": 5,
        "paused": True,
        "template": {
            "metadata": {"labels": {"app": "web"}},
            "spec": {
                "terminationGracePeriodSeconds": 0,
                "securityContext": {"runAsUser": -1, "supplementalGroups": [1, 2, 3]},
                "volumes": [
                    {"name": "cfg", "configMap": {"name": "cm", "defaultMode": 420}},
                    {"name": "tmp", "emptyDir": {"sizeLimit": "1Gi"}},
                ],
                "containers": [
                    {
                        "name": "web",
                        "image": "nginx:1.25",
                        "args": ["-g", "daemon off;"],
                        "ports": [{"name": "http", "containerPort": 80, "protocol": "TCP"}],
                        "env": [
                            {"name": "A", "value": "ü"},
                            {
                                "name": "B",
                                "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}},
                            },
                        ],
                        "resources": {"limits": {"cpu": "500m"}, "requests": {"memory": "64Mi"}},
                        "readinessProbe": {
                            "httpGet": {"path": "/", "port": "http"},
                            "periodSeconds": 2,
                        },
                        "livenessProbe": {"tcpSocket": {"port": 80}},
                        "volumeMounts": [{"name": "cfg", "mountPath": "/etc/x", "readOnly": True}],
                        "securityContext": {"privileged": False},
                    }
                ],
            },
        },
    },
    "status": {},
}


def test_a_deployment_round_trips_through_the_tables() -> None:
    """Pointers keep their zeros (replicas 0, controller false), IntOrString both ways,
    embedded structs inline (Volume's source, Probe's handler), negative and packed ints."""
    body = envelope("apps/v1", "Deployment", DEPLOYMENT)
    assert protobuf.decode(body) == {"apiVersion": "apps/v1", "kind": "Deployment", **DEPLOYMENT}
    raw = body[len(protobuf.MAGIC) :]
    assert protobuf.fields(raw)[1][2] == encode("Deployment", DEPLOYMENT)


def test_non_pointer_zeros_are_dropped_as_omitempty_drops_them() -> None:
    doc = {"metadata": {"name": ""}, "spec": {"minReadySeconds": 0, "paused": False}}
    got = protobuf.decode(envelope("apps/v1", "Deployment", doc))
    assert got == {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {}, "spec": {}}


def test_packed_and_unpacked_repeated_ints_both_decode() -> None:
    packed = _bytes(4, _varint(1) + _varint(2) + _varint((1 << 64) - 5))
    unpacked = _key(4, 0) + _varint(7)
    doc = protobuf.message("PodSecurityContext", packed + unpacked)
    assert doc == {"supplementalGroups": [1, 2, -5, 7]}


def test_other_secrets_and_service_account_round_trip() -> None:
    cases = [
        ("v1", "Secret", {"metadata": {"name": "s"}, "type": "Opaque", "data": {"k": "AAEC"}}),
        ("v1", "ConfigMap", {"metadata": {"name": "c"}, "immutable": False, "data": {"a": ""}}),
        (
            "v1",
            "ServiceAccount",
            {"metadata": {"name": "sa"}, "automountServiceAccountToken": True},
        ),
        (
            "v1",
            "Service",
            {
                "metadata": {"name": "s"},
                "spec": {
                    "type": "NodePort",
                    "ports": [{"port": 80, "targetPort": "http", "nodePort": 30080}],
                    "selector": {"app": "web"},
                    "clusterIP": "None",
                },
            },
        ),
        (
            "policy/v1",
            "PodDisruptionBudget",
            {
                "metadata": {"name": "web"},
                "spec": {"selector": {"matchLabels": {"app": "web"}}, "maxUnavailable": "50%"},
            },
        ),
    ]
    for av, kind, doc in cases:
        assert protobuf.decode(envelope(av, kind, doc)) == {"apiVersion": av, "kind": kind, **doc}


# --------------------------------------------------------------------------------------------
# hostile input


def _rejects(body: bytes) -> errors.MklError:
    with pytest.raises(errors.ServerError) as e:
        protobuf.decode(body)
    return e.value


def test_malformed_bodies_are_bad_requests_and_unknown_kinds_unsupported() -> None:
    assert "expected prefix [107 56 115 0]" in _rejects(b'{"kind":"Namespace"}').message
    good = bytes.fromhex(CAPTURED["create namespace dev"][0])
    for bad in (good[:-3], good[:6], good + b"\x0b", good + b"\xff" * 11):
        doc = status.from_error(_rejects(bad))
        assert (doc["code"], doc["reason"]) == (400, "BadRequest")
    sc = _bytes(1, b"storage.k8s.io/v1") + _bytes(2, b"StorageClass")
    unknown = protobuf.MAGIC + _bytes(1, sc)
    doc = status.from_error(_rejects(unknown))
    assert (doc["code"], doc["reason"]) == (415, "UnsupportedMediaType")
    utf = envelope("v1", "Namespace", {}) + b""
    bad_utf = utf.replace(b"Namespace", b"Namespace") + _bytes(2, _bytes(1, _bytes(1, b"\xff")))
    assert status.from_error(_rejects(bad_utf))["code"] == 400


def test_deeply_nested_raw_json_is_refused_not_a_crash() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    entry = _bytes(7, _bytes(1, deep))  # ManagedFieldsEntry.fieldsV1
    meta = _bytes(17, entry)  # ObjectMeta.managedFields
    body = (
        protobuf.MAGIC
        + _bytes(1, _bytes(1, b"v1") + _bytes(2, b"Namespace"))
        + _bytes(2, _bytes(1, meta))
    )
    assert status.from_error(_rejects(body))["code"] == 400


def _outcome(body: bytes) -> None:
    try:
        assert isinstance(protobuf.decode(body), dict)
    except errors.ServerError as e:
        assert status.from_error(e)["code"] in (400, 415)


@FUZZ
@given(st.binary(max_size=300))
def test_fuzz_random_bytes_after_the_prefix(data: bytes) -> None:
    _outcome(protobuf.MAGIC + data)


@FUZZ
@given(st.sampled_from(sorted(CAPTURED)), st.data())
def test_fuzz_mutated_kubectl_bodies(command: str, data: st.DataObject) -> None:
    body = bytearray(bytes.fromhex(CAPTURED[command][0]))
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(4, len(body) - 1))
        body[i] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(4, len(body)))
    _outcome(bytes(body[:cut]))


# --------------------------------------------------------------------------------------------
# through the server, with the real kubectl


def test_request_document_decodes_protobuf_bodies() -> None:
    msg = Message()
    msg["Content-Type"] = protobuf.CONTENT_TYPE
    body = bytes.fromhex(CAPTURED["create namespace dev"][0])
    req = Request("POST", "/api/v1/namespaces", msg, body, None)  # type: ignore[arg-type]
    assert req.document() == CAPTURED["create namespace dev"][1]


LIVE = [
    ["create", "namespace", "dev"],
    ["create", "deployment", "api", "--image=gasbugs/http-go:v1", "--replicas=3", "--port=8080"],
    ["create", "service", "nodeport", "svc2", "--tcp=80:8080", "--node-port=30080"],
    ["create", "secret", "generic", "s1", "--from-literal=pw=hunter2", "--type=Opaque"],
    ["create", "role", "r", "--verb=get,list", "--resource=pods,deployments.apps"],
]


def test_kubectl_typed_creates_decode_to_what_kubectl_would_send_as_json(
    apiserver: launch.Launched, kc: Kubectl, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each POST body kubectl sends in protobuf decodes to the JSON of its --dry-run=client."""
    bodies: list[tuple[str, bytes]] = []
    real = routes.dispatch

    def spy(api: Any, req: Request) -> Response:
        if req.method == "POST":
            bodies.append((req.content_type, req.body))
        return real(api, req)

    monkeypatch.setattr(routes, "dispatch", spy)
    for argv in LIVE:
        kc(*argv)
        ctype, body = bodies.pop()
        assert ctype == protobuf.CONTENT_TYPE
        want = json.loads(kc(*argv, "--dry-run=client", "-o", "json").stdout)
        want["metadata"].pop("creationTimestamp", None)
        assert protobuf.decode(body) == want, argv


def test_a_pod_with_its_status_round_trips() -> None:
    pod: dict[str, Any] = {
        "metadata": {"name": "p", "deletionGracePeriodSeconds": 0},
        "spec": {"containers": [{"name": "c", "image": "busybox", "stdin": True}]},
        "status": {
            "phase": "Running",
            "podIP": "10.244.0.5",
            "startTime": "2024-05-01T12:30:00Z",
            "containerStatuses": [
                {
                    "name": "c",
                    "ready": True,
                    "restartCount": 2,
                    "image": "busybox",
                    "imageID": "docker-pullable://busybox@sha256:0",
                    "state": {"running": {"startedAt": "2024-05-01T12:31:00Z"}},
                    "lastState": {"terminated": {"exitCode": 137, "reason": "OOMKilled"}},
                }
            ],
        },
    }
    assert protobuf.decode(envelope("v1", "Pod", pod)) == {"apiVersion": "v1", "kind": "Pod", **pod}


# --------------------------------------------------------------------------------------------
# round trips of generated documents, for every kind of the tables

_INT = {"i32": (-(2**31), 2**31 - 1), "i64": (-(2**63), 2**63 - 1)}
_TIME = st.integers(0, 4_102_444_800).map(
    lambda s: datetime.fromtimestamp(s, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
)
_B64 = st.binary(min_size=1, max_size=8).map(lambda b: base64.b64encode(b).decode())


def _scalar_values(typ: str, pointer: bool) -> st.SearchStrategy[Any]:
    """Values that survive decoding: a non-pointer zero is dropped, so it is not generated."""
    if typ == "s":
        return st.text(max_size=6) if pointer else st.text(min_size=1, max_size=6)
    if typ == "b":
        return st.booleans() if pointer else st.just(True)
    if typ in _INT:
        ints = st.integers(*_INT[typ])
        return ints if pointer else ints.filter(bool)
    return _B64  # by


def _values(typ: str, depth: int) -> st.SearchStrategy[Any] | None:
    """Values of a field type (maps never empty: protobuf cannot tell an empty map from none)."""
    pointer, typ = typ.endswith("?"), typ.rstrip("?")
    if typ.startswith("[]"):
        elem = _values(typ[2:] + "?", depth)  # list elements keep their zeros
        return None if elem is None else st.lists(elem, min_size=1, max_size=2)
    simple: dict[str, st.SearchStrategy[Any]] = {
        "t": _TIME,
        "io": st.one_of(st.integers(-(2**31), 2**31 - 1), st.text(max_size=4)),
        "q": st.text(max_size=4),
        "raw": st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
        "map": st.dictionaries(st.text(max_size=3), st.text(max_size=3), min_size=1, max_size=2),
        "qmap": st.dictionaries(st.text(max_size=3), st.text(max_size=3), min_size=1, max_size=2),
        "bymap": st.dictionaries(st.text(max_size=3), _B64, min_size=1, max_size=2),
        "xmap": st.dictionaries(
            st.text(max_size=3), st.lists(st.text(max_size=3), max_size=2), min_size=1, max_size=2
        ),
        "ExtraValue": st.lists(st.text(max_size=3), max_size=2),
    }
    if typ in simple:
        return simple[typ]
    if typ in ("s", "b", "i32", "i64", "by"):
        return _scalar_values(typ, pointer)
    return _documents(typ, depth + 1) if depth < 4 else None


def _documents(name: str, depth: int = 0) -> st.SearchStrategy[dict[str, Any]]:
    optional: dict[str, st.SearchStrategy[Any]] = {}
    inline: list[st.SearchStrategy[dict[str, Any]]] = []
    for key, typ in protobuf.tables()[name].values():
        if key == "_":
            inline.append(_documents(typ, depth))
        elif (values := _values(typ, depth)) is not None:
            optional[key] = values
    own = st.fixed_dictionaries({}, optional=optional)
    if not inline:
        return own
    return st.tuples(own, *inline).map(lambda parts: {k: v for p in parts for k, v in p.items()})


@FUZZ
@given(st.sampled_from(sorted(protobuf_types.ROOTS)), st.data())
def test_fuzz_generated_documents_round_trip(kind: str, data: st.DataObject) -> None:
    doc = data.draw(_documents(kind))
    assert protobuf.decode(envelope("v1", kind, doc)) == {"apiVersion": "v1", "kind": kind, **doc}
