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
from minikube_lite.records import dataclass
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
        failed, retrying, evicted = _evict_all(inv, opts, cluster, pods)
        if retrying:
            _retry_later(cluster, retrying)
            waiting = drain_ops.pending(cluster, evicted) if dry == "none" else []
            if dry == "none":
                _print_gone(inv, opts, [p for p in evicted if p not in waiting])
        elif failed:
            left = drain_ops.pending(cluster, pods)
            agg = drain_ops.aggregate(failed)
            inv.io.err(f'There are pending pods in node "{node}" when an error occurred: {agg}\n')
            inv.io.err("".join(f"pod/{o.name(p)}\n" for p in left))
            return failed
        elif dry == "server" and not opts.disable_eviction:
            return None
        else:
            waiting = drain_ops.pending(cluster, pods) if dry == "none" else []
            _print_gone(inv, opts, [p for p in pods if p not in waiting])
        start = cluster.now
    if not waiting and not retrying:
        return None
    return _wait(inv, opts, node, waiting, _Retries(retrying, failed, start))


def _evict_all(
    inv: Invocation, opts: drain_ops.DrainOptions, cluster: Cluster, pods: list[Obj]
) -> tuple[list[str], list[Obj], list[Obj]]:
    """evictPods / deletePods: every pod's request; the errors of those refused, the pods a
    PodDisruptionBudget refused for now (429: retried after EVICT_RETRY_DELAY), those evicted."""
    failed: list[str] = []
    retrying: list[Obj] = []
    evicted: list[Obj] = []
    for p in pods:
        try:
            _evict_one(inv, opts, cluster, p)
        except errors.TooManyRequestsError as e:
            if opts.disable_eviction:
                return [e.message], [], evicted
            retrying.append(p)
        except errors.MklError as e:
            if opts.disable_eviction:
                return [e.message], [], evicted  # deletePods stops at the first error
            failed.append(
                f'error when evicting pods/"{o.name(p)}" -n "{o.namespace(p)}": {e.message}'
            )
        else:
            evicted.append(p)
    return failed, retrying, evicted


def _evict_one(inv: Invocation, opts: drain_ops.DrainOptions, cluster: Cluster, p: Obj) -> None:
    """One try of evictPods' loop: ``evicting pod``, the request, and on a 429 kubectl's
    ``(will retry after 5s)`` line (the error is raised again)."""
    dry = opts.cordon.dry_run
    if not opts.disable_eviction:
        suffix = " (server dry run)" if dry == "server" else ""
        inv.io.out(f"evicting pod {_nsname(p)}{suffix}\n")
    try:
        opts.evict(cluster, p, dry == "server")
    except errors.TooManyRequestsError as e:
        if not opts.disable_eviction:
            delay = clock.go_duration(drain_ops.EVICT_RETRY_DELAY)
            inv.io.err(
                f'error when evicting pods/"{o.name(p)}" -n "{o.namespace(p)}" (will retry after '
                f"{delay}): {e.message}\n"
            )
        raise


@dataclass(slots=True)
class _Retries:
    """The pods a PodDisruptionBudget refused, tried again every EVICT_RETRY_DELAY from
    ``start`` (the simulated time evictPods began) until --timeout; the errors so far."""

    pods: list[Obj]
    failed: list[str]
    start: float
    next_at: float = 0.0


def _retry_later(cluster: Cluster, pods: list[Obj]) -> float:
    """Wake the clock at the next try (the disruption controller's namespace key: a harmless
    resync), so a manual clock's fast-forward stops there."""
    at = cluster.now + drain_ops.EVICT_RETRY_DELAY
    for ns in dict.fromkeys(o.namespace(p) for p in pods):
        cluster.schedule(at, "disruption", ns)
    return at


