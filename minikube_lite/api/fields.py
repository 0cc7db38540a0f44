"""Field selectors (``--field-selector``): parse, check per kind, match, as the API server does.

Ports apimachinery ``pkg/fields/selector.go`` (ParseSelector: terms split on unescaped commas,
operators ``!=``, ``==``, ``=``; ``\\,``, ``\\=``, ``\\\\`` escapes), the field label conversion
functions of ``pkg/apis/core/v1/conversion.go`` (AddFieldLabelConversionFunc: which labels a kind
accepts and the error for any other; ``runtime.DefaultMetaV1FieldSelectorConversion`` for kinds
without one) and the selectable field sets (``pkg/registry/core/pod/strategy.go``
ToSelectableFields, ``generic.ObjectMetaFieldsSet``, the event, node, namespace, secret, service
and replica set strategies' GetAttrs).  A label the conversion accepts but the set lacks
(``status.podIPs``) reads as "" (fields.Set.Get), as upstream.
"""

from __future__ import annotations

from collections.abc import Callable

from minikube_lite.api.objects import Obj
from minikube_lite.errors import BadRequestError, MklError
from minikube_lite.records import dataclass

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

Getter = Callable[[Obj], str]


def _path(*keys: str) -> Getter:
    def get(obj: Obj) -> str:
        cur: Any = obj
        for k in keys:
            cur = cur.get(k) if isinstance(cur, dict) else None
        return "" if cur is None else str(cur)

    return get


def _bool(*keys: str) -> Getter:
    base = _path(*keys)
    return lambda obj: "true" if base(obj) == "True" else "false"


def _pod_ip(obj: Obj) -> str:
    ips = obj.get("status", {}).get("podIPs") or []
    return str(ips[0].get("ip", "")) if ips else ""


def _event_source(obj: Obj) -> str:
    """event strategy: source.component, else reportingComponent (the core/v1 field name)."""
    return _path("source", "component")(obj) or _path("reportingComponent")(obj)


_POD: dict[str, Getter] = {
    "spec.nodeName": _path("spec", "nodeName"),
    "spec.restartPolicy": _path("spec", "restartPolicy"),
    "spec.schedulerName": _path("spec", "schedulerName"),
    "spec.serviceAccountName": _path("spec", "serviceAccountName"),
    "spec.hostNetwork": _bool("spec", "hostNetwork"),
    "status.phase": _path("status", "phase"),
    "status.podIP": _pod_ip,
    "status.nominatedNodeName": _path("status", "nominatedNodeName"),
}
_EVENT: dict[str, Getter] = {
    f"involvedObject.{f}": _path("involvedObject", f)
    for f in ("kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath")
} | {
    "reason": _path("reason"),
    "reportingComponent": _path("reportingComponent"),
    "source": _event_source,
    "type": _path("type"),
}

# kind -> (the labels its conversion func accepts besides metadata.*, its extra fields)
_SPECIFIC: dict[str, dict[str, Getter]] = {
    "Pod": _POD,
    "Event": _EVENT,
    "Node": {"spec.unschedulable": _bool("spec", "unschedulable")},
    "Namespace": {"status.phase": _path("status", "phase")},
    "Secret": {"type": _path("type")},
    "Service": {"spec.clusterIP": _path("spec", "clusterIP"), "spec.type": _path("spec", "type")},
    "ReplicaSet": {"status.replicas": lambda obj: str(obj.get("status", {}).get("replicas", 0))},
    "ReplicationController": {
        "status.replicas": lambda obj: str(obj.get("status", {}).get("replicas", 0))
    },
}
_ACCEPTED_EXTRA: dict[str, tuple[str, ...]] = {
    "Pod": ("status.podIPs", "spec.host"),  # accepted; podIPs is not in the set
}
_NO_NAMESPACE_LABEL = frozenset({"Node", "Namespace"})  # their conversion refuses it


@dataclass(frozen=True, slots=True)
class Term:
    field: str
    op: str  # "=" (also "==") or "!="
    value: str


