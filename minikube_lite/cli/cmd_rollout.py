"""``rollout history|undo|pause|resume|restart|status`` (kubectl cmd/rollout/*.go).

``rollout status`` is split so a richer view can reuse it: ``status_updates`` yields one
StatusUpdate for the initial state and one per modification of the Deployment (stepping the clock
from timer to timer, holding the state lock only for each step), and ``plain_status`` prints
kubectl's lines from it.  A live view for terminals can replace ``plain_status`` in ``status``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from minikube_lite import clock, errors
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.cli import output, printflags
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import resources, session, targets
from minikube_lite.ops import rollout as ops
from minikube_lite.records import dataclass, field

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

POLL = 0.5  # wall seconds between looks at the state while waiting without a due timer
IDLE_BOUND = (
    3600.0  # simulated seconds without a Deployment change after which a manual clock stops jumping
)


def _selection(inv: Invocation) -> targets.Selection:
    """Every rollout verb: ``required resource not specified`` first, then the builder."""
    if not inv.args and not inv.flag("filename"):
        raise errors.MklError("required resource not specified")
    return cli_targets.selection(inv, allow_empty_selector=True)


# ----- history ------------------------------------------------------------------------------------


def history(inv: Invocation) -> None:
    """``rollout history (TYPE NAME | TYPE/NAME) [--revision=N] [-o json|yaml|name]``."""
    sel = _selection(inv)
    opts = ops.HistoryOptions.complete(inv)
    targets.raise_first(opts.validate())
    with session.open_cluster(inv.profile) as cluster:
        views, errs = opts.run(cluster, sel)
    texts: list[str] = []
    for view in views:
        try:
            if isinstance(view, errors.MklError):
                raise view
            texts.append(_history_text(inv, opts, view))
        except errors.MklError as e:
            errs.append(e)
    for text in texts:
        inv.io.out(text)
    targets.raise_all(errs)


def _history_text(inv: Invocation, opts: ops.HistoryOptions, view: ops.HistoryView) -> str:
    from minikube_lite.printers import history as printer

    if opts.output:
        return _objects_text(inv, [r.replica_set for r in view.revisions])
    if opts.revision > 0 and not view.revisions:
        return f"{view.title} with revision #{opts.revision}\nNo rollout history found.\n"
    if opts.revision > 0:
        return printer.revision_detail(
            f"{view.title} with revision #{opts.revision}", view.revisions[0].template
        )
    return printer.history_table(view.title, [(r.number, r.change_cause) for r in view.revisions])


def _objects_text(inv: Invocation, objs: list[Obj]) -> str:
    """Each object through the -o printer (kubectl prints them one by one, not as a List)."""
    from minikube_lite.printers.formats.json import omit_managed_fields, to_json
    from minikube_lite.printers.formats.yaml import to_yaml

    fmt = inv.flag("output")
    parts = []
    for obj in objs:
        if fmt in ("json", "yaml") and not inv.optional_flag("show-managed-fields"):
            obj = omit_managed_fields(obj)
        if fmt == "name":
            parts.append(f"{kinds.KINDS[obj['kind']].name_prefix}/{o.name(obj)}\n")
        elif fmt == "json":
            parts.append(to_json(obj))
        elif fmt == "yaml":
            count = inv.extra.get("yaml_count", 0) + 1
            inv.extra["yaml_count"] = count
            parts.append(("---\n" if count > 1 else "") + to_yaml(obj))
        else:
            printflags.check(fmt)
            parts.append(printflags.template_output(fmt, obj))
    return "".join(parts)


# ----- undo ---------------------------------------------------------------------------------------


def undo(inv: Invocation) -> None:
    """``rollout undo (TYPE NAME | TYPE/NAME) [--to-revision=N] [--dry-run=...]``."""
    sel = _selection(inv)
    opts = ops.UndoOptions.complete(inv, inv.prog)
    targets.raise_first(opts.validate())
    with session.open_cluster(inv.profile) as cluster:
        done, errs = opts.run(cluster, sel)
    for obj, res in done:
        op = res.operation if res.dry_run_template is None else _described(res.dry_run_template)
        output.emit(inv, obj, op, opts.dry_run)
    targets.raise_all(errs)


def _described(template: Obj) -> str:
    """printTemplate: DescribePodTemplate written without a tabwriter."""
    from minikube_lite.printers.describe.pod import describe_pod_template
    from minikube_lite.printers.describe.writer import PrefixWriter

    w = PrefixWriter()
    describe_pod_template(template, w)
    return w.text()


# ----- pause / resume / restart -------------------------------------------------------------------


def pause(inv: Invocation) -> None:
    """``rollout pause (TYPE NAME | TYPE/NAME)``."""
    _patch_verb(inv, ops.pause, "paused")


def resume(inv: Invocation) -> None:
    """``rollout resume (TYPE NAME | TYPE/NAME)``."""
    _patch_verb(inv, ops.resume, "resumed")


def restart(inv: Invocation) -> None:
    """``rollout restart (TYPE NAME | TYPE/NAME)``."""
    _patch_verb(inv, ops.restart, "restarted")


def _patch_verb(inv: Invocation, fn: Callable[[Any, kinds.Kind, Obj, str], Obj], op: str) -> None:
    """RunPause / RunResume / RunRestart: patch each object, print, errors at the end."""
    sel = _selection(inv)
    opts = ops.PatchVerbOptions.complete(inv, fn)
    targets.raise_first(opts.validate())
    with session.open_cluster(inv.profile) as cluster:
        result = opts.run(cluster, sel)
    if not result.found_any and not result.errors:
        inv.io.err(f"No resources found in {result.namespace} namespace.\n")
        return
    for obj in result.patched:
        output.emit(inv, obj, op)
    targets.raise_all(list(result.errors))


# ----- status -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StatusUpdate:
    """One status line of ``rollout status`` and the Deployment version it was computed from."""

    message: str
    done: bool
    deployment: Obj
    now: float
    changed: bool = True  # False: a clock step without a write (only with ``ticks=True``)


@dataclass(slots=True)
class _Step:
    versions: list[Obj | None] = field(default_factory=list)
    now: float = 0.0
    next_at: float | None = None
    speed: float = 1.0
    manual: bool = True
    timed_out: bool = False


def status(inv: Invocation) -> None:
    """``rollout status (TYPE NAME | TYPE/NAME) [--watch] [--timeout=D] [--revision=N]``."""
    sel = _selection(inv)
    opts = ops.StatusOptions.complete(inv, inv.command_path)
    targets.raise_first(opts.validate())
    with session.open_cluster(inv.profile) as cluster:
        ns, found, errs = opts.run(cluster, sel)
    live = inv.io.tty and not opts.plain and inv.io.env.get("TERM") != "dumb"
    for f in found:
        try:
            ops.status_viewer_check(f.kind)
            show = _live_view() if live and f.kind.kind == "Deployment" else plain_status
            args = (o.namespace(f.obj), o.name(f.obj), opts.revision, opts.watch, opts.timeout)
            if f.kind.kind == "Deployment":
                show(inv, *args)
            else:  # the live view draws a Deployment's ReplicaSets: other kinds print lines
                plain_status(inv, *args, kind=f.kind.kind)
        except errors.MklError as e:
            errs.append(e)
    if not found and not errs:
        inv.io.err(f"No resources found in {ns} namespace.\n")
    targets.raise_all(errs)


def _live_view() -> Callable[..., None]:
    """The rich live view (issue 7), wired to this command's update stream; rich only here."""
    import functools

    from minikube_lite.cli import console, live

    return functools.partial(
        live.live_status,
        updates=status_updates,
        screen=lambda inv: console.live(console.stdout_console(inv.io)),
        render=console.render_rollout,
    )


