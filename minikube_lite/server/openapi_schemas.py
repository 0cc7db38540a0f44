"""The schemas of the OpenAPI documents, generated from mkl's own type tables.

A struct of ``api/schema.py`` (with the explain-only types of ``api/field_types.py``) is one
``components.schemas`` entry named as the API server names the Go type
(``io.k8s.api.apps.v1.DeploymentSpec``), its properties described in ``api/field_docs.py``'s
words, with their enums and required fields.  A struct-typed property is ``{"allOf": [{"$ref":
...}]}``, a list ``{"type": "array", "items": ...}``, a map ``additionalProperties``; IntOrString
and Quantity are ``oneOf`` schemas, Time a date-time string.  Lists and maps carry the
strategic-merge metadata of ``api/patch/strategicpatch/meta.py``: ``x-kubernetes-patch-strategy``,
``-patch-merge-key``, and a merge list is ``x-kubernetes-list-type: map`` keyed by its merge key
(``set`` without one).
"""

from __future__ import annotations

import copy
from typing import Any

from minikube_lite.api import field_docs, field_types, kinds
from minikube_lite.api.patch import errors as patch_errors
from minikube_lite.api.patch.strategicpatch import meta as patch_meta
from minikube_lite.ops import explain_api

Doc = dict[str, Any]
REF = "#/components/schemas/"
_META = "io.k8s.apimachinery.pkg.apis.meta.v1."
_META_TYPES = frozenset(
    {"ObjectMeta", "OwnerReference", "ManagedFieldsEntry", "LabelSelector", "ListMeta"}
    | {"LabelSelectorRequirement"}
)
_APPS_PREFIXES = (
    "Deployment",
    "ReplicaSet",
    "RollingUpdateDeployment",
    "StatefulSet",
    "RollingUpdateStatefulSetStrategy",
    "ControllerRevision",
)
_BATCH_PREFIXES = ("Job", "UncountedTerminatedPods", "CronJob")
_RBAC_TYPES = frozenset({"PolicyRule", "Subject", "RoleRef"})
_POLICY_PREFIXES = ("PodDisruptionBudget",)
_NETWORKING_PREFIXES = ("Ingress", "HTTPIngress", "ServiceBackendPort")
# leaf types that have their own schema (the formats the API server publishes)
_SHARED: dict[str, Doc] = {
    _META + "Time": {"type": "string", "format": "date-time"},
    "io.k8s.apimachinery.pkg.util.intstr.IntOrString": {
        "format": "int-or-string",
        "oneOf": [{"type": "integer"}, {"type": "string"}],
    },
    "io.k8s.apimachinery.pkg.api.resource.Quantity": {
        "oneOf": [{"type": "string"}, {"type": "number"}]
    },
}
_LEAF = {
    "t": _META + "Time",
    "io": "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
    "q": "io.k8s.apimachinery.pkg.api.resource.Quantity",
}
_SCALAR: dict[str, Doc] = {
    "s": {"type": "string"},
    "i32": {"type": "integer", "format": "int32"},
    "i64": {"type": "integer", "format": "int64"},
    "b": {"type": "boolean"},
    "by": {"type": "string", "format": "byte"},
    "any": {"type": "object"},
    "map": {"type": "object", "additionalProperties": {"type": "string"}},
    "bymap": {"type": "object", "additionalProperties": {"type": "string", "format": "byte"}},
}
SCALE = "io.k8s.api.autoscaling.v1.Scale"
SCALE_GVK = {"group": "autoscaling", "kind": "Scale", "version": "v1"}
_SCALE_DOC = "The replica count of a scalable object, read and written through its /scale."
_LIST_META = "continue remainingItemCount:i64 resourceVersion selfLink"
VERSION = "v1.34.0"  # the server version /version reports


def schema_name(struct: str) -> str:
    """The name the API server gives a Go type: ``io.k8s.api.apps.v1.DeploymentSpec``."""
    if struct in _META_TYPES:
        return _META + struct
    k = kinds.KINDS.get(struct) or kinds.KINDS.get(struct.removesuffix("List"))
    if k is not None and k.group:
        return f"io.k8s.api.{k.group.split('.')[0]}.{k.version}.{struct}"
    if struct.startswith(_APPS_PREFIXES):
        return "io.k8s.api.apps.v1." + struct
    if struct.startswith(_BATCH_PREFIXES):
        return "io.k8s.api.batch.v1." + struct
    if struct in _RBAC_TYPES:
        return "io.k8s.api.rbac.v1." + struct
    if struct.startswith(_POLICY_PREFIXES):
        return "io.k8s.api.policy.v1." + struct
    if struct.startswith(_NETWORKING_PREFIXES):
        return "io.k8s.api.networking.v1." + struct
    return "io.k8s.api.core.v1." + struct


def ref(struct: str) -> Doc:
    return {"$ref": REF + schema_name(struct)}


def value_schema(typ: str) -> Doc:
    """The schema of a value of a field type (api/schema.py's notation)."""
    if typ.startswith("[]"):
        return {"type": "array", "items": value_schema(typ[2:])}
    if typ.startswith("@"):
        return {"type": "string"}
    if typ in _SCALAR:
        return copy.deepcopy(_SCALAR[typ])
    if typ == "qmap":
        return {"type": "object", "additionalProperties": {"$ref": REF + _LEAF["q"]}}
    if typ in _LEAF:
        return {"allOf": [{"$ref": REF + _LEAF[typ]}]}
    return {"allOf": [ref(typ)]}


