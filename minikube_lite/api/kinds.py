"""The KINDS registry: every resource type mkl serves, with kubectl's names for it."""

from __future__ import annotations

from minikube_lite.records import dataclass


@dataclass(frozen=True, slots=True)
class Kind:
    kind: str
    group: str  # "" for core
    version: str
    plural: str
    singular: str
    short_names: tuple[str, ...]
    namespaced: bool
    verbs_all: bool = True  # included in `get all`

    @property
    def api_version(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version

    @property
    def resource(self) -> str:
        """``deployments.apps`` / ``pods``: the form API errors use."""
        return f"{self.plural}.{self.group}" if self.group else self.plural

    @property
    def name_prefix(self) -> str:
        """``deployment.apps`` / ``pod``: the form the name printer uses."""
        return f"{self.singular}.{self.group}" if self.group else self.singular


KINDS: dict[str, Kind] = {
    k.kind: k
    for k in (
        Kind("Namespace", "", "v1", "namespaces", "namespace", ("ns",), False, False),
        Kind("Node", "", "v1", "nodes", "node", ("no",), False, False),
        Kind("Pod", "", "v1", "pods", "pod", ("po",), True),
        Kind(
            "ReplicationController",
            "",
            "v1",
            "replicationcontrollers",
            "replicationcontroller",
            ("rc",),
            True,
        ),
        Kind("Service", "", "v1", "services", "service", ("svc",), True),
        Kind("Endpoints", "", "v1", "endpoints", "endpoints", ("ep",), True, False),
        Kind("Event", "", "v1", "events", "event", ("ev",), True, False),
        Kind("ResourceQuota", "", "v1", "resourcequotas", "resourcequota", ("quota",), True, False),
        Kind("LimitRange", "", "v1", "limitranges", "limitrange", ("limits",), True, False),
        Kind("ServiceAccount", "", "v1", "serviceaccounts", "serviceaccount", ("sa",), True, False),
        Kind("ConfigMap", "", "v1", "configmaps", "configmap", ("cm",), True, False),
        Kind("Secret", "", "v1", "secrets", "secret", (), True, False),
        Kind("Deployment", "apps", "v1", "deployments", "deployment", ("deploy",), True),
        Kind("ReplicaSet", "apps", "v1", "replicasets", "replicaset", ("rs",), True),
        Kind("StatefulSet", "apps", "v1", "statefulsets", "statefulset", ("sts",), True),
        Kind(
            "ControllerRevision",
            "apps",
            "v1",
            "controllerrevisions",
            "controllerrevision",
            (),
            True,
            False,
        ),
        Kind("CronJob", "batch", "v1", "cronjobs", "cronjob", ("cj",), True),
        Kind("Job", "batch", "v1", "jobs", "job", (), True),
        Kind(
            "HorizontalPodAutoscaler",
            "autoscaling",
            "v2",
            "horizontalpodautoscalers",
            "horizontalpodautoscaler",
            ("hpa",),
            True,
        ),
        Kind(
            "PodDisruptionBudget",
            "policy",
            "v1",
            "poddisruptionbudgets",
            "poddisruptionbudget",
            ("pdb",),
            True,
            False,
        ),
        Kind("Ingress", "networking.k8s.io", "v1", "ingresses", "ingress", ("ing",), True, False),
        Kind(
            "IngressClass",
            "networking.k8s.io",
            "v1",
            "ingressclasses",
            "ingressclass",
            (),
            False,
            False,
        ),
        Kind(
            "PriorityClass",
            "scheduling.k8s.io",
            "v1",
            "priorityclasses",
            "priorityclass",
            ("pc",),
            False,
            False,
        ),
        Kind("Role", "rbac.authorization.k8s.io", "v1", "roles", "role", (), True, False),
        Kind(
            "RoleBinding",
            "rbac.authorization.k8s.io",
            "v1",
            "rolebindings",
            "rolebinding",
            (),
            True,
            False,
        ),
        Kind(
            "ClusterRole",
            "rbac.authorization.k8s.io",
            "v1",
            "clusterroles",
            "clusterrole",
            (),
            False,
            False,
        ),
        Kind(
            "ClusterRoleBinding",
            "rbac.authorization.k8s.io",
            "v1",
            "clusterrolebindings",
            "clusterrolebinding",
            (),
            False,
            False,
        ),
    )
}

# Groups served beyond the object kinds: the review endpoints kubectl's auth commands POST to
# (server/discovery.py lists their resources).
REVIEW_GROUPS = {"authorization.k8s.io": "v1", "authentication.k8s.io": "v1"}


def group_versions() -> list[str]:
    """Every served ``group/version`` (``v1`` for core), sorted as ``kubectl api-versions`` prints
    them (Go's sort.Strings: byte order)."""
    gvs = {k.api_version for k in KINDS.values()}
    gvs.update(f"{g}/{v}" for g, v in REVIEW_GROUPS.items())
    return sorted(gvs)


# `get all` lists these, in kubectl's order.
ALL_KINDS = (
    "Pod",
    "ReplicationController",
    "Service",
    "Deployment",
    "ReplicaSet",
    "StatefulSet",
    "HorizontalPodAutoscaler",
    "CronJob",
    "Job",
)


def _aliases() -> dict[str, Kind]:
    out: dict[str, Kind] = {}
    for k in KINDS.values():
        names = {k.kind.lower(), k.plural, k.singular, *k.short_names}
        for n in list(names):
            out[n] = k
            if k.group:
                out[f"{n}.{k.group}"] = k
                out[f"{n}.{k.version}.{k.group}"] = k
            else:
                out[f"{n}.{k.version}"] = k
    return out


_ALIASES = _aliases()


def lookup(name: str) -> Kind | None:
    """Resolve a kubectl type argument (``deploy``, ``deployments.apps``, ``Pod``) to a Kind."""
    return _ALIASES.get(name.lower()) if name else None


def for_object(api_version: str, kind: str) -> Kind | None:
    """The Kind served for (apiVersion, kind) as written in a manifest; None when not served."""
    k = KINDS.get(kind)
    if k is None or api_version != k.api_version:
        return None
    return k
