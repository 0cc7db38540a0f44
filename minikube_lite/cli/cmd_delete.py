"""``delete``: parse, then ops.delete.DeleteOptions (complete, validate, run), print, then wait.

``--wait`` (the default, as kubectl's): after the lines are printed, wait until every deleted
object is gone (or replaced by another of the same name), in short locked looks as ``wait
--for=delete`` does: a manual clock is fast-forwarded, a real one is waited on.  ``--timeout``
bounds it (0: a week, kubectl's); ``--wait=false`` and dry runs return at once.
"""

from __future__ import annotations

from minikube_lite import clock, errors
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import delete as delete_op
from minikube_lite.ops import session
from minikube_lite.store.cluster import Cluster

WEEK = 168 * 3600.0


def delete(inv: Invocation) -> None:
    """Lines are printed after the save; the first validation error is kubectl's."""
    files = inv.flag("filename") or []
    opts = delete_op.DeleteOptions.complete(inv, cli_targets.stdin_text(inv, files))
    inv.io.err("".join(opts.warnings))
    errs = opts.validate()
    if errs:
        raise errs[0]
    if opts.immediate:
        inv.io.err(delete_op.FORCE_WARNING)
    with session.open_cluster(inv.profile) as cluster:
        result = opts.run(cluster)
        pending = _pending(cluster, result.deleted) if opts.wait and opts.dry_run == "none" else ()
    inv.io.err("".join(result.warnings))
    inv.io.out("".join(result.lines))
    if result.errors:
        raise (
            result.errors[0]
            if len(result.errors) == 1
            else errors.AggregateError(list(result.errors))
        )
    if pending:  # what is already gone (most non-pod objects) costs no second look
        inv.io.flush()
        _wait_gone(inv, pending, opts.timeout or WEEK)


Deleted = tuple[tuple[delete_op.Target, str], ...]


def _pending(cluster: Cluster, deleted: Deleted) -> Deleted:
    """The deleted objects still there (the same uid under the same name)."""
    out = []
    for t, uid in deleted:
        k, ns, name = t
        cur = cluster.get(k.kind, ns if k.namespaced else None, name)
        if cur is not None and cur.get("metadata", {}).get("uid") == uid:
            out.append((t, uid))
    return tuple(out)


def _wait_gone(inv: Invocation, deleted: Deleted, timeout: float) -> None:
    """kubectl's wait for deletion after DeleteResult: every deleted object gone (same uid)."""
    from minikube_lite.cli import cmd_wait

    def gone(cluster: Cluster) -> dict[str, object] | None:
        return None if _pending(cluster, deleted) else {}

    with session.open_cluster(inv.profile) as cluster:
        manual, speed = cluster.clock_state.manual, cluster.clock_state.speed or 1.0
        limit = cluster.now + (timeout if manual else timeout * speed)
    budget = cmd_wait.Budget(clock.monotonic() + timeout, limit, False)
    with session.warm():
        got = cmd_wait.until(inv, budget, gone)
    if got is None:
        (k, _, name), _ = deleted[0]
        raise errors.WaitTimeoutError(f"timed out waiting for the condition on {k.plural}/{name}")
