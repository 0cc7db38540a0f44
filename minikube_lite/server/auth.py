"""Who a request acts as, and the self-review resources kubectl's ``auth`` commands POST.

The bearer token of ``mkl serve``'s kubeconfig is minikube's admin, as mkl's CLI without
``--as``: user ``minikube``, groups ``system:masters`` and ``system:authenticated`` (allowed
everything, impersonation included).  The impersonation headers (``Impersonate-User``, every
``Impersonate-Group``, ``Impersonate-Uid``) make the request act as that user, as ``--as`` does
for mkl's CLI (``ops.session.acting_as``; ``system:authenticated`` is added).  Reviews:
``SelfSubjectAccessReview`` (``auth can-i``: ``status.allowed`` and the reason),
``SelfSubjectRulesReview`` (``auth can-i --list``), ``SelfSubjectReview`` (``auth whoami``).
"""

from __future__ import annotations

from typing import Any

from minikube_lite import errors
from minikube_lite.server import status
from minikube_lite.server.core import ApiServer, Request, Response
from minikube_lite.server.paths import Target

AUTHORIZATION = "authorization.k8s.io"
AUTHENTICATION = "authentication.k8s.io"
# (group, resource) -> kind
REVIEWS = {
    (AUTHORIZATION, "selfsubjectaccessreviews"): "SelfSubjectAccessReview",
    (AUTHORIZATION, "selfsubjectrulesreviews"): "SelfSubjectRulesReview",
    (AUTHENTICATION, "selfsubjectreviews"): "SelfSubjectReview",
}


def impersonation(req: Request) -> tuple[str | None, list[str], str | None]:
    """(user, groups, uid) the impersonation headers ask for; a uid needs a user."""
    user, groups = req.impersonation()
    uid = str(req.headers.get("Impersonate-Uid") or "") or None
    if uid and not user:
        from minikube_lite.store.rbac import rbac

        raise errors.MklError(
            "requesting uid, groups or user-extra for "
            f'"{rbac.KUBECONFIG_USER}" without impersonating a user'
        )
    return user, groups, uid


def is_review(t: Target) -> bool:
    return (t.group, t.resource) in REVIEWS and t.version == "v1"


def review(api: ApiServer, req: Request, t: Target) -> Response:
    """POST of a self-review: 201 and the review with its status filled in."""
    if t.name is not None or t.namespace is not None or t.subresource is not None:
        return Response.status(status.not_found_path())
    if req.method != "POST":
        return Response.status(
            status.status(
                405,
                "MethodNotAllowed",
                "the server does not allow this method on the requested resource",
            )
        )
    kind = REVIEWS[(t.group, t.resource)]
    doc = req.document()
    if not isinstance(doc, dict):
        raise errors.BadRequestError(
            f'{kind} in version "v1" cannot be handled as a {kind}: '
            "json: cannot unmarshal non-object into Go value of type struct"
        )
    doc.setdefault("apiVersion", f"{t.group}/v1")
    doc.setdefault("kind", kind)
    _, _, uid = impersonation(req)

    def look(cluster: Any) -> Response:
        user = _user(cluster)
        _may_create(cluster, user, t)
        given = doc.get("spec")
        spec: dict[str, Any] = given if isinstance(given, dict) else {}
        if kind == "SelfSubjectAccessReview":
            result = access_review(cluster, user, spec)
        elif kind == "SelfSubjectRulesReview":
            result = rules_review(cluster, user, str(spec.get("namespace") or ""))
        else:
            from minikube_lite.ops import auth as auth_ops

            result = {"userInfo": auth_ops.user_info(user, uid)}
        out = {**doc, "metadata": {**(doc.get("metadata") or {}), "creationTimestamp": None}}
        out["status"] = result
        return Response.json(out, code=201)

    return api.look(look, save=False)


def _user(cluster: Any) -> Any:
    from minikube_lite.ops import auth as auth_ops

    return getattr(cluster, "user", None) or auth_ops.ADMIN


def _may_create(cluster: Any, user: Any, t: Target) -> None:
    """Creating a review is authorized too (``system:basic-user`` grants it to everyone)."""
    from minikube_lite.store.rbac import rbac

    req = rbac.Request("create", t.group, t.resource)
    allowed, reason = rbac.authorize(cluster, user, req)
    if not allowed:
        raise rbac.forbidden(user, req, reason)


def access_review(cluster: Any, user: Any, spec: dict[str, Any]) -> dict[str, Any]:
    """SubjectAccessReviewStatus for the spec's resource or non-resource attributes."""
    from minikube_lite.store.rbac import rbac

    res = spec.get("resourceAttributes")
    non = spec.get("nonResourceAttributes")
    if isinstance(res, dict):
        req = rbac.Request(
            str(res.get("verb") or ""),
            str(res.get("group") or ""),
            str(res.get("resource") or ""),
            str(res.get("namespace") or ""),
            str(res.get("name") or ""),
            str(res.get("subresource") or ""),
        )
    elif isinstance(non, dict):
        req = rbac.Request(str(non.get("verb") or ""), "", "", path=str(non.get("path") or ""))
    else:
        raise errors.InvalidError(
            "SelfSubjectAccessReview.authorization.k8s.io",
            "",
            [
                errors.FieldError(
                    "spec.resourceAttributes",
                    'Invalid value: "null": exactly one of nonResourceAttributes or '
                    "resourceAttributes must be specified",
                )
            ],
        )
    allowed, reason = rbac.authorize(cluster, user, req)
    out: dict[str, Any] = {"allowed": allowed}
    if reason:
        out["reason"] = reason
    return out


def rules_review(cluster: Any, user: Any, namespace: str) -> dict[str, Any]:
    """SubjectRulesReviewStatus: the rules that apply in ``namespace``, split as the API does
    into resource and non-resource rules (kubectl breaks them down and compacts them)."""
    from minikube_lite.store.rbac import rbac

    rules, errs = rbac.rules_for(cluster, user, namespace)
    resource_rules: list[dict[str, Any]] = []
    non_resource_rules: list[dict[str, Any]] = []
    for r in rules:
        verbs = list(r.get("verbs") or [])
        if r.get("resources") or r.get("apiGroups"):
            rule: dict[str, Any] = {"verbs": verbs, "apiGroups": list(r.get("apiGroups") or [])}
            for f in ("resources", "resourceNames"):
                if r.get(f):
                    rule[f] = list(r[f])
            resource_rules.append(rule)
        if r.get("nonResourceURLs"):
            non_resource_rules.append(
                {"verbs": verbs, "nonResourceURLs": list(r["nonResourceURLs"])}
            )
    out: dict[str, Any] = {
        "resourceRules": resource_rules,
        "nonResourceRules": non_resource_rules,
        "incomplete": bool(errs),
    }
    if errs:
        out["evaluationError"] = "; ".join(errs)
    return out
