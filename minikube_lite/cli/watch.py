"""``get -w``: the table, then one row per change, whoever made the change.

A watch observes the saved state; it never moves a manual clock.  Between looks it polls the
saved state's stamp (``persist.version``) every POLL wall seconds.  When the stamp changed
(some command saved), one short locked look reads the watched kind only and prints a row for
every listed object whose resourceVersion changed since the last look, then the last row of
every listed object that is gone (kubectl prints a DELETED watch event as a row).  Objects
changed by other processes are seen as their latest version: several writes that another
command made between two looks print one row.

With a real clock the watch is also the cluster running: when a timer is due it runs the due
timers itself, in short locked steps (STEP_BUDGET wall seconds at most per hold), so pods become
ready while you watch even if no other command runs; every write made inside those steps prints
its row, intermediate ones included (``Cluster.watch_kinds``).  Between steps it sleeps in wall
time until the next timer (simulated seconds / speed), at most POLL.

Rows follow kubectl: no header when the listing printed one; otherwise the header comes with the
first row.  A row identical to the one last printed for the same object is skipped.  Column
widths only grow (RememberingWriter).  ``--timeout`` is wall time; Ctrl-C exits 130.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from minikube_lite import clock, errors
from minikube_lite.api import kinds
from minikube_lite.api.objects import Obj
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import resources, session
from minikube_lite.ops.options import Flags
from minikube_lite.records import dataclass

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NamedTuple
else:
    from minikube_lite.records import NamedTuple

Key = tuple[str, str]  # (kind, "namespace/name" or "name")
Wanted = Callable[[str, Obj], bool]
POLL = 0.15  # wall seconds between two looks at the state file's stamp
STEP_BUDGET = 0.05  # wall seconds a real-clock watch may hold the lock running due timers
EVENT_CELLS = {
    "ADDED": "ADDED   ",
    "MODIFIED": "MODIFIED",
    "DELETED": "DELETED ",
}  # tableprinter.go


class Change(NamedTuple):
    """One watch event: ``event`` is ADDED, MODIFIED or DELETED; ``obj`` the version to print."""

    event: str
    kind: str
    key: str
    obj: Obj


def _rv(obj: Obj) -> int:
    try:
        return int(obj.get("metadata", {}).get("resourceVersion") or 0)
    except (TypeError, ValueError):
        return 0


def diff(seen: dict[Key, Obj], current: dict[Key, Obj]) -> list[Change]:
    """The events that turn ``seen`` into ``current`` (both: listed objects by key).

    New and changed objects (resourceVersion differs) come in resourceVersion order, as a watch
    delivers them; then the objects that are gone, with the last version seen.
    """
    changed = [
        Change("MODIFIED" if k in seen else "ADDED", k[0], k[1], obj)
        for k, obj in current.items()
        if k not in seen or _rv(seen[k]) != _rv(obj)
    ]
    changed.sort(key=lambda c: _rv(c.obj))
    gone = [Change("DELETED", k[0], k[1], seen[k]) for k in sorted(seen) if k not in current]
    return changed + gone


def remember(seen: dict[Key, Obj], changes: list[Change]) -> None:
    """Apply ``changes`` to ``seen``."""
    for c in changes:
        if c.event == "DELETED":
            seen.pop((c.kind, c.key), None)
        else:
            seen[(c.kind, c.key)] = c.obj


def from_writes(
    seen: dict[Key, Obj], writes: list[tuple[str, str, Obj, bool]], wanted: Wanted
) -> list[Change]:
    """The events of writes recorded by ``Cluster.watch_kinds``, in order; updates ``seen``.

    An object that stops matching the watch (a label changed) is DELETED with its last version
    seen, as the API server's watch cache sends it.
    """
    out = []
    for kind, key, obj, deleted in writes:
        k = (kind, key)
        if deleted or not wanted(kind, obj):
            old = seen.pop(k, None)
            if deleted or old is not None:
                out.append(Change("DELETED", kind, key, obj if deleted else old or obj))
            continue
        out.append(Change("MODIFIED" if k in seen else "ADDED", kind, key, obj))
        seen[k] = obj
    return out


class Rows:
    """kubectl's watch printer: a row per event, the header once (with the first row printed)."""

    def __init__(
        self,
        kind: kinds.Kind,
        *,
        namespace_column: bool,
        wide: bool,
        show_labels: bool,
        no_headers: bool,
        events: bool,
        label_columns: tuple[str, ...] = (),
    ) -> None:
        from minikube_lite.printers import table

        self.label_columns = list(label_columns)
        self.kind = kind
        self.nscol = namespace_column and kind.namespaced
        self.wide, self.show_labels, self.events = wide, show_labels, events
        self.header_due = not no_headers
        self.writer = table.RememberingWriter()
        self.last: dict[Key, list[str]] = {}

    def render(self, changes: list[Change], now: float) -> str:
        """The text for ``changes`` ("" when every row is skipped)."""
        from minikube_lite.printers import columns

        lines = []
        for c in changes:
            row = columns.decorated_row(
                c.kind,
                c.obj,
                now,
                self.wide,
                self.nscol,
                self.show_labels,
                label_columns=self.label_columns,
            )
            k = (c.kind, c.key)
            if c.event == "DELETED":
                self.last.pop(k, None)
            elif c.event == "MODIFIED" and self.last.get(k) == row:
                continue  # the simulator wrote something no column shows
            else:
                self.last[k] = row
            lines.append(([EVENT_CELLS[c.event]] if self.events else []) + row)
        if not lines:
            return ""
        if self.header_due:
            header = columns.decorated_headers(
                self.kind.kind, self.wide, self.nscol, self.show_labels, self.label_columns
            )
            lines.insert(0, (["EVENT"] if self.events else []) + header)
            self.header_due = False
        return str(self.writer.render(lines))


