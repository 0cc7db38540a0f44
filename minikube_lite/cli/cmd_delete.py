"""``delete``: parse, then ops.delete.DeleteOptions (complete, validate, run), then print."""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import delete as delete_op
from minikube_lite.ops import session


def delete(inv: Invocation) -> None:
    """Lines are printed after the save; the first validation error is kubectl's."""
    files = inv.flag("filename") or []
    opts = delete_op.DeleteOptions.complete(inv, cli_targets.stdin_text(inv, files))
    errs = opts.validate()
    if errs:
        raise errs[0]
    if opts.immediate:
        inv.io.err(delete_op.FORCE_WARNING)
    with session.open_cluster(inv.profile) as cluster:
        result = opts.run(cluster)
    inv.io.err("".join(result.warnings))
    inv.io.out("".join(result.lines))
    if result.errors:
        raise (
            result.errors[0]
            if len(result.errors) == 1
            else errors.AggregateError(list(result.errors))
        )
