"""``cluster-info`` and ``top pod|node`` (ops.clusterinfo)."""

from __future__ import annotations

from minikube_lite.cli.app import Invocation
from minikube_lite.ops import clusterinfo, session, targets


def cluster_info(inv: Invocation) -> None:
    """Words after ``cluster-info`` are ignored, as kubectl ignores them."""
    with session.open_cluster(inv.profile) as cluster:
        text = clusterinfo.cluster_info(cluster, inv.flag("namespace"), inv.prog)
    inv.io.out(text)


def _top(inv: Invocation, pods: bool) -> None:
    opts = clusterinfo.TopOptions.complete(inv)
    targets.raise_first(opts.validate(pods))
    opts.run()


def top_pod(inv: Invocation) -> None:
    _top(inv, True)


def top_node(inv: Invocation) -> None:
    _top(inv, False)
