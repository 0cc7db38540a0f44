"""Garbage collector: owner cascades — ``pkg/controller/garbagecollector`` (garbagecollector.go).

Keyed by the uid of a deleted object.  Dependents found through the controller-owner index are
deleted in background propagation: ReplicaSets at once (their pods follow through this same
controller), pods gracefully (they show ``Terminating``).  Non-controller ownerReferences are
not modelled.  ``orphan_dependents`` is the ``--cascade=orphan`` path.

Foreground deletion (``--cascade=foreground``, attemptToDeleteItem/processDeletingDependentsItem):
the owner keeps its ``foregroundDeletion`` finalizer while dependents remain; a dependent that has
dependents of its own is deleted in the foreground too, others in the background; when the last
dependent is gone the finalizer is removed and the owner goes.  Work items ``fg/KIND/NS/NAME``
(cluster-scoped: empty NS) come from the loop's router when such an owner or a dependent changes.
"""

from __future__ import annotations

import functools

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
    if uid.startswith(FG_PREFIX):
        kind, _, rest = uid[len(FG_PREFIX) :].partition("/")
        ns, _, name = rest.partition("/")
        foreground(cluster, kind, ns or None, name)
        return
    what = cluster.doc.get("deleted", {}).pop(uid, None)
    if not uid:
        return
    ns = what.partition("/")[2] if isinstance(what, str) else ""
    owned = cluster.owned
    for kind in _dependent_kinds(tuple(cluster.objects), bool(ns)):
        for dep in owned(kind, uid, ns or None):
            delete_dependent(cluster, kind, dep)


@functools.lru_cache(maxsize=32)
def _dependent_kinds(stored: tuple[str, ...], in_namespace: bool) -> tuple[str, ...]:
    """The stored kinds that may hold dependents (in the owner's namespace: the namespaced
    ones and kinds not in the table), in store order: a pure function of its arguments (the
    kind table is fixed); the garbage collector asks once per deleted object."""
    return tuple(
        kind
        for kind in stored
        if kind != "Event"
        and not (
            in_namespace and kinds.KINDS.get(kind) is not None and not kinds.KINDS[kind].namespaced
        )
    )


FG_PREFIX = "fg/"


def foreground_key(kind: str, namespace: str, name: str) -> str:
    return f"{FG_PREFIX}{kind}/{namespace}/{name}"


def dependents(cluster: Cluster, owner: Obj) -> list[tuple[str, Obj]]:
    """(kind, object) of every object whose controller is ``owner`` (in its namespace)."""
    ns = o.namespace(owner) or None
    out = []
    for kind in list(cluster.objects):
        if kind == "Event" or (
            ns and kinds.KINDS.get(kind) is not None and not kinds.KINDS[kind].namespaced
        ):
            continue
        out += [(kind, dep) for dep in cluster.owned(kind, o.uid(owner), ns)]
    return out


def foreground(cluster: Cluster, kind: str, ns: str | None, name: str) -> None:
    """One step of a foreground deletion of ``kind`` ``ns/name`` (if it is one)."""
    obj = cluster.get(kind, ns, name)
    if obj is None or not o.is_deleting(obj):
        return
    fins = o.meta(obj).get("finalizers") or []
    if apiserver.FOREGROUND_FINALIZER not in fins:
        return
    deps = dependents(cluster, obj)
    if not deps:
        rest = [f for f in fins if f != apiserver.FOREGROUND_FINALIZER]
        if rest:  # another finalizer holds it [SIM: nothing removes those]
            o.meta(obj)["finalizers"] = rest
            cluster.touch(kind, obj)
        else:
            cluster.remove(kind, obj)
        return
    for dep_kind, dep in deps:
        if o.is_deleting(dep):
            continue
        if dep_kind != "Pod" and dependents(cluster, dep):
            apiserver.delete(cluster, dep_kind, dep, propagation="Foreground")
        else:
            delete_dependent(cluster, dep_kind, dep)


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
