"""Shared printing for mutating verbs: the name printer, ``-o name|json|yaml``, dry-run suffixes."""

from __future__ import annotations

from typing import Any

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.cli.app import Invocation

Obj = dict[str, Any]


# strconv.ParseBool's spellings: the deprecated boolean --dry-run values.
_TRUE = frozenset({"1", "t", "T", "TRUE", "true", "True"})
_FALSE = frozenset({"0", "f", "F", "FALSE", "false", "False"})


def dry_run_mode(inv: Invocation) -> str:
    """``--dry-run``: none|client|server (port of cmdutil.GetDryRunStrategy).

    A bare ``--dry-run`` (its NoOptDefVal ``unchanged``) and the boolean spellings still work,
    with kubectl's klog deprecation warning on stderr (printed once per command).
    """
    if "dry_run" in inv.extra:
        return str(inv.extra["dry_run"])
    v = inv.flag("dry-run")
    v = "none" if v is None else str(v)
    mode, warning = v, ""
    if v in _TRUE:
        mode, warning = (
            "client",
            klog(
                "W",
                "helpers.go:728",
                f"--dry-run={v} is deprecated (boolean value) and can be replaced with --dry-run=client.",
            ),
        )
    elif v in _FALSE:
        mode, warning = (
            "none",
            klog(
                "W",
                "helpers.go:731",
                f"--dry-run={v} is deprecated (boolean value) and can be replaced with --dry-run=none.",
            ),
        )
    elif v == "unchanged":
        mode, warning = (
            "client",
            klog(
                "W",
                "helpers.go:714",
                "--dry-run is deprecated and can be replaced with --dry-run=client.",
            ),
        )
    elif v not in ("none", "client", "server"):
        raise errors.MklError(
            f'Invalid dry-run value ({v}). Must be "none", "server", or "client".'
        )
    inv.io.err(warning)
    inv.extra["dry_run"] = mode
    return mode


def klog(level: str, where: str, msg: str) -> str:
    """One klog line as kubectl writes it to stderr: ``W1207 08:14:32.927787    3910 helpers.go:714] msg``."""
    import os
    import time

    now = time.time()
    stamp = time.strftime("%m%d %H:%M:%S", time.localtime(now)) + f".{int((now % 1) * 1e6):06d}"
    return f"{level}{stamp} {os.getpid():>7} {where}] {msg}\n"


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
    from minikube_lite.printers.formats.json import to_json
    from minikube_lite.printers.formats.yaml import to_yaml

    if fmt == "json":
        inv.io.out(to_json(obj))
    elif fmt == "yaml":
        inv.io.out(to_yaml(obj))
    else:
        raise errors.MklError(
            f'unable to match a printer suitable for the output format "{fmt}", allowed formats are: json,name,yaml'
        )
