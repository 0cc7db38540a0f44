"""``patch`` (kubectl cmd/patch/patch.go)."""

from __future__ import annotations

from typing import Any

from minikube_lite import errors
from minikube_lite.cli import output
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import patch as ops
from minikube_lite.ops import session, targets

Obj = dict[str, Any]


def patch(inv: Invocation) -> None:
    """``patch (-f FILENAME | TYPE NAME) (-p PATCH | --patch-file FILE) [--type strategic|merge|json]``."""
    dry = output.dry_run_mode(inv)
    text, path, local = inv.flag("patch"), inv.flag("patch-file"), bool(inv.flag("local"))
    ops.validate(text, path, local, bool(inv.args), dry, inv.flag("type"))
    req = ops.parse(ops.read_patch_file(path) if path else str(text), inv.flag("type"))
    if local:
        docs = cli_targets.local_docs(inv, [])
        for m in docs:
            obj, op = ops.patch_local(m.kind, m.obj, req)
            output.emit(
                inv, obj, op
            )  # patch.go sets the operation after the dry-run suffix: none shows
        return
    sel = cli_targets.selection(inv)
    results: list[tuple[Obj, str]] = []
    with session.open_cluster(inv.profile) as cluster:
        found, errs = targets.visit(cluster, sel, inv.flag("namespace"))
        for f in found:
            try:
                results.append(ops.patch_one(cluster, f.kind, f.obj, req, inv.change_cause(), dry))
            except errors.MklError as e:
                errs.append(e)
    for obj, op in results:
        output.emit(inv, obj, op)
    if not found and not errs:
        raise errors.MklError("no objects passed to patch")
    targets.raise_all(errs)
