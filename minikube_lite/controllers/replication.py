"""Replication manager: the ReplicaSet controller run over v1 ReplicationControllers.

Port of ``pkg/controller/replication/replication_controller.go`` (NewReplicationManager): upstream
builds a ReplicaSetController for the ReplicationController kind behind adapters that convert each
RC to a ReplicaSet (``conversion.go``: the selector map becomes ``matchLabels``).  The adapter here
is ``replicaset.REPLICATION_CONTROLLER``; every rule (slow start, which pods go first, status,
retries) is the ReplicaSet controller's own code.
"""

from __future__ import annotations

from minikube_lite.controllers import replicaset
from minikube_lite.store.cluster import Cluster

FLAVOR = replicaset.REPLICATION_CONTROLLER


def sync(cluster: Cluster, key: str) -> None:
    """Port of ReplicationManager's syncHandler (ReplicaSetController.syncReplicaSet)."""
    replicaset.sync_controller(cluster, key, FLAVOR)
