"""``wait``: short locked looks until every object meets every ``--for``, or the timeout passes.

The loop follows ``rollout status`` (cli/cmd_rollout.py): the profile lock is held only for each
look, never while sleeping.  A manual clock is fast-forwarded from timer to timer (the simulated
``--timeout`` bounds it); a real clock is slept on, and ``--timeout`` is wall time.  The checks
are ops/wait.py's (kubectl's ``staging/src/k8s.io/kubectl/pkg/cmd/wait/wait.go``).
"""

from __future__ import annotations

from collections.abc import Callable

from minikube_lite import clock, errors
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.cli import output
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import session, targets
from minikube_lite.ops import wait as ops
from minikube_lite.records import dataclass
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
else:
    Any = object  # read by the module-level type aliases below

POLL = 0.5  # wall seconds between looks when nothing is scheduled sooner
STEP_BUDGET = 0.05  # wall seconds one look may spend fast-forwarding a manual clock
IDLE_BOUND = 3600.0  # simulated seconds without a change after which a manual clock jumps

Probe = Callable[[Cluster], "Obj | errors.MklError | None"]
Version = Callable[[Cluster], Any]


@dataclass(slots=True)
class _Quiet:
    """Since when (simulated) the waited-on object has not changed."""

    version: Any = None
    since: float | None = None

    def idle(self, version: Any, now: float) -> bool:
        """True once nothing has changed for IDLE_BOUND: nothing more will happen by itself."""
        if self.since is None or version != self.version:
            self.version, self.since = version, now
            return False
        return now - self.since > IDLE_BOUND


@dataclass(frozen=True, slots=True)
class Budget:
    """The one ``--timeout`` shared by every object and condition."""

    deadline: float  # monotonic (a real clock)
    limit: float  # simulated (a manual clock)
    once: bool  # --timeout=0: check once


def _find(expr: str, obj: Obj) -> list[list[Any]]:
    """JSONPath.FindResults with missing keys allowed (kubectl's wait parser)."""
    from minikube_lite.printers.formats import jsonpath, jsonpath_parser

    try:
        return jsonpath.find_results(expr, obj, allow_missing_keys=True)
    except jsonpath_parser.JSONPathError as e:
        raise errors.MklError(str(e)) from None


def _conditions(opts: ops.WaitOptions) -> list[ops.Condition]:
    """The ``--for`` values parsed (a JSONPath that does not parse is an error now)."""
    from minikube_lite.printers.formats import customcolumns, jsonpath_parser

    conds = opts.conditions(customcolumns.relaxed_jsonpath)
    for c in conds:
        if c.kind == "jsonpath":
            try:
                jsonpath_parser.parse(c.expr)
            except jsonpath_parser.JSONPathError as e:
                raise errors.MklError(str(e)) from None
    return conds


def wait(inv: Invocation) -> None:
    """``wait ([-f FILENAME] | TYPE/NAME | TYPE [(-l label | --all)]) --for=...``."""
    opts = ops.WaitOptions.complete(inv)
    targets.raise_first(opts.validate())
    conds = _conditions(opts)
    sel = cli_targets.selection(inv)
    timeout = opts.timeout
    with session.open_cluster(inv.profile) as cluster:
        manual, speed = cluster.clock_state.manual, cluster.clock_state.speed or 1.0
        limit = cluster.now + (timeout if manual else timeout * speed)
    budget = Budget(clock.monotonic() + timeout, limit, timeout == 0)
    with session.warm():  # each look re-reads only the segments that changed
        for cond in conds:
            if cond.kind == "create":
                _created(inv, opts, sel, budget)
            else:
                _each(inv, opts, sel, cond, budget)


def _created(
    inv: Invocation, opts: ops.WaitOptions, sel: targets.Selection, budget: Budget
) -> None:
    """``--for=create``: poll until every object named exists, then say so for each."""
    found: list[ops.Target] = []

    def probe(cluster: Cluster) -> Obj | errors.MklError | None:
        ts, errs = opts.find(cluster, sel, deleting=False)
        if any(isinstance(e, errors.NotFoundError) for e in errs) or not ts:
            return None
        if errs:
            return errs[0]
        found[:] = ts
        return {}

    got = until(inv, budget, probe)
    if isinstance(got, errors.MklError):
        raise got
    if got is None:
        raise errors.WaitTimeoutError()
    for t in found:
        _met(inv, t)


