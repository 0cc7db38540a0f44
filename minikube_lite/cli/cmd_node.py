"""``cordon``, ``uncordon``, ``drain``, ``taint``: parse, ops.nodes / ops.drain, print.

``drain`` cordons, evicts the node's pods in one locked look, then waits (outside the lock, as
``delete --wait`` does: a manual clock is fast-forwarded) until each pod is gone, printing
``pod/NAME evicted`` as each one goes; ReplicaSet pods come back Pending on a cordoned
one-node cluster (``0/1 nodes are available: 1 node(s) were unschedulable``), as on minikube.
"""

from __future__ import annotations

from minikube_lite import clock, errors
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import drain as drain_ops
from minikube_lite.ops import nodes, session
from minikube_lite.store.cluster import Cluster

WEEK = 168 * 3600.0
DELETE_LOCAL_DATA_WARNING = (
    "Flag --delete-local-data has been deprecated, This option is deprecated and will be "
    "deleted. Use --delete-emptydir-data.\n"
)


def _usage(inv: Invocation, errs: list[errors.MklError]) -> None:
    if errs:
        raise inv.usage_error(errs[0].message)


def _print(inv: Invocation, lines: list[nodes.Line], dry: str) -> None:
    out = inv.optional_flag("output")
    inv.io.out("".join(nodes.node_line(n, op, dry, out) for n, op in lines))


def cordon(inv: Invocation) -> None:
    _cordon(inv, True)


def uncordon(inv: Invocation) -> None:
    _cordon(inv, False)


def _cordon(inv: Invocation, desired: bool) -> None:
    opts = nodes.CordonOptions.complete(inv, "cordon" if desired else "uncordon")
    _usage(inv, opts.validate())
    with session.open_cluster(inv.profile, save=opts.dry_run != "client") as cluster:
        lines = opts.run(cluster, desired)
    _print(inv, lines, opts.dry_run)


def taint(inv: Invocation) -> None:
    try:
        opts = nodes.TaintOptions.complete(inv)
    except nodes.UsageLike as e:
        raise inv.usage_error(e.message) from None
    errs = opts.validate()
    if errs:
        raise errs[0]
    with session.open_cluster(inv.profile, save=opts.dry_run != "client") as cluster:
        lines, failure = opts.run(cluster)
    from minikube_lite.cli import output

    for node, op in lines:  # ToPrinter(operation) drops the dry-run suffix Complete set
        output.emit(inv, node, op)
    if failure is not None:
        raise failure


def drain(inv: Invocation) -> None:
    """RunDrain: cordon every node, then drain them one by one; failures are reported per node
    and aggregated at the end (exit 1)."""
    if inv.given("delete-local-data"):
        inv.io.err(DELETE_LOCAL_DATA_WARNING)
    opts = drain_ops.DrainOptions.complete(inv, inv.command_path)
    _usage(inv, opts.cordon.validate())
    errs = opts.validate()
    if errs:
        raise errs[0]
    dry = opts.cordon.dry_run
    with session.open_cluster(inv.profile, save=dry != "client") as cluster:
        lines = opts.cordon.run(cluster, True)
    _print(inv, lines, dry)
    fatal: list[str] = []
    remaining: list[str] = []
    for node, _ in lines:
        name = o.name(node)
        err = _drain_node(inv, opts, name)
        if err is None:
            inv.io.out(nodes.node_line(node, "drained", dry, inv.optional_flag("output")))
            continue
        inv.io.err(
            f'error: unable to drain node "{name}" due to error: {drain_ops.aggregate(err)}, '
            "continuing command...\n"
        )
        fatal += err
        remaining.append(name)
    if remaining:
        inv.io.err("There are pending nodes to be drained:\n")
        inv.io.err("".join(f" {n}\n" for n in remaining))
    if fatal:
        raise errors.PlainError("\n".join(fatal))  # CheckErr: one line per error


