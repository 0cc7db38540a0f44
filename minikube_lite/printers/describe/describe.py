"""``kubectl describe``: the kind -> describer registry and the dispatcher.

Mirrors describe.go ``DescriberFor`` / ``describerMap``: one table from kind to the describer in
its kind-group module.  The kind modules import only ``writer`` (and each other downwards:
workloads -> pod -> containers); nothing imports this module back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from minikube_lite.api.objects import Obj
from minikube_lite.errors import MklError
from minikube_lite.printers.describe import misc, node, pod, workloads
from minikube_lite.printers.describe.writer import DescribeContext

__all__ = ["DESCRIBERS", "DescribeContext", "describe"]

if TYPE_CHECKING:
    from collections.abc import Callable

    Describer = Callable[[Obj, DescribeContext, float], str]

DESCRIBERS: dict[str, Describer] = {
    "Deployment": workloads.describe_deployment,
    "ReplicaSet": workloads.describe_replicaset,
    "Pod": pod.describe_pod,
    "Service": misc.describe_service,
    "Endpoints": misc.describe_endpoints,
    "Namespace": misc.describe_namespace,
    "Node": node.describe_node,
    "ResourceQuota": misc.describe_quota,
    "LimitRange": misc.describe_limitrange,
    "ServiceAccount": misc.describe_serviceaccount,
    "ConfigMap": misc.describe_configmap,
}


def describe(kind: str, obj: Obj, ctx: DescribeContext | None, now: float) -> str:
    """``kubectl describe`` text of one object (ends with a newline)."""
    fn = DESCRIBERS.get(kind)
    if fn is None:
        raise MklError(f"no description has been implemented for {kind}")
    return fn(obj, ctx or DescribeContext(), now)