def _wanted(refs: list[resources.Ref], ns: str | None, selector: Any) -> Wanted:
    """A predicate: does an object belong to what this watch lists?"""

    def wanted(kind: str, obj: Obj) -> bool:
        meta = obj.get("metadata", {})
        for ref in refs:
            if ref.kind.kind != kind:
                continue
            if ref.kind.namespaced and ns is not None and meta.get("namespace", "") != ns:
                continue
            if ref.name is not None:
                if meta.get("name") == ref.name:
                    return True
                continue
            if selector is None:
                return True
            if isinstance(selector, _Both):
                if selector.matches_obj(obj):
                    return True
            elif selector.matches(meta.get("labels") or {}):
                return True
        return False

    return wanted


@dataclass(frozen=True, slots=True)
class WatchOptions:
    """The flags ``get -w`` reads, typed (the rest of get's are ops.get.GetOptions')."""

    wide: bool
    show_labels: bool
    no_headers: bool
    events: bool  # --output-watch-events
    watch_only: bool
    selector: str | None
    timeout: float  # wall seconds; 0: never
    field_selector: str | None = None
    label_columns: tuple[str, ...] = ()

    @classmethod
    def complete(cls, flags: Flags, command_path: str) -> WatchOptions:
        """--timeout is a Go duration (a usage error when it does not parse)."""
        raw = flags.flag("timeout")
        seconds = 0.0
        if raw:
            try:
                seconds = clock.parse_duration(raw)
            except ValueError as e:
                raise errors.UsageError(str(e), command_path) from None
        return cls(
            wide=flags.flag("output") == "wide",
            show_labels=bool(flags.flag("show-labels")),
            no_headers=bool(flags.flag("no-headers")),
            events=bool(flags.flag("output-watch-events")),
            watch_only=bool(flags.flag("watch-only")),
            selector=flags.flag("selector"),
            timeout=seconds,
            field_selector=(flags.flag("field-selector") or "").strip() or None,
            label_columns=tuple(
                c.strip() for v in flags.flag("label-columns") or () for c in v.split(",") if c
            ),
        )

    def validate(self) -> list[errors.MklError]:
        return []

    def deadline(self) -> float | None:
        """--timeout as a monotonic deadline from now (zero or unset: never)."""
        return clock.monotonic() + self.timeout if self.timeout > 0 else None


def get_watch(
    inv: Invocation,
    refs: list[resources.Ref],
    groups: list[tuple[kinds.Kind, list[Obj]]],
    ns: str | None,
    now: float,
) -> None:
    """Print the listing (unless --watch-only), then follow the cluster until --timeout/Ctrl-C."""
    from minikube_lite.store.cluster import obj_key

    # the builder's SingleResourceType() (get all -w, get deploy,rs -w)
    if len({r.kind.kind for r in refs}) > 1:
        raise errors.MklError("you may only specify a single resource type")
    opts = WatchOptions.complete(inv, inv.command_path)
    errs = opts.validate()
    if errs:
        raise errs[0]
    deadline = opts.deadline()
    kind = refs[0].kind
    rows = Rows(
        kind,
        namespace_column=ns is None,
        wide=opts.wide,
        show_labels=opts.show_labels,
        no_headers=opts.no_headers,
        events=opts.events,
        label_columns=opts.label_columns,
    )
    listed = [Change("ADDED", kind.kind, obj_key(obj), obj) for _, lst in groups for obj in lst]
    seen: dict[Key, Obj] = {}
    remember(seen, listed)
    if not opts.watch_only:
        inv.io.out(rows.render(listed, now))
    inv.io.flush()
    selector: Any = None
    if opts.selector:
        from minikube_lite.api import labels

        selector = labels.parse_selector(opts.selector)
    if opts.field_selector:
        from minikube_lite.api import fields

        selector = _Both(selector, fields.parse(opts.field_selector), kind)
    try:
        with session.warm():  # each look re-reads only the segments that changed
            _follow(inv, _Target(kind.kind, ns, _wanted(refs, ns, selector)), seen, rows, deadline)
    except KeyboardInterrupt:
        raise errors.Interrupted() from None


