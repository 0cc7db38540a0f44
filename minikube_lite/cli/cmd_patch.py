"""``patch``: parse, then ops.patch.PatchOptions (complete, validate, run), then print."""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.cli import output
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import patch as ops
from minikube_lite.ops import session, targets


def patch(inv: Invocation) -> None:
    """``patch (-f FILENAME | TYPE NAME) (-p PATCH | --patch-file FILE) [--type ...]``."""
    opts = ops.PatchOptions.complete(inv, inv.change_cause())
    errs = opts.validate()
    if errs:
        raise errs[0]
    req = opts.request()
    if opts.local:
        for m in cli_targets.local_docs(inv, []):
            obj, op = ops.patch_local(m.kind, m.obj, req)
            # patch.go sets the operation after the dry-run suffix: none shows
            output.emit(inv, obj, op)
        return
    sel = cli_targets.selection(inv)
    with session.open_cluster(inv.profile) as cluster:
        result = opts.run(cluster, sel, req)
    for obj, op in result.patched:
        output.emit(inv, obj, op)
    if not result.found_any and not result.errors:
        raise errors.MklError("no objects passed to patch")
    targets.raise_all(list(result.errors))
