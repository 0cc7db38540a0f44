"""``auth can-i``: a SelfSubjectAccessReview / SelfSubjectRulesReview against store/rbac/rbac.py.

Mirrors ``staging/src/k8s.io/kubectl/pkg/cmd/auth/cani.go`` (Complete/Validate warnings,
resourceFor, RunAccessCheck, RunAccessList with ``rbacutil.BreakdownRule``/``CompactRules`` and
the sort on ``PolicyRule.String()``).  Nothing here prints.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.ops import options, resources
from minikube_lite.records import dataclass, field
from minikube_lite.store.cluster import Cluster
from minikube_lite.store.rbac import rbac

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
else:
    Any = object  # read by the module-level type aliases below

Rule = dict[str, Any]

ADMIN = rbac.User("minikube", (rbac.MASTERS, rbac.AUTHENTICATED))
RESOURCE_VERBS = frozenset(
    {
        "get",
        "list",
        "watch",
        "create",
        "update",
        "patch",
        "delete",
        "deletecollection",
        "use",
        "bind",
        "impersonate",
        "*",
        "approve",
        "sign",
        "escalate",
        "attest",
    }
)
NON_RESOURCE_VERBS = frozenset({"get", "put", "post", "head", "options", "delete", "patch", "*"})
NON_STANDARD = frozenset({"users", "groups"})
HEADERS = ["Resources", "Non-Resource URLs", "Resource Names", "Verbs"]
# Resources a real API server serves that mkl does not store, so can-i resolves them as kubectl
# would: plural -> (group, namespaced, short names).
OTHER_RESOURCES: dict[str, tuple[str, bool, tuple[str, ...]]] = {
    "selfsubjectaccessreviews": ("authorization.k8s.io", False, ()),
    "selfsubjectrulesreviews": ("authorization.k8s.io", False, ()),
    "localsubjectaccessreviews": ("authorization.k8s.io", True, ()),
    "selfsubjectreviews": ("authentication.k8s.io", False, ()),
    "jobs": ("batch", True, ("job",)),
    "cronjobs": ("batch", True, ("cronjob", "cj")),
    "daemonsets": ("apps", True, ("daemonset", "ds")),
    "statefulsets": ("apps", True, ("statefulset", "sts")),
    "controllerrevisions": ("apps", True, ("controllerrevision",)),
    "horizontalpodautoscalers": ("autoscaling", True, ("horizontalpodautoscaler", "hpa")),
    "ingresses": ("networking.k8s.io", True, ("ingress", "ing")),
    "networkpolicies": ("networking.k8s.io", True, ("networkpolicy", "netpol")),
    "poddisruptionbudgets": ("policy", True, ("poddisruptionbudget", "pdb")),
    "persistentvolumeclaims": ("", True, ("persistentvolumeclaim", "pvc")),
    "persistentvolumes": ("", False, ("persistentvolume", "pv")),
    "replicationcontrollers": ("", True, ("replicationcontroller", "rc")),
    "endpointslices": ("discovery.k8s.io", True, ("endpointslice",)),
}


@dataclass
class Answer:
    allowed: bool
    reason: str = ""
    warnings: list[str] = field(default_factory=list)


def _resource_for(arg: str, warnings: list[str]) -> tuple[str, str, bool | None]:
    """Port of resourceFor: (group, resource, namespaced), kubectl's warnings for unknown types."""
    if arg == "*":
        return "", "*", True
    k = kinds.lookup(arg.lower())
    if k is not None:
        return k.group, k.plural, k.namespaced
    resource, _, group = arg.lower().partition(".")
    for plural, (g, namespaced, short) in OTHER_RESOURCES.items():
        if resource in (plural, *short) and group in ("", g):
            return g, plural, namespaced
    if arg.lower() not in NON_STANDARD:
        where = f" in group '{group}'" if group else ""
        warnings.append(f"the server doesn't have a resource type '{resource}'{where}")
    return "", arg, None


