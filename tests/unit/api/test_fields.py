"""api.fields: ParseSelector's grammar, the per-kind field labels and the selectable field sets."""

from __future__ import annotations

import pytest

from minikube_lite import errors
from minikube_lite.api import fields
from tests import builders as mk


def test_parse_operators_commas_and_sorted_terms() -> None:
    sel = fields.parse("status.phase!=Running,metadata.name==web,spec.nodeName=")
    assert [(t.field, t.op, t.value) for t in sel.terms] == [
        ("metadata.name", "=", "web"),
        ("spec.nodeName", "=", ""),
        ("status.phase", "!=", "Running"),
    ]


def test_parse_escaped_comma_and_empty_terms() -> None:
    sel = fields.parse(r"metadata.name=a\,b,,")
    assert [(t.field, t.value) for t in sel.terms] == [("metadata.name", "a,b")]
    assert fields.parse("").empty()


def test_parse_error_is_the_servers() -> None:
    with pytest.raises(errors.BadRequestError) as e:
        fields.parse("a=b,foo")
    assert e.value.message == "invalid selector: 'a=b,foo'; can't understand 'foo'"


@pytest.mark.parametrize(
    ("kind", "label", "message"),
    [
        ("Pod", "status.hostIP", "field label not supported: status.hostIP"),
        ("Namespace", "metadata.namespace", "field label not supported: metadata.namespace"),
        (
            "Deployment",
            "spec.replicas",
            '"spec.replicas" is not a known field selector: only "metadata.name", '
            '"metadata.namespace"',
        ),
    ],
)
def test_unsupported_labels(kind: str, label: str, message: str) -> None:
    with pytest.raises(errors.BadRequestError) as e:
        fields.parse(f"{label}=x").check(kind)
    assert e.value.message == message


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        ("Pod", "spec.nodeName"),
        ("Pod", "spec.hostNetwork"),
        ("Pod", "status.podIPs"),
        ("Pod", "spec.host"),
        ("Event", "involvedObject.name"),
        ("Event", "source"),
        ("Service", "spec.type"),
        ("Secret", "type"),
        ("Node", "spec.unschedulable"),
        ("ReplicaSet", "status.replicas"),
        ("ConfigMap", "metadata.namespace"),
    ],
)
def test_supported_labels(kind: str, label: str) -> None:
    fields.parse(f"{label}=x").check(kind)


def _pod() -> mk.Obj:
    p = mk.pod("web")
    p["metadata"]["namespace"] = "default"
    p["spec"].update(nodeName="minikube", restartPolicy="Always")
    p["status"] = {"phase": "Running", "podIPs": [{"ip": "10.244.0.3"}]}
    return p


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("status.phase=Running", True),
        ("status.phase==Running,spec.nodeName=minikube", True),
        ("status.phase!=Running", False),
        ("status.podIP=10.244.0.3", True),
        ("spec.hostNetwork=false", True),
        ("spec.host=minikube", True),
        ("status.podIPs=", True),  # accepted, not in the set: reads as ""
        ("metadata.namespace!=default", False),
        ("spec.schedulerName=", True),
    ],
)
def test_pod_matches(text: str, want: bool) -> None:
    assert fields.parse(text).matches("Pod", _pod(), True) is want


def test_event_source_falls_back_to_reporting_component() -> None:
    ev = {"metadata": {"name": "e"}, "reportingComponent": "kubelet", "source": {}}
    assert fields.parse("source=kubelet").matches("Event", ev, True)
    ev["source"] = {"component": "scheduler"}
    assert not fields.parse("source=kubelet").matches("Event", ev, True)
