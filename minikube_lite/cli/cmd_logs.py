"""``logs``: parse, then ops.logs.LogsOptions (complete, validate, run), print, follow (-f)."""

from __future__ import annotations

import time

from minikube_lite.cli.app import Invocation
from minikube_lite.ops import logs as ops
from minikube_lite.ops import session

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

FOLLOW_POLL = 0.5  # wall seconds between looks at the state while following a real clock
VERSION_POLL = 0.15  # wall seconds between looks at the state file's stamp (manual clock)


def logs(inv: Invocation) -> None:
    """``logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]`` (kubectl logs.go, 1.34)."""
    opts = ops.LogsOptions.complete(inv, inv.command_path)
    errs = opts.validate()
    if errs:
        raise errs[0]
    with session.open_cluster(inv.profile) as cluster:
        result = opts.run(cluster)
        seen = _stamp(inv, cluster)
    inv.io.err(result.notices)
    inv.io.out(result.text)
    if result.failure is not None:
        raise result.failure
    if opts.follow and result.streams:
        _follow(inv, list(result.streams), opts.follow_render, seen)


def _stamp(inv: Invocation, cluster: Any) -> tuple[Any, bool]:
    """(the stamp of the state just read, is the clock manual?); call it under the lock."""
    from minikube_lite.store import persist

    return persist.version(persist.profile_name(inv.profile)), cluster.clock_state.manual


def _follow(
    inv: Invocation, streams: list[ops.Stream], opts: ops.Options, seen: tuple[Any, bool]
) -> None:
    """-f: print new lines as they appear, whoever makes them; end with the containers.

    A follower only observes a manual clock: it reads the state (without advancing) only when
    the saved state changed (``persist.version``), e.g. after ``clock advance`` in another
    terminal.  A real clock is read every FOLLOW_POLL wall seconds, at now (the cluster running).
    """
    from minikube_lite.store import persist

    name = persist.profile_name(inv.profile)
    stamp, manual = seen
    while not all(s.done for s in streams):
        inv.io.flush()
        time.sleep(VERSION_POLL if manual else FOLLOW_POLL)
        if manual and persist.version(name) == stamp:
            continue
        with session.open_cluster(inv.profile, create=False, advance=False) as cluster:
            stamp, manual = _stamp(inv, cluster)
            if not manual:
                from minikube_lite.controllers import loop

                loop.advance_to(cluster, session.sim_now(cluster.doc))
            text = "".join(ops.read(cluster, s, opts) for s in streams if not s.done)
        inv.io.out(text)
    inv.io.flush()
