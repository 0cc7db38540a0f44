"""Object metadata, labels, annotations and label selectors.

Ports of k8s.io/apimachinery/pkg/api/validation/objectmeta.go (ValidateObjectMetaAccessor,
ValidateObjectMetaAccessorUpdate, ValidateAnnotations), generic.go (ValidateNonnegativeField,
maskTrailingDash) and k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go
(ValidateLabels, ValidateLabelSelector).  Go map iteration (random upstream) is done in
sorted-key order here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from minikube_lite.api import names as N
from minikube_lite.api.objects import Obj
from minikube_lite.api.validation.field import (
    Errs,
    Raw,
    forbidden,
    go_json,
    invalid,
    invalid_each,
    required,
    too_long,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

IMMUTABLE = "field is immutable"
NEGATIVE = "must be greater than or equal to 0"


def nonneg(value: Any, path: str) -> Errs:
    """ValidateNonnegativeField."""
    return [invalid(path, value, NEGATIVE)] if isinstance(value, int) and value < 0 else []


def label_selector_json(ls: Mapping[str, Any] | None) -> Raw:
    """A metav1.LabelSelector as encoding/json writes it (struct field order, omitempty)."""
    if ls is None:
        return Raw("null")
    parts = []
    if ls.get("matchLabels"):
        parts.append('"matchLabels":' + go_json(ls["matchLabels"]))
    if ls.get("matchExpressions"):
        exprs = []
        for e in ls["matchExpressions"]:
            fields = [
                f'"key":{go_json(e.get("key", ""))}',
                f'"operator":{go_json(e.get("operator", ""))}',
            ]
            if e.get("values"):
                fields.append('"values":' + go_json(e["values"]))
            exprs.append("{" + ",".join(fields) + "}")
        parts.append('"matchExpressions":[' + ",".join(exprs) + "]")
    return Raw("{" + ",".join(parts) + "}")


def validate_labels(labels: Mapping[str, Any] | None, path: str) -> Errs:
    """metav1 validation.ValidateLabels."""
    errs: Errs = []
    for k in sorted(labels or {}):
        v = (labels or {})[k]
        errs += invalid_each(path, k, N.is_qualified_name(k))
        errs += invalid_each(path, v, N.is_valid_label_value(v if isinstance(v, str) else str(v)))
    return errs


def validate_annotations(ann: Mapping[str, Any] | None, path: str) -> Errs:
    """apimachinery ValidateAnnotations (keys checked lower-cased; 256 KiB total)."""
    errs: Errs = []
    for k in sorted(ann or {}):
        errs += invalid_each(path, k, N.is_qualified_name(k.lower()))
    size = sum(len(k.encode()) + len(str(v).encode()) for k, v in (ann or {}).items())
    if size > 256 * 1024:
        errs.append(too_long(path, 256 * 1024))
    return errs


def mask_trailing_dash(name: str) -> str:
    """generic.go maskTrailingDash: a generateName may end in "-" (a suffix follows)."""
    return name[:-2] + "a" if len(name) > 1 and name.endswith("-") else name


NameFn = Callable[[str], list[str]]


def validate_object_meta(
    meta: Mapping[str, Any], namespaced: bool, name_fn: NameFn, path: str = "metadata"
) -> Errs:
    """ValidateObjectMetaAccessor (create)."""
    errs: Errs = []
    gen = meta.get("generateName") or ""
    if gen:
        errs += invalid_each(f"{path}.generateName", gen, name_fn(mask_trailing_dash(gen)))
    name = meta.get("name") or ""
    if not name:
        errs.append(required(f"{path}.name", "name or generateName is required"))
    else:
        errs += invalid_each(f"{path}.name", name, name_fn(name))
    if namespaced:
        ns = meta.get("namespace") or ""
        if not ns:
            errs.append(required(f"{path}.namespace"))
        else:
            errs += invalid_each(f"{path}.namespace", ns, N.is_dns1123_label(ns))
    errs += nonneg(meta.get("generation"), f"{path}.generation")
    errs += validate_labels(meta.get("labels"), f"{path}.labels")
    errs += validate_annotations(meta.get("annotations"), f"{path}.annotations")
    for f in meta.get("finalizers") or []:
        errs += invalid_each(f"{path}.finalizers", f, N.is_qualified_name(f))
    return errs


def validate_object_meta_update(
    new: Mapping[str, Any], old: Mapping[str, Any], path: str = "metadata"
) -> Errs:
    """ValidateObjectMetaAccessorUpdate (name/namespace immutability, labels, annotations)."""
    errs: Errs = []
    for field in ("name", "namespace"):
        if (new.get(field) or "") != (old.get(field) or ""):
            errs.append(invalid(f"{path}.{field}", new.get(field) or "", IMMUTABLE))
    errs += validate_labels(new.get("labels"), f"{path}.labels")
    errs += validate_annotations(new.get("annotations"), f"{path}.annotations")
    return errs


def validate_label_selector(ls: Mapping[str, Any] | None, path: str) -> Errs:
    """metav1 validation.ValidateLabelSelector (strict label values)."""
    if ls is None:
        return []
    errs = validate_labels(ls.get("matchLabels"), f"{path}.matchLabels")
    for i, e in enumerate(ls.get("matchExpressions") or []):
        p = f"{path}.matchExpressions[{i}]"
        op, vals = e.get("operator") or "", e.get("values") or []
        if op in ("In", "NotIn") and not vals:
            errs.append(
                required(f"{p}.values", "must be specified when `operator` is 'In' or 'NotIn'")
            )
        elif op in ("Exists", "DoesNotExist") and vals:
            errs.append(
                forbidden(
                    f"{p}.values",
                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                )
            )
        elif op not in ("In", "NotIn", "Exists", "DoesNotExist"):
            errs.append(invalid(f"{p}.operator", op, "not a valid selector operator"))
        key = e.get("key") or ""
        errs += invalid_each(f"{p}.key", key, N.is_qualified_name(key))
        for j, v in enumerate(vals):
            errs += invalid_each(f"{p}.values[{j}]", v, N.is_valid_label_value(v))
    return errs


def meta_of(obj: Obj) -> Mapping[str, Any]:
    """The object's metadata map ({} when absent or not a map)."""
    m = obj.get("metadata")
    return m if isinstance(m, dict) else {}


def spec_of(obj: Obj) -> Mapping[str, Any]:
    """The object's spec map ({} when absent or not a map)."""
    s = obj.get("spec")
    return s if isinstance(s, dict) else {}
