"""RBAC authorization for the user a command acts as (``--as`` / ``--as-group``).

Mirrors ``plugin/pkg/auth/authorizer/rbac/rbac.go`` (Authorize, RuleAllows), the rule resolver of
``pkg/registry/rbac/validation/rule.go`` (VisitRulesFor, appliesTo, GetRoleReferenceRules), the
``system:masters`` privileged-group authorizer that runs before RBAC, the impersonation filter
(``system:authenticated`` added, service-account groups) and the Forbidden text of
``apiserver/pkg/endpoints/handlers/responsewriters/errors.go`` (forbiddenMessage) wrapped by
``apierrors.NewForbidden``.

Cost: ``cluster.user`` is None for minikube's own admin (no ``--as``), and every caller tests that
before importing this module, so the default user pays one attribute read per request.
"""

from __future__ import annotations

from collections.abc import Iterator

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api.objects import Obj
from minikube_lite.records import dataclass
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
else:
    Any = object  # read by the module-level type aliases below

Rule = dict[str, Any]

MASTERS = "system:masters"
AUTHENTICATED = "system:authenticated"
UNAUTHENTICATED = "system:unauthenticated"
ANONYMOUS = "system:anonymous"
SA_PREFIX = "system:serviceaccount:"
KUBECONFIG_USER = "minikube"


@dataclass(frozen=True, slots=True)
class User:
    """user.Info: a name and groups."""

    name: str
    groups: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Request:
    """authorizer.Attributes of a resource request."""

    verb: str
    group: str
    resource: str
    namespace: str = ""
    name: str = ""
    subresource: str = ""
    path: str = ""  # a non-resource request (``/healthz``) when set


def impersonate(name: str | None, groups: list[str] | None) -> User | None:
    """The user the impersonation filter hands on (None: minikube's admin, no impersonation)."""
    if not name:
        if groups:
            raise errors.MklError(
                "requesting uid, groups or user-extra for "
                f'"{KUBECONFIG_USER}" without impersonating a user'
            )
        return None
    out = list(groups or [])
    sa = split_service_account(name)
    if sa is not None and not groups:
        out = ["system:serviceaccounts", f"system:serviceaccounts:{sa[0]}"]
    if name == ANONYMOUS:
        if UNAUTHENTICATED not in out:
            out.append(UNAUTHENTICATED)
    elif AUTHENTICATED not in out and UNAUTHENTICATED not in out:
        out.append(AUTHENTICATED)
    return User(name, tuple(out))


def split_service_account(username: str) -> tuple[str, str] | None:
    """serviceaccount.SplitUsername: ``system:serviceaccount:<ns>:<name>`` -> (ns, name)."""
    if not username.startswith(SA_PREFIX):
        return None
    parts = username[len(SA_PREFIX) :].split(":")
    return (parts[0], parts[1]) if len(parts) == 2 and all(parts) else None


# ----- rule matching (rbac/v1 helpers) -----------------------------------------------------------


def rule_allows(req: Request, rule: Rule) -> bool:
    """Port of RuleAllows (VerbMatches, APIGroupMatches, ResourceMatches, ResourceNameMatches,
    NonResourceURLMatches)."""
    verbs = rule.get("verbs") or []
    if "*" not in verbs and req.verb not in verbs:
        return False
    if req.path:
        return any(
            u in ("*", req.path) or (u.endswith("*") and req.path.startswith(u.rstrip("*")))
            for u in rule.get("nonResourceURLs") or []
        )
    groups = rule.get("apiGroups") or []
    if "*" not in groups and req.group not in groups:
        return False
    combined = f"{req.resource}/{req.subresource}" if req.subresource else req.resource
    if not any(
        _resource_matches(r, combined, req.subresource) for r in rule.get("resources") or []
    ):
        return False
    names = rule.get("resourceNames") or []
    return not names or req.name in names


def _resource_matches(rule_resource: str, combined: str, subresource: str) -> bool:
    if rule_resource in ("*", combined):
        return True
    return bool(subresource) and rule_resource == "*/" + subresource


def _applies(user: User, subjects: list[Obj], binding_ns: str) -> bool:
    """Port of appliesTo/appliesToUser."""
    for s in subjects or []:
        kind, name = s.get("kind"), s.get("name")
        if kind == "User" and name == user.name:
            return True
        if kind == "Group" and name in user.groups:
            return True
        if kind == "ServiceAccount":
            ns = s.get("namespace") or binding_ns
            if ns and user.name == f"{SA_PREFIX}{ns}:{name}":
                return True
    return False


