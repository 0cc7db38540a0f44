"""apps/v1 validation of StatefulSets.

Port of pkg/apis/apps/validation/validation.go (ValidateStatefulSet, ValidateStatefulSetSpec,
validateRollingUpdateStatefulSet, validatePersistentVolumeClaimRetentionPolicy,
ValidatePodTemplateSpecForStatefulSet, ValidateStatefulSetUpdate).
"""

from __future__ import annotations

from collections.abc import Mapping

from minikube_lite.api import labels as L
from minikube_lite.api import names as N
from minikube_lite.api.objects import Obj
from minikube_lite.api.validation.apps import _percent, validate_int_or_percent
from minikube_lite.api.validation.field import (
    Errs,
    Raw,
    forbidden,
    go_json,
    invalid,
    not_supported,
    required,
)
from minikube_lite.api.validation.meta import (
    label_selector_json,
    meta_of,
    nonneg,
    spec_of,
    validate_annotations,
    validate_label_selector,
    validate_labels,
    validate_object_meta,
    validate_object_meta_update,
)
from minikube_lite.api.validation.pod import validate_pod_specific_annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SPEC_FORBIDDEN = (
    "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', "
    "'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and "
    "'minReadySeconds' are forbidden"
)
# ValidateStatefulSetUpdate copies these from the old object before comparing the specs
_MUTABLE = (
    "replicas",
    "ordinals",
    "template",
    "updateStrategy",
    "revisionHistoryLimit",
    "persistentVolumeClaimRetentionPolicy",
    "minReadySeconds",
)
_RETENTION = ["Retain", "Delete"]


def _rolling_json(ru: Any) -> str:
    """An internal apps.RollingUpdateStatefulSetStrategy as encoding/json writes it."""
    if not isinstance(ru, Mapping):
        return "null"
    partition, mu = go_json(ru.get("partition", 0)), go_json(ru.get("maxUnavailable"))
    return '{"Partition":' + partition + ',"MaxUnavailable":' + mu + "}"


def _strategy_json(strategy: Mapping[str, Any]) -> Raw:
    """The internal apps.StatefulSetUpdateStrategy as encoding/json writes it (no json tags)."""
    stype, ru = go_json(strategy.get("type") or ""), _rolling_json(strategy.get("rollingUpdate"))
    return Raw('{"Type":' + stype + ',"RollingUpdate":' + ru + "}")


def validate_rolling_update_stateful_set(ru: Mapping[str, Any], path: str) -> Errs:
    """validateRollingUpdateStatefulSet: partition >= 0; maxUnavailable a positive int or a
    percentage, not 0, at most 100%."""
    errs = nonneg(ru.get("partition"), f"{path}.partition")
    mu = ru.get("maxUnavailable")
    if mu is not None:
        errs += validate_int_or_percent(mu, f"{path}.maxUnavailable")
        if mu == 0 or _percent(mu) == 0:
            errs.append(invalid(f"{path}.maxUnavailable", mu, "must be greater than 0"))
        p = _percent(mu)
        if p is not None and p > 100:
            errs.append(invalid(f"{path}.maxUnavailable", mu, "must not be greater than 100%"))
    return errs


def _validate_update_strategy(spec: Mapping[str, Any], path: str) -> Errs:
    strategy = spec.get("updateStrategy") or {}
    stype = strategy.get("type") or ""
    ru = strategy.get("rollingUpdate")
    if stype == "":
        return [required(f"{path}.updateStrategy")]
    if stype == "OnDelete":
        if ru is not None:
            return [
                invalid(
                    f"{path}.updateStrategy.rollingUpdate",
                    Raw(_rolling_json(ru)),
                    "only allowed for updateStrategy 'RollingUpdate'",
                )
            ]
        return []
    if stype == "RollingUpdate":
        if isinstance(ru, Mapping):
            return validate_rolling_update_stateful_set(ru, f"{path}.updateStrategy.rollingUpdate")
        return []
    return [
        invalid(
            f"{path}.updateStrategy",
            _strategy_json(strategy),
            "must be 'RollingUpdate' or 'OnDelete'",
        )
    ]


def _validate_retention(policy: Any, path: str) -> Errs:
    """validatePersistentVolumeClaimRetentionPolicy."""
    if not isinstance(policy, Mapping):
        return []
    errs: Errs = []
    for key in ("whenDeleted", "whenScaled"):
        value = policy.get(key) or ""
        if value not in _RETENTION:
            errs.append(not_supported(f"{path}.{key}", value, _RETENTION))
    return errs


