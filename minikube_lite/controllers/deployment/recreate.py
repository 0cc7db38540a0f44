"""Recreate strategy: port of ``pkg/controller/deployment/recreate.go``.

All old pods go first; the new ReplicaSet is created only once no pod object of an old
ReplicaSet is left in a non-terminal phase (terminating pods still count), so versions never
overlap.
"""

from __future__ import annotations

from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers.deployment import conditions as cond
from minikube_lite.controllers.deployment import progress, sync, util
from minikube_lite.store.cluster import Cluster


def rollout_recreate(
    cluster: Cluster, d: Obj, rs_list: list[Obj], pod_map: dict[str, list[Obj]]
) -> None:
    """Port of rolloutRecreate."""
    new_rs, old_rss = sync.get_all_replica_sets_and_sync_revision(cluster, d, rs_list, create=False)
    all_rss: list[Obj | None] = [*old_rss, new_rs]
    active_old = util.filter_active_replica_sets(old_rss)
    if scale_down_old_replica_sets_for_recreate(cluster, active_old, d):
        progress.sync_rollout_status(cluster, all_rss, new_rs, d)
        return
    if old_pods_running(new_rs, old_rss, pod_map):
        progress.sync_rollout_status(cluster, all_rss, new_rs, d)
        return
    if new_rs is None:
        new_rs, old_rss = sync.get_all_replica_sets_and_sync_revision(
            cluster, d, rs_list, create=True
        )
        all_rss = [*old_rss, new_rs]
    if new_rs is not None:
        scale_up_new_replica_set_for_recreate(cluster, new_rs, d)
    if cond.deployment_complete(d, d.get("status") or {}):
        sync.cleanup_deployment(cluster, old_rss, d)
    progress.sync_rollout_status(cluster, all_rss, new_rs, d)


def scale_down_old_replica_sets_for_recreate(cluster: Cluster, old_rss: list[Obj], d: Obj) -> bool:
    """Port of scaleDownOldReplicaSetsForRecreate: every active old RS to 0."""
    scaled = False
    for rs in old_rss:
        if util.rs_replicas(rs) == 0:
            continue
        scaled |= sync.scale_replica_set_and_record_event(cluster, rs, 0, d)
    return scaled


def old_pods_running(new_rs: Obj | None, old_rss: list[Obj], pod_map: dict[str, list[Obj]]) -> bool:
    """Port of oldPodsRunning: status.replicas of old RSes, or any non-terminal pod of theirs."""
    if util.get_actual_replica_count_for_replica_sets(old_rss) > 0:
        return True
    new_uid = o.uid(new_rs) if new_rs is not None else None
    for rs_uid, pods in pod_map.items():
        if rs_uid == new_uid:
            continue
        for pod in pods:
            if pod.get("status", {}).get("phase") not in ("Succeeded", "Failed"):
                return True
    return False


def scale_up_new_replica_set_for_recreate(cluster: Cluster, new_rs: Obj, d: Obj) -> bool:
    """Port of scaleUpNewReplicaSetForRecreate."""
    return sync.scale_replica_set_and_record_event(cluster, new_rs, util.replicas(d), d)
