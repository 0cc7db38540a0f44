"""Discovery documents, generated from ``api/kinds.py``.

Two forms, as the API server serves them: the aggregated ``APIGroupDiscoveryList``
(``apidiscovery.k8s.io/v2``, asked for in the Accept header; kubectl then needs only ``/api`` and
``/apis``) and the legacy ``APIVersions`` / ``APIGroupList`` / per-group ``APIResourceList``
documents (every client may ask for those; ``auth can-i`` always reads ``/apis/apps/v1``).
"""

from __future__ import annotations

from typing import Any

from minikube_lite.api import kinds

AGGREGATED = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
_SUB_VERBS = ["get", "patch", "update"]

# kind -> its subresources: (name, responseKind (group, version, kind) or None for the kind
# itself, verbs)
_POD_SUBS: tuple[tuple[str, tuple[str, str, str] | None, list[str]], ...] = (
    ("attach", ("", "v1", "PodAttachOptions"), ["create", "get"]),
    ("binding", ("", "v1", "Binding"), ["create"]),
    ("eviction", ("policy", "v1", "Eviction"), ["create"]),
    ("exec", ("", "v1", "PodExecOptions"), ["create", "get"]),
    ("log", ("", "v1", "Pod"), ["get"]),
    ("portforward", ("", "v1", "PodPortForwardOptions"), ["create", "get"]),
    ("status", None, _SUB_VERBS),
)
_SCALED = (("scale", ("autoscaling", "v1", "Scale"), _SUB_VERBS), ("status", None, _SUB_VERBS))
SUBRESOURCES: dict[str, tuple[tuple[str, tuple[str, str, str] | None, list[str]], ...]] = {
    "Pod": _POD_SUBS,
    "Deployment": _SCALED,
    "ReplicaSet": _SCALED,
    "ReplicationController": _SCALED,
    "StatefulSet": _SCALED,
    "Job": (("status", None, _SUB_VERBS),),
    "CronJob": (("status", None, _SUB_VERBS),),
    "PodDisruptionBudget": (("status", None, _SUB_VERBS),),
    "Ingress": (("status", None, _SUB_VERBS),),
    "Namespace": (("finalize", None, ["update"]), ("status", None, _SUB_VERBS)),
    "Node": (
        ("proxy", ("", "v1", "NodeProxyOptions"), ["create", "delete", "get", "patch", "update"]),
        ("status", None, _SUB_VERBS),
    ),
    "Service": (
        (
            "proxy",
            ("", "v1", "ServiceProxyOptions"),
            ["create", "delete", "get", "patch", "update"],
        ),
        ("status", None, _SUB_VERBS),
    ),
    "ResourceQuota": (("status", None, _SUB_VERBS),),
    "ServiceAccount": (("token", ("authentication.k8s.io", "v1", "TokenRequest"), ["create"]),),
}

# Groups served beyond the object kinds: the review endpoints kubectl's auth commands POST to.
# group -> (version, [(resource, kind, verbs)])
REVIEWS: dict[str, tuple[str, list[tuple[str, str, list[str]]]]] = {
    "authorization.k8s.io": (
        "v1",
        [
            ("selfsubjectaccessreviews", "SelfSubjectAccessReview", ["create"]),
            ("selfsubjectrulesreviews", "SelfSubjectRulesReview", ["create"]),
        ],
    ),
    "authentication.k8s.io": ("v1", [("selfsubjectreviews", "SelfSubjectReview", ["create"])]),
}


def _verbs(k: kinds.Kind) -> list[str]:
    if k.kind == "Namespace":
        return [v for v in VERBS if v != "deletecollection"]
    return list(VERBS)


def groups() -> dict[str, str]:
    """Every served group ("" for core) -> its one version, in the order discovery lists them."""
    out: dict[str, str] = {}
    for k in kinds.KINDS.values():
        out.setdefault(k.group, k.version)
    for g, (v, _) in REVIEWS.items():
        out.setdefault(g, v)
    return out


def _kinds_of(group: str, version: str) -> list[kinds.Kind]:
    return [k for k in kinds.KINDS.values() if k.group == group and k.version == version]


def _response_kind(gvk: tuple[str, str, str] | None, k: kinds.Kind) -> dict[str, str]:
    g, v, kind = gvk if gvk is not None else (k.group, k.version, k.kind)
    return {"group": g, "version": v, "kind": kind}


