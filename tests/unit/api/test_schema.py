"""Strict decoding: unknown fields and Go type errors with the API server's exact texts."""

from __future__ import annotations

import base64
import copy
from collections.abc import Callable
from typing import Any

import pytest

from minikube_lite.api import schema
from minikube_lite.api.kinds import KINDS
from minikube_lite.errors import BadRequestError

PREFIX = 'Deployment in version "v1" cannot be handled as a Deployment: '


def deployment() -> dict[str, Any]:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web", "labels": {"app": "web"}},
        "spec": {
            "replicas": 3,
            "selector": {"matchLabels": {"app": "web"}},
            "strategy": {"rollingUpdate": {"maxSurge": 1, "maxUnavailable": "25%"}},
            "template": {
                "metadata": {"labels": {"app": "web"}},
                "spec": {
                    "containers": [
                        {
                            "name": "web",
                            "image": "nginx:1.14.2",
                            "ports": [{"containerPort": 80}],
                            "env": [{"name": "A", "value": "1"}],
                            "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}},
                            "readinessProbe": {"httpGet": {"path": "/", "port": 80}},
                        }
                    ]
                },
            },
        },
    }


def c0(d: dict[str, Any]) -> dict[str, Any]:
    return d["spec"]["template"]["spec"]["containers"][0]


Mut = Callable[[dict[str, Any]], object]

UNKNOWN: list[tuple[str, Mut, list[str]]] = [
    ("none", lambda d: None, []),
    (
        "container",
        lambda d: c0(d).update(imagePullPolice="Always"),
        ["spec.template.spec.containers[0].imagePullPolice"],
    ),
    ("top level", lambda d: d.update(specs={}), ["specs"]),
    ("metadata", lambda d: d["metadata"].update(labelz={}), ["metadata.labelz"]),
    ("case sensitive", lambda d: d["spec"].update(Replicas=2), ["spec.Replicas"]),
    (
        "several sorted",
        lambda d: (d["spec"].update(zeta=1, alpha=2), c0(d).update(commands=["x"])),
        ["spec.alpha", "spec.template.spec.containers[0].commands", "spec.zeta"],
    ),
    (
        "probe",
        lambda d: c0(d)["readinessProbe"].update(initialDelay=5),
        ["spec.template.spec.containers[0].readinessProbe.initialDelay"],
    ),
    (
        "free-form maps are open",
        lambda d: (
            d["metadata"].update(annotations={"x/y": "1"}),
            c0(d)["resources"]["limits"].update(gpu="1"),
        ),
        [],
    ),
    (
        "selector",
        lambda d: d["spec"]["selector"].update(matchLabel={"a": "b"}),
        ["spec.selector.matchLabel"],
    ),
]


@pytest.mark.parametrize(
    ("mutate", "want"), [(m, w) for _, m, w in UNKNOWN], ids=[c[0] for c in UNKNOWN]
)
def test_unknown_fields(mutate: Mut, want: list[str]) -> None:
    d = deployment()
    mutate(d)
    assert schema.unknown_fields(d) == want


def test_all_container_fields_are_known() -> None:
    fields = [
        "name",
        "image",
        "command",
        "args",
        "workingDir",
        "ports",
        "envFrom",
        "env",
        "resources",
        "volumeMounts",
        "volumeDevices",
        "livenessProbe",
        "readinessProbe",
        "startupProbe",
        "lifecycle",
        "terminationMessagePath",
        "terminationMessagePolicy",
        "imagePullPolicy",
        "securityContext",
        "stdin",
        "stdinOnce",
        "tty",
        "restartPolicy",
        "resizePolicy",
    ]
    assert set(fields) <= set(schema.fields_of("Container"))


def test_every_served_kind_has_a_schema() -> None:
    for kind in KINDS:
        schema.fields_of(kind)