def _validate_selector(spec: Mapping[str, Any], path: str) -> Errs:
    sel = spec.get("selector")
    errs: Errs = []
    if sel is None:
        return [required(f"{path}.selector")]
    errs += validate_label_selector(sel, f"{path}.selector")
    if not sel.get("matchLabels") and not sel.get("matchExpressions"):
        errs.append(
            invalid(
                f"{path}.selector",
                label_selector_json(sel),
                "empty selector is invalid for statefulset",
            )
        )
    return errs


def validate_pod_template_for_stateful_set(
    tpl: Mapping[str, Any], selector: L.Selector, path: str
) -> Errs:
    """ValidatePodTemplateSpecForStatefulSet: the selector matches, labels and annotations are
    valid; as upstream, the pod spec itself is not validated (its volumeMounts may name claim
    templates), so a bad template shows up as FailedCreate events."""
    tmeta = tpl.get("metadata") or {}
    tlabels = tmeta.get("labels")
    errs: Errs = []
    if not selector.empty() and not selector.matches(tlabels or {}):
        errs.append(
            invalid(
                f"{path}.metadata.labels", tlabels, "`selector` does not match template `labels`"
            )
        )
    errs += validate_labels(tlabels, f"{path}.labels")
    errs += validate_annotations(tmeta.get("annotations"), f"{path}.annotations")
    return errs + validate_pod_specific_annotations(
        tmeta.get("annotations") or {}, f"{path}.annotations"
    )


def validate_stateful_set_spec(spec: Mapping[str, Any], path: str = "spec") -> Errs:
    """ValidateStatefulSetSpec."""
    errs: Errs = []
    policy = spec.get("podManagementPolicy") or ""
    if policy == "":
        errs.append(required(f"{path}.podManagementPolicy"))
    elif policy not in ("OrderedReady", "Parallel"):
        errs.append(
            invalid(f"{path}.podManagementPolicy", policy, "must be 'OrderedReady' or 'Parallel'")
        )
    errs += _validate_update_strategy(spec, path)
    errs += _validate_retention(
        spec.get("persistentVolumeClaimRetentionPolicy"),
        f"{path}.persistentVolumeClaimRetentionPolicy",
    )
    errs += nonneg(spec.get("replicas"), f"{path}.replicas")
    errs += nonneg(spec.get("minReadySeconds"), f"{path}.minReadySeconds")
    ordinals = spec.get("ordinals")
    if isinstance(ordinals, Mapping):
        errs += nonneg(ordinals.get("start"), f"{path}.ordinals.start")
    errs += _validate_selector(spec, path)
    tpl = spec.get("template") or {}
    try:
        selector = L.from_label_selector(spec.get("selector"))
    except L.SelectorError:
        errs.append(invalid(f"{path}.selector", label_selector_json(spec.get("selector")), ""))
    else:
        errs += validate_pod_template_for_stateful_set(tpl, selector, f"{path}.template")
    tspec = tpl.get("spec") or {}
    if (tspec.get("restartPolicy") or "") != "Always":
        errs.append(
            not_supported(
                f"{path}.template.spec.restartPolicy", tspec.get("restartPolicy") or "", ["Always"]
            )
        )
    if tspec.get("activeDeadlineSeconds") is not None:
        errs.append(
            forbidden(
                f"{path}.template.spec.activeDeadlineSeconds",
                "activeDeadlineSeconds in StatefulSet is not Supported",
            )
        )
    return errs


def validate_stateful_set(obj: Obj) -> Errs:
    """ValidateStatefulSet (create)."""
    return validate_object_meta(
        meta_of(obj), True, N.is_dns1123_subdomain
    ) + validate_stateful_set_spec(spec_of(obj))


def validate_stateful_set_update(obj: Obj, old: Obj) -> Errs:
    """ValidateStatefulSetUpdate: the create rules, and only the fields in _MUTABLE may change."""
    errs = validate_object_meta_update(meta_of(obj), meta_of(old))
    errs += validate_stateful_set_spec(spec_of(obj))
    new_spec, old_spec = dict(spec_of(obj)), dict(spec_of(old))
    for key in _MUTABLE:
        new_spec.pop(key, None)
        old_spec.pop(key, None)
    if new_spec != old_spec:
        errs.append(forbidden("spec", SPEC_FORBIDDEN))
    return errs
