"""``meta.k8s.io/v1`` Table answers, for the Accept header every human ``kubectl get`` sends.

The server formats the cells (Age, Ready, ...) with the very functions mkl's own ``get`` prints
(``printers.columns.row_cells``, always with the wide columns, as the API server's
TableConvertor generates them); kubectl prints them verbatim, adds the ``NAMESPACE`` column
(``-A``), ``-L``/``--show-labels`` and the ``kind/`` prefix from each row's ``object``, and shows
the columns of priority 1 only with ``-o wide``.  Kinds without a printer get the API server's
default table (``Name`` and ``Created At``).

``includeObject`` chooses each row's ``object``: ``Metadata`` (the default) a
PartialObjectMetadata, ``Object`` the whole object (kubectl asks for it with ``--sort-by``),
``None`` nothing.
"""

from __future__ import annotations

from typing import Any

from minikube_lite import errors
from minikube_lite.api.objects import Obj
from minikube_lite.printers import columns, columns_rows

CONTENT_TYPE = "application/json;as=Table;v=v1;g=meta.k8s.io"

_NAME_DOC = (
    "Name must be unique within a namespace. Is required when creating resources, although some "
    "resources may allow a client to request the generation of an appropriate name "
    "automatically. Name is primarily intended for creation idempotence and configuration "
    "definition. Cannot be updated."
)
_CREATED_DOC = (
    "CreationTimestamp is a timestamp representing the server time when this object was "
    "created. It is not guaranteed to be set in happens-before order across separate "
    "operations. Clients may not set this value. It is represented in RFC3339 form and is in "
    "UTC."
)
_AGE_DOC = "How long ago the object was created (from metadata.creationTimestamp)."