def can_i(
    cluster: Cluster, verb: str, target: str, namespace: str, subresource: str = ""
) -> Answer:
    """RunAccessCheck for the command's user (``namespace`` is "" with --all-namespaces)."""
    user = getattr(cluster, "user", None) or ADMIN
    warnings: list[str] = []
    if target.startswith("/"):
        if subresource:
            raise errors.MklError("--subresource can not be used with NonResourceURL")
        if verb not in NON_RESOURCE_VERBS:
            warnings.append(f"verb '{verb}' is not a known verb")
        req = rbac.Request(verb, "", "", path=target)
    else:
        type_arg, _, name = target.partition("/")
        group, resource, namespaced = _resource_for(type_arg, warnings)
        if namespace and namespaced is False:
            warnings.append(
                f"resource '{resource}' is not namespace scoped"
                + (f" in group '{group}'" if group else "")
            )
        if verb not in RESOURCE_VERBS:
            warnings.append(f"verb '{verb}' is not a known verb")
        req = rbac.Request(verb, group, resource, namespace, name, subresource)
    allowed, reason = rbac.authorize(cluster, user, req)
    return Answer(allowed, "" if allowed else reason, warnings)


# ----- --list ----------------------------------------------------------------------------------


def breakdown(rule: Rule) -> list[Rule]:
    """Port of rbacutil.BreakdownRule: one rule per group x resource (x name), one per URL."""
    out: list[Rule] = []
    verbs = list(rule.get("verbs") or [])
    for g in rule.get("apiGroups") or []:
        for r in rule.get("resources") or []:
            names = rule.get("resourceNames") or []
            if names:
                out.extend(
                    {"verbs": verbs, "apiGroups": [g], "resources": [r], "resourceNames": [n]}
                    for n in names
                )
            else:
                out.append({"verbs": verbs, "apiGroups": [g], "resources": [r]})
    out.extend({"verbs": verbs, "nonResourceURLs": [u]} for u in rule.get("nonResourceURLs") or [])
    return out


def compact(rules: list[Rule]) -> list[Rule]:
    """Port of CompactRules: simple rules of one group/resource/(name) merge their verbs."""
    out: list[Rule] = []
    simple: dict[tuple[str, str, str], Rule] = {}
    for r in rules:
        groups, resources, names = (
            r.get("apiGroups") or [],
            r.get("resources") or [],
            r.get("resourceNames") or [],
        )
        if r.get("nonResourceURLs") or len(groups) != 1 or len(resources) != 1 or len(names) > 1:
            out.append(r)
            continue
        key = (groups[0], resources[0], names[0] if names else "\0")
        if key in simple:
            simple[key]["verbs"] = simple[key]["verbs"] + list(r.get("verbs") or [])
        else:
            simple[key] = {**r, "verbs": list(r.get("verbs") or [])}
    return out + list(simple.values())


def _v(items: list[str] | None) -> str:
    """Go's %v of a []string."""
    return "[" + " ".join(items or []) + "]"


def rule_string(r: Rule) -> str:
    """The generated PolicyRule.String() the list is sorted by."""
    return (
        f"&PolicyRule{{Verbs:{_v(r.get('verbs'))},APIGroups:{_v(r.get('apiGroups'))},Resources:{_v(r.get('resources'))},"
        f"ResourceNames:{_v(r.get('resourceNames'))},NonResourceURLs:{_v(r.get('nonResourceURLs'))},}}"
    )


def combine_resource_group(resources: list[str], groups: list[str]) -> str:
    """Port of describe.CombineResourceGroup."""
    if not resources:
        return ""
    base, slash, sub = resources[0].partition("/")
    out = base + (f".{groups[0]}" if groups and groups[0] else "")
    return out + (f"/{sub}" if slash else "")


def access_list(cluster: Cluster, namespace: str) -> tuple[list[list[str]], list[str]]:
    """RunAccessList: table rows (without the header) and warnings."""
    user = getattr(cluster, "user", None) or ADMIN
    rules, errs = rbac.rules_for(cluster, user, namespace)
    warnings = [f"the list may be incomplete: {'; '.join(errs)}"] if errs else []
    broken = [b for r in rules for b in breakdown(r)]
    rows = sorted(compact(broken), key=rule_string)
    table = [
        [
            combine_resource_group(r.get("resources") or [], r.get("apiGroups") or []),
            _v(r.get("nonResourceURLs")),
            _v(r.get("resourceNames")),
            _v(r.get("verbs")),
        ]
        for r in rows
    ]
    return table, warnings


# ----- the command ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CanIResult:
    """What ``auth can-i`` prints: warnings (stderr), then table rows (--list) or one line."""

    warnings: tuple[str, ...]
    rows: tuple[list[str], ...] | None  # --list: the rows to tabwrite, headers included
    line: str  # the yes/no line ("" with --quiet or --list)
    allowed: bool