def _retry(
    inv: Invocation, opts: drain_ops.DrainOptions, cluster: Cluster, retries: _Retries
) -> list[Obj]:
    """The refused pods' next try (the pod read again, as evictPods does); the pods now
    evicted.  Past --timeout a try reports ``global timeout reached`` instead."""
    evicted: list[Obj] = []
    still: list[Obj] = []
    timeout = opts.timeout
    for p in retries.pods:
        if timeout and cluster.now - retries.start >= timeout:
            inv.io.out(f"evicting pod {_nsname(p)}\n")
            retries.failed.append(
                f'error when evicting pods/"{o.name(p)}" -n "{o.namespace(p)}": global timeout '
                f"reached: {clock.go_duration(timeout)}"
            )
            continue
        cur = cluster.get("Pod", o.namespace(p), o.name(p))
        if cur is None or o.uid(cur) != o.uid(p):
            inv.io.out(f"evicting pod {_nsname(p)}\n")
            continue  # NotFound: this pod is done
        try:
            _evict_one(inv, opts, cluster, cur)
        except errors.TooManyRequestsError:
            still.append(cur)
            continue
        except errors.MklError as e:
            retries.failed.append(
                f'error when evicting pods/"{o.name(p)}" -n "{o.namespace(p)}": {e.message}'
            )
            continue
        evicted.append(cur)
    retries.pods = still
    if still:
        retries.next_at = _retry_later(cluster, still)
    return evicted


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
    inv: Invocation, opts: drain_ops.DrainOptions, node: str, pods: list[Obj], retries: _Retries
) -> list[str] | None:
    """waitForDelete until --timeout (0: no limit), trying the refused evictions again; the
    errors on a timeout."""
    from minikube_lite.cli import cmd_wait

    left = list(pods)
    retries.next_at = retries.start + drain_ops.EVICT_RETRY_DELAY

    def look(cluster: Cluster) -> dict[str, object] | None:
        nonlocal left
        if retries.pods and cluster.now >= retries.next_at:
            left += _retry(inv, opts, cluster, retries)
        still = drain_ops.pending(cluster, left)
        _print_gone(inv, opts, [p for p in left if p not in still])
        left = [
            p
            for p in still
            if not drain_ops.should_skip(
                cluster, cluster.get("Pod", o.namespace(p), o.name(p)) or p, opts.skip_wait_seconds
            )
        ]
        return None if left or retries.pods else {}

    timeout = opts.timeout or WEEK
    inv.io.flush()
    with session.open_cluster(inv.profile) as cluster:
        manual, speed = cluster.clock_state.manual, cluster.clock_state.speed or 1.0
        limit = cluster.now + (timeout if manual else timeout * speed)
    budget = cmd_wait.Budget(clock.monotonic() + timeout, limit, False)
    with session.warm():
        got = cmd_wait.until(inv, budget, look)
    if got is not None:
        if retries.failed:
            with session.open_cluster(inv.profile) as cluster:
                still = opts.pods_for_deletion(cluster, node)[0]
            err = drain_ops.aggregate(retries.failed)
            inv.io.err(f'There are pending pods in node "{node}" when an error occurred: {err}\n')
            inv.io.err("".join(f"pod/{o.name(p)}\n" for p in still))
        return retries.failed or None
    shown = clock.go_duration(opts.timeout)
    if opts.disable_eviction:
        errs = ["timed out waiting for the condition"]
    else:
        errs = list(retries.failed)
        for p in retries.pods:  # the try after the deadline finds the context done
            inv.io.out(f"evicting pod {_nsname(p)}\n")
            errs.append(
                f'error when evicting pods/"{o.name(p)}" -n "{o.namespace(p)}": global timeout '
                f"reached: {shown}"
            )
        errs += [
            f'error when waiting for pod "{o.name(p)}" in namespace "{o.namespace(p)}" to '
            f"terminate: global timeout reached: {shown}"
            for p in left
        ]
        left = retries.pods + left
    err = drain_ops.aggregate(errs)
    inv.io.err(f'There are pending pods in node "{node}" when an error occurred: {err}\n')
    inv.io.err("".join(f"pod/{o.name(p)}\n" for p in left))
    return errs
