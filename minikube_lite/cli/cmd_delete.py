"""``delete``: names, ``-f``, ``-l``, ``--all``; cascades are the controllers' job (kubectl cmd/delete/delete.go)."""

from __future__ import annotations

from typing import Any

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.cli import output
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import manifests, resources, session
from minikube_lite.store import apiserver

FORCE_WARNING = (
    "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. "
    "The resource may continue to run on the cluster indefinitely.\n"
)
SCOPE_WARNING = "Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n"

Target = tuple[kinds.Kind, str | None, str]  # kind, namespace (None: cluster-scoped), name


def _targets(inv: Invocation, cluster: Any, ns: str) -> list[Target]:
    """What the builder visits: ``-f`` objects and named objects as given (no GET), and the
    objects a ``-l``/``--all`` list returns."""
    out: list[Target] = []
    if inv.flag("filename"):
        files = inv.flag("filename")
        for source, objs in manifests.read(files, cli_targets.stdin_text(inv, files)):
            for raw in objs:
                m = manifests.resolve(source, raw)
                obj_ns = o.namespace(raw) or ns
                out.append((m.kind, obj_ns if m.kind.namespaced else None, o.name(raw)))
        return out
    refs = resources.parse_refs(inv.args)
    if not refs:
        raise errors.MklError(
            "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'"
        )
    for ref in refs:
        if ref.name is not None:
            out.append((ref.kind, ns if ref.kind.namespaced else None, ref.name))
            continue
        if not inv.flag("all") and not inv.flag("selector"):
            raise errors.MklError("resource(s) were provided, but no name was specified")
        list_ns = None if inv.flag("all-namespaces") else ns
        for obj in resources.list_kind(cluster, ref.kind, list_ns, inv.flag("selector")):
            out.append((ref.kind, o.namespace(obj) or None, o.name(obj)))
    return out


def _grace(inv: Invocation) -> tuple[int, bool]:
    """DeleteOptions.Complete + Validate for --now, --grace-period and --force: (grace, force).

    ``--grace-period=0`` without ``--force`` means 1; ``--force`` alone means 0.
    """
    grace = inv.flag("grace-period")
    grace = -1 if grace is None else int(grace)
    force = bool(inv.flag("force"))
    if inv.flag("now"):
        if grace != -1:
            raise errors.MklError("--now and --grace-period cannot be specified together")
        grace = 1
    if grace == 0 and not force:
        grace = 1
    if force and grace < 0:
        grace = 0
    return grace, force


def _validate(inv: Invocation, grace: int, force: bool) -> None:
    fmt = inv.flag("output")
    if fmt and fmt != "name":
        raise errors.MklError(f"unexpected -o output mode: {fmt}. We only support '-o name'")
    if inv.flag("all") and inv.flag("selector"):
        raise errors.MklError("cannot set --all and --selector at the same time")
    if grace > 0 and force:
        raise errors.MklError(
            "--force and --grace-period greater than 0 cannot be specified together"
        )


def _line(inv: Invocation, k: kinds.Kind, ns: str | None, name: str, force: bool, dry: str) -> str:
    """DeleteOptions.PrintObj: ``deployment.apps "web" deleted from default namespace (dry run)``."""
    kind = f"{k.kind.lower()}.{k.group}" if k.group else k.kind.lower()
    if inv.flag("output") == "name":
        return f"{kind}/{name}\n"
    op = "force deleted" if force else "deleted"
    if k.namespaced:
        op += f" from {ns} namespace"
    return f'{kind} "{name}" {output.op_suffix(op, dry)}\n'


def _delete_one(
    cluster: Any, t: Target, grace: int, force: bool, server_dry_run: bool, ignore_not_found: bool
) -> bool:
    """The DELETE request (with ``dryRun=All`` for a server dry run): every server-side check,
    nothing stored on a dry run.  False: not found and ignored."""
    k, ns, name = t
    resources.authorize(
        cluster, "delete", k, ns, name
    )  # the server authorizes before it looks the object up
    obj = cluster.get(k.kind, ns, name)
    if obj is None:
        if ignore_not_found:
            return False
        raise resources.not_found(k, name)
    apiserver.delete(
        cluster,
        k.kind,
        obj,
        grace=None if grace < 0 else grace,
        force=force and grace == 0,
        dry_run=server_dry_run,
    )
    return True


def delete(inv: Invocation) -> None:
    """A client dry run sends nothing: it prints a line for every object the builder visits
    (named ones are not even looked up), as kubectl does.  Lines are printed after the save."""
    grace, force = _grace(inv)
    dry = output.dry_run_mode(inv)
    _validate(inv, grace, force)
    if force and grace == 0:
        inv.io.err(FORCE_WARNING)
    lines: list[str] = []
    errs: list[errors.MklError] = []
    with session.open_cluster(inv.profile) as cluster:
        targets = _targets(
            inv, cluster, resources.current_namespace(cluster, inv.flag("namespace"))
        )
        warn_scope = bool(inv.flag("namespace")) and not inv.flag("all-namespaces")
        for t in targets:
            if warn_scope and not t[0].namespaced:
                inv.io.err(SCOPE_WARNING)
                warn_scope = False
            if dry != "client":
                try:
                    if not _delete_one(
                        cluster,
                        t,
                        grace,
                        force,
                        dry == "server",
                        bool(inv.flag("ignore-not-found")),
                    ):
                        continue
                except errors.MklError as e:
                    errs.append(e)
                    continue
            lines.append(_line(inv, *t, force=force and grace == 0, dry=dry))
    if not targets and not errs:
        lines.append("No resources found\n")
    inv.io.out("".join(lines))
    if errs:
        raise errs[0] if len(errs) == 1 else errors.AggregateError(errs)
