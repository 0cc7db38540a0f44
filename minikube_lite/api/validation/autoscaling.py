"""autoscaling/v2 validation of HorizontalPodAutoscalers.

Port of pkg/apis/autoscaling/validation/validation.go (ValidateHorizontalPodAutoscaler,
validateHorizontalPodAutoscalerSpec, ValidateCrossVersionObjectReference, validateMetrics,
validateResourceSource, validateMetricTarget) for what mkl serves: the replica bounds, the
scale target and Resource metrics (other metric types are checked for their source only).
"""

from __future__ import annotations

from collections.abc import Mapping

from minikube_lite.api import names as N
from minikube_lite.api.objects import Obj
from minikube_lite.api.quantity import QuantityError, parse_quantity
from minikube_lite.api.validation.field import Errs, invalid, required
from minikube_lite.api.validation.meta import (
    meta_of,
    spec_of,
    validate_object_meta,
    validate_object_meta_update,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_SOURCES = {
    "Object": "object",
    "Pods": "pods",
    "Resource": "resource",
    "ContainerResource": "containerResource",
    "External": "external",
}
_TARGET_TYPES = ("Utilization", "Value", "AverageValue")


def validate_cross_version_object_reference(ref: Any, path: str) -> Errs:
    """ValidateCrossVersionObjectReference: kind and name, each a valid path segment."""
    ref = ref if isinstance(ref, Mapping) else {}
    errs: Errs = []
    for key in ("kind", "name"):
        value = str(ref.get(key) or "")
        if not value:
            errs.append(required(f"{path}.{key}"))
        else:
            errs += [
                invalid(f"{path}.{key}", value, m) for m in N.is_valid_path_segment_name(value)
            ]
    return errs


def _positive(value: Any, path: str) -> Errs:
    try:
        ok = value is None or parse_quantity(str(value)).sign() == 1
    except QuantityError:
        return []  # strict decoding reports a bad quantity before validation runs
    return [] if ok else [invalid(path, value, "must be positive")]


def validate_metric_target(mt: Mapping[str, Any], path: str) -> Errs:
    """validateMetricTarget."""
    errs: Errs = []
    typ = mt.get("type") or ""
    if not typ:
        errs.append(required(f"{path}.type", "must specify a metric target type"))
    if typ not in _TARGET_TYPES:
        errs.append(
            invalid(f"{path}.type", typ, "must be either Utilization, Value, or AverageValue")
        )
    errs += _positive(mt.get("value"), f"{path}.value")
    errs += _positive(mt.get("averageValue"), f"{path}.averageValue")
    util = mt.get("averageUtilization")
    if util is not None and int(util) < 1:
        errs.append(invalid(f"{path}.averageUtilization", util, "must be greater than 0"))
    return errs


def validate_resource_source(src: Mapping[str, Any], path: str) -> Errs:
    """validateResourceSource."""
    errs: Errs = []
    if not src.get("name"):
        errs.append(required(f"{path}.name", "must specify a resource name"))
    raw = src.get("target")
    target: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
    errs += validate_metric_target(target, f"{path}.target")
    util, value = target.get("averageUtilization"), target.get("averageValue")
    if util is None and value is None:
        errs.append(
            required(
                f"{path}.target.averageUtilization",
                "must set either a target raw value or a target utilization",
            )
        )
    if util is not None and value is not None:
        errs.append(
            invalid(
                f"{path}.target.averageValue",
                value,
                "may not set both a target raw value and a target utilization",
            )
        )
    return errs


def validate_metric_spec(spec: Mapping[str, Any], path: str) -> Errs:
    """validateMetricSpec: a known type whose source is given."""
    typ = spec.get("type") or ""
    if not typ:
        return [required(f"{path}.type", "must specify a metric source type")]
    field = _SOURCES.get(str(typ))
    if field is None:
        return [invalid(f"{path}.type", typ, "must be either Pods, Object, Resource or External")]
    src = spec.get(field)
    if not isinstance(src, Mapping):
        return [
            required(f"{path}.{field}", "must populate information for the given metric source")
        ]
    if typ == "Resource":
        return validate_resource_source(src, f"{path}.resource")
    return []


def validate_hpa_spec(spec: Mapping[str, Any], path: str = "spec") -> Errs:
    """validateHorizontalPodAutoscalerSpec (HPAScaleToZero off: minReplicas >= 1)."""
    errs: Errs = []
    low, high = spec.get("minReplicas"), int(spec.get("maxReplicas") or 0)
    if low is not None and int(low) < 1:
        errs.append(invalid(f"{path}.minReplicas", low, "must be greater than or equal to 1"))
    if high < 1:
        errs.append(invalid(f"{path}.maxReplicas", high, "must be greater than 0"))
    if low is not None and high < int(low):
        errs.append(
            invalid(f"{path}.maxReplicas", high, "must be greater than or equal to `minReplicas`")
        )
    errs += validate_cross_version_object_reference(
        spec.get("scaleTargetRef"), f"{path}.scaleTargetRef"
    )
    for i, metric in enumerate(spec.get("metrics") or ()):
        if isinstance(metric, Mapping):
            errs += validate_metric_spec(metric, f"{path}.metrics[{i}]")
    return errs


def validate_horizontal_pod_autoscaler(obj: Obj) -> Errs:
    """ValidateHorizontalPodAutoscaler (create)."""
    return validate_object_meta(meta_of(obj), True, N.is_dns1123_subdomain) + validate_hpa_spec(
        spec_of(obj)
    )


def validate_horizontal_pod_autoscaler_update(obj: Obj, old: Obj) -> Errs:
    """ValidateHorizontalPodAutoscalerUpdate."""
    return validate_object_meta_update(meta_of(obj), meta_of(old)) + validate_hpa_spec(spec_of(obj))