# (name, type, description); "Name" is the name column, "Age" the age column. Wide-only
# (priority 1) columns come after "|". Names are the API server's; kubectl upper-cases them.
_S, _I = "string", "integer"
_WORKLOAD_WIDE = [
    ("Containers", _S, "Names of each container in the template."),
    ("Images", _S, "Images referenced by each container in the template."),
    ("Selector", _S, "The label selector of the pods this object manages."),
]
_BINDING_WIDE = [
    ("Users", _S, "The users this binding grants the role to."),
    ("Groups", _S, "The groups this binding grants the role to."),
    ("ServiceAccounts", _S, "The service accounts this binding grants the role to."),
]
_REPLICAS = [
    ("Desired", _I, "The number of replicas asked for (spec.replicas)."),
    ("Current", _I, "The number of replicas that exist (status.replicas)."),
    ("Ready", _I, "The number of ready replicas (status.readyReplicas)."),
]
Col = tuple[str, str, str]
_COLUMNS: dict[str, tuple[list[Col], list[Col]]] = {
    "Deployment": (
        [
            ("Ready", _S, "Ready pods out of the pods asked for."),
            ("Up-to-date", _I, "Pods of the current template (status.updatedReplicas)."),
            ("Available", _I, "Pods available to users (status.availableReplicas)."),
        ],
        _WORKLOAD_WIDE,
    ),
    "ReplicaSet": (_REPLICAS, _WORKLOAD_WIDE),
    "ReplicationController": (_REPLICAS, _WORKLOAD_WIDE),
    "StatefulSet": (
        [("Ready", _S, "Number of the pod with ready state")],
        _WORKLOAD_WIDE[:2],
    ),
    "ControllerRevision": (
        [
            ("Controller", _S, "Controller of the object"),
            ("Revision", _I, "Revision of the ControllerRevision"),
        ],
        [],
    ),
    "CronJob": (
        [
            ("Schedule", _S, "The cron schedule of the Jobs."),
            ("Timezone", _S, "The time zone of the schedule."),
            ("Suspend", _S, "Whether no more Jobs are created."),
            ("Active", _I, "How many of its Jobs run now."),
            ("Last Schedule", _S, "How long ago a Job was last scheduled."),
        ],
        _WORKLOAD_WIDE,
    ),
    "Job": (
        [
            ("Status", _S, "Complete, Failed, Terminating, Suspended, FailureTarget or Running."),
            ("Completions", _S, "Succeeded pods out of the completions asked for."),
            ("Duration", _S, "How long the job ran (from start to completion, or now)."),
        ],
        _WORKLOAD_WIDE,
    ),
    "Pod": (
        [
            ("Ready", _S, "Ready containers out of the pod's containers."),
            ("Status", _S, "The pod's phase or the reason it is not running."),
            ("Restarts", _S, "Container restarts, and how long ago the last one was."),
        ],
        [
            ("IP", _S, "The pod's IP address."),
            ("Node", _S, "The node the pod is bound to."),
            ("Nominated Node", _S, "The node preemption nominated for the pod."),
            ("Readiness Gates", _S, "Readiness gates that are true, out of all of them."),
        ],
    ),
    "Service": (
        [
            ("Type", _S, "How the service is exposed (spec.type)."),
            ("Cluster-IP", _S, "The service's cluster IP address."),
            ("External-IP", _S, "External addresses of the service."),
            ("Port(s)", _S, "The ports the service exposes."),
        ],
        [("Selector", _S, "The labels of the pods the service sends traffic to.")],
    ),
    "Endpoints": ([("Endpoints", _S, "Addresses and ports of the endpoints.")], []),
    "Namespace": ([("Status", _S, "The namespace's phase.")], []),
    "Node": (
        [
            ("Status", _S, "Whether the node is ready and schedulable."),
            ("Roles", _S, "The node's roles (node-role.kubernetes.io labels)."),
            ("Version", _S, "The kubelet version the node reports."),
        ],
        [
            ("Internal-IP", _S, "The node's internal address."),
            ("External-IP", _S, "The node's external address."),
            ("OS-Image", _S, "The node's operating system image."),
            ("Kernel-Version", _S, "The node's kernel version."),
            ("Container-Runtime", _S, "The node's container runtime and its version."),
        ],
    ),
    "ServiceAccount": ([("Secrets", _I, "The number of secrets of the account.")], []),
    "ConfigMap": ([("Data", _I, "The number of data and binaryData keys.")], []),
    "Secret": (
        [("Type", _S, "The secret's type."), ("Data", _I, "The number of data keys.")],
        [],
    ),
    "RoleBinding": ([("Role", _S, "The role granted (kind/name).")], _BINDING_WIDE),
    "ClusterRoleBinding": ([("Role", _S, "The role granted (kind/name).")], _BINDING_WIDE),
    "PodDisruptionBudget": (
        [
            ("Min Available", _S, "The minimum number or percentage of available pods."),
            ("Max Unavailable", _S, "The maximum number or percentage of unavailable pods."),
            ("Allowed Disruptions", _I, "How many pods may be disrupted now."),
        ],
        [],
    ),
    "Ingress": (
        [
            ("Class", _S, "The IngressClass that serves it."),
            ("Hosts", _S, "The hosts its rules match."),
            ("Address", _S, "Where the ingress controller serves it (none here)."),
            ("Ports", _S, "80, and 443 with TLS."),
        ],
        [],
    ),
    "IngressClass": (
        [
            ("Controller", _S, "The controller that implements the class."),
            ("Parameters", _S, "The object holding the controller's parameters."),
        ],
        [],
    ),
    "PriorityClass": (
        [
            ("Value", _I, "The priority of the pods of this class."),
            ("Global-Default", "boolean", "Whether pods without a class get this one."),
            ("PreemptionPolicy", _S, "Whether its pods may preempt lower-priority pods."),
        ],
        [],
    ),
    "HorizontalPodAutoscaler": (
        [
            ("Reference", _S, "The scale target (kind/name)."),
            ("Targets", _S, "Current and target values of the metrics."),
            ("MinPods", _S, "The lower limit of the replica count."),
            ("MaxPods", _I, "The upper limit of the replica count."),
            ("Replicas", _I, "The current replica count."),
        ],
        [],
    ),
    "ResourceQuota": (
        [
            ("Request", _S, "Used out of hard limits on requests."),
            ("Limit", _S, "Used out of hard limits on limits."),
        ],
        [],
    ),
}
_AGE_BEFORE = {
    "Node": 2,
    "PriorityClass": 2,
}  # Age's index among a kind's own columns when it is not last
_EVENT_COLUMNS: list[tuple[str, str, str, int]] = [
    ("Last Seen", _S, "When the event was last seen.", 0),
    ("Type", _S, "The event's type (Normal, Warning).", 0),
    ("Reason", _S, "Why the event happened, in a word.", 0),
    ("Object", _S, "The object the event is about.", 0),
    ("Subobject", _S, "The part of the object the event is about.", 1),
    ("Source", _S, "The component that reported the event.", 1),
    ("Message", _S, "What happened, in words.", 0),
    ("First Seen", _S, "When the event was first seen.", 1),
    ("Count", _S, "How often the event happened.", 1),
    ("Name", _S, _NAME_DOC, 1),
]


