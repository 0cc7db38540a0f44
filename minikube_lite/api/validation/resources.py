"""Resource names and quantities: container requests/limits, quota and limit-range keys.

Port of pkg/apis/core/validation/validation.go (ValidateResourceRequirements,
validateResourceName, validateContainerResourceName, ValidateResourceQuantityValue) and
pkg/apis/core/helper/helpers.go (IsExtendedResourceName, IsNativeResource,
IsHugePageResourceName).
"""

from __future__ import annotations

from collections.abc import Mapping

from minikube_lite.api import names as N
from minikube_lite.api.quantity import Quantity, QuantityError, parse_quantity
from minikube_lite.api.validation.field import Errs, Raw, go_json, invalid, invalid_each, required
from minikube_lite.api.validation.meta import NEGATIVE

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_STANDARD_CONTAINER = frozenset({"cpu", "memory", "ephemeral-storage"})
STANDARD_RESOURCES = _STANDARD_CONTAINER | frozenset(
    {
        "requests.cpu",
        "requests.memory",
        "requests.ephemeral-storage",
        "limits.cpu",
        "limits.memory",
        "limits.ephemeral-storage",
        "pods",
        "resourcequotas",
        "services",
        "replicationcontrollers",
        "secrets",
        "persistentvolumeclaims",
        "storage",
        "requests.storage",
        "services.nodeports",
        "services.loadbalancers",
        "configmaps",
    }
)
_INTEGER = frozenset(
    {
        "pods",
        "resourcequotas",
        "services",
        "replicationcontrollers",
        "secrets",
        "configmaps",
        "persistentvolumeclaims",
        "services.nodeports",
        "services.loadbalancers",
    }
)


def is_hugepages(name: str) -> bool:
    """helper.IsHugePageResourceName or IsQuotaHugePageResourceName (``requests.hugepages-``)."""
    return name.startswith("hugepages-") or name.startswith("requests.hugepages-")


def _is_native(name: str) -> bool:
    return "/" not in name or "kubernetes.io/" in name


def is_extended_resource(name: str) -> bool:
    """helper.IsExtendedResourceName."""
    if _is_native(name) or name.startswith("requests."):
        return False
    return not N.is_qualified_name("requests." + name)


def validate_resource_name(name: str, path: str) -> Errs:
    """validateResourceName (quota/limit keys)."""
    errs = invalid_each(path, name, N.is_qualified_name(name))
    if not errs and "/" not in name and name not in STANDARD_RESOURCES and not is_hugepages(name):
        errs.append(invalid(path, name, "must be a standard resource type or fully qualified"))
    return errs


def _container_resource_name(name: str, path: str) -> Errs:
    """validateContainerResourceName."""
    errs = validate_resource_name(name, path)
    if "/" not in name:
        if name not in _STANDARD_CONTAINER and not name.startswith("hugepages-"):
            errs.append(invalid(path, name, "must be a standard resource for containers"))
    elif not _is_native(name) and not is_extended_resource(name):
        errs.append(invalid(path, name, "doesn't follow extended resource name standard"))
    return errs


def resource_quantity_value(name: str, q: Quantity, path: str) -> Errs:
    """ValidateResourceQuantityValue."""
    errs = [invalid(path, str(q), NEGATIVE)] if q.sign() < 0 else []
    if (name in _INTEGER or is_extended_resource(name)) and not q.is_integer():
        errs.append(invalid(path, Raw(go_json(str(q))), "must be an integer"))
    return errs


def validate_resources(res: Mapping[str, Any], path: str) -> Errs:
    """ValidateResourceRequirements (container resources)."""
    limits = {k: quantity_or_none(v) for k, v in (res.get("limits") or {}).items()}
    requests = {k: quantity_or_none(v) for k, v in (res.get("requests") or {}).items()}
    errs: Errs = []
    for name in sorted(limits):
        errs += _container_resource_name(name, f"{path}.limits[{name}]")
        limit = limits[name]
        if limit is not None:
            errs += resource_quantity_value(name, limit, f"{path}.limits[{name}]")
    for name in sorted(requests):
        q, lim = requests[name], limits.get(name)
        errs += _container_resource_name(name, f"{path}.requests[{name}]")
        if q is None:
            continue
        errs += resource_quantity_value(name, q, f"{path}.requests[{name}]")
        overcommit = _is_native(name) and not is_hugepages(name)
        if name in limits and lim is not None:
            if q != lim and not overcommit:
                errs.append(
                    invalid(f"{path}.requests", str(q), f"must be equal to {name} limit of {lim}")
                )
            elif q > lim:
                errs.append(
                    invalid(
                        f"{path}.requests",
                        str(q),
                        f"must be less than or equal to {name} limit of {lim}",
                    )
                )
        elif not overcommit:
            errs.append(
                required(f"{path}.limits", "Limit must be set for non overcommitable resources")
            )
    return errs


def quantity_or_none(v: Any) -> Quantity | None:
    """resource.ParseQuantity, or None when the value does not parse."""
    try:
        return parse_quantity(v)
    except (QuantityError, TypeError, ValueError):
        return None
