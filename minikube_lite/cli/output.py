"""Shared printing for mutating verbs: the name printer, ``-o name|json|yaml``, dry-run suffixes."""

from __future__ import annotations

from typing import Any

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.cli.app import Invocation

Obj = dict[str, Any]


def dry_run_mode(inv: Invocation) -> str:
    """``--dry-run`` value: none|client|server (bare --dry-run means client, with a warning in kubectl)."""
    v = inv.flag("dry-run") or "none"
    if v == "unchanged":
        v = "client"
    if v in ("true",):
        v = "client"
    if v in ("false",):
        v = "none"
    if v not in ("none", "client", "server"):
        raise errors.MklError(f'Invalid dry-run value ({v}). Must be "none", "server", or "client".')
    return v


def op_suffix(op: str, dry: str) -> str:
    if dry == "client":
        return f"{op} (dry run)"
    if dry == "server":
        return f"{op} (server dry run)"
    return op


def emit(inv: Invocation, obj: Obj, op: str, dry: str = "none") -> None:
    """Print one result the way the verb's printer would."""
    fmt = inv.flag("output")
    k = kinds.KINDS.get(obj.get("kind", "")) or kinds.lookup(obj.get("kind", ""))
    name = obj.get("metadata", {}).get("name", "")
    prefix = k.name_prefix if k else str(obj.get("kind", "")).lower()
    if not fmt:
        inv.io.out(f"{prefix}/{name} {op_suffix(op, dry)}\n")
        return
    if fmt == "name":
        inv.io.out(f"{prefix}/{name}\n")
        return
    from minikube_lite.printers import formats

    if fmt == "json":
        inv.io.out(formats.to_json(obj))
    elif fmt == "yaml":
        inv.io.out(formats.to_yaml(obj))
    else:
        raise errors.MklError(
            f'unable to match a printer suitable for the output format "{fmt}", allowed formats are: json,name,yaml'
        )
