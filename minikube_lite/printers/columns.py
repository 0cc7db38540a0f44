"""``kubectl get`` tables: column definitions and cell values (printers.go), decorated and laid out
the way cli-runtime's HumanReadablePrinter does (tableprinter.go), then tabwritten.

Import cost matters (every command is a process): stdlib + clock + table only.
"""

from __future__ import annotations

from minikube_lite.api.objects import Obj
from minikube_lite.printers import columns_rows
from minikube_lite.printers.columns_pod import pod_status
from minikube_lite.printers.columns_rows import (
    format_endpoints,
    format_label_selector,
    format_labels,
    node_roles,
    row_cells,
    selector_string,
)
from minikube_lite.printers.table import GET_MINWIDTH, GET_PADDING, RememberingWriter, tabwrite

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
__all__ = [
    "decorated_headers",
    "decorated_row",
    "format_endpoints",
    "format_label_selector",
    "format_labels",
    "get_table",
    "headers",
    "node_roles",
    "pod_status",
    "row_cells",
    "selector_string",
]

# kubectl uppercases TableColumnDefinition names; wide-only (priority 1) columns come second.
_HEADERS: dict[str, tuple[list[str], list[str]]] = {
    "Deployment": (
        ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
        ["CONTAINERS", "IMAGES", "SELECTOR"],
    ),
    "ReplicaSet": (
        ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
        ["CONTAINERS", "IMAGES", "SELECTOR"],
    ),
    "ReplicationController": (
        ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
        ["CONTAINERS", "IMAGES", "SELECTOR"],
    ),
    "StatefulSet": (["NAME", "READY", "AGE"], ["CONTAINERS", "IMAGES"]),
    "ControllerRevision": (["NAME", "CONTROLLER", "REVISION", "AGE"], []),
    "CronJob": (
        ["NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"],
        ["CONTAINERS", "IMAGES", "SELECTOR"],
    ),
    "Job": (
        ["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"],
        ["CONTAINERS", "IMAGES", "SELECTOR"],
    ),
    "Pod": (
        ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
        ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"],
    ),
    "Service": (["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"], ["SELECTOR"]),
    "Endpoints": (["NAME", "ENDPOINTS", "AGE"], []),
    "Namespace": (["NAME", "STATUS", "AGE"], []),
    "Node": (
        ["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
        ["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"],
    ),
    "ServiceAccount": (["NAME", "SECRETS", "AGE"], []),
    "ConfigMap": (["NAME", "DATA", "AGE"], []),
    "Secret": (["NAME", "TYPE", "DATA", "AGE"], []),
    "RoleBinding": (["NAME", "ROLE", "AGE"], ["USERS", "GROUPS", "SERVICEACCOUNTS"]),
    "ClusterRoleBinding": (["NAME", "ROLE", "AGE"], ["USERS", "GROUPS", "SERVICEACCOUNTS"]),
    # pkg/printers/internalversion/printers.go (kubectl ≤1.32 order; upstream 1.33+ moved AGE
    # after LIMIT).
    "ResourceQuota": (["NAME", "AGE", "REQUEST", "LIMIT"], []),
    # No built-in printer: the apiserver's default table (NAME, CREATED AT).
    "LimitRange": (["NAME", "CREATED AT"], []),
    "HorizontalPodAutoscaler": (
        ["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"],
        [],
    ),
    "PodDisruptionBudget": (
        ["NAME", "MIN AVAILABLE", "MAX UNAVAILABLE", "ALLOWED DISRUPTIONS", "AGE"],
        [],
    ),
    "PriorityClass": (["NAME", "VALUE", "GLOBAL-DEFAULT", "AGE", "PREEMPTIONPOLICY"], []),
    "Ingress": (["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"], []),
    "IngressClass": (["NAME", "CONTROLLER", "PARAMETERS", "AGE"], []),
    "Role": (["NAME", "CREATED AT"], []),
    "ClusterRole": (["NAME", "CREATED AT"], []),
}
_EVENT_HEADERS = ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]
_EVENT_WIDE = [
    "LAST SEEN",
    "TYPE",
    "REASON",
    "OBJECT",
    "SUBOBJECT",
    "SOURCE",
    "MESSAGE",
    "FIRST SEEN",
    "COUNT",
    "NAME",
]


