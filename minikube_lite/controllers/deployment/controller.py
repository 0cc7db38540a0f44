"""The deployment controller's dispatcher: port of ``deployment_controller.go`` syncDeployment.

Order of checks (syncDeployment): empty selector, claim ReplicaSets, deleted, paused
conditions, paused, legacy rollback, scaling event, then the strategy.  A failed step is retried
on the default controller rate limiter (5 ms x 2^(n-1), ≤ 1000 s) in simulated time.
"""

from __future__ import annotations

from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import common
from minikube_lite.controllers.deployment import recreate, rollback, rolling, util
from minikube_lite.controllers.deployment import sync as dsync
from minikube_lite.store.cluster import Cluster

RETRY_BASE = 0.005
RETRY_MAX = 1000.0


def sync(cluster: Cluster, key: str) -> None:
    """Entry point for the reconcile loop: one syncDeployment, with rate-limited retries."""
    d = cluster.get_key("Deployment", key)
    retries = cluster.state.setdefault("deployRetry", {})
    if d is None:
        retries.pop(key, None)
        return
    try:
        sync_deployment(cluster, d)
    except dsync.SyncError:
        n = int(retries.get(key, 0)) + 1
        retries[key] = n
        cluster.schedule(cluster.now + min(RETRY_BASE * 2 ** (n - 1), RETRY_MAX), "deployment", key)
        return
    retries.pop(key, None)


def sync_deployment(cluster: Cluster, d: Obj) -> None:
    """Port of syncDeployment."""
    selector = d.get("spec", {}).get("selector")
    if common.is_empty_selector(selector):
        dsync.record(
            cluster,
            d,
            "Warning",
            "SelectingAll",
            "This deployment is selecting all pods. A non-empty selector is required.",
        )
        status = d.setdefault("status", {})
        if int(status.get("observedGeneration") or 0) < o.generation(d):
            status["observedGeneration"] = o.generation(d)
            dsync.write_deployment_status(cluster, d)
        return
    rs_list = get_replica_sets_for_deployment(cluster, d)
    if o.is_deleting(d):
        dsync.sync_status_only(cluster, d, rs_list)
        return
    dsync.check_paused_conditions(cluster, d)
    if d.get("spec", {}).get("paused"):
        dsync.sync(cluster, d, rs_list)
        return
    if rollback.get_rollback_to(d) is not None:
        rollback.rollback(cluster, d, rs_list)
        return
    if dsync.is_scaling_event(cluster, d, rs_list):
        dsync.sync(cluster, d, rs_list)
        return
    if util.strategy_type(d) == "Recreate":
        recreate.rollout_recreate(
            cluster, d, rs_list, get_pod_map_for_deployment(cluster, d, rs_list)
        )
        return
    rolling.rollout_rolling(cluster, d, rs_list)


def get_replica_sets_for_deployment(cluster: Cluster, d: Obj) -> list[Obj]:
    """Port of getReplicaSetsForDeployment: owned RSes that still match, plus adopted orphans."""
    selector = d.get("spec", {}).get("selector")
    out: list[Obj] = []
    for rs in cluster.owned("ReplicaSet", o.uid(d), o.namespace(d)):
        if common.selector_matches(selector, o.labels(rs)):
            out.append(rs)
        elif not o.is_deleting(rs):
            common.release_controller_ref(cluster, "ReplicaSet", rs)
    if o.is_deleting(d):
        return out
    for rs in common.orphans(cluster, "ReplicaSet", o.namespace(d)):
        if not o.is_deleting(rs) and common.selector_matches(selector, o.labels(rs)):
            common.set_controller_ref(cluster, "ReplicaSet", rs, d, "Deployment", "apps/v1")
            out.append(rs)
    return out


def get_pod_map_for_deployment(
    cluster: Cluster, d: Obj, rs_list: list[Obj]
) -> dict[str, list[Obj]]:
    """Port of getPodMapForDeployment: pods grouped by the uid of their ReplicaSet."""
    selector = d.get("spec", {}).get("selector")
    return {
        o.uid(rs): [
            p
            for p in cluster.owned("Pod", o.uid(rs), o.namespace(rs))
            if common.selector_matches(selector, o.labels(p))
        ]
        for rs in rs_list
    }
