"""What shell completion offers from the cluster: the names of a kind's objects and the
namespaces, read from the state as last saved (the clock does not move, nothing is written)."""

from __future__ import annotations

from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.ops import resources
from minikube_lite.store.cluster import Cluster


def type_words() -> list[str]:
    """Every spelling of the kinds mkl serves (``deployments``, ``deployment``, ``deploy``)."""
    return sorted({n for k in kinds.KINDS.values() for n in (k.plural, k.singular, *k.short_names)})


def names(cluster: Cluster, type_word: str, namespace: str | None) -> list[str]:
    """The names of ``type_word``'s objects in ``namespace`` (the context's when None); [] for a
    word that names no kind.  Cluster-scoped kinds ignore the namespace."""
    k = kinds.lookup(type_word)
    if k is None:
        return []
    ns = resources.current_namespace(cluster, namespace) if k.namespaced else None
    return [o.name(obj) for obj in cluster.list(k.kind, ns)]


def namespaces(cluster: Cluster) -> list[str]:
    return [o.name(obj) for obj in cluster.list("Namespace")]


def containers(cluster: Cluster, pod_word: str, namespace: str | None) -> list[str]:
    """The containers of the pod ``pod_word`` (``NAME`` or ``pod/NAME``) names."""
    kind_word, _, name = pod_word.rpartition("/")
    k = kinds.lookup(kind_word) if kind_word else None
    if kind_word and (k is None or k.kind != "Pod"):
        return []
    pod = cluster.get("Pod", resources.current_namespace(cluster, namespace), name)
    spec = (pod or {}).get("spec", {})
    return [
        str(c.get("name")) for c in (*spec.get("initContainers", ()), *spec.get("containers", ()))
    ]
