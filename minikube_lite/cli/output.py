"""Shared printing for mutating verbs: the name printer, ``-o name|json|yaml``, dry-run suffixes."""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api.objects import Obj
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import options


def emit(inv: Invocation, obj: Obj, op: str, dry: str = "none") -> None:
    """Print one result the way the verb's printer would."""
    fmt = inv.flag("output")
    k = kinds.KINDS.get(obj.get("kind", "")) or kinds.lookup(obj.get("kind", ""))
    name = obj.get("metadata", {}).get("name", "")
    prefix = k.name_prefix if k else str(obj.get("kind", "")).lower()
    if not fmt:
        inv.io.out(f"{prefix}/{name} {options.op_suffix(op, dry)}\n")
        return
    if fmt == "name":
        inv.io.out(f"{prefix}/{name}\n")
        return
    from minikube_lite.cli.template_out import print_template

    if print_template(inv, fmt, obj):
        return
    from minikube_lite.printers.formats.json import to_json
    from minikube_lite.printers.formats.yaml import to_yaml

    if fmt == "json":
        inv.io.out(to_json(obj))
    elif fmt == "yaml":
        inv.io.out(to_yaml(obj))
    else:
        raise errors.MklError(
            f'unable to match a printer suitable for the output format "{fmt}", allowed formats '
            "are: json,name,yaml"
        )
