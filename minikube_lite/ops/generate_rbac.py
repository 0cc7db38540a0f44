"""``create role|clusterrole|rolebinding|clusterrolebinding``: the objects kubectl builds
(cmd/create/create_role.go, create_clusterrole.go, create_rolebinding.go,
create_clusterrolebinding.go), fields in the Go struct's order.

kubectl resolves ``--resource`` with the server's RESTMapper (short names, singular, group);
here the mapper is the kinds mkl serves, so a resource a real cluster has but mkl does not
simulate is refused the same way an unknown one is.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api.objects import Obj
from minikube_lite.ops import generate
from minikube_lite.records import dataclass

RBAC = "rbac.authorization.k8s.io"
RBAC_V1 = f"{RBAC}/v1"

VALID_RESOURCE_VERBS = (
    "*",
    "get",
    "delete",
    "list",
    "create",
    "update",
    "patch",
    "watch",
    "proxy",
    "deletecollection",
    "use",
    "bind",
    "escalate",
    "impersonate",
)
VALID_NON_RESOURCE_VERBS = ("*", "get", "post", "put", "delete", "patch", "head", "options")
# specialVerbs: verbs that only apply to these (group, resource) pairs
SPECIAL_VERBS: dict[str, tuple[tuple[str, str], ...]] = {
    "use": (("policy", "podsecuritypolicies"), ("extensions", "podsecuritypolicies")),
    "bind": ((RBAC, "roles"), (RBAC, "clusterroles")),
    "escalate": ((RBAC, "roles"), (RBAC, "clusterroles")),
    "impersonate": (
        ("", "users"),
        ("", "serviceaccounts"),
        ("", "groups"),
        ("authentication.k8s.io", "userextras"),
    ),
}


@dataclass(frozen=True, slots=True)
class Resource:
    """ResourceOptions: ``resource[.group][/subresource]`` as typed."""

    resource: str
    group: str = ""
    subresource: str = ""


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def parse_verbs(verbs: list[str]) -> list[str]:
    """CreateRoleOptions.Complete: duplicates dropped; ``*`` stands for all."""
    return ["*"] if "*" in verbs else _unique(verbs)


def parse_resources(texts: list[str]) -> list[Resource]:
    """CreateRoleOptions.Complete: a bare ``*`` replaces every other resource."""
    out: list[Resource] = []
    for text in texts:
        head, _, sub = text.partition("/")
        res, _, group = head.partition(".")
        r = Resource(res, group, sub)
        if res == "*" and "." not in head and "/" not in text:
            return [r]
        out.append(r)
    return out


def resource_for(r: Resource) -> tuple[str, str] | None:
    """RESTMapper.ResourceFor over the served kinds: (group, plural), or None when unknown."""
    k = kinds.lookup(f"{r.resource}.{r.group}" if r.group else r.resource)
    if k is None or (r.group and k.group != r.group):
        return None
    return k.group, k.plural


def _no_match(r: Resource) -> errors.MklError:
    """meta.NoResourceMatchError, which kubectl prints without ``error:``."""
    where = f' in group "{r.group}"' if r.group else ""
    return errors.PlainError(f'the server doesn\'t have a resource type "{r.resource}"{where}')


def validate_resources(verbs: list[str], resources: list[Resource]) -> None:
    """CreateRoleOptions.validateResource."""
    for r in resources:
        if not r.resource:
            raise errors.MklError("resource must be specified if apiGroup/subresource specified")
        if r.resource == "*":
            return
        found = resource_for(r)
        group, plural = found if found else (r.group, r.resource)
        matched_special = False
        for v in verbs:
            if v in SPECIAL_VERBS:
                if (group, plural) not in SPECIAL_VERBS[v]:
                    raise errors.MklError(f"can not perform '{v}' on '{plural}' in group '{group}'")
                matched_special = True
        if found is None and not matched_special:
            raise _no_match(r)


def verb_warnings(verbs: list[str]) -> list[str]:
    return [
        f"Warning: '{v}' is not a standard resource verb\n"
        for v in verbs
        if v not in VALID_RESOURCE_VERBS
    ]


def policy_rules(
    verbs: list[str], resources: list[Resource], names: list[str], urls: list[str]
) -> list[Obj]:
    """generateResourcePolicyRules: one rule per API group (groups sorted), then the URLs'."""
    by_group: dict[str, list[str]] = {}
    for r in resources:
        group, plural = resource_for(r) or (r.group, r.resource)
        if r.subresource:
            plural = f"{plural}/{r.subresource}"
        held = by_group.setdefault(group, [])
        if plural not in held:
            held.append(plural)
    rules: list[Obj] = []
    for group in sorted(by_group):
        rule: Obj = {"verbs": list(verbs), "apiGroups": [group], "resources": by_group[group]}
        if names:
            rule["resourceNames"] = list(names)
        rules.append(rule)
    if urls:
        rules.append({"verbs": list(verbs), "nonResourceURLs": list(urls)})
    return rules