def _each(
    inv: Invocation,
    opts: ops.WaitOptions,
    sel: targets.Selection,
    cond: ops.Condition,
    budget: Budget,
) -> None:
    """A condition, a JSONPath or deletion, waited on for every object in turn."""
    deleting = cond.kind == "delete"
    with session.open_cluster(inv.profile) as cluster:
        found, errs = opts.find(cluster, sel, deleting)
    for t in found:
        try:
            _one(inv, t, cond, budget)
        except errors.MklError as e:
            errs.append(e)
    if not found and not errs and not deleting:
        raise errors.MklError(ops.NO_MATCH)
    targets.raise_all(errs)


def _one(inv: Invocation, t: ops.Target, cond: ops.Condition, budget: Budget) -> None:
    """Wait for one object; prints ``<kind>/<name> condition met`` when it does."""

    def probe(cluster: Cluster) -> Obj | errors.MklError | None:
        if cond.kind == "delete":
            return {} if ops.deleted(t, cluster) else None
        cur = t.get(cluster)
        if cur is None:
            return errors.NotFoundError(f'{t.kind.resource} "{t.name}" not found')
        try:
            return o.deepcopy(cur) if ops.met(cond, cur, _find) else None
        except errors.MklError as e:
            return e

    def version(cluster: Cluster) -> Any:
        cur = t.get(cluster)
        return None if cur is None else o.meta(cur).get("resourceVersion")

    got = until(inv, budget, probe, version)
    if isinstance(got, errors.MklError):
        raise got
    if got is None:
        raise t.not_met() if budget.once else t.timed_out()
    _met(inv, t, got or None)


def _met(inv: Invocation, t: ops.Target, obj: Obj | None = None) -> None:
    shown = obj or {"kind": t.kind.kind, "metadata": {"name": t.name}}
    output.emit(inv, shown, "condition met")
    inv.io.flush()


def until(
    inv: Invocation, budget: Budget, probe: Probe, version: Version = lambda _: None
) -> Obj | errors.MklError | None:
    """Look (under the lock) until ``probe`` answers; None once the timeout has passed.

    ``version`` tells whether the waited-on object changed: a manual clock that has stepped
    IDLE_BOUND simulated seconds without a change jumps to the end of the timeout at once (the
    catch-up runs the steady timers in closed form), as ``rollout status`` stops jumping.
    """
    quiet = _Quiet()
    while True:
        with session.open_cluster(inv.profile) as cluster:
            got = probe(cluster)
            if got is not None or budget.once:
                return got
            c = cluster.clock_state
            if c.manual:
                got, over = _fast_forward(
                    cluster, budget, probe, lambda c: quiet.idle(version(c), c.now)
                )
                if got is not None or over:
                    return got
                nap = 0.0
            else:
                nxt = cluster.next_timer_at()
                gap = POLL if nxt is None else max(0.0, (nxt - cluster.now) / (c.speed or 1.0))
                nap = min(POLL, gap)
        left = budget.deadline - clock.monotonic()
        if not c.manual and left <= 0:
            return None
        if nap > 0:
            clock.sleep(min(nap, left))


def _fast_forward(
    cluster: Cluster, budget: Budget, probe: Probe, idle: Callable[[Cluster], bool]
) -> tuple[Obj | errors.MklError | None, bool]:
    """A manual clock: jump timer to timer (for STEP_BUDGET wall seconds at most).

    Returns (what the probe answered, whether the simulated timeout was reached).
    """
    from minikube_lite.controllers import loop

    started = clock.monotonic()
    while clock.monotonic() - started < STEP_BUDGET:
        nxt = cluster.next_timer_at()
        if nxt is None or nxt > budget.limit or idle(cluster):
            loop.advance_to(cluster, budget.limit)
            return probe(cluster), True
        loop.step(cluster, nxt)
        got = probe(cluster)
        if got is not None:
            return got, False
    return None, False
