"""``kubectl describe``: the kind -> describer registry and the dispatcher.

Mirrors describe.go ``DescriberFor`` / ``describerMap``: one table from kind to the describer in
its kind-group module.  The kind modules import only ``writer`` (and each other downwards:
workloads -> pod -> containers); nothing imports this module back.  The table names each
describer as ``module:function`` and imports the module on first use, as the command table does
for handlers: ``describe deploy`` does not pay for the Secret, Service and quota describers
(base64, the quantity parser, the get tables: about 5 ms).
"""

from __future__ import annotations

import importlib

from minikube_lite.api.objects import Obj
from minikube_lite.errors import MklError
from minikube_lite.printers.describe.writer import DescribeContext

TYPE_CHECKING = False

__all__ = ["DESCRIBERS", "DescribeContext", "describe", "describer_for"]

if TYPE_CHECKING:
    from collections.abc import Callable

    Describer = Callable[[Obj, DescribeContext, float], str]

DESCRIBERS: dict[str, str] = {
    "Deployment": "workloads:describe_deployment",
    "ReplicaSet": "workloads:describe_replicaset",
    "ReplicationController": "workloads:describe_replication_controller",
    "StatefulSet": "apps:describe_statefulset",
    "Job": "workloads:describe_job",
    "CronJob": "workloads:describe_cronjob",
    "PodDisruptionBudget": "policy:describe_pdb",
    "PriorityClass": "policy:describe_priority_class",
    "Ingress": "networking:describe_ingress",
    "IngressClass": "networking:describe_ingress_class",
    "Pod": "pod:describe_pod",
    "Service": "misc:describe_service",
    "Endpoints": "misc:describe_endpoints",
    "Namespace": "misc:describe_namespace",
    "Node": "node:describe_node",
    "ResourceQuota": "misc:describe_quota",
    "LimitRange": "misc:describe_limitrange",
    "ServiceAccount": "misc:describe_serviceaccount",
    "ConfigMap": "misc:describe_configmap",
    "HorizontalPodAutoscaler": "autoscaling:describe_horizontal_pod_autoscaler",
}


def describer_for(kind: str) -> Describer:
    """Port of DescriberFor: the kind's describer; an MklError for a kind without one."""
    target = DESCRIBERS.get(kind)
    if target is None:
        raise MklError(f"no description has been implemented for {kind}")
    module, name = target.split(":")
    fn: Describer = getattr(importlib.import_module(f"{__package__}.{module}"), name)
    return fn


def describe(kind: str, obj: Obj, ctx: DescribeContext | None, now: float) -> str:
    """``kubectl describe`` text of one object (ends with a newline)."""
    return describer_for(kind)(obj, ctx or DescribeContext(), now)