def role_object(name: str, verbs: list[str], resources: list[str], names: list[str]) -> Obj:
    """CreateRoleOptions Validate + RunCreateRole (before the request)."""
    vs, rs, ns = parse_verbs(verbs), parse_resources(resources), _unique(names)
    if not vs:
        raise errors.MklError("at least one verb must be specified")
    if not rs:
        raise errors.MklError("at least one resource must be specified")
    validate_resources(vs, rs)
    return generate.typed("Role", RBAC_V1, generate.meta(name), rules=policy_rules(vs, rs, ns, []))


def clusterrole_object(
    name: str,
    verbs: list[str],
    resources: list[str],
    names: list[str],
    urls: list[str],
    aggregation: dict[str, str],
) -> Obj:
    """CreateClusterRoleOptions Validate + RunCreateRole."""
    vs, rs, ns, us = parse_verbs(verbs), parse_resources(resources), _unique(names), _unique(urls)
    if aggregation:
        if us or vs or rs or ns:
            raise errors.MklError(
                "aggregation rule must be specified without nonResourceURLs, verbs, resources "
                "or resourceNames"
            )
        selector = {"matchLabels": dict(sorted(aggregation.items()))}
        return generate.typed(
            "ClusterRole",
            RBAC_V1,
            generate.meta(name),
            rules=None,
            aggregationRule={"clusterRoleSelectors": [selector]},
        )
    if not vs:
        raise errors.MklError("at least one verb must be specified")
    if not rs and not us:
        raise errors.MklError("one of resource or nonResourceURL must be specified")
    if rs:
        validate_resources(vs, rs)
    if us:
        _validate_urls(vs, us)
    rules = policy_rules(vs, rs, ns, us)
    return generate.typed("ClusterRole", RBAC_V1, generate.meta(name), rules=rules)


def _validate_urls(verbs: list[str], urls: list[str]) -> None:
    for v in verbs:
        if v not in VALID_NON_RESOURCE_VERBS:
            raise errors.MklError(f"invalid verb: '{v}' for nonResourceURL")
    for url in urls:
        if url == "*":
            continue
        if not url.startswith("/"):
            raise errors.MklError("nonResourceURL should start with /")
        if "*" in url[:-1]:
            raise errors.MklError(
                "nonResourceURL only supports wildcard matches when '*' is at the end"
            )


def subjects(users: list[str], groups: list[str], accounts: list[str]) -> list[Obj]:
    """The bindings' subjects: users, then groups, then ``namespace:name`` service accounts."""
    out: list[Obj] = [{"kind": "User", "apiGroup": RBAC, "name": u} for u in users]
    out += [{"kind": "Group", "apiGroup": RBAC, "name": g} for g in groups]
    for sa in accounts:
        parts = sa.split(":")
        if len(parts) != 2 or not parts[0] or not parts[1]:
            raise errors.MklError("serviceaccount must be <namespace>:<name>")
        out.append({"kind": "ServiceAccount", "name": parts[1], "namespace": parts[0]})
    return out


def binding_object(kind: str, name: str, role_kind: str, role: str, subs: list[Obj]) -> Obj:
    """createRoleBinding / createClusterRoleBinding: subjects (omitted when none), roleRef."""
    fields: Obj = {"subjects": subs} if subs else {}
    fields["roleRef"] = {"apiGroup": RBAC, "kind": role_kind, "name": role}
    return generate.typed(kind, RBAC_V1, generate.meta(name), **fields)
