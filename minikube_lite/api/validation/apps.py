"""apps/v1 validation: Deployment and ReplicaSet specs, strategies, selectors, templates.

Port of pkg/apis/apps/validation/validation.go (ValidateDeployment, ValidateDeploymentUpdate,
ValidateDeploymentSpec, ValidateDeploymentStrategy, ValidateRollingUpdateDeployment,
ValidatePositiveIntOrPercent, ValidateReplicaSet, ValidateReplicaSetSpec,
ValidatePodTemplateSpecForReplicaSet).
"""

from __future__ import annotations

from collections.abc import Mapping

from minikube_lite.api import labels as L
from minikube_lite.api import names as N
from minikube_lite.api.objects import Obj
from minikube_lite.api.validation.field import (
    Errs,
    Raw,
    as_int,
    forbidden,
    go_json,
    invalid,
    not_supported,
    required,
)
from minikube_lite.api.validation.meta import (
    IMMUTABLE,
    label_selector_json,
    meta_of,
    nonneg,
    spec_of,
    validate_label_selector,
    validate_object_meta,
    validate_object_meta_update,
)
from minikube_lite.api.validation.pod import validate_pod_template

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _percent(v: Any) -> int | None:
    if isinstance(v, str) and v.endswith("%") and v[:-1].isdigit() and v[:-1].isascii():
        return int(v[:-1])
    return None


def validate_int_or_percent(v: Any, path: str) -> Errs:
    """apps ValidatePositiveIntOrPercent."""
    if isinstance(v, str):
        if _percent(v) is None:
            msg = N.regex_error(
                "a valid percent string must be a numeric string followed by an ending '%'",
                "[0-9]+%",
                "1%",
                "93%",
            )
            return [invalid(path, v, msg)]
        return []
    return nonneg(as_int(v), path)


def _int_or_percent_value(v: Any) -> int:
    p = _percent(v)
    if p is not None:
        return p
    if isinstance(v, str):
        try:
            return int(v)
        except ValueError:
            return 0
    return as_int(v)


def validate_rolling_update(ru: Mapping[str, Any], path: str) -> Errs:
    """ValidateRollingUpdateDeployment."""
    mu, ms = ru.get("maxUnavailable", 0), ru.get("maxSurge", 0)
    errs = validate_int_or_percent(mu, f"{path}.maxUnavailable") + validate_int_or_percent(
        ms, f"{path}.maxSurge"
    )
    if _int_or_percent_value(mu) == 0 and _int_or_percent_value(ms) == 0:
        errs.append(invalid(f"{path}.maxUnavailable", mu, "may not be 0 when `maxSurge` is 0"))
    p = _percent(mu)
    if p is not None and p > 100:
        errs.append(invalid(f"{path}.maxUnavailable", mu, "must not be greater than 100%"))
    return errs


def _strategy_json(strategy: Mapping[str, Any]) -> Raw:
    """The internal apps.DeploymentStrategy (no json tags) as encoding/json writes it."""
    ru = strategy.get("rollingUpdate")
    ru_json = (
        "null"
        if ru is None
        else (
            '{"MaxUnavailable":'
            + go_json(ru.get("maxUnavailable", 0))
            + ',"MaxSurge":'
            + go_json(ru.get("maxSurge", 0))
            + "}"
        )
    )
    return Raw(
        '{"Type":' + go_json(strategy.get("type") or "") + ',"RollingUpdate":' + ru_json + "}"
    )


def validate_deployment_strategy(strategy: Mapping[str, Any], path: str) -> Errs:
    """ValidateDeploymentStrategy."""
    stype = strategy.get("type") or ""
    if stype == "Recreate":
        if strategy.get("rollingUpdate") is not None:
            return [
                forbidden(
                    f"{path}.rollingUpdate",
                    "may not be specified when strategy `type` is 'Recreate'",
                )
            ]
        return []
    if stype == "RollingUpdate":
        ru = strategy.get("rollingUpdate")
        if ru is None:
            return [required(f"{path}.rollingUpdate", "this should be defaulted and never be nil")]
        return validate_rolling_update(ru, f"{path}.rollingUpdate")
    return [not_supported(path, _strategy_json(strategy), ["Recreate", "RollingUpdate"])]


def _validate_selector_and_template(spec: Mapping[str, Any], path: str) -> Errs:
    """The selector/template part shared by Deployment and ReplicaSet specs."""
    errs: Errs = []
    sel = spec.get("selector")
    if sel is None:
        errs.append(required(f"{path}.selector"))
    else:
        errs += validate_label_selector(sel, f"{path}.selector")
        if not sel.get("matchLabels") and not sel.get("matchExpressions"):
            errs.append(
                invalid(
                    f"{path}.selector",
                    label_selector_json(sel),
                    "empty selector is invalid for deployment",
                )
            )
    try:
        selector = L.from_label_selector(sel)
    except L.SelectorError:
        return [
            *errs,
            invalid(f"{path}.selector", label_selector_json(sel), "invalid label selector"),
        ]
    return errs + validate_pod_template_for_replicaset(
        spec.get("template") or {}, selector, f"{path}.template"
    )


