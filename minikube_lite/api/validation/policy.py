"""policy/v1 validation of PodDisruptionBudgets.

Port of pkg/apis/policy/validation/validation.go (ValidatePodDisruptionBudget,
ValidatePodDisruptionBudgetSpec): minAvailable xor maxUnavailable, each a non-negative int or a
percent of at most 100%, a valid selector and a known unhealthyPodEvictionPolicy.  The spec is
mutable (ValidatePodDisruptionBudgetUpdate checks the new object as on create).
"""

from __future__ import annotations

from collections.abc import Mapping

from minikube_lite.api import names as N
from minikube_lite.api import policy
from minikube_lite.api.objects import Obj
from minikube_lite.api.validation.apps import validate_int_or_percent
from minikube_lite.api.validation.field import Errs, Raw, go_json, invalid, not_supported
from minikube_lite.api.validation.meta import (
    label_selector_json,
    meta_of,
    spec_of,
    validate_label_selector,
    validate_object_meta,
    validate_object_meta_update,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _not_over_100(v: Any, path: str) -> Errs:
    """apps IsNotMoreThan100Percent."""
    if isinstance(v, str) and v.endswith("%") and v[:-1].isdigit() and int(v[:-1]) > 100:
        return [invalid(path, v, "must not be greater than 100%")]
    return []


def _spec_json(spec: Mapping[str, Any]) -> Raw:
    """A PodDisruptionBudgetSpec as encoding/json writes it (struct order, omitempty)."""
    parts = []
    if spec.get("minAvailable") is not None:
        parts.append('"minAvailable":' + go_json(spec["minAvailable"]))
    if spec.get("selector") is not None:
        parts.append('"selector":' + label_selector_json(spec["selector"]))
    if spec.get("maxUnavailable") is not None:
        parts.append('"maxUnavailable":' + go_json(spec["maxUnavailable"]))
    if spec.get("unhealthyPodEvictionPolicy") is not None:
        parts.append('"unhealthyPodEvictionPolicy":' + go_json(spec["unhealthyPodEvictionPolicy"]))
    return Raw("{" + ",".join(parts) + "}")


def validate_pdb_spec(spec: Mapping[str, Any], path: str = "spec") -> Errs:
    """ValidatePodDisruptionBudgetSpec."""
    errs: Errs = []
    lo, hi = spec.get("minAvailable"), spec.get("maxUnavailable")
    if lo is not None and hi is not None:
        errs.append(
            invalid(path, _spec_json(spec), "minAvailable and maxUnavailable cannot be both set")
        )
    for field, v in (("minAvailable", lo), ("maxUnavailable", hi)):
        if v is not None:
            errs += validate_int_or_percent(v, f"{path}.{field}")
            errs += _not_over_100(v, f"{path}.{field}")
    sel = spec.get("selector")
    if isinstance(sel, Mapping):
        errs += validate_label_selector(sel, f"{path}.selector")
    policy_ = spec.get("unhealthyPodEvictionPolicy")
    if policy_ is not None and policy_ not in policy.UNHEALTHY_POLICIES:
        errs.append(
            not_supported(f"{path}.unhealthyPodEvictionPolicy", policy_, policy.UNHEALTHY_POLICIES)
        )
    return errs


def validate_pdb(pdb: Obj) -> Errs:
    """ValidatePodDisruptionBudget: namespaced metadata (a DNS subdomain name), the spec."""
    errs = validate_object_meta(meta_of(pdb), True, N.is_dns1123_subdomain)
    return errs + validate_pdb_spec(spec_of(pdb))


def validate_pdb_update(pdb: Obj, old: Obj) -> Errs:
    """ValidatePodDisruptionBudgetUpdate: metadata update rules; the spec as on create."""
    return validate_object_meta_update(meta_of(pdb), meta_of(old)) + validate_pdb_spec(spec_of(pdb))