@dataclass(frozen=True, slots=True)
class CanIOptions:
    """Port of CanIOptions after Complete (staging/src/k8s.io/kubectl/pkg/cmd/auth/cani.go)."""

    args: tuple[str, ...]
    prog: str  # for the "See '... -h'" line
    list_: bool
    quiet: bool
    all_namespaces: bool
    subresource: str
    no_headers: bool
    namespace: str | None

    @classmethod
    def complete(cls, flags: options.Flags, prog: str) -> CanIOptions:
        return cls(
            args=tuple(flags.args),
            prog=prog,
            list_=bool(flags.flag("list")),
            quiet=bool(flags.flag("quiet")),
            all_namespaces=bool(flags.flag("all-namespaces")),
            subresource=flags.flag("subresource") or "",
            no_headers=bool(flags.flag("no-headers")),
            namespace=flags.flag("namespace"),
        )

    def validate(self) -> list[errors.MklError]:
        """Complete/Validate's argument errors, every one."""
        errs: list[errors.MklError] = []
        if self.list_:
            if self.args:
                errs.append(errors.MklError("list option must be specified with no arguments"))
            if self.quiet or self.all_namespaces or self.subresource:
                errs.append(
                    errors.MklError(
                        "list option can't be specified with neither quiet, all-namespaces nor "
                        "subresource options"
                    )
                )
            return errs
        if len(self.args) != 2:
            errs.append(
                errors.MklError(
                    "you must specify two arguments: verb resource or verb "
                    f"resource/resourceName.\nSee '{self.prog} auth can-i -h' for help and "
                    "examples."
                )
            )
        if self.no_headers:
            errs.append(errors.MklError("--no-headers cannot be set without --list specified"))
        return errs

    def run(self, cluster: Cluster) -> CanIResult:
        """Port of RunAccessList / RunAccessCheck."""
        ns = "" if self.all_namespaces else resources.current_namespace(cluster, self.namespace)
        if self.list_:
            rows, warnings = access_list(cluster, ns)
            shown = rows if self.no_headers else [HEADERS, *rows]
            return CanIResult(tuple(warnings), tuple(shown), "", True)
        answer = can_i(cluster, self.args[0], self.args[1], ns, self.subresource)
        line = ""
        if not self.quiet:
            reason = f" - {answer.reason}" if answer.reason else ""
            line = "yes\n" if answer.allowed else f"no{reason}\n"
        return CanIResult(tuple(answer.warnings), None, line, answer.allowed)


# ``auth whoami`` (cmd/auth/whoami.go): the SelfSubjectReview both front ends answer.
WHOAMI_FORBIDDEN = (
    "the selfsubjectreviews API is not enabled in the cluster or you do not have permission to "
    "call it"
)


def user_info(user: rbac.User, uid: str | None = None) -> dict[str, Any]:
    """authenticationv1.UserInfo of the requester (username, uid, groups, in the Go order)."""
    info: dict[str, Any] = {"username": user.name}
    if uid:
        info["uid"] = uid
    info["groups"] = list(user.groups)
    return info


def self_subject_review(cluster: Cluster) -> dict[str, Any]:
    """What POST selfsubjectreviews answers for the user the cluster acts as (``--as``), as the
    client decodes it (no creationTimestamp); kubectl's forbidden text when RBAC refuses."""
    user = getattr(cluster, "user", None) or ADMIN
    allowed, _ = rbac.authorize(
        cluster, user, rbac.Request("create", "authentication.k8s.io", "selfsubjectreviews")
    )
    if not allowed:
        raise errors.MklError(WHOAMI_FORBIDDEN)
    return {
        "kind": "SelfSubjectReview",
        "apiVersion": "authentication.k8s.io/v1",
        "metadata": {},
        "status": {"userInfo": user_info(user)},
    }


def whoami_rows(review: dict[str, Any]) -> list[list[str]]:
    """printTableSelfSubjectAccessReview: ATTRIBUTE/VALUE, groups as Go's ``%v`` of a slice."""
    ui = review.get("status", {}).get("userInfo", {})
    rows = [["ATTRIBUTE", "VALUE"]]
    if ui.get("username"):
        rows.append(["Username", str(ui["username"])])
    if ui.get("uid"):
        rows.append(["UID", str(ui["uid"])])
    if ui.get("groups"):
        rows.append(["Groups", "[" + " ".join(ui["groups"]) + "]"])
    for k in sorted(ui.get("extra") or {}):
        rows.append([f"Extra: {k}", "[" + " ".join(ui["extra"][k]) + "]"])
    return rows
