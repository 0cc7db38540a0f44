"""API-server validation with upstream 1.34 messages: the one entry point, per kind.

``validate(obj, old)`` returns ``FieldError``s in upstream order; ``check`` raises
``InvalidError``.  Run it on defaulted objects (``defaults.default_object``), as the API server
does.  The tables below are the registry strategies' Validate / ValidateUpdate
(pkg/registry/<group>/<resource>/strategy.go); the rules live in one module per upstream
package: ``field`` (apimachinery util/validation/field), ``meta`` (apimachinery api/validation,
apis/meta/v1/validation), ``apps`` and ``apps_stateful`` (pkg/apis/apps/validation), ``pod``,
``containers``, ``resources``, ``core`` and ``replication`` (pkg/apis/core/validation), ``batch``
(pkg/apis/batch/validation), ``policy``, ``scheduling`` and ``networking``
(pkg/apis/policy/validation and the like; imported lazily), ``rbac`` (pkg/apis/rbac/validation).
"""

from __future__ import annotations

from collections.abc import Callable

from minikube_lite.api import names as N
from minikube_lite.api.objects import Obj
from minikube_lite.api.validation.apps import (
    validate_deployment,
    validate_deployment_update,
    validate_replica_set,
    validate_replica_set_update,
)
from minikube_lite.api.validation.apps_stateful import (
    validate_stateful_set,
    validate_stateful_set_update,
)
from minikube_lite.api.validation.autoscaling import (
    validate_horizontal_pod_autoscaler,
    validate_horizontal_pod_autoscaler_update,
)
from minikube_lite.api.validation.batch import (
    validate_cronjob,
    validate_cronjob_update,
    validate_job,
    validate_job_update,
)
from minikube_lite.api.validation.core import (
    validate_config_map,
    validate_config_map_update,
    validate_limit_range,
    validate_namespace,
    validate_resource_quota,
    validate_secret,
    validate_secret_update,
    validate_service,
    validate_service_update,
)
from minikube_lite.api.validation.field import Errs
from minikube_lite.api.validation.meta import (
    meta_of,
    validate_object_meta,
    validate_object_meta_update,
)
from minikube_lite.api.validation.pod import validate_pod
from minikube_lite.api.validation.rbac import (
    validate_binding,
    validate_binding_update,
    validate_role,
)
from minikube_lite.api.validation.replication import (
    validate_replication_controller,
    validate_replication_controller_update,
)
from minikube_lite.errors import InvalidError


def _meta_only(namespaced: bool) -> Callable[[Obj], Errs]:
    return lambda obj: validate_object_meta(meta_of(obj), namespaced, N.is_dns1123_subdomain)


def _lazy(module: str, name: str) -> Callable[..., Errs]:
    """A validator of a rarely used kind's module, imported on its first object (the
    everyday commands' import path stays as it is)."""

    def run(*objs: Obj) -> Errs:
        import importlib

        fn = getattr(importlib.import_module(f"minikube_lite.api.validation.{module}"), name)
        errs: Errs = fn(*objs)
        return errs

    return run


_CREATE: dict[str, Callable[[Obj], Errs]] = {
    "Deployment": validate_deployment,
    "ReplicaSet": validate_replica_set,
    "ReplicationController": validate_replication_controller,
    "StatefulSet": validate_stateful_set,
    "Job": validate_job,
    "CronJob": validate_cronjob,
    "Pod": validate_pod,
    "Service": validate_service,
    "Namespace": validate_namespace,
    "ConfigMap": validate_config_map,
    "Secret": validate_secret,
    "ResourceQuota": validate_resource_quota,
    "LimitRange": validate_limit_range,
    "Role": validate_role,
    "ClusterRole": validate_role,
    "RoleBinding": validate_binding,
    "ClusterRoleBinding": validate_binding,
    "Node": _meta_only(False),
    "HorizontalPodAutoscaler": validate_horizontal_pod_autoscaler,
    "PodDisruptionBudget": _lazy("policy", "validate_pdb"),
    "PriorityClass": _lazy("scheduling", "validate_priority_class"),
    "Ingress": _lazy("networking", "validate_ingress"),
    "IngressClass": _lazy("networking", "validate_ingress_class"),
}
_UPDATE: dict[str, Callable[[Obj, Obj], Errs]] = {
    "Deployment": validate_deployment_update,
    "ReplicaSet": validate_replica_set_update,
    "ReplicationController": validate_replication_controller_update,
    "StatefulSet": validate_stateful_set_update,
    "Job": validate_job_update,
    "CronJob": validate_cronjob_update,
    "Service": validate_service_update,
    "ConfigMap": validate_config_map_update,
    "Secret": validate_secret_update,
    "RoleBinding": validate_binding_update,
    "ClusterRoleBinding": validate_binding_update,
    "HorizontalPodAutoscaler": validate_horizontal_pod_autoscaler_update,
    "PodDisruptionBudget": _lazy("policy", "validate_pdb_update"),
    "PriorityClass": _lazy("scheduling", "validate_priority_class_update"),
    "Ingress": _lazy("networking", "validate_ingress_update"),
}


def validate(obj: Obj, old: Obj | None = None) -> Errs:
    """The registry strategy's Validate (create) or ValidateUpdate (``old`` given), deduplicated."""
    kind = str(obj.get("kind") or "")
    create = _CREATE.get(kind, _meta_only(True))
    if old is None:
        errs = create(obj)
    elif kind in _UPDATE:
        errs = _UPDATE[kind](obj, old)
    elif kind == "Pod":
        errs = validate_object_meta_update(meta_of(obj), meta_of(old))
    else:
        errs = validate_object_meta_update(meta_of(obj), meta_of(old)) + create(obj)
    return list(dict.fromkeys(errs))


def check(obj: Obj, old: Obj | None = None) -> None:
    """Raise InvalidError (HTTP 422, ``The <Kind> "<name>" is invalid: ...``) on any error."""
    errs = validate(obj, old)
    if errs:
        raise InvalidError(str(obj.get("kind") or ""), str(meta_of(obj).get("name") or ""), errs)