def headers(kind: str, wide: bool = False) -> list[str]:
    """Column headers of ``kind`` (the uppercased TableColumnDefinitions)."""
    if kind == "Event":
        return list(_EVENT_WIDE if wide else _EVENT_HEADERS)
    if kind == "ResourceQuota" and columns_rows.QUOTA_AGE_LAST:
        return ["NAME", "REQUEST", "LIMIT", "AGE"]
    normal, extra = _HEADERS.get(kind, (["NAME", "CREATED AT"], []))
    return normal + extra if wide else list(normal)


def _name_index(kind: str, wide: bool) -> int:
    """Index of the column with Format "name" (the one ``-o name``-style prefixes apply to)."""
    if kind == "Event":
        return 9 if wide else -1
    return 0


# --------------------------------------------------------------------------- the table


def _clean(cell: str) -> str:
    """Mirrors printTable + WriteEscaped: a cell is cut at its first newline, carriage return or
    form feed (``...`` appended) and ESC is shown as ``^[``."""
    for i, ch in enumerate(cell):
        if ch in "\n\r\f":
            cell = cell[:i] + "..."
            break
    return cell.replace("\x1b", "^[") if "\x1b" in cell else cell


def decorated_headers(
    kind: str,
    wide: bool = False,
    namespace_column: bool = False,
    show_labels: bool = False,
    label_columns: list[str] | None = None,
) -> list[str]:
    """Headers after decorateTable (NAMESPACE first; -L columns and LABELS last)."""
    out = (["NAMESPACE"] if namespace_column else []) + headers(kind, wide)
    out += [key.split("/")[-1].upper() for key in label_columns or []]
    return out + (["LABELS"] if show_labels else [])


def decorated_row(
    kind: str,
    obj: Obj,
    now: float,
    wide: bool = False,
    namespace_column: bool = False,
    show_labels: bool = False,
    name_prefix: str | None = None,
    label_columns: list[str] | None = None,
) -> list[str]:
    """One row as tableprinter.go prints it (decorateTable + printTable's cell clean-up)."""
    cells = row_cells(kind, obj, now, wide)
    idx = _name_index(kind, wide)
    if name_prefix and idx >= 0:
        cells[idx] = f"{name_prefix}/{cells[idx]}"
    md = obj.get("metadata") or {}
    labels = md.get("labels") or {}
    if namespace_column:
        cells.insert(0, md.get("namespace", ""))
    cells += [labels.get(key, "") for key in label_columns or []]
    if show_labels:
        cells.append(format_labels(labels))
    return [_clean(str(c)) for c in cells]


def get_table(
    kind: str,
    objs: list[Obj],
    now: float,
    *,
    wide: bool = False,
    namespace_column: bool = False,
    show_labels: bool = False,
    no_headers: bool = False,
    name_prefix: str | None = None,
    extra: dict[str, Any] | None = None,
) -> str:
    """The full ``get`` table (header + rows), ``""`` when there are no rows.

    ``extra`` may hold ``label_columns`` (``-L``) and ``writer`` (a RememberingWriter whose widths
    are used and updated, for ``get -w``).
    """
    if not objs:
        return ""
    extra = extra or {}
    label_columns = extra.get("label_columns")
    lines = []
    if not no_headers:
        lines.append(decorated_headers(kind, wide, namespace_column, show_labels, label_columns))
    for o in objs:
        lines.append(
            decorated_row(
                kind, o, now, wide, namespace_column, show_labels, name_prefix, label_columns
            )
        )
    writer = extra.get("writer")
    if isinstance(writer, RememberingWriter):
        return writer.render(lines)
    return tabwrite(lines, GET_MINWIDTH, GET_PADDING)
