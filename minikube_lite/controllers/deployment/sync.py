"""Shared deployment-sync steps: port of ``pkg/controller/deployment/sync.go``.

New/old ReplicaSets and revisions (getAllReplicaSetsAndSyncRevision, getNewReplicaSet), scaling
(scale, scaleReplicaSetAndRecordEvent, scaleReplicaSet), history cleanup, status
(calculateStatus, syncDeploymentStatus), scaling-event detection and paused conditions.
The controller writes a Deployment only the way ``UpdateStatus`` would: status and annotations,
never spec, never ``metadata.generation``.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers.deployment import conditions as cond
from minikube_lite.controllers.deployment import util
from minikube_lite.store import apiserver, events, fieldmanager
from minikube_lite.store.cluster import Cluster

COMPONENT = "deployment-controller"
# sync.go getNewReplicaSet / scaleReplicaSet.
# Kubernetes ≥ ~1.32 prints "Scaled up replica set X from 0 to 3" and
# "Scaled down replica set X from 4 to 3" instead; switch these two templates to follow it.
CREATE_EVENT = "Scaled up replica set {name} to {new}"
SCALE_EVENT = "Scaled {direction} replica set {name} to {new} from {old}"
TERMINATING_MARK = "because it is being terminated"
_DEPLOYMENT_PREFIX = "deployment.kubernetes.io/"


class SyncError(Exception):
    """A sync step failed; the deployment is retried on the controller rate limiter."""


def record(cluster: Cluster, d: Obj, etype: str, reason: str, message: str) -> None:
    events.record(cluster, events.EventRecord(d, "Deployment", etype, reason, message, COMPONENT))


def write_deployment_status(cluster: Cluster, d: Obj) -> None:
    """UpdateStatus after mutating ``d`` (status and/or annotations) in place.

    [SIM: one write] Upstream's controller sends the revision annotations as an Update and the
    status as an UpdateStatus: two managedFields entries, which this keeps."""
    fm = fieldmanager
    fields = fm.annotation_fields(d, _DEPLOYMENT_PREFIX)
    fm.claim(cluster, d, fm.CONTROLLER_MANAGER, fields, if_new=True)
    fm.status_owned(cluster, "Deployment", d, fm.CONTROLLER_MANAGER)
    cluster.touch("Deployment", d)


def write_rs(cluster: Cluster, rs: Obj, spec_changed: bool) -> None:
    """ReplicaSets().Update(): generation + 1 when the spec changed (RS strategy
    PrepareForUpdate)."""
    if spec_changed:
        o.meta(rs)["generation"] = o.generation(rs) + 1
    fields = fieldmanager.annotation_fields(rs, _DEPLOYMENT_PREFIX)
    if spec_changed:
        fields = {**fields, "f:spec": {"f:replicas": {}}}
    fieldmanager.claim(cluster, rs, fieldmanager.CONTROLLER_MANAGER, fields)
    cluster.touch("ReplicaSet", rs)


# ----- new / old ReplicaSets ----------------------------------------------------------------------


def get_all_replica_sets_and_sync_revision(
    cluster: Cluster, d: Obj, rs_list: list[Obj], create: bool
) -> tuple[Obj | None, list[Obj]]:
    """Port of getAllReplicaSetsAndSyncRevision."""
    existing = util.find_new_replica_set(d, rs_list)
    old_rss = util.find_old_replica_sets(d, rs_list, existing)
    new_rs = get_new_replica_set(cluster, d, rs_list, old_rss, existing, create)
    return new_rs, old_rss


def get_new_replica_set(
    cluster: Cluster,
    d: Obj,
    rs_list: list[Obj],
    old_rss: list[Obj],
    existing: Obj | None,
    create: bool,
) -> Obj | None:
    """Port of getNewReplicaSet (sync.go)."""
    new_revision = util.max_revision(old_rss) + 1
    if existing is not None:
        return _sync_existing_new_rs(cluster, d, existing, new_revision)
    if not create:
        return None
    return _create_new_rs(cluster, d, old_rss, new_revision)


def _sync_existing_new_rs(cluster: Cluster, d: Obj, rs: Obj, new_revision: int) -> Obj:
    updated = util.set_new_replica_set_annotations(d, rs, new_revision, exists=True)
    min_ready = int(d.get("spec", {}).get("minReadySeconds") or 0)
    if updated or int(rs.get("spec", {}).get("minReadySeconds") or 0) != min_ready:
        changed = _set_min_ready(rs, min_ready)
        write_rs(cluster, rs, spec_changed=changed)
        return rs
    needs_update = util.set_deployment_revision(d, o.annotations(rs).get(o.REVISION_ANNOTATION, ""))
    status = d.setdefault("status", {})
    if util.has_progress_deadline(d) and cond.get_condition(status, cond.PROGRESSING) is None:
        msg = f'Found new replica set "{o.name(rs)}"'
        cond.set_condition(
            status,
            cond.new_condition(
                cond.PROGRESSING, "True", cond.FOUND_NEW_REPLICA_SET, msg, cluster.now
            ),
        )
        needs_update = True
    if needs_update:
        write_deployment_status(cluster, d)
    return rs


def _set_min_ready(rs: Obj, min_ready: int) -> bool:
    spec = rs.setdefault("spec", {})
    if int(spec.get("minReadySeconds") or 0) == min_ready:
        return False
    if min_ready:
        spec["minReadySeconds"] = min_ready
    else:
        spec.pop("minReadySeconds", None)
    return True


def new_replica_set_object(d: Obj, pod_hash: str) -> Obj:
    """The ReplicaSet getNewReplicaSet builds (replicas and annotations filled in by the caller)."""
    template = o.deepcopy(o.pod_template(d))
    tlabels = template.setdefault("metadata", {}).setdefault("labels", {})
    tlabels[o.POD_TEMPLATE_HASH_LABEL] = pod_hash
    selector = o.deepcopy(d.get("spec", {}).get("selector") or {})
    selector.setdefault("matchLabels", {})[o.POD_TEMPLATE_HASH_LABEL] = pod_hash
    spec: Obj = {"replicas": 0, "selector": selector, "template": template}
    min_ready = int(d.get("spec", {}).get("minReadySeconds") or 0)
    if min_ready:
        spec["minReadySeconds"] = min_ready
    meta: Obj = {
        "labels": dict(tlabels),
        "name": f"{o.name(d)}-{pod_hash}",
        "namespace": o.namespace(d),
        "ownerReferences": [o.owner_reference(d, "Deployment", "apps/v1")],
    }
    return {"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": meta, "spec": spec}


def _create_new_rs(cluster: Cluster, d: Obj, old_rss: list[Obj], new_revision: int) -> Obj | None:
    """The create branch of getNewReplicaSet, with hash-collision handling."""
    status = d.setdefault("status", {})
    rs = new_replica_set_object(
        d, util.compute_hash(o.pod_template(d), status.get("collisionCount"))
    )
    rs["spec"]["replicas"] = util.new_rs_new_replicas(d, [*old_rss, rs], rs)
    util.set_new_replica_set_annotations(d, rs, new_revision, exists=False)
    name, replicas = o.name(rs), rs["spec"]["replicas"]
    already_exists = False
    try:
        created = apiserver.create(
            cluster, "ReplicaSet", rs, manager=fieldmanager.CONTROLLER_MANAGER
        )
    except errors.AlreadyExistsError:
        existing = cluster.get("ReplicaSet", o.namespace(d), name)
        if (
            existing is None
            or o.controller_uid(existing) != o.uid(d)
            or not util.equal_ignore_hash(o.pod_template(d), o.pod_template(existing))
        ):
            status["collisionCount"] = int(status.get("collisionCount") or 0) + 1
            write_deployment_status(cluster, d)
            raise SyncError(f'replicasets.apps "{name}" already exists') from None
        created, already_exists = existing, True
    except errors.MklError as e:
        msg = getattr(e, "message", str(e))
        if TERMINATING_MARK in msg:
            raise SyncError(msg) from None
        text = f'Failed to create new replica set "{name}": {msg}'
        if util.has_progress_deadline(d):
            cond.set_condition(
                status,
                cond.new_condition(
                    cond.PROGRESSING, "False", cond.FAILED_RS_CREATE, text, cluster.now
                ),
            )
            write_deployment_status(cluster, d)
        record(cluster, d, "Warning", cond.FAILED_RS_CREATE, text)
        raise SyncError(text) from None
    if not already_exists and replicas > 0:
        record(
            cluster, d, "Normal", "ScalingReplicaSet", CREATE_EVENT.format(name=name, new=replicas)
        )
    needs_update = util.set_deployment_revision(d, str(new_revision))
    if not already_exists and util.has_progress_deadline(d):
        msg = f'Created new replica set "{name}"'
        cond.set_condition(
            status,
            cond.new_condition(
                cond.PROGRESSING, "True", cond.NEW_REPLICA_SET_CREATED, msg, cluster.now
            ),
        )
        needs_update = True
    if needs_update:
        write_deployment_status(cluster, d)
    return created


# ----- scaling ------------------------------------------------------------------------------------


def scale_replica_set_and_record_event(cluster: Cluster, rs: Obj, new_scale: int, d: Obj) -> bool:
    """Port of scaleReplicaSetAndRecordEvent."""
    if util.rs_replicas(rs) == new_scale:
        return False
    direction = "up" if util.rs_replicas(rs) < new_scale else "down"
    return scale_replica_set(cluster, rs, new_scale, d, direction)


def scale_replica_set(cluster: Cluster, rs: Obj, new_scale: int, d: Obj, direction: str) -> bool:
    """Port of scaleReplicaSet: size and the desired/max-replicas annotations; event on size
    change."""
    size_changes = util.rs_replicas(rs) != new_scale
    desired, max_replicas = util.replicas(d), util.replicas(d) + util.max_surge(d)
    if not size_changes and not util.replicas_annotations_need_update(rs, desired, max_replicas):
        return False
    old_scale = util.rs_replicas(rs)
    rs.setdefault("spec", {})["replicas"] = new_scale
    util.set_replicas_annotations(rs, desired, max_replicas)
    write_rs(cluster, rs, spec_changed=size_changes)
    if size_changes:
        msg = SCALE_EVENT.format(direction=direction, name=o.name(rs), new=new_scale, old=old_scale)
        record(cluster, d, "Normal", "ScalingReplicaSet", msg)
    return size_changes


def scale(cluster: Cluster, d: Obj, new_rs: Obj | None, old_rss: list[Obj]) -> None:
    """Port of scale (sync.go): all to the one active RS, or proportionally."""
    target = util.find_active_or_latest(new_rs, old_rss)
    if target is not None:
        if util.rs_replicas(target) != util.replicas(d):
            scale_replica_set_and_record_event(cluster, target, util.replicas(d), d)
        return
    if util.is_saturated(d, new_rs):
        for rs in util.filter_active_replica_sets(old_rss):
            scale_replica_set_and_record_event(cluster, rs, 0, d)
        return
    if util.strategy_type(d) == "RollingUpdate":
        _scale_proportionally(cluster, d, util.filter_active_replica_sets([*old_rss, new_rs]))


def _scale_proportionally(cluster: Cluster, d: Obj, rss: list[Obj]) -> None:
    allowed = util.replicas(d) + util.max_surge(d) if util.replicas(d) > 0 else 0
    to_add = allowed - util.get_replica_count_for_replica_sets(rss)
    direction = ""
    if to_add > 0:
        rss, direction = util.by_size_newer(rss), "up"
    elif to_add < 0:
        rss, direction = util.by_size_older(rss), "down"
    status_replicas = int(d.get("status", {}).get("replicas") or 0)
    added = 0
    sizes: list[int] = []
    for rs in rss:
        if to_add != 0:
            p = util.get_proportion(rs, d, to_add, added, status_replicas)
            sizes.append(util.rs_replicas(rs) + p)
            added += p
        else:
            sizes.append(util.rs_replicas(rs))
    for i, rs in enumerate(rss):
        if i == 0 and to_add != 0:
            sizes[0] = max(0, sizes[0] + to_add - added)
        scale_replica_set(cluster, rs, sizes[i], d, direction)


def cleanup_deployment(cluster: Cluster, old_rss: list[Obj], d: Obj) -> None:
    """Port of cleanupDeployment: keep at most revisionHistoryLimit old ReplicaSets."""
    limit = d.get("spec", {}).get("revisionHistoryLimit")
    if limit is None or int(limit) == util.MAX_INT32:
        return
    cleanable = [rs for rs in old_rss if not o.is_deleting(rs)]
    diff = len(cleanable) - int(limit)
    if diff <= 0:
        return
    for rs in util.by_revision(cleanable)[:diff]:
        if o.status_int(rs, "replicas") != 0 or util.rs_replicas(rs) != 0:
            continue
        if o.generation(rs) > o.status_int(rs, "observedGeneration") or o.is_deleting(rs):
            continue
        if cluster.get("ReplicaSet", o.namespace(rs), o.name(rs)) is not None:
            apiserver.delete(cluster, "ReplicaSet", rs)


# ----- status -------------------------------------------------------------------------------------


def calculate_status(all_rss: list[Obj | None], new_rs: Obj | None, d: Obj, now: float) -> Obj:
    """Port of calculateStatus (zero counters omitted, as Go's omitempty prints them)."""
    available = util.get_available_replica_count_for_replica_sets(all_rss)
    total = util.get_replica_count_for_replica_sets(all_rss)
    old = d.get("status") or {}
    counts = {
        "availableReplicas": available,
        "observedGeneration": o.generation(d),
        "readyReplicas": util.get_ready_replica_count_for_replica_sets(all_rss),
        "replicas": util.get_actual_replica_count_for_replica_sets(all_rss),
        "unavailableReplicas": max(0, total - available),
        "updatedReplicas": util.get_actual_replica_count_for_replica_sets([new_rs]),
    }
    status: Obj = {k: v for k, v in counts.items() if v}
    if "collisionCount" in old:
        status["collisionCount"] = old["collisionCount"]
    if old.get("conditions"):
        status["conditions"] = [dict(c) for c in old["conditions"]]
    if available >= util.replicas(d) - util.max_unavailable(d):
        c = cond.new_condition(
            cond.AVAILABLE,
            "True",
            cond.MINIMUM_REPLICAS_AVAILABLE,
            "Deployment has minimum availability.",
            now,
        )
    else:
        c = cond.new_condition(
            cond.AVAILABLE,
            "False",
            cond.MINIMUM_REPLICAS_UNAVAILABLE,
            "Deployment does not have minimum availability.",
            now,
        )
    cond.set_condition(status, c)
    return status


def sync_deployment_status(
    cluster: Cluster, all_rss: list[Obj | None], new_rs: Obj | None, d: Obj
) -> None:
    """Port of syncDeploymentStatus: calculateStatus, written only when it changed."""
    new_status = calculate_status(all_rss, new_rs, d, cluster.now)
    if new_status != (d.get("status") or {}):
        d["status"] = new_status
        write_deployment_status(cluster, d)


def is_scaling_event(cluster: Cluster, d: Obj, rs_list: list[Obj]) -> bool:
    """Port of isScalingEvent: an active RS annotated with another desired size."""
    new_rs, old_rss = get_all_replica_sets_and_sync_revision(cluster, d, rs_list, create=False)
    for rs in util.filter_active_replica_sets([*old_rss, new_rs]):
        desired = util.get_desired_replicas_annotation(rs)
        if desired is not None and desired != util.replicas(d):
            return True
    return False


def sync(cluster: Cluster, d: Obj, rs_list: list[Obj]) -> None:
    """Port of sync: scaling events and paused deployments (no rollout, no progress estimate)."""
    new_rs, old_rss = get_all_replica_sets_and_sync_revision(cluster, d, rs_list, create=False)
    scale(cluster, d, new_rs, old_rss)
    if d.get("spec", {}).get("paused") and o.ROLLBACK_TO_ANNOTATION not in o.annotations(d):
        cleanup_deployment(cluster, old_rss, d)
    sync_deployment_status(cluster, [*old_rss, new_rs], new_rs, d)


def sync_status_only(cluster: Cluster, d: Obj, rs_list: list[Obj]) -> None:
    """Port of syncStatusOnly (deployments being deleted)."""
    new_rs, old_rss = get_all_replica_sets_and_sync_revision(cluster, d, rs_list, create=False)
    sync_deployment_status(cluster, [*old_rss, new_rs], new_rs, d)


def check_paused_conditions(cluster: Cluster, d: Obj) -> None:
    """Port of checkPausedConditions (progress.go)."""
    if not util.has_progress_deadline(d):
        return
    status = d.setdefault("status", {})
    c = cond.get_condition(status, cond.PROGRESSING)
    if c is not None and c.get("reason") == cond.TIMED_OUT:
        return
    paused_exists = c is not None and c.get("reason") == cond.PAUSED
    paused = bool(d.get("spec", {}).get("paused"))
    if paused and not paused_exists:
        new = cond.new_condition(
            cond.PROGRESSING, "Unknown", cond.PAUSED, "Deployment is paused", cluster.now
        )
    elif not paused and paused_exists:
        new = cond.new_condition(
            cond.PROGRESSING, "Unknown", cond.RESUMED, "Deployment is resumed", cluster.now
        )
    else:
        return
    cond.set_condition(status, new)
    write_deployment_status(cluster, d)
