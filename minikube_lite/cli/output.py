"""Shared printing for mutating verbs: the name printer, ``-o name|json|yaml``, dry-run suffixes."""

from __future__ import annotations

from minikube_lite.api import kinds
from minikube_lite.api.objects import Obj
from minikube_lite.cli import printflags
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import options


def emit(inv: Invocation, obj: Obj, op: str, dry: str = "none", *, typed: bool = False) -> None:
    """Print one result the way the verb's printer would (``typed``: a generator's object as
    built, whose ``-o json`` keeps the Go struct's field order)."""
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
    from minikube_lite.printers.formats.json import omit_managed_fields, to_json
    from minikube_lite.printers.formats.yaml import to_yaml

    if not inv.optional_flag("show-managed-fields"):  # JSONYamlPrintFlags.ShowManagedFields
        obj = omit_managed_fields(obj)
    if fmt == "json":
        inv.io.out(to_json(obj, typed=typed))
    elif fmt == "yaml":
        # one YAMLPrinter per command: "---" before every object but the first
        printed = inv.extra.get("yaml_objects_printed", 0)
        inv.extra["yaml_objects_printed"] = printed + 1
        inv.io.out(("---\n" if printed else "") + to_yaml(obj))
    elif fmt == "kyaml":
        from minikube_lite.printers.formats.kyaml import to_kyaml

        inv.io.out(to_kyaml(obj, ordered=typed))
    elif fmt.split("=", 1)[0] in printflags.TEMPLATE_FORMATS:
        inv.io.out(printflags.template_output(fmt, obj))
    else:
        printflags.check(fmt)  # raises kubectl's "unable to match a printer" error