def role_rules(cluster: Cluster, ref: Obj, ns: str) -> tuple[list[Rule], str | None]:
    """Port of GetRoleReferenceRules: the rules, or the lister's NotFound text."""
    name = str(ref.get("name", ""))
    if ref.get("kind") == "Role":
        role = cluster.get("Role", ns, name)
        if role is None:
            return [], f'role.rbac.authorization.k8s.io "{name}" not found'
        return list(role.get("rules") or []), None
    role = cluster.get("ClusterRole", None, name)
    if role is None:
        from minikube_lite.store.rbac import bootstrappolicy as rbac_bootstrap

        if name not in rbac_bootstrap.CLUSTER_ROLES:
            return [], f'clusterrole.rbac.authorization.k8s.io "{name}" not found'
        role = rbac_bootstrap.cluster_role(name)
    return list(role.get("rules") or []), None


def visit_rules(
    cluster: Cluster, user: User, ns: str
) -> Iterator[tuple[str, Rule | None, str | None]]:
    """Port of VisitRulesFor: (source, rule, error) from ClusterRoleBindings, then the
    namespace's RoleBindings."""
    for crb in cluster.list("ClusterRoleBinding"):
        if _applies(user, crb.get("subjects") or [], ""):
            rules, err = role_rules(cluster, crb.get("roleRef") or {}, "")
            source = f'ClusterRoleBinding "{crb["metadata"]["name"]}"'
            if err:
                yield source, None, err
            yield from ((source, r, None) for r in rules)
    if not ns:
        return
    for rb in cluster.list("RoleBinding", ns):
        if _applies(user, rb.get("subjects") or [], ns):
            rules, err = role_rules(cluster, rb.get("roleRef") or {}, ns)
            ref_kind = (rb.get("roleRef") or {}).get("kind")
            source = f'RoleBinding "{rb["metadata"]["name"]}" of {ref_kind} in namespace "{ns}"'
            if err:
                yield source, None, err
            yield from ((source, r, None) for r in rules)


def authorize(cluster: Cluster, user: User, req: Request) -> tuple[bool, str]:
    """The authorizer chain: privileged group ``system:masters``, then RBAC.Authorize ->
    (allowed, reason)."""
    if MASTERS in user.groups:
        return True, ""
    errs: list[str] = []
    for source, rule, err in visit_rules(cluster, user, req.namespace):
        if rule is not None and rule_allows(req, rule):
            return True, f"RBAC: allowed by {source}"
        if err:
            errs.append(err)
    if not errs:
        return False, ""
    from minikube_lite.store import limitranger

    return False, "RBAC: " + limitranger.aggregate(errs)


# ----- the hook the API server and the ops call ---------------------------------------------------


def request_for(
    verb: str, k: kinds.Kind, namespace: str | None, name: str | None, subresource: str = ""
) -> Request:
    """RequestInfo: cluster-scoped kinds carry no namespace; a named Namespace is its own
    namespace."""
    ns = namespace or ""
    if k.kind == "Namespace":
        ns = name or ""
    elif not k.namespaced:
        ns = ""
    return Request(verb, k.group, k.plural, ns, name or "", subresource)


def forbidden(user: User, req: Request, reason: str = "") -> errors.ForbiddenError:
    """forbiddenMessage + apierrors.NewForbidden."""
    resource = f"{req.resource}/{req.subresource}" if req.subresource else req.resource
    head = f'User "{user.name}" cannot {req.verb} resource "{resource}" in API group "{req.group}"'
    msg = head + (
        f' in the namespace "{req.namespace}"' if req.namespace else " at the cluster scope"
    )
    if reason:
        msg += f": {reason}"
    qualified = f"{req.resource}.{req.group}" if req.group else req.resource
    if req.name:
        return errors.ForbiddenError(f'{qualified} "{req.name}" is forbidden: {msg}')
    return errors.ForbiddenError(f"{qualified} is forbidden: {msg}")


def check(
    cluster: Cluster,
    verb: str,
    k: kinds.Kind,
    namespace: str | None,
    name: str | None,
    subresource: str = "",
) -> None:
    """Raise the API's Forbidden error unless ``cluster.user`` may do ``verb`` (None: allowed)."""
    user: User | None = getattr(cluster, "user", None)
    if user is None:
        return
    req = request_for(verb, k, namespace, name, subresource)
    allowed, reason = authorize(cluster, user, req)
    if not allowed:
        raise forbidden(user, req, reason)


def rules_for(cluster: Cluster, user: User, ns: str) -> tuple[list[Rule], list[str]]:
    """RulesFor (SelfSubjectRulesReview): every rule that applies in ``ns`` and the resolution
    errors."""
    rules: list[Rule] = []
    errs: list[str] = []
    for _, rule, err in visit_rules(cluster, user, ns):
        if rule is not None:
            rules.append(rule)
        if err:
            errs.append(err)
    return rules, errs