def wants_table(accept: str) -> bool:
    return "as=Table" in accept


def column(name: str, type_: str, fmt: str, doc: str, priority: int = 0) -> dict[str, Any]:
    return {"name": name, "type": type_, "format": fmt, "description": doc, "priority": priority}


def column_definitions(kind: str) -> list[dict[str, Any]]:
    """The TableColumnDefinitions of ``kind``, wide (priority 1) ones included."""
    if kind == "Event":
        return [column(n, t, "name" if n == "Name" else "", d, p) for n, t, d, p in _EVENT_COLUMNS]
    name = column("Name", _S, "name", _NAME_DOC)
    cols = _COLUMNS.get(kind)
    if cols is None:
        return [name, column("Created At", "date", "", _CREATED_DOC)]
    normal = [column(n, t, "", d) for n, t, d in cols[0]]
    age = column("Age", _S, "", _AGE_DOC)
    if kind == "ResourceQuota" and not columns_rows.QUOTA_AGE_LAST:
        normal.insert(0, age)
    else:
        normal.insert(_AGE_BEFORE.get(kind, len(normal)), age)
    return [name, *normal, *(column(n, t, "", d, 1) for n, t, d in cols[1])]


def partial_metadata(obj: Obj) -> dict[str, Any]:
    """The row's ``object`` under the default ``includeObject=Metadata``."""
    return {
        "kind": "PartialObjectMetadata",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": obj.get("metadata", {}),
    }


def include_object(value: str | None) -> str:
    """The ``includeObject`` parameter, checked as the API server does."""
    if value in (None, "", "Metadata"):
        return "Metadata"
    if value in ("Object", "None"):
        return value
    raise errors.BadRequestError(
        f'Invalid value: "{value}": must be one of Object, Metadata, or None'
    )


def _row_object(obj: Obj, include: str) -> dict[str, Any] | None:
    if include == "Object":
        return obj
    if include == "None":
        return None
    return partial_metadata(obj)


def cells(kind: str, obj: Obj, defs: list[dict[str, Any]], now: float) -> list[Any]:
    """One row's cells: mkl's ``get`` cells, integer columns as numbers."""
    out: list[Any] = columns.row_cells(kind, obj, now, wide=True)
    for i, d in enumerate(defs[: len(out)]):
        if d["type"] == _I and isinstance(out[i], str) and out[i].lstrip("-").isdigit():
            out[i] = int(out[i])
        elif d["type"] == "boolean" and out[i] in ("true", "false"):
            out[i] = out[i] == "true"
    return out


def table(
    objs: list[Obj],
    resource_version: str,
    with_columns: bool = True,
    *,
    kind: str = "",
    now: float = 0.0,
    include: str = "Metadata",
) -> dict[str, Any]:
    """The Table of ``objs`` (all of ``kind``) at simulated time ``now``."""
    defs = column_definitions(kind)
    rows = [
        {"cells": cells(kind, obj, defs, now), "object": _row_object(obj, include)} for obj in objs
    ]
    return {
        "kind": "Table",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": {"resourceVersion": resource_version},
        "columnDefinitions": defs if with_columns else [],
        "rows": rows,
    }
