"""RollingUpdate strategy: port of ``pkg/controller/deployment/rolling.go``.

Worked example (upstream's comment in reconcileOldReplicaSets, kept as a test): 10 replicas,
maxSurge 3, maxUnavailable 2, new image broken → the old RS settles at 8 and the new one at 5,
because ``maxScaledDown = allPods - minAvailable - newRSUnavailable = 13 - 8 - 5 = 0``.
"""

from __future__ import annotations

from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers.deployment import conditions as cond
from minikube_lite.controllers.deployment import progress, sync, util
from minikube_lite.store.cluster import Cluster


def rollout_rolling(cluster: Cluster, d: Obj, rs_list: list[Obj]) -> None:
    """Port of rolloutRolling: scale up the new RS, else scale down old ones, then report."""
    new_rs, old_rss = sync.get_all_replica_sets_and_sync_revision(cluster, d, rs_list, create=True)
    all_rss: list[Obj | None] = [*old_rss, new_rs]
    if new_rs is not None and reconcile_new_replica_set(cluster, all_rss, new_rs, d):
        progress.sync_rollout_status(cluster, all_rss, new_rs, d)
        return
    if reconcile_old_replica_sets(
        cluster, all_rss, util.filter_active_replica_sets(old_rss), new_rs, d
    ):
        progress.sync_rollout_status(cluster, all_rss, new_rs, d)
        return
    if cond.deployment_complete(d, d.get("status") or {}):
        sync.cleanup_deployment(cluster, old_rss, d)
    progress.sync_rollout_status(cluster, all_rss, new_rs, d)


def reconcile_new_replica_set(
    cluster: Cluster, all_rss: list[Obj | None], new_rs: Obj, d: Obj
) -> bool:
    """Port of reconcileNewReplicaSet: True when the new RS was scaled."""
    want = util.replicas(d)
    have = util.rs_replicas(new_rs)
    if have == want:
        return False
    if have > want:
        return sync.scale_replica_set_and_record_event(cluster, new_rs, want, d)
    target = util.new_rs_new_replicas(d, all_rss, new_rs)
    return sync.scale_replica_set_and_record_event(cluster, new_rs, target, d)


def reconcile_old_replica_sets(
    cluster: Cluster, all_rss: list[Obj | None], old_rss: list[Obj], new_rs: Obj | None, d: Obj
) -> bool:
    """Port of reconcileOldReplicaSets: scale old RSes down as far as availability allows."""
    if util.get_replica_count_for_replica_sets(old_rss) == 0:
        return False
    all_count = util.get_replica_count_for_replica_sets(all_rss)
    min_available = util.replicas(d) - util.max_unavailable(d)
    new_unavailable = 0
    if new_rs is not None:
        new_unavailable = util.rs_replicas(new_rs) - o.status_int(new_rs, "availableReplicas")
    max_scaled_down = all_count - min_available - new_unavailable
    if max_scaled_down <= 0:
        return False
    old_rss, cleaned = cleanup_unhealthy_replicas(cluster, old_rss, d, max_scaled_down)
    all_now: list[Obj | None] = [*old_rss, new_rs]
    scaled = scale_down_old_replica_sets_for_rolling_update(cluster, all_now, old_rss, d)
    return cleaned + scaled > 0


def cleanup_unhealthy_replicas(
    cluster: Cluster, old_rss: list[Obj], d: Obj, max_cleanup: int
) -> tuple[list[Obj], int]:
    """Port of cleanupUnhealthyReplicas: first remove old pods that are not available anyway."""
    total = 0
    for rs in util.by_creation_timestamp(old_rss):
        if total >= max_cleanup:
            break
        replicas = util.rs_replicas(rs)
        available = o.status_int(rs, "availableReplicas")
        if replicas == 0 or replicas == available:
            continue
        count = min(max_cleanup - total, replicas - available)
        if count <= 0:
            continue  # stale status (more available than wanted): upstream errors out and retries
        sync.scale_replica_set_and_record_event(cluster, rs, replicas - count, d)
        total += count
    return old_rss, total


def scale_down_old_replica_sets_for_rolling_update(
    cluster: Cluster, all_rss: list[Obj | None], old_rss: list[Obj], d: Obj
) -> int:
    """Port of scaleDownOldReplicaSetsForRollingUpdate: oldest first, within the availability
    budget."""
    min_available = util.replicas(d) - util.max_unavailable(d)
    available = util.get_available_replica_count_for_replica_sets(all_rss)
    if available <= min_available:
        return 0
    budget = available - min_available
    done = 0
    for rs in util.by_creation_timestamp(old_rss):
        if done >= budget:
            break
        replicas = util.rs_replicas(rs)
        if replicas == 0:
            continue
        count = min(replicas, budget - done)
        sync.scale_replica_set_and_record_event(cluster, rs, replicas - count, d)
        done += count
    return done