@dataclass(frozen=True, slots=True)
class FieldSelector:
    text: str
    terms: tuple[Term, ...]

    def empty(self) -> bool:
        return not self.terms

    def check(self, kind: str) -> None:
        """The conversion funcs' Transform: BadRequest for a label ``kind`` does not support."""
        for t in self.terms:
            _convert(kind, t.field)

    def matches(self, kind: str, obj: Obj, namespaced: bool) -> bool:
        fields = selectable_fields(kind, obj, namespaced)
        for t in self.terms:
            field = "spec.nodeName" if kind == "Pod" and t.field == "spec.host" else t.field
            got = fields.get(field, "")
            if (got == t.value) != (t.op == "="):
                return False
        return True


def _convert(kind: str, label: str) -> None:
    specific = _SPECIFIC.get(kind)
    if specific is None:
        if label not in ("metadata.name", "metadata.namespace"):
            raise BadRequestError(
                f'"{label}" is not a known field selector: only "metadata.name", '
                '"metadata.namespace"'
            )
        return
    meta = (
        ("metadata.name",)
        if kind in _NO_NAMESPACE_LABEL
        else ("metadata.name", "metadata.namespace")
    )
    if label in meta or label in specific or label in _ACCEPTED_EXTRA.get(kind, ()):
        return
    raise BadRequestError(f"field label not supported: {label}")


def selectable_fields(kind: str, obj: Obj, namespaced: bool) -> dict[str, str]:
    """The strategy's GetAttrs field set: ObjectMetaFieldsSet plus the kind's own fields."""
    meta = obj.get("metadata") or {}
    out = {"metadata.name": str(meta.get("name", ""))}
    if namespaced:
        out["metadata.namespace"] = str(meta.get("namespace", ""))
    for label, get in _SPECIFIC.get(kind, {}).items():
        out[label] = get(obj)
    return out


def parse(text: str) -> FieldSelector:
    """fields.ParseSelector: terms sorted, empty terms skipped; errors as upstream's."""
    terms = []
    for part in sorted(_split_terms(text)):
        if not part:
            continue
        split = _split_term(part)
        if split is None:
            raise BadRequestError(f"invalid selector: '{text}'; can't understand '{part}'")
        lhs, op, rhs = split
        terms.append(Term(lhs, "!=" if op == "!=" else "=", _unescape(rhs)))
    return FieldSelector(text, tuple(terms))


def _split_terms(text: str) -> list[str]:
    """Split on commas not escaped by a backslash (the escape stays for _unescape)."""
    if not text:
        return []
    out, cur, escaped = [], [], False
    for ch in text:
        if escaped:
            cur.append(ch)
            escaped = False
        elif ch == "\\":
            cur.append(ch)
            escaped = True
        elif ch == ",":
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return out


def _split_term(term: str) -> tuple[str, str, str] | None:
    """The first operator found scanning left to right; at one spot ``!=``, ``==``, ``=``."""
    for i in range(len(term)):
        for op in ("!=", "==", "="):
            if term.startswith(op, i):
                return term[:i], op, term[i + len(op) :]
    return None


def _unescape(value: str) -> str:
    """fields.UnescapeValue: only ``\\\\``, ``\\,``, ``\\=`` are escapes; ``,``/``=`` must be."""
    if "\\" not in value and "=" not in value and "," not in value:
        return value
    out, escaped = [], False
    for ch in value:
        if escaped:
            if ch not in "\\,=":
                raise BadRequestError(f"invalid field selector: invalid escape sequence: \\{ch}")
            out.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch in ",=":
            raise BadRequestError(f"invalid field selector: unescaped {ch} in value")
        else:
            out.append(ch)
    if escaped:
        raise BadRequestError("invalid field selector: unterminated escape sequence")
    return "".join(out)


def list_error(
    resource: str, label_selector: str, field_selector: str, err: MklError
) -> BadRequestError:
    """cli-runtime Selector.Visit's rewording of the server's BadRequest for a list.

    ``resource`` is the GroupVersionResource string (``/v1, Resource=pods``).
    """
    return BadRequestError(
        f'Unable to find "{resource}" that match label selector "{label_selector}", '
        f'field selector "{field_selector}": {err.message}'
    )