class _Both(NamedTuple):
    """A label selector (or None) and a field selector: what a watch with both lists."""

    labels: Any
    fields: Any
    kind: kinds.Kind

    def matches_obj(self, obj: Obj) -> bool:
        meta = obj.get("metadata", {})
        if self.labels is not None and not self.labels.matches(meta.get("labels") or {}):
            return False
        return bool(self.fields.matches(self.kind.kind, obj, self.kind.namespaced))


class _Target(NamedTuple):
    kind: str
    namespace: str | None
    wanted: Wanted


def _follow(
    inv: Invocation, target: _Target, seen: dict[Key, Obj], rows: Rows, deadline: float | None
) -> None:
    """Look whenever the saved state changed (or a real clock's timer is due); sleep in between."""
    from minikube_lite.store import persist

    name = persist.profile_name(inv.profile)
    stamp: Any = None
    due: float | None = (
        clock.monotonic()
    )  # look at once: the state may have changed since the listing
    while True:
        t = clock.monotonic()
        version = persist.version(name)
        if version is None:  # deleted under the watch (cluster delete, a removed MKL_HOME)
            raise session.profile_not_found(name)
        if version != stamp or (due is not None and t >= due):
            stamp, wait, changes, now = _look(inv.profile, target, seen)
            inv.io.out(rows.render(changes, now))
            inv.io.flush()
            t = clock.monotonic()
            due = None if wait is None else t + wait
        if deadline is not None and t >= deadline:
            return
        nap = POLL
        for at in (due, deadline):
            if at is not None:
                nap = min(nap, max(0.0, at - t))
        time.sleep(nap)


def _look(
    profile: str | None, target: _Target, seen: dict[Key, Obj]
) -> tuple[Any, float | None, list[Change], float]:
    """One short locked look: what changed since ``seen``, then (real clock) the timers now due.

    Returns (the stamp of the state read, wall seconds until the next timer or None, the
    changes in order, the simulated now to print them at).
    """
    from minikube_lite.api import objects as o
    from minikube_lite.store import persist

    with session.open_cluster(profile, create=False, advance=False) as cluster:
        stamp = persist.version(
            persist.profile_name(profile)
        )  # under the lock: the state just read
        writes = cluster.watch_kinds([target.kind])
        changes = [
            c if c.event == "DELETED" else c._replace(obj=o.deepcopy(c.obj))
            for c in diff(seen, _current(cluster, target))
        ]
        remember(seen, changes)
        now, wait = cluster.now, None
        if not cluster.clock_state.manual:
            now, wait = _run_due_timers(cluster)
    return stamp, wait, changes + from_writes(seen, writes, target.wanted), now


def _current(cluster: Any, target: _Target) -> dict[Key, Obj]:
    """The listed objects of the watched kind, by key (only that kind's segment is read)."""
    from minikube_lite.store.cluster import obj_key

    ns = target.namespace if kinds.KINDS[target.kind].namespaced else None
    return {
        (target.kind, obj_key(obj)): obj
        for obj in cluster.list(target.kind, ns)
        if target.wanted(target.kind, obj)
    }


def _run_due_timers(cluster: Any) -> tuple[float, float | None]:
    """A real clock: run the timers due by now, for STEP_BUDGET wall seconds at most.

    Returns (simulated now, wall seconds until the next timer: 0 when due ones are left, None
    when nothing is scheduled).
    """
    from minikube_lite.controllers import loop

    now = session.sim_now(cluster.doc)
    started = clock.monotonic()
    while clock.monotonic() - started < STEP_BUDGET and loop.step(cluster, now):
        pass
    nxt = cluster.next_timer_at()
    speed = cluster.clock_state.speed or 1.0
    return now, (None if nxt is None else max(0.0, (nxt - now) / speed))


def follow(
    inv: Invocation,
    kind: str,
    namespace: str | None,
    wanted: Wanted,
    seen: dict[Key, Obj],
    rows: Any,
) -> None:
    """Follow one kind until Ctrl-C, printing ``rows.render(changes, now)`` after every look
    (``events -w``; ``seen`` holds what was already printed)."""
    try:
        _follow(inv, _Target(kind, namespace, wanted), seen, rows, None)
    except KeyboardInterrupt:
        raise errors.Interrupted() from None