def validate_deployment_spec(spec: Mapping[str, Any], path: str = "spec") -> Errs:
    """apps ValidateDeploymentSpec."""
    errs = nonneg(spec.get("replicas"), f"{path}.replicas")
    errs += _validate_selector_and_template(spec, path)
    errs += validate_deployment_strategy(spec.get("strategy") or {}, f"{path}.strategy")
    min_ready = as_int(spec.get("minReadySeconds"))
    errs += nonneg(min_ready, f"{path}.minReadySeconds")
    errs += nonneg(spec.get("revisionHistoryLimit"), f"{path}.revisionHistoryLimit")
    pds = spec.get("progressDeadlineSeconds")
    if isinstance(pds, int):
        errs += nonneg(pds, f"{path}.progressDeadlineSeconds")
        if pds <= min_ready:
            errs.append(
                invalid(
                    f"{path}.progressDeadlineSeconds", pds, "must be greater than minReadySeconds"
                )
            )
    return errs


def validate_replicaset_spec(spec: Mapping[str, Any], path: str = "spec") -> Errs:
    """apps ValidateReplicaSetSpec."""
    errs = nonneg(spec.get("replicas"), f"{path}.replicas")
    errs += nonneg(spec.get("minReadySeconds"), f"{path}.minReadySeconds")
    return errs + _validate_selector_and_template(spec, path)


def _selector_immutable(obj: Obj, old: Obj) -> Errs:
    new_sel, old_sel = obj.get("spec", {}).get("selector"), old.get("spec", {}).get("selector")
    if _norm_selector(new_sel) != _norm_selector(old_sel):
        return [invalid("spec.selector", label_selector_json(new_sel), IMMUTABLE)]
    return []


def _norm_selector(sel: Mapping[str, Any] | None) -> Any:
    if sel is None:
        return None
    exprs = [
        (e.get("key"), e.get("operator"), tuple(e.get("values") or ()))
        for e in sel.get("matchExpressions") or []
    ]
    return (dict(sel.get("matchLabels") or {}), exprs)


def validate_pod_template_for_replicaset(
    tpl: Mapping[str, Any], selector: L.Selector, path: str, kind: str = "ReplicaSet"
) -> Errs:
    """apps ValidatePodTemplateSpecForReplicaSet (and core's ValidatePodTemplateSpecForRC, whose
    rules are the same with ``kind`` ReplicationController)."""
    meta = tpl.get("metadata") or {}
    tlabels = meta.get("labels")
    errs: Errs = []
    if not selector.empty() and not selector.matches(tlabels or {}):
        errs.append(
            invalid(
                f"{path}.metadata.labels", tlabels, "`selector` does not match template `labels`"
            )
        )
    errs += validate_pod_template(tpl, path)
    spec = tpl.get("spec") or {}
    if (spec.get("restartPolicy") or "") != "Always":
        errs.append(
            not_supported(f"{path}.spec.restartPolicy", spec.get("restartPolicy") or "", ["Always"])
        )
    if spec.get("activeDeadlineSeconds") is not None:
        errs.append(
            forbidden(
                f"{path}.spec.activeDeadlineSeconds",
                f"activeDeadlineSeconds in {kind} is not Supported",
            )
        )
    return errs


def validate_deployment(obj: Obj) -> Errs:
    """ValidateDeployment (create)."""
    return validate_object_meta(
        meta_of(obj), True, N.is_dns1123_subdomain
    ) + validate_deployment_spec(spec_of(obj))


def validate_deployment_update(obj: Obj, old: Obj) -> Errs:
    """ValidateDeploymentUpdate: the create rules plus an immutable selector."""
    errs = validate_object_meta_update(meta_of(obj), meta_of(old)) + validate_deployment_spec(
        spec_of(obj)
    )
    return errs + _selector_immutable(obj, old)


def validate_replica_set(obj: Obj) -> Errs:
    """ValidateReplicaSet (create)."""
    return validate_object_meta(
        meta_of(obj), True, N.is_dns1123_subdomain
    ) + validate_replicaset_spec(spec_of(obj))


def validate_replica_set_update(obj: Obj, old: Obj) -> Errs:
    """ValidateReplicaSetUpdate: the create rules plus an immutable selector."""
    errs = validate_replica_set(obj) + validate_object_meta_update(meta_of(obj), meta_of(old))
    return errs + validate_replicaset_spec(spec_of(obj)) + _selector_immutable(obj, old)
