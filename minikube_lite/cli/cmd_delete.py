"""``delete``: names, ``-f``, ``-l``, ``--all``; cascades are the controllers' job."""

from __future__ import annotations

from typing import Any

from minikube_lite import errors
from minikube_lite.api import objects as o
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import manifests, resources, session
from minikube_lite.store import apiserver

FORCE_WARNING = (
    "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. "
    "The resource may continue to run on the cluster indefinitely.\n"
)


def _targets(inv: Invocation, cluster: Any, ns: str | None) -> tuple[list[tuple[Any, str | None, str]], list[errors.MklError]]:
    """(Kind, namespace, name) triples to delete, plus NotFound errors for named objects."""
    out: list[tuple[Any, str | None, str]] = []
    errs: list[errors.MklError] = []
    if inv.flag("filename"):
        files = inv.flag("filename")
        for source, objs in manifests.read(files, cli_targets.stdin_text(inv, files)):
            for raw in objs:
                m = manifests.resolve(source, raw)
                obj_ns = o.namespace(raw) or ns or "default"
                out.append((m.kind, obj_ns if m.kind.namespaced else None, o.name(raw)))
        return out, errs
    refs = resources.parse_refs(inv.args)
    if not refs:
        raise errors.MklError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'")
    for ref in refs:
        if ref.name is not None:
            out.append((ref.kind, ns if ref.kind.namespaced else None, ref.name))
            continue
        if not inv.flag("all") and not inv.flag("selector"):
            raise errors.MklError("resource(s) were provided, but no name was specified")
        list_ns = None if inv.flag("all-namespaces") else ns
        for obj in resources.list_kind(cluster, ref.kind, list_ns, inv.flag("selector")):
            out.append((ref.kind, o.namespace(obj) or None, o.name(obj)))
    return out, errs


def delete(inv: Invocation) -> None:
    grace = inv.flag("grace-period")
    force = bool(inv.flag("force"))
    if inv.flag("now"):
        grace = 1
    if force and grace in (-1, None):
        grace = 0
    if force and grace == 0:
        inv.io.err(FORCE_WARNING)
    lines: list[str] = []
    errs: list[errors.MklError] = []
    with session.open_cluster(inv.profile) as cluster:
        ns = resources.current_namespace(cluster, inv.flag("namespace"))
        targets, errs = _targets(inv, cluster, ns)
        found_any = False
        for k, tns, name in targets:
            try:  # kubectl deletes without a GET: the server authorizes before it looks the object up
                resources.authorize(cluster, "delete", k, tns, name)
            except errors.MklError as e:
                errs.append(e)
                continue
            obj = cluster.get(k.kind, tns, name)
            if obj is None:
                if not inv.flag("ignore-not-found"):
                    errs.append(resources.not_found(k, name))
                continue
            found_any = True
            try:
                apiserver.delete(cluster, k.kind, obj, grace=None if grace in (-1, None) else grace, force=force and grace == 0)
            except errors.MklError as e:
                errs.append(e)
                continue
            verb = "force deleted" if force and grace == 0 else "deleted"
            where = f" from {tns} namespace" if k.namespaced else ""
            lines.append(f'{k.singular}{"." + k.group if k.group else ""} "{name}" {verb}{where}\n')
        if not targets and not errs:
            where = f" in {ns} namespace" if not inv.flag("all-namespaces") else ""
            inv.io.err(f"No resources found{where}\n")
        del found_any
    inv.io.out("".join(lines))
    if errs:
        raise errs[0] if len(errs) == 1 else errors.AggregateError(errs)
