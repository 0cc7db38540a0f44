"""core/v1 validation of ReplicationControllers: a ReplicaSet's rules over a label-map selector.

Port of pkg/apis/core/validation/validation.go (ValidateReplicationController,
ValidateReplicationControllerUpdate, ValidateReplicationControllerSpec, ValidateNonEmptySelector,
ValidatePodTemplateSpecForRC).  Unlike a ReplicaSet's, an RC's selector may change.
"""

from __future__ import annotations

from collections.abc import Mapping

from minikube_lite.api import labels as L
from minikube_lite.api import names as N
from minikube_lite.api.objects import Obj
from minikube_lite.api.validation.apps import validate_pod_template_for_replicaset
from minikube_lite.api.validation.field import Errs, required
from minikube_lite.api.validation.meta import (
    meta_of,
    nonneg,
    spec_of,
    validate_object_meta,
    validate_object_meta_update,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

KIND = "ReplicationController"


def validate_replication_controller_spec(spec: Mapping[str, Any], path: str = "spec") -> Errs:
    """ValidateReplicationControllerSpec: minReadySeconds, a non-empty selector, replicas, the
    template (which the selector must match)."""
    errs = nonneg(spec.get("minReadySeconds"), f"{path}.minReadySeconds")
    sel = spec.get("selector")
    if not isinstance(sel, Mapping) or not sel:
        errs.append(required(f"{path}.selector"))
        sel = {}
    errs += nonneg(spec.get("replicas"), f"{path}.replicas")
    tpl = spec.get("template")
    if not isinstance(tpl, Mapping):
        return [*errs, required(f"{path}.template")]
    selector = L.selector_from_set({str(k): str(v) for k, v in sel.items()})
    return errs + validate_pod_template_for_replicaset(tpl, selector, f"{path}.template", KIND)


def validate_replication_controller(obj: Obj) -> Errs:
    """ValidateReplicationController (create)."""
    return validate_object_meta(
        meta_of(obj), True, N.is_dns1123_subdomain
    ) + validate_replication_controller_spec(spec_of(obj))


def validate_replication_controller_update(obj: Obj, old: Obj) -> Errs:
    """ValidateReplicationControllerUpdate: metadata update rules plus the spec's."""
    return validate_object_meta_update(
        meta_of(obj), meta_of(old)
    ) + validate_replication_controller_spec(spec_of(obj))
