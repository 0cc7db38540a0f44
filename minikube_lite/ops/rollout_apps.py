"""``rollout history|undo`` of the kinds whose history is ControllerRevisions (StatefulSets).

Ports of kubectl's polymorphichelpers ``history.go`` (StatefulSetHistoryViewer,
controlledHistory, applyStatefulSetHistory, printHistory's data) and ``rollback.go``
(StatefulSetRollbacker, findHistory, statefulsetMatch).  Functions work on an open Cluster and
never print; ops/rollout.py wraps their results (this module does not import it).
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster

ROLLBACK_SKIPPED = "skipped rollback"
ROLLBACK_SUCCESS = "rolled back"


def controlled_history(cluster: Cluster, owner: Obj) -> list[Obj]:
    """controlledHistory: the ControllerRevisions ``owner`` controls, by revision."""
    revisions = cluster.owned("ControllerRevision", o.uid(owner), o.namespace(owner))
    return sorted(revisions, key=lambda r: int(r.get("revision") or 0))


def revision_template(revision: Obj) -> Obj:
    """applyStatefulSetHistory's template: the revision's patch replaces the set's template."""
    template = o.deepcopy(((revision.get("data") or {}).get("spec") or {}).get("template") or {})
    template.pop("$patch", None)
    return template


def history(cluster: Cluster, owner: Obj) -> list[tuple[int, str | None, Obj, Obj]]:
    """StatefulSetHistoryViewer's data: (number, change-cause, template, the set as that
    revision made it) per ControllerRevision number, ascending (the change-cause is the
    revision's own annotation; ``-o`` prints the set with the revision applied, as GetHistory
    returns it)."""
    by_number: dict[int, Obj] = {}
    for cr in controlled_history(cluster, owner):
        by_number[int(cr.get("revision") or 0)] = cr
    out = []
    for n, cr in sorted(by_number.items()):
        applied = o.deepcopy(owner)
        applied.setdefault("spec", {})["template"] = revision_template(cr)
        cause = o.annotations(cr).get(o.CHANGE_CAUSE_ANNOTATION) or None
        out.append((n, cause, revision_template(cr), applied))
    return out


def find_history(to_revision: int, revisions: list[Obj]) -> Obj | None:
    """findHistory: the revision numbered ``to_revision``, or for 0 the one before the last."""
    if to_revision == 0:
        return revisions[-2] if len(revisions) > 1 else None
    return next((r for r in revisions if int(r.get("revision") or 0) == to_revision), None)


def _not_found(to_revision: int) -> errors.MklError:
    return errors.MklError(f"unable to find specified revision {to_revision} in history")


def undo(
    cluster: Cluster, sts: Obj, to_revision: int, dry_run: str = "none"
) -> tuple[str, Obj | None]:
    """Port of StatefulSetRollbacker.Rollback: patch the set with the revision's data; returns
    (the operation for the name printer, or for a client dry run the template it restores)."""
    if to_revision < 0:
        raise _not_found(to_revision)
    revisions = controlled_history(cluster, sts)
    if to_revision == 0 and len(revisions) <= 1:
        raise errors.MklError("no last revision to roll back to")
    target = find_history(to_revision, revisions)
    if target is None:
        raise _not_found(to_revision)
    template = revision_template(target)
    if dry_run == "client":
        return "", template
    if o.semantic_equal(template, o.pod_template(sts)):
        return f"{ROLLBACK_SKIPPED} (current template already matches revision {to_revision})", None
    new = o.deepcopy(sts)
    new["spec"]["template"] = template
    try:
        apiserver.update(cluster, "StatefulSet", new, dry_run=dry_run == "server")
    except errors.ServerError as e:
        raise errors.MklError(f"failed restoring revision {to_revision}: {e.message}") from None
    return ROLLBACK_SUCCESS, None
