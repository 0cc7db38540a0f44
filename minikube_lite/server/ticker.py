"""The server's clock: a real clock runs on its own, a manual one moves when told.

Two threads start with the watch event log (``watch.ensure_hub``), both daemons that end with
the server (``ApiServer.stop``):
- the tick thread, on a real clock: one cycle catches the simulation up to now (running the
  due timers; every write becomes a watch event), then it sleeps until the next timer (in wall
  seconds: simulated seconds / speed) or until a change may have moved the timers, without
  holding the profile lock while it waits.  On a manual clock it only waits;
- the poller: when the saved state's stamp changed (another process saved), one short look
  without clock catch-up feeds that process's changes to the log.
``/apis/mkl.minikube-lite.io/v1/clock`` is mkl's own endpoint: a GET answers the clock, a
POST of ``{"advance": "30s"}`` moves it forward as ``mkl clock advance`` does (in either mode),
running what falls due; every write of it is a watch event.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from minikube_lite import clock, errors
from minikube_lite.server import hub as hubs
from minikube_lite.server.core import ApiServer, Request, Response

CLOCK_PATH = "/apis/mkl.minikube-lite.io/v1/clock"
IDLE = 5.0  # wall seconds the tick thread sleeps when nothing is scheduled (or a manual clock)


def start(api: ApiServer) -> None:
    """Start the tick thread and the poller (once; inside a cycle, the hub just made)."""
    from minikube_lite.store import persist

    persist.keep_warm()  # each cycle re-reads only the segments another process rewrote
    for target in (_tick, _poll):
        t = threading.Thread(target=target, args=(api,), daemon=True, name=target.__name__)
        api.threads.append(t)
        t.start()


def _next_wait(cluster: Any, out: list[float | None]) -> Response:
    """Wall seconds until the next timer (None: nothing due, or a manual clock)."""
    c = cluster.clock_state
    nxt = cluster.next_timer_at()
    out.append(None if c.manual or nxt is None else max(0.0, (nxt - cluster.now) / (c.speed or 1)))
    return Response.streamed()


def _tick(api: ApiServer) -> None:
    hub: hubs.Hub = api.hub
    while True:
        hub.kick.clear()
        if api.stop.is_set():  # after the clear: a close() that kicked just before is not lost
            return
        got: list[float | None] = []
        api.look(lambda c, got=got: _next_wait(c, got))  # type: ignore[misc]
        wait = got[0] if got else None
        hub.kick.wait(IDLE if wait is None else min(IDLE, wait + 0.001))


def _poll(api: ApiServer) -> None:
    from minikube_lite.store import persist

    stamp = persist.version(api.profile)
    while not api.stop.wait(hubs.POLL):
        now = persist.version(api.profile)
        if now != stamp:
            stamp = now
            api.look(lambda c: Response.streamed(), save=False, advance=False)


def _describe(cluster: Any) -> dict[str, Any]:
    c = cluster.clock_state
    nxt = cluster.next_timer_at()
    return {
        "kind": "Clock",
        "apiVersion": "mkl.minikube-lite.io/v1",
        "now": clock.rfc3339(cluster.now),
        "mode": c.mode,
        "speed": c.speed,
        "nextEventIn": None if nxt is None else clock.go_duration(nxt - cluster.now),
        "resourceVersion": str(cluster.resource_version),
    }


def _advance_by(req: Request) -> float:
    try:
        doc = json.loads(req.body or b"{}")
        raw = doc["advance"]
        seconds = clock.parse_duration(str(raw))
    except (ValueError, KeyError, TypeError):
        raise errors.BadRequestError(
            'the body must be a JSON object like {"advance": "30s"} (a Go duration)'
        ) from None
    if not 0 < seconds <= 10 * 365 * 86400:
        raise errors.BadRequestError(f'advance must be between 0 and 10 years, got "{raw}"')
    return seconds


def clock_endpoint(api: ApiServer, req: Request) -> Response:
    """A GET answers the clock; a POST of {"advance": DURATION} moves it (mkl clock advance)."""
    if req.method not in ("GET", "POST"):
        from minikube_lite.server import status

        return Response.status(
            status.status(405, "MethodNotAllowed", "the clock answers GET and POST")
        )
    try:
        seconds = _advance_by(req) if req.method == "POST" else 0.0
    except errors.MklError as e:
        from minikube_lite.server import status

        return Response.status(status.from_error(e))

    def look(cluster: Any) -> Response:
        if seconds:
            from minikube_lite.controllers import loop
            from minikube_lite.store.cluster import add_clock_advance

            target = cluster.now + seconds
            if not cluster.clock_state.manual:
                add_clock_advance(cluster.doc, seconds)
            loop.advance_to(cluster, target)
            cluster.dirty = True
        return Response.json(_describe(cluster))

    return api.look(look)
