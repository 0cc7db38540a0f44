"""``mkl clock`` and ``mkl clock advance DURATION``."""

from __future__ import annotations

from minikube_lite import clock
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import session


def _describe(cluster) -> str:  # type: ignore[no-untyped-def]
    c = cluster.clock_state
    speed = c.speed
    speed_s = str(int(speed)) if float(speed).is_integer() else str(speed)
    nxt = cluster.next_timer_at()
    after = "none scheduled" if nxt is None else f"in {clock.go_duration(nxt - cluster.now)}"
    elapsed = clock.go_duration(cluster.now - c.start_sim)
    return (
        f"{clock.rfc3339(cluster.now)}\n"
        f"mode: {c.mode}, speed: {speed_s}x, since start: {elapsed}, next event: {after}\n"
    )


def show(inv: Invocation) -> None:
    if inv.args:
        raise inv.usage_error(f'unknown command "{inv.args[0]}" for "{inv.prog} clock"')
    with session.open_cluster(inv.profile) as cluster:
        text = _describe(cluster)
    inv.io.out(text)


def advance(inv: Invocation) -> None:
    if len(inv.args) != 1:
        raise inv.usage_error("exactly one DURATION is required, e.g. 30s, 10m, 1h30m")
    raw = inv.args[0]
    try:
        seconds = clock.parse_duration(raw)
    except ValueError as e:
        raise inv.usage_error(str(e)) from None
    if seconds <= 0:
        raise inv.usage_error(f'duration must be greater than zero, got "{raw}"')
    if seconds > 10 * 365 * 86400:
        raise inv.usage_error(f'duration "{raw}" is too long (at most 10 years)')
    cluster = session.advance(inv.profile, seconds)
    inv.io.out(_describe(cluster))
