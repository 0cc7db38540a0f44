"""scheduling.k8s.io/v1 validation of PriorityClasses.

Port of pkg/apis/scheduling/validation/validation.go (ValidatePriorityClass,
ValidatePriorityClassUpdate): a cluster-scoped DNS-subdomain name, ``system-`` names reserved for
the system classes, user values at most HighestUserDefinablePriority, a known preemption
policy; value and preemptionPolicy immutable (ValidateImmutableField).
"""

from __future__ import annotations

from minikube_lite.api import names as N
from minikube_lite.api import scheduling
from minikube_lite.api.objects import Obj
from minikube_lite.api.validation.field import Errs, forbidden, invalid, not_supported, required
from minikube_lite.api.validation.meta import (
    IMMUTABLE,
    meta_of,
    validate_object_meta,
    validate_object_meta_update,
)


def validate_priority_class(pc: Obj) -> Errs:
    """ValidatePriorityClass."""
    errs = validate_object_meta(meta_of(pc), False, N.is_dns1123_subdomain)
    name = str(meta_of(pc).get("name") or "")
    raw = pc.get("value")
    value = raw if isinstance(raw, int) else 0
    if name.startswith(scheduling.SYSTEM_PREFIX):
        err = scheduling.is_known_system_priority_class(name, value, bool(pc.get("globalDefault")))
        if err:
            errs.append(
                forbidden(
                    "metadata.name",
                    f"priority class names with '{scheduling.SYSTEM_PREFIX}' prefix are reserved "
                    f"for system use only. error: {err}",
                )
            )
    elif value > scheduling.HIGHEST_USER_DEFINABLE:
        errs.append(
            forbidden(
                "value",
                "maximum allowed value of a user defined priority is "
                f"{scheduling.HIGHEST_USER_DEFINABLE}",
            )
        )
    policy = pc.get("preemptionPolicy")
    if policy == "":
        errs.append(required("preemptionPolicy"))
    elif policy is not None and policy not in scheduling.PREEMPTION_POLICIES:
        errs.append(not_supported("preemptionPolicy", policy, scheduling.PREEMPTION_POLICIES))
    return errs


def validate_priority_class_update(pc: Obj, old: Obj) -> Errs:
    """ValidatePriorityClassUpdate: metadata update rules; value and preemptionPolicy may not
    change."""
    errs = validate_object_meta_update(meta_of(pc), meta_of(old))
    if pc.get("value") != old.get("value"):
        errs.append(forbidden("value", "may not be changed in an update."))
    if pc.get("preemptionPolicy") != old.get("preemptionPolicy"):
        errs.append(invalid("preemptionPolicy", pc.get("preemptionPolicy"), IMMUTABLE))
    return errs
