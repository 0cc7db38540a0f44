"""The default ClusterRoles and ClusterRoleBindings.

Mirrors ``plugin/pkg/auth/authorizer/rbac/bootstrappolicy``.

``cluster-admin`` (bound to group ``system:masters``, minikube's admin user), the user-facing
``admin``/``edit``/``view`` (their aggregated rules flattened, reduced to the API groups a lesson
meets) and the three roles every authenticated user holds.  The objects are written into a new
cluster without drawing from the seeded generator or bumping resourceVersion [SIM], so every
other generated name stays what it was; rbac.py falls back to these definitions when a state file
predates them (the API server reconciles bootstrap roles at start-up the same way).
"""

from __future__ import annotations

import hashlib

from minikube_lite import clock
from minikube_lite.api.objects import Obj

Rule = dict[str, list[str]]

READ = ["get", "list", "watch"]
WRITE = ["create", "delete", "deletecollection", "patch", "update"]


def _r(groups: list[str], resources: list[str], verbs: list[str]) -> Rule:
    return {"apiGroups": groups, "resources": resources, "verbs": verbs}


_VIEW: list[Rule] = [
    _r(
        [""],
        [
            "configmaps",
            "endpoints",
            "persistentvolumeclaims",
            "persistentvolumeclaims/status",
            "pods",
            "replicationcontrollers",
            "replicationcontrollers/scale",
            "serviceaccounts",
            "services",
            "services/status",
        ],
        READ,
    ),
    _r(
        [""],
        [
            "bindings",
            "events",
            "limitranges",
            "namespaces/status",
            "pods/log",
            "pods/status",
            "replicationcontrollers/status",
            "resourcequotas",
            "resourcequotas/status",
        ],
        READ,
    ),
    _r([""], ["namespaces"], READ),
    _r(["discovery.k8s.io"], ["endpointslices"], READ),
    _r(
        ["apps"],
        [
            "controllerrevisions",
            "daemonsets",
            "daemonsets/status",
            "deployments",
            "deployments/scale",
            "deployments/status",
            "replicasets",
            "replicasets/scale",
            "replicasets/status",
            "statefulsets",
            "statefulsets/scale",
            "statefulsets/status",
        ],
        READ,
    ),
    _r(["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"], READ),
    _r(["batch"], ["cronjobs", "cronjobs/status", "jobs", "jobs/status"], READ),
    _r(["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"], READ),
    _r(["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"], READ),
]
_EDIT: list[Rule] = [
    _r(
        [""],
        ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"],
        READ,
    ),
    _r([""], ["serviceaccounts"], ["impersonate"]),
    _r([""], ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"], WRITE),
    _r([""], ["pods/eviction"], ["create"]),
    _r(
        [""],
        [
            "configmaps",
            "events",
            "persistentvolumeclaims",
            "replicationcontrollers",
            "replicationcontrollers/scale",
            "secrets",
            "serviceaccounts",
            "services",
            "services/proxy",
        ],
        WRITE,
    ),
    _r([""], ["serviceaccounts/token"], ["create"]),
    _r(
        ["apps"],
        [
            "daemonsets",
            "deployments",
            "deployments/rollback",
            "deployments/scale",
            "replicasets",
            "replicasets/scale",
            "statefulsets",
            "statefulsets/scale",
        ],
        WRITE,
    ),
    _r(["autoscaling"], ["horizontalpodautoscalers"], WRITE),
    _r(["batch"], ["cronjobs", "jobs"], WRITE),
    _r(["policy"], ["poddisruptionbudgets"], WRITE),
    _r(["networking.k8s.io"], ["ingresses", "networkpolicies"], WRITE),
    *_VIEW,
]
_ADMIN: list[Rule] = [
    _r(["authorization.k8s.io"], ["localsubjectaccessreviews"], ["create"]),
    _r(
        ["rbac.authorization.k8s.io"],
        ["rolebindings", "roles"],
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
    ),
    *_EDIT,
]
_DISCOVERY_URLS = [
    "/api",
    "/api/*",
    "/apis",
    "/apis/*",
    "/healthz",
    "/livez",
    "/openapi",
    "/openapi/*",
    "/readyz",
    "/version",
    "/version/",
]

CLUSTER_ROLES: dict[str, list[Rule]] = {
    "admin": _ADMIN,
    "cluster-admin": [_r(["*"], ["*"], ["*"]), {"nonResourceURLs": ["*"], "verbs": ["*"]}],
    "edit": _EDIT,
    "system:basic-user": [
        _r(["authentication.k8s.io"], ["selfsubjectreviews"], ["create"]),
        _r(
            ["authorization.k8s.io"],
            ["selfsubjectaccessreviews", "selfsubjectrulesreviews"],
            ["create"],
        ),
    ],
    "system:discovery": [{"nonResourceURLs": _DISCOVERY_URLS, "verbs": ["get"]}],
    "system:public-info-viewer": [
        {
            "nonResourceURLs": ["/healthz", "/livez", "/readyz", "/version", "/version/"],
            "verbs": ["get"],
        }
    ],
    "view": _VIEW,
}
# binding name -> (role, group subjects)
CLUSTER_ROLE_BINDINGS: dict[str, tuple[str, tuple[str, ...]]] = {
    "cluster-admin": ("cluster-admin", ("system:masters",)),
    "system:basic-user": ("system:basic-user", ("system:authenticated",)),
    "system:discovery": ("system:discovery", ("system:authenticated",)),
    "system:public-info-viewer": (
        "system:public-info-viewer",
        ("system:authenticated", "system:unauthenticated"),
    ),
}
_AGGREGATE_LABEL = {"admin": "admin", "edit": "edit", "view": "view"}
RBAC_API = "rbac.authorization.k8s.io/v1"


def _meta(name: str, seed: int, start: float) -> Obj:
    digest = hashlib.blake2b(f"rbac-bootstrap:{seed}:{name}".encode(), digest_size=16).hexdigest()
    return {
        "annotations": {"rbac.authorization.kubernetes.io/autoupdate": "true"},
        "creationTimestamp": clock.rfc3339(start),
        "labels": {"kubernetes.io/bootstrapping": "rbac-defaults"},
        "name": name,
        "uid": f"{digest[:8]}-{digest[8:12]}-4{digest[13:16]}-a{digest[17:20]}-{digest[20:32]}",
    }


def cluster_role(name: str, seed: int = 0, start: float = 0.0) -> Obj:
    """The bootstrap ClusterRole ``name`` as the API server stores it."""
    meta = _meta(name, seed, start)
    if name in _AGGREGATE_LABEL:
        meta["labels"][f"rbac.authorization.k8s.io/aggregate-to-{_AGGREGATE_LABEL[name]}"] = "true"
    return {
        "apiVersion": RBAC_API,
        "kind": "ClusterRole",
        "metadata": meta,
        "rules": [dict(r) for r in CLUSTER_ROLES[name]],
    }


def cluster_role_binding(name: str, seed: int = 0, start: float = 0.0) -> Obj:
    """The bootstrap ClusterRoleBinding ``name``."""
    role, groups = CLUSTER_ROLE_BINDINGS[name]
    return {
        "apiVersion": RBAC_API,
        "kind": "ClusterRoleBinding",
        "metadata": _meta(name, seed, start),
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role},
        "subjects": [
            {"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": g} for g in groups
        ],
    }


def install(
    objects: dict[str, dict[str, Obj]], resource_version: int, seed: int, start: float
) -> None:
    """Write the bootstrap roles and bindings into a new cluster's object map (no RNG, no rv
    bump)."""
    rv = str(resource_version)
    for name in CLUSTER_ROLES:
        obj = cluster_role(name, seed, start)
        obj["metadata"]["resourceVersion"] = rv
        objects.setdefault("ClusterRole", {})[name] = obj
    for name in CLUSTER_ROLE_BINDINGS:
        obj = cluster_role_binding(name, seed, start)
        obj["metadata"]["resourceVersion"] = rv
        objects.setdefault("ClusterRoleBinding", {})[name] = obj
