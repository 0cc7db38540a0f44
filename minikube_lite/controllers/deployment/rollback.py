"""Legacy server-side rollback: port of ``pkg/controller/deployment/rollback.go``.

Only runs when a Deployment carries ``deprecated.deployment.rollback.to`` (old clients); mkl's own
``rollout undo`` patches the template client-side instead (§6.2).
"""

from __future__ import annotations

from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers.deployment import sync, util
from minikube_lite.store.cluster import Cluster

ROLLBACK_DONE = "DeploymentRollback"
ROLLBACK_REVISION_NOT_FOUND = "DeploymentRollbackRevisionNotFound"
ROLLBACK_TEMPLATE_UNCHANGED = "DeploymentRollbackTemplateUnchanged"


def get_rollback_to(d: Obj) -> int | None:
    """getRollbackTo: the requested revision, None when absent or not an integer."""
    value = o.annotations(d).get(o.ROLLBACK_TO_ANNOTATION)
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        return None


def rollback(cluster: Cluster, d: Obj, rs_list: list[Obj]) -> None:
    """Port of rollback: copy the template of the requested revision into the deployment."""
    new_rs, old_rss = sync.get_all_replica_sets_and_sync_revision(cluster, d, rs_list, create=True)
    all_rss = [rs for rs in (*old_rss, new_rs) if rs is not None]
    target = get_rollback_to(d) or 0
    if target == 0:
        target = util.last_revision(all_rss)
        if target == 0:
            sync.record(
                cluster, d, "Warning", ROLLBACK_REVISION_NOT_FOUND, "Unable to find last revision."
            )
            _update_and_clear_rollback_to(cluster, d)
            return
    for rs in all_rss:
        if util.revision(rs) == target:
            if rollback_to_template(cluster, d, rs):
                sync.record(
                    cluster,
                    d,
                    "Normal",
                    ROLLBACK_DONE,
                    f'Rolled back deployment "{o.name(d)}" to revision {target}',
                )
            return
    sync.record(
        cluster,
        d,
        "Warning",
        ROLLBACK_REVISION_NOT_FOUND,
        "Unable to find the revision to rollback to.",
    )
    _update_and_clear_rollback_to(cluster, d)


def rollback_to_template(cluster: Cluster, d: Obj, rs: Obj) -> bool:
    """Port of rollbackToTemplate: True when the template actually changed."""
    performed = False
    if not util.equal_ignore_hash(o.pod_template(d), o.pod_template(rs)):
        template = o.deepcopy(o.pod_template(rs))
        (template.get("metadata") or {}).get("labels", {}).pop(o.POD_TEMPLATE_HASH_LABEL, None)
        d["spec"]["template"] = template
        kept = {k: v for k, v in o.annotations(d).items() if k in o.SKIP_COPY_ANNOTATIONS}
        kept.update(
            {k: v for k, v in o.annotations(rs).items() if k not in o.SKIP_COPY_ANNOTATIONS}
        )
        o.meta(d)["annotations"] = kept
        performed = True
    else:
        msg = (
            f'The rollback revision contains the same template as current deployment "{o.name(d)}"'
        )
        sync.record(cluster, d, "Warning", ROLLBACK_TEMPLATE_UNCHANGED, msg)
    _update_and_clear_rollback_to(cluster, d)
    return performed


def _update_and_clear_rollback_to(cluster: Cluster, d: Obj) -> None:
    """updateDeploymentAndClearRollbackTo: a spec Update, so the generation moves."""
    o.remove_annotation(d, o.ROLLBACK_TO_ANNOTATION)
    o.meta(d)["generation"] = o.generation(d) + 1
    cluster.touch("Deployment", d)
