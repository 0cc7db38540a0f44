"""``describe TYPE [NAME_PREFIX]``: exact name first, then kubectl's name-prefix fallback."""

from __future__ import annotations

from typing import Any

from minikube_lite import errors
from minikube_lite.api import objects as o
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import describe as ops
from minikube_lite.ops import manifests, resources, session


def _matches(
    inv: Invocation, cluster: Any, ref: resources.Ref, ns: str | None
) -> tuple[list[Any], bool]:
    """(objects, prefix_mode): the named object, else every object whose name starts with it."""
    k = ref.kind
    if ref.name is None:
        return resources.list_kind(cluster, k, ns, inv.flag("selector")), False
    obj = cluster.get(k.kind, (ns or "default") if k.namespaced else None, ref.name)
    if obj is not None:
        return [obj], False
    found = [x for x in resources.list_kind(cluster, k, ns) if o.name(x).startswith(ref.name)]
    if not found:
        raise resources.not_found(k, ref.name)
    return found, True


def describe(inv: Invocation) -> None:
    from minikube_lite.printers.describe import describe as printer

    if not inv.args and not inv.flag("filename"):
        raise inv.usage_error(
            f'You must specify the type of resource to describe. Use "{inv.prog} api-resources" for a complete list of supported resources.'
        )
    chunks: list[str] = []
    errs: list[errors.MklError] = []
    with session.open_cluster(inv.profile) as cluster:
        ns = (
            None
            if inv.flag("all-namespaces")
            else resources.current_namespace(cluster, inv.flag("namespace"))
        )
        if inv.flag("filename"):
            refs = []
            for source, objs in manifests.read(
                inv.flag("filename"), cli_targets.stdin_text(inv, inv.flag("filename"))
            ):
                for raw in objs:
                    m = manifests.resolve(source, raw)
                    refs.append(resources.Ref(m.kind, o.name(raw)))
        else:
            refs = resources.parse_refs(inv.args)
        for ref in refs:
            try:
                objs, prefix = _matches(inv, cluster, ref, ns)
            except errors.MklError as e:
                errs.append(e)
                continue
            for obj in objs:
                text = printer.describe(
                    ref.kind.kind,
                    obj,
                    printer.DescribeContext(**ops.context(cluster, ref.kind.kind, obj)),
                    cluster.now,
                )
                if prefix:  # DescribeMatchingResources: "%s\n" each, no separator
                    chunks.append(text + "\n")
                else:  # "\n\n" between descriptions
                    chunks.append(("\n\n" if chunks else "") + text)
        empty = not chunks and not errs
    if empty:
        where = "" if ns is None else f" in {ns} namespace"
        inv.io.err(f"No resources found{where}.\n")
    inv.io.out("".join(chunks))
    if errs:
        raise errs[0] if len(errs) == 1 else errors.AggregateError(errs)
