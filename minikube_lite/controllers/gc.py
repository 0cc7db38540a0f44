"""Garbage collector: owner cascades — ``pkg/controller/garbagecollector`` (garbagecollector.go).

Keyed by the uid of a deleted object.  Dependents found through the controller-owner index are
deleted in background propagation: ReplicaSets at once (their pods follow through this same
controller), pods gracefully (they show ``Terminating``).  Non-controller ownerReferences and
foreground deletion are not modelled.  ``orphan_dependents`` is the ``--cascade=orphan`` path.
"""

from __future__ import annotations

from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import common
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster


def sync(cluster: Cluster, uid: str) -> None:
    """Delete every object whose controller was the deleted object ``uid``.

    A namespaced owner's dependents live in its namespace (the API server refuses an
    ownerReference across namespaces), so only that namespace is read; the ``deleted`` record
    says which (``Kind/namespace``; a cluster-scoped owner's dependents may be anywhere).
    """
    what = cluster.doc.get("deleted", {}).pop(uid, None)
    if not uid:
        return
    ns = what.partition("/")[2] if isinstance(what, str) else ""
    for kind in list(cluster.objects):
        if kind == "Event" or (
            ns and kinds.KINDS.get(kind) is not None and not kinds.KINDS[kind].namespaced
        ):
            continue
        for dep in cluster.owned(kind, uid, ns or None):
            delete_dependent(cluster, kind, dep)


def delete_dependent(cluster: Cluster, kind: str, obj: Obj) -> None:
    if kind == "Pod":
        if not o.is_deleting(obj):
            apiserver.delete_pod(cluster, obj)
        return
    if cluster.get(kind, o.namespace(obj) or None, o.name(obj)) is not None:
        apiserver.delete(cluster, kind, obj)


def orphan_dependents(cluster: Cluster, owner: Obj) -> int:
    """Release the dependents of ``owner`` (call before deleting it with ``--cascade=orphan``)."""
    n = 0
    for kind in list(cluster.objects):
        if kind == "Event":
            continue
        for dep in cluster.owned(kind, o.uid(owner), o.namespace(owner) or None):
            common.release_controller_ref(cluster, kind, dep)
            n += 1
    return n