def _aggregated_resource(k: kinds.Kind) -> dict[str, Any]:
    res: dict[str, Any] = {
        "resource": k.plural,
        "responseKind": _response_kind(None, k),
        "scope": "Namespaced" if k.namespaced else "Cluster",
        "singularResource": k.singular,
        "verbs": _verbs(k),
    }
    if k.short_names:
        res["shortNames"] = list(k.short_names)
    if k.kind in kinds.ALL_KINDS:
        res["categories"] = ["all"]
    subs = SUBRESOURCES.get(k.kind, ())
    if subs:
        res["subresources"] = [
            {"subresource": name, "responseKind": _response_kind(gvk, k), "verbs": verbs}
            for name, gvk, verbs in subs
        ]
    return res


def _aggregated_reviews(group: str) -> list[dict[str, Any]]:
    version, entries = REVIEWS[group]
    return [
        {
            "resource": res,
            "responseKind": {"group": group, "version": version, "kind": kind},
            "scope": "Cluster",
            "singularResource": res[:-1],
            "verbs": verbs,
        }
        for res, kind, verbs in entries
    ]


def _aggregated_group(group: str, version: str) -> dict[str, Any]:
    resources = [_aggregated_resource(k) for k in _kinds_of(group, version)]
    if group in REVIEWS:
        resources += _aggregated_reviews(group)
    resources.sort(key=lambda r: r["resource"])
    return {
        "metadata": {"name": group, "creationTimestamp": None},
        "versions": [{"version": version, "freshness": "Current", "resources": resources}],
    }


def aggregated(legacy: bool) -> dict[str, Any]:
    """``/api`` (legacy=True: the core group only) or ``/apis`` (every named group)."""
    items = [_aggregated_group(g, v) for g, v in groups().items() if (g == "") == legacy]
    return {
        "kind": "APIGroupDiscoveryList",
        "apiVersion": "apidiscovery.k8s.io/v2",
        "metadata": {},
        "items": items,
    }


def api_versions(server_address: str) -> dict[str, Any]:
    """Legacy ``/api``."""
    return {
        "kind": "APIVersions",
        "versions": ["v1"],
        "serverAddressByClientCIDRs": [
            {"clientCIDR": "0.0.0.0/0", "serverAddress": server_address}
        ],
    }


def api_group_list() -> dict[str, Any]:
    """Legacy ``/apis``."""
    out = []
    for g, v in groups().items():
        if g:
            gv = {"groupVersion": f"{g}/{v}", "version": v}
            out.append({"name": g, "versions": [gv], "preferredVersion": gv})
    return {"kind": "APIGroupList", "apiVersion": "v1", "groups": out}


def _legacy_resource(k: kinds.Kind) -> list[dict[str, Any]]:
    res: dict[str, Any] = {
        "name": k.plural,
        "singularName": k.singular,
        "namespaced": k.namespaced,
        "kind": k.kind,
        "verbs": _verbs(k),
    }
    if k.short_names:
        res["shortNames"] = list(k.short_names)
    if k.kind in kinds.ALL_KINDS:
        res["categories"] = ["all"]
    out = [res]
    for name, gvk, verbs in SUBRESOURCES.get(k.kind, ()):
        sub: dict[str, Any] = {
            "name": f"{k.plural}/{name}",
            "singularName": "",
            "namespaced": k.namespaced,
            "kind": gvk[2] if gvk else k.kind,
            "verbs": verbs,
        }
        if gvk is not None and (gvk[0], gvk[1]) != (k.group, k.version):
            sub["group"], sub["version"] = gvk[0], gvk[1]
        out.append(sub)
    return out


def resource_list(group: str, version: str) -> dict[str, Any] | None:
    """``/api/v1`` or ``/apis/{group}/{version}``; None when that group-version is not served."""
    if groups().get(group) != version:
        return None
    resources: list[dict[str, Any]] = []
    for k in _kinds_of(group, version):
        resources += _legacy_resource(k)
    for res, kind, verbs in REVIEWS.get(group, ("", []))[1]:
        resources.append(
            {
                "name": res,
                "singularName": res[:-1],
                "namespaced": False,
                "kind": kind,
                "verbs": verbs,
            }
        )
    return {
        "kind": "APIResourceList",
        "apiVersion": "v1",
        "groupVersion": f"{group}/{version}" if group else version,
        "resources": resources,
    }