def plain_status(
    inv: Invocation,
    namespace: str,
    name: str,
    revision: int,
    watch: bool,
    timeout: float,
    kind: str = "Deployment",
) -> None:
    """kubectl's output: one line per StatusUpdate, flushed as it comes."""
    for update in status_updates(inv, namespace, name, revision, watch, timeout, kind=kind):
        inv.io.out(update.message + "\n")
        inv.io.flush()


def status_updates(
    inv: Invocation,
    namespace: str,
    name: str,
    revision: int,
    watch: bool,
    timeout: float,
    *,
    on_state: Callable[[Any], object] | None = None,
    ticks: bool = False,
    kind: str = "Deployment",
) -> Iterator[StatusUpdate]:
    """The watch behind ``rollout status`` (watchtools.UntilWithSync + DeploymentStatusViewer).

    Yields the initial state, then one update per write to the Deployment, until done (or after
    the first line with ``watch=False``).  Raises the status errors, ``object has been deleted``
    and, past ``timeout`` (0 = never), WaitTimeoutError.  The timeout is kubectl's: wall time on a
    real clock, measured on the monotonic clock (so a wall clock stepping back cannot stretch it);
    on a manual clock, which jumps instead of sleeping, simulated time.  For the live view:
    ``on_state(cluster)`` is called inside the lock after the first read and after every step,
    and ``ticks`` also yields (``changed=False``) after a step that did not write the Deployment.
    """
    deadline = clock.monotonic() + timeout if timeout > 0 else None
    with session.open_cluster(inv.profile) as cluster:
        d = cluster.get(kind, namespace, name)
        if d is None:
            raise resources.not_found(kinds.KINDS[kind], name)
        d, start = o.deepcopy(d), cluster.now
        if on_state is not None:
            on_state(cluster)
    limit = start + timeout if timeout > 0 else None
    message, done = ops.object_status(kind, d, revision)
    yield StatusUpdate(message, done, d, start)
    if done or not watch:
        return
    with session.warm():  # each step re-reads only the segments that changed
        yield from _follow_status(
            inv,
            namespace,
            name,
            revision,
            (limit, deadline),
            d,
            (message, done),
            start,
            on_state,
            ticks,
            kind,
        )