def test_strict_decoding_error_text() -> None:
    err = schema.strict_decoding_error(
        "Deployment", ["spec.template.spec.containers[0].imagePullPolice"]
    )
    assert isinstance(err, BadRequestError)
    assert (
        err.message
        == PREFIX
        + 'strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolice"'
    )
    two = schema.strict_decoding_error("Deployment", ["spec.a", "spec.b"])
    assert (
        two.message
        == PREFIX + 'strict decoding error: unknown field "spec.a", unknown field "spec.b"'
    )
    assert two.with_source("web.yaml").render() == (
        'Error from server (BadRequest): error when creating "web.yaml": ' + two.message
    )


TYPE_ERRORS: list[tuple[str, Mut, str | None]] = [
    ("valid", lambda d: None, None),
    ("float that is an int", lambda d: d["spec"].update(replicas=3.0), None),
    (
        "replicas string",
        lambda d: d["spec"].update(replicas="three"),
        "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas "
        "of type int32",
    ),
    (
        "replicas fraction",
        lambda d: d["spec"].update(replicas=2.5),
        "json: cannot unmarshal number 2.5 into Go struct field "
        "DeploymentSpec.spec.replicas of type int32",
    ),
    (
        "replicas overflow",
        lambda d: d["spec"].update(replicas=3000000000),
        "json: cannot unmarshal number 3000000000 into Go struct field "
        "DeploymentSpec.spec.replicas of type int32",
    ),
    (
        "paused",
        lambda d: d["spec"].update(paused="yes"),
        "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused "
        "of type bool",
    ),
    (
        "label value",
        lambda d: d["metadata"]["labels"].update(version=1),
        "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels "
        "of type string",
    ),
    (
        "template label",
        lambda d: d["spec"]["template"]["metadata"]["labels"].update(v=True),
        "json: cannot unmarshal bool into Go struct field "
        "ObjectMeta.spec.template.metadata.labels of type string",
    ),
    (
        "containerPort",
        lambda d: c0(d)["ports"][0].update(containerPort="80"),
        "json: cannot unmarshal string into Go struct field "
        "ContainerPort.spec.template.spec.containers.ports.containerPort of type int32",
    ),
    (
        "args",
        lambda d: c0(d).update(args="--verbose"),
        "json: cannot unmarshal string into Go struct field "
        "Container.spec.template.spec.containers.args of type []string",
    ),
    (
        "containers object",
        lambda d: d["spec"]["template"]["spec"].update(containers={"name": "web"}),
        "json: cannot unmarshal object into Go struct field "
        "PodSpec.spec.template.spec.containers of type []v1.Container",
    ),
    (
        "env value",
        lambda d: c0(d)["env"][0].update(value=8080),
        "json: cannot unmarshal number into Go struct field "
        "EnvVar.spec.template.spec.containers.env.value of type string",
    ),
    (
        "named string",
        lambda d: c0(d).update(imagePullPolicy=1),
        "json: cannot unmarshal number into Go struct field "
        "Container.spec.template.spec.containers.imagePullPolicy of type v1.PullPolicy",
    ),
    (
        "spec scalar",
        lambda d: d.update(spec="x"),
        "json: cannot unmarshal string into Go struct field Deployment.spec of type "
        "v1.DeploymentSpec",
    ),
    (
        "quantity",
        lambda d: c0(d)["resources"]["limits"].update(cpu="half"),
        "quantities must match the regular expression '^([+-]?[0-9."
        "]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ),
    (
        "quantity suffix",
        lambda d: c0(d)["resources"]["limits"].update(memory="128mi"),
        "unable to parse quantity's suffix",
    ),
    ("quantity number ok", lambda d: c0(d)["resources"]["limits"].update(cpu=0.5), None),
    (
        "int-or-string bool",
        lambda d: d["spec"]["strategy"]["rollingUpdate"].update(maxSurge=True),
        "json: cannot unmarshal bool into Go value of type int32",
    ),
    (
        "int-or-string fraction",
        lambda d: c0(d)["readinessProbe"]["httpGet"].update(port=80.5),
        "json: cannot unmarshal number 80.5 into Go value of type int32",
    ),
    (
        "abort wins over earlier saved error",
        lambda d: (
            d["metadata"]["labels"].update(v=1),
            c0(d)["resources"]["limits"].update(cpu="x"),
        ),
        "quantities must match the regular expression '^([+-]?[0-9."
        "]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ),
    (
        "first saved error in key order",
        lambda d: (d["spec"].update(replicas="3"), d["metadata"]["labels"].update(v=1)),
        "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels "
        "of type string",
    ),
    ("null is fine", lambda d: d["spec"].update(replicas=None), None),
]


@pytest.mark.parametrize(
    ("mutate", "want"), [(m, w) for _, m, w in TYPE_ERRORS], ids=[c[0] for c in TYPE_ERRORS]
)
def test_type_errors(mutate: Mut, want: str | None) -> None:
    d = deployment()
    mutate(d)
    assert schema.type_error(d) == want


def test_check_decode_prefers_type_errors() -> None:
    d = deployment()
    d["spec"]["replicas"] = "three"
    c0(d)["imagePullPolice"] = "Always"
    with pytest.raises(BadRequestError) as err:
        schema.check_decode(d)
    assert err.value.render() == (
        "Error from server (BadRequest): "
        + PREFIX
        + (
            "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas "
            "of type int32"
        )
    )
    d["spec"]["replicas"] = 3
    with pytest.raises(BadRequestError) as err:
        schema.check_decode(d)
    assert (
        err.value.message
        == PREFIX
        + 'strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolice"'
    )
    schema.check_decode(d, strict=False)
    schema.check_decode(deployment())


def test_other_kinds_prefix_and_fields() -> None:
    svc = {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": "s"},
        "spec": {"ports": [{"port": "80", "targetport": 80}]},
    }
    assert schema.type_error(svc) == (
        "json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port "
        "of type int32"
    )
    assert schema.unknown_fields(svc) == ["spec.ports[0].targetport"]
    rb = {
        "apiVersion": "rbac.authorization.k8s.io/v1",
        "kind": "RoleBinding",
        "metadata": {"name": "b"},
        "roleRef": {"kind": "Role", "name": "r", "apigroup": "x"},
        "subject": [],
    }
    assert schema.unknown_fields(rb) == ["roleRef.apigroup", "subject"]
    err = schema.decode_error("Service", "x")
    assert err.message == 'Service in version "v1" cannot be handled as a Service: x'


def secret(data: dict[str, Any]) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "data": data}


def test_secret_data_must_be_base64() -> None:
    assert schema.type_error(secret({"a": base64.b64encode(b"hello").decode()})) is None
    assert (
        schema.type_error(secret({"password": "hunter2!"})) == "illegal base64 data at input byte 7"
    )
    assert schema.type_error(secret({"n": 5})) == (
        "json: cannot unmarshal number into Go struct field Secret.data of type []uint8"
    )


BASE64 = [
    ("", None),
    ("aGVsbG8=", None),
    ("aGVsbG8", 4),
    ("aGVsbA==", None),
    ("aGVsbA=", 7),
    ("aGVsbA=x", 6),
    ("aGVs\nbG8=", None),
    ("a", 0),
    ("ab=c", 2),
    ("aGVsbG8=aa", 8),
    ("a$bc", 1),
]


@pytest.mark.parametrize(("text", "offset"), BASE64)
def test_base64_error_offset(text: str, offset: int | None) -> None:
    assert schema.base64_error_offset(text) == offset


def test_walk_does_not_mutate() -> None:
    d = deployment()
    c0(d)["bogus"] = 1
    before = copy.deepcopy(d)
    schema.unknown_fields(d)
    schema.type_error(d)
    assert d == before


def test_drop_nulls_mimics_go_zero_values() -> None:
    d = deployment()
    d["spec"]["replicas"] = None
    d["metadata"]["labels"] = None
    d["spec"]["template"]["spec"]["containers"].append(None)
    c0(d)["args"] = ["a", None]
    d["spec"]["template"]["spec"]["affinity"] = {"nodeAffinity": None}
    schema.drop_nulls(d)
    assert "replicas" not in d["spec"]
    assert "labels" not in d["metadata"]
    assert d["spec"]["template"]["spec"]["containers"][1] == {}
    assert c0(d)["args"] == ["a", ""]
    assert d["spec"]["template"]["spec"]["affinity"] == {}