def _drain_node(inv: Invocation, opts: drain_ops.DrainOptions, node: str) -> list[str] | None:
    """deleteOrEvictPodsSimple: the errors, or None once the node is drained."""
    dry = opts.cordon.dry_run
    with session.open_cluster(inv.profile, save=dry == "none") as cluster:
        pods, warnings, errs = opts.pods_for_deletion(cluster, node)
        if errs:
            return errs
        if warnings:
            inv.io.err(f"Warning: {warnings}\n")
        if dry == "client":
            inv.io.out("".join(f"evicting pod {_nsname(p)} (dry run)\n" for p in pods))
            return None
        failed = _evict_all(inv, opts, cluster, pods)
        if failed:
            left = drain_ops.pending(cluster, pods)
            agg = drain_ops.aggregate(failed)
            inv.io.err(f'There are pending pods in node "{node}" when an error occurred: {agg}\n')
            inv.io.err("".join(f"pod/{o.name(p)}\n" for p in left))
            return failed
        if dry == "server" and not opts.disable_eviction:
            return None
        waiting = drain_ops.pending(cluster, pods) if dry == "none" else []
        done = [p for p in pods if p not in waiting]
        _print_gone(inv, opts, done)
    if not waiting:
        return None
    return _wait(inv, opts, node, waiting)


def _evict_all(
    inv: Invocation, opts: drain_ops.DrainOptions, cluster: Cluster, pods: list[Obj]
) -> list[str]:
    """evictPods / deletePods: every pod's request; the errors of those refused."""
    dry = opts.cordon.dry_run
    failed: list[str] = []
    for p in pods:
        if not opts.disable_eviction:
            suffix = " (server dry run)" if dry == "server" else ""
            inv.io.out(f"evicting pod {_nsname(p)}{suffix}\n")
        try:
            opts.evict(cluster, p, dry == "server")
        except errors.MklError as e:
            if opts.disable_eviction:
                return [e.message]  # deletePods stops at the first error
            failed.append(
                f'error when evicting pods/"{o.name(p)}" -n "{o.namespace(p)}": {e.message}'
            )
    return failed


def _nsname(p: Obj) -> str:
    return f"{o.namespace(p)}/{o.name(p)}"


def _print_gone(inv: Invocation, opts: drain_ops.DrainOptions, pods: list[Obj]) -> None:
    """onPodDeletedOrEvicted: ``pod/NAME evicted`` (``deleted`` without eviction)."""
    verb = "deleted" if opts.disable_eviction else "evicted"
    out = inv.optional_flag("output")
    inv.io.out(
        "".join(
            f"pod/{o.name(p)}\n" if out == "name" else f"pod/{o.name(p)} {verb}\n" for p in pods
        )
    )


def _wait(
    inv: Invocation, opts: drain_ops.DrainOptions, node: str, pods: list[Obj]
) -> list[str] | None:
    """waitForDelete until --timeout (0: no limit); the errors on a timeout."""
    from minikube_lite.cli import cmd_wait

    left = list(pods)

    def look(cluster: Cluster) -> dict[str, object] | None:
        nonlocal left
        still = drain_ops.pending(cluster, left)
        _print_gone(inv, opts, [p for p in left if p not in still])
        left = [
            p
            for p in still
            if not drain_ops.should_skip(
                cluster, cluster.get("Pod", o.namespace(p), o.name(p)) or p, opts.skip_wait_seconds
            )
        ]
        return None if left else {}

    timeout = opts.timeout or WEEK
    inv.io.flush()
    with session.open_cluster(inv.profile) as cluster:
        manual, speed = cluster.clock_state.manual, cluster.clock_state.speed or 1.0
        limit = cluster.now + (timeout if manual else timeout * speed)
    budget = cmd_wait.Budget(clock.monotonic() + timeout, limit, False)
    with session.warm():
        got = cmd_wait.until(inv, budget, look)
    if got is not None:
        return None
    shown = clock.go_duration(opts.timeout)
    if opts.disable_eviction:
        errs = ["timed out waiting for the condition"]
    else:
        errs = [
            f'error when waiting for pod "{o.name(p)}" in namespace "{o.namespace(p)}" to '
            f"terminate: global timeout reached: {shown}"
            for p in left
        ]
    err = drain_ops.aggregate(errs)
    inv.io.err(f'There are pending pods in node "{node}" when an error occurred: {err}\n')
    inv.io.err("".join(f"pod/{o.name(p)}\n" for p in left))
    return errs