def _follow_status(
    inv: Invocation,
    namespace: str,
    name: str,
    revision: int,
    limits: tuple[float | None, float | None],
    d: Obj,
    state: tuple[str, bool],
    start: float,
    on_state: Callable[[Any], object] | None,
    ticks: bool,
    kind: str = "Deployment",
) -> Iterator[StatusUpdate]:
    """The steps of ``status_updates`` after its first look."""
    limit, deadline = limits
    message, done = state
    last_rv, quiet_since = o.meta(d).get("resourceVersion"), start
    while True:
        args = (inv, namespace, name, limit, last_rv, quiet_since)
        if kind != "Deployment":
            step = _step(*args, on_state, kind)
        else:
            step = _step(*args) if on_state is None else _step(*args, on_state)
        if ticks and not step.versions:
            yield StatusUpdate(message, done, d, step.now, changed=False)
        for v in step.versions:
            if v is None:
                raise errors.MklError("object has been deleted")
            last_rv, quiet_since = o.meta(v).get("resourceVersion"), step.now
            message, done = ops.object_status(kind, v, revision)
            d = v
            yield StatusUpdate(message, done, v, step.now)
            if done:
                return
        if _timed_out(step, limit, deadline):
            raise errors.WaitTimeoutError()
        if not step.manual or step.next_at is None:
            _sleep(step, deadline)


def _timed_out(step: _Step, limit: float | None, deadline: float | None) -> bool:
    """Past --timeout?

    Simulated ``limit`` on a manual clock, monotonic ``deadline`` on a real one.
    """
    if step.manual:
        return step.timed_out or (limit is not None and step.now >= limit)
    return deadline is not None and clock.monotonic() >= deadline


def _sleep(step: _Step, deadline: float | None) -> None:
    """Wall-clock wait: until the next timer (simulated / speed) or the deadline, at most POLL."""
    wait = POLL
    if step.next_at is not None and not step.manual:
        wait = min(wait, max(0.0, (step.next_at - step.now) / step.speed))
    if deadline is not None:
        wait = min(wait, max(0.0, deadline - clock.monotonic()))
    clock.sleep(wait)


def _idle_bound(d: Obj) -> float:
    """How long a manual clock may jump without the Deployment changing: past its deadline."""
    pds = d.get("spec", {}).get("progressDeadlineSeconds")
    if isinstance(pds, int) and pds < 2147483647:
        return max(IDLE_BOUND, pds + 61.0)
    return IDLE_BOUND


def _step(
    inv: Invocation,
    namespace: str,
    name: str,
    limit: float | None,
    last_rv: Any,
    quiet_since: float,
    on_state: Callable[[Any], object] | None = None,
    kind: str = "Deployment",
) -> _Step:
    """One short locked step: external changes first, then (manual clock) jump to the next timer.

    A manual clock is not fast-forwarded while the Deployment is paused or has not changed for
    IDLE_BOUND simulated seconds (nothing more will happen by itself): the command then waits for
    other commands to change it, or runs out its ``--timeout`` at once.
    """
    from minikube_lite.controllers import loop

    with session.open_cluster(inv.profile) as cluster:
        c = cluster.clock_state
        step = _Step(manual=c.manual, speed=c.speed or 1.0)
        current = cluster.get(kind, namespace, name)
        if current is None:
            step.versions.append(None)
        elif o.meta(current).get("resourceVersion") != last_rv:
            step.versions.append(o.deepcopy(current))
        nxt = cluster.next_timer_at()
        stalled = (
            current is None
            or bool(current.get("spec", {}).get("paused"))
            or cluster.now - quiet_since > _idle_bound(current)
        )
        if step.manual and not stalled and nxt is not None and (limit is None or nxt <= limit):
            with ops.observe(cluster, kind, namespace, name) as versions:
                loop.step(cluster, nxt)
            step.versions.extend(versions)
            nxt = cluster.next_timer_at()
        elif step.manual and limit is not None:
            loop.advance_to(cluster, limit)
            step.timed_out = True
        step.now, step.next_at = cluster.now, (None if step.manual and stalled else nxt)
        if on_state is not None:
            on_state(cluster)
    return step
