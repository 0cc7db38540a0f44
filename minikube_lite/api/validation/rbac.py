"""rbac.authorization.k8s.io/v1: Roles, ClusterRoles and their bindings.

Port of pkg/apis/rbac/validation/validation.go (ValidatePolicyRule, ValidateRole,
ValidateClusterRole, ValidateRoleBinding, ValidateClusterRoleBinding, ValidateRoleBindingSubject,
ValidateRoleBindingUpdate).
"""

from __future__ import annotations

from collections.abc import Mapping

from minikube_lite.api import names as N
from minikube_lite.api.objects import Obj
from minikube_lite.api.validation.field import (
    Errs,
    Raw,
    go_json,
    invalid,
    invalid_each,
    not_supported,
    required,
)
from minikube_lite.api.validation.meta import (
    meta_of,
    validate_object_meta,
    validate_object_meta_update,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def validate_rbac_rules(rules: list[Mapping[str, Any]], namespaced: bool) -> Errs:
    """rbac ValidatePolicyRule for every rule."""
    errs: Errs = []
    for i, rule in enumerate(rules):
        p = f"rules[{i}]"
        if not rule.get("verbs"):
            errs.append(required(f"{p}.verbs", "verbs must contain at least one value"))
        urls = rule.get("nonResourceURLs") or []
        if urls:
            if namespaced:
                errs.append(
                    invalid(
                        f"{p}.nonResourceURLs",
                        urls,
                        "namespaced rules cannot apply to non-resource URLs",
                    )
                )
            if rule.get("apiGroups") or rule.get("resources") or rule.get("resourceNames"):
                errs.append(
                    invalid(
                        f"{p}.nonResourceURLs",
                        urls,
                        "rules cannot apply to both regular resources and non-resource URLs",
                    )
                )
            continue
        if not rule.get("apiGroups"):
            errs.append(
                required(f"{p}.apiGroups", "resource rules must supply at least one api group")
            )
        if not rule.get("resources"):
            errs.append(
                required(f"{p}.resources", "resource rules must supply at least one resource")
            )
    return errs


RBAC_GROUP = "rbac.authorization.k8s.io"


def _subject(sub: Mapping[str, Any], namespaced: bool, path: str) -> Errs:
    """rbac ValidateRoleBindingSubject."""
    name, kind, group = sub.get("name") or "", sub.get("kind") or "", sub.get("apiGroup") or ""
    errs = [] if name else [required(f"{path}.name")]
    if kind == "ServiceAccount":
        errs += invalid_each(f"{path}.name", name, N.is_dns1123_subdomain(name)) if name else []
        if group:
            errs.append(not_supported(f"{path}.apiGroup", group, [""]))
        if not namespaced and not sub.get("namespace"):
            errs.append(required(f"{path}.namespace"))
    elif kind in ("User", "Group"):
        if group != RBAC_GROUP:
            errs.append(not_supported(f"{path}.apiGroup", group, [RBAC_GROUP]))
    else:
        errs.append(not_supported(f"{path}.kind", kind, ["ServiceAccount", "User", "Group"]))
    return errs


def validate_binding(obj: Obj) -> Errs:
    """rbac ValidateRoleBinding / ValidateClusterRoleBinding."""
    namespaced = obj.get("kind") == "RoleBinding"
    errs = validate_object_meta(meta_of(obj), namespaced, N.is_valid_path_segment_name)
    ref = obj.get("roleRef") or {}
    if (ref.get("apiGroup") or "") != RBAC_GROUP:
        errs.append(not_supported("roleRef.apiGroup", ref.get("apiGroup") or "", [RBAC_GROUP]))
    kinds = ["Role", "ClusterRole"] if namespaced else ["ClusterRole"]
    if (ref.get("kind") or "") not in kinds:
        errs.append(not_supported("roleRef.kind", ref.get("kind") or "", kinds))
    rname = ref.get("name") or ""
    errs += (
        invalid_each("roleRef.name", rname, N.is_valid_path_segment_name(rname))
        if rname
        else [required("roleRef.name")]
    )
    for i, sub in enumerate(obj.get("subjects") or []):
        errs += _subject(sub, namespaced, f"subjects[{i}]")
    return errs


def validate_binding_update(obj: Obj, old: Obj) -> Errs:
    """ValidateRoleBindingUpdate / ValidateClusterRoleBindingUpdate: roleRef is immutable."""
    errs = validate_object_meta_update(meta_of(obj), meta_of(old)) + validate_binding(obj)
    ref, old_ref = obj.get("roleRef") or {}, old.get("roleRef") or {}
    if any((ref.get(k) or "") != (old_ref.get(k) or "") for k in ("apiGroup", "kind", "name")):
        shown = Raw(
            '{"APIGroup":'
            + go_json(ref.get("apiGroup") or "")
            + ',"Kind":'
            + go_json(ref.get("kind") or "")
            + ',"Name":'
            + go_json(ref.get("name") or "")
            + "}"
        )
        errs.append(invalid("roleRef", shown, "cannot change roleRef"))
    return errs


def validate_role(obj: Obj) -> Errs:
    """rbac ValidateRole / ValidateClusterRole."""
    namespaced = obj.get("kind") == "Role"
    errs = validate_object_meta(meta_of(obj), namespaced, N.is_valid_path_segment_name)
    return errs + validate_rbac_rules(obj.get("rules") or [], namespaced)