def _patch_extensions(struct: str, field: str, prop: Doc) -> None:
    """The strategic-merge metadata of ``struct.field`` as the OpenAPI extensions."""
    try:
        _sub, strategies, key = patch_meta.lookup_struct(struct, field)
    except patch_errors.PatchError:
        return
    if not strategies:
        return
    prop["x-kubernetes-patch-strategy"] = ",".join(strategies)
    if key:
        prop["x-kubernetes-patch-merge-key"] = key
    if prop.get("type") == "array" and "merge" in strategies:
        prop["x-kubernetes-list-type"] = "map" if key else "set"
        if key:
            prop["x-kubernetes-list-map-keys"] = [key]


def struct_schema(struct: str, description: str = "") -> Doc:
    """One struct: its properties (described, enums, patch metadata) and required fields."""
    props: Doc = {}
    for field, typ in explain_api.fields(struct).items():
        prop = value_schema(typ)
        text = field_docs.field(struct, field)
        if text:
            prop["description"] = text
        values = field_types.ENUMS.get(f"{struct}.{field}")
        if values:
            prop["enum"] = list(values)
        _patch_extensions(struct, field, prop)
        props[field] = prop
    out: Doc = {"type": "object", "properties": props}
    if description:
        out["description"] = description
    required = sorted(f for f in props if f"{struct}.{f}" in field_types.REQUIRED)
    if required:
        out["required"] = required
    return out


def gvk(k: kinds.Kind, kind: str | None = None) -> dict[str, str]:
    return {"group": k.group, "kind": kind or k.kind, "version": k.version}


def _list_schema(k: kinds.Kind) -> Doc:
    return {
        "type": "object",
        "description": f"A list of {k.kind} objects.",
        "properties": {
            "apiVersion": {"type": "string", "description": field_docs.field(k.kind, "apiVersion")},
            "items": {"type": "array", "items": {"allOf": [ref(k.kind)]}},
            "kind": {"type": "string", "description": field_docs.field(k.kind, "kind")},
            "metadata": {"allOf": [ref("ListMeta")]},
        },
        "required": ["items"],
        "x-kubernetes-group-version-kind": [gvk(k, k.kind + "List")],
    }


def _closure(roots: list[str]) -> list[str]:
    """The structs reachable from ``roots`` through their fields, in the order first reached."""
    seen: dict[str, None] = {}
    todo = list(roots)
    while todo:
        struct = todo.pop(0)
        if struct in seen:
            continue
        seen[struct] = None
        for typ in explain_api.fields(struct).values():
            sub = explain_api.struct_of(typ)
            if sub is not None and sub not in seen:
                todo.append(sub)
    return list(seen)


def schemas(group: str, version: str) -> Doc:
    """The components.schemas of one group-version: its kinds, their lists and every struct
    they reach."""
    served = [k for k in kinds.KINDS.values() if (k.group, k.version) == (group, version)]
    out: Doc = dict(_SHARED)
    for struct in _closure([k.kind for k in served]):
        k = kinds.KINDS.get(struct)
        desc = field_docs.KINDS.get(struct, "") if k else field_docs.TYPES.get(struct, "")
        doc = struct_schema(struct, desc)
        if k is not None:
            doc["x-kubernetes-group-version-kind"] = [gvk(k)]
        out[schema_name(struct)] = doc
    for k in served:
        out[schema_name(k.kind + "List")] = _list_schema(k)
    if any(k.kind in ("Deployment", "ReplicaSet", "ReplicationController") for k in served):
        out.update(_scale_schemas())
    list_meta = {n: t or "s" for n, _, t in (i.partition(":") for i in _LIST_META.split())}
    out[_META + "ListMeta"] = {
        "type": "object",
        "description": "The metadata of a list: the resourceVersion it was read at and the "
        "token for its next page.",
        "properties": {n: value_schema(t) for n, t in list_meta.items()},
    }
    return dict(sorted(out.items()))


def _scale_schemas() -> Doc:
    """autoscaling/v1 Scale, what ``/scale`` reads and writes."""
    meta = _META + "ObjectMeta"
    int32 = {"type": "integer", "format": "int32"}
    return {
        SCALE: {
            "type": "object",
            "description": _SCALE_DOC,
            "properties": {
                "apiVersion": {"type": "string"},
                "kind": {"type": "string"},
                "metadata": {"allOf": [{"$ref": REF + meta}]},
                "spec": {"allOf": [{"$ref": REF + SCALE + "Spec"}]},
                "status": {"allOf": [{"$ref": REF + SCALE + "Status"}]},
            },
            "x-kubernetes-group-version-kind": [SCALE_GVK],
        },
        SCALE + "Spec": {
            "type": "object",
            "description": "The desired replica count.",
            "properties": {"replicas": {**int32, "description": "How many pods to run."}},
        },
        SCALE + "Status": {
            "type": "object",
            "description": "The observed replica count and the pods' label selector.",
            "properties": {
                "replicas": {**int32, "description": "How many pods run now."},
                "selector": {"type": "string", "description": "The label selector, as a query."},
            },
            "required": ["replicas"],
        },
    }
