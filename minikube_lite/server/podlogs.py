"""``GET .../pods/P/log``: a container's log as ``text/plain``, the text ``mkl logs`` prints.

Parameters as the API server reads them (``PodLogOptions``): ``container`` (needed when the pod
has several), ``previous``, ``timestamps``, ``tailLines``, ``sinceSeconds``, ``sinceTime``,
``limitBytes``, ``follow``.  Errors are the kubelet's and API server's (404 for the pod, 400 for
the container or its state).  ``follow=true`` answers chunked: what is there, then each new line
as the simulation writes it, until the container ends, the client leaves or the server stops.  A
follower never holds the profile lock while it waits: on a manual clock it looks again only when
the saved state changed (``mkl clock advance`` in a shell), on a real clock every poll.
"""

from __future__ import annotations

import select
from typing import Any

from minikube_lite import clock, errors
from minikube_lite.api import objects as o
from minikube_lite.ops import logs
from minikube_lite.ops.sandbox import attach
from minikube_lite.server import status, streams
from minikube_lite.server.core import ApiServer, Request, Response
from minikube_lite.server.paths import Target

TEXT = "text/plain"
VERSION_POLL = 0.15  # wall seconds between looks at a manual clock's saved state


def _int(req: Request, name: str) -> int | None:
    value = req.param(name)
    if value in (None, ""):
        return None
    try:
        return int(str(value))
    except ValueError:
        raise errors.BadRequestError(
            f'{name}: Invalid value: "{value}": must be an integer'
        ) from None


def options(req: Request) -> logs.Options:
    """PodLogOptions -> what ``logs.render`` applies."""
    tail = _int(req, "tailLines")
    since = _int(req, "sinceSeconds")
    since_time = clock.parse_time(req.param("sinceTime") or "") if req.param("sinceTime") else None
    return logs.Options(
        previous=req.flag("previous"),
        tail=-1 if tail is None else max(tail, 0),
        since=float(since) if since is not None else None,
        since_time=since_time,
        timestamps=req.flag("timestamps"),
        limit_bytes=_int(req, "limitBytes") or 0,
    )


def _container(pod: Any, name: str | None) -> str:
    """The container named, or the only one; the API server's errors otherwise."""
    if name:
        if attach.find_container(pod, name) is None:
            raise errors.BadRequestError(f"container {name} is not valid for pod {o.name(pod)}")
        return name
    names = [c["name"] for c in pod.get("spec", {}).get("containers") or ()]
    if len(names) != 1:
        raise errors.BadRequestError(
            f"a container name must be specified for pod {o.name(pod)}, "
            f"choose one of: [{' '.join(names)}]"
        )
    return str(names[0])


def logs_(api: ApiServer, req: Request, t: Target) -> Response:
    ns = t.namespace or "default"
    try:
        opts = options(req)
        with streams.opener(api) as cluster:
            pod = cluster.get("Pod", ns, t.name or "")
            if pod is None:
                raise errors.NotFoundError(f'pods "{t.name}" not found')
            s = logs.Stream(
                ns, o.name(pod), o.uid(pod), _container(pod, req.param("container")), ""
            )
            text = logs.read(cluster, s, opts)
            stamp = _stamp(api, cluster)
    except errors.MklError as e:
        return Response.status(status.from_error(e))
    if not req.flag("follow"):
        return Response(200, TEXT, text.encode())
    _follow(api, req, s, logs.Options(timestamps=opts.timestamps), text, stamp)
    return Response.streamed()


def _stamp(api: ApiServer, cluster: Any) -> tuple[Any, bool]:
    from minikube_lite.store import persist

    return persist.version(persist.profile_name(api.profile)), cluster.clock_state.manual


def _follow(
    api: ApiServer,
    req: Request,
    s: logs.Stream,
    opts: logs.Options,
    first: str,
    seen: tuple[Any, bool],
) -> None:
    from minikube_lite.store import persist

    h = req.handler
    h.send_response(200)
    h.send_header("Content-Type", TEXT)
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    h.close_connection = True
    name = persist.profile_name(api.profile)
    stamp, manual = seen
    text = first
    try:
        while True:
            if text:
                data = text.encode()
                h.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                h.wfile.flush()
            if s.done or _client_left(h, VERSION_POLL if manual else streams.FOLLOW_POLL, api):
                break
            if manual and persist.version(name) == stamp:
                text = ""
                continue
            with streams.opener(api) as cluster:
                stamp, manual = _stamp(api, cluster)
                text = logs.read(cluster, s, opts)
        h.wfile.write(b"0\r\n\r\n")
        h.wfile.flush()
    except (OSError, errors.MklError):
        pass


def _client_left(handler: Any, wait: float, api: ApiServer) -> bool:
    """Wait ``wait`` seconds; True if the server stops or the client closed (or sent anything:
    a log follower sends nothing more on its connection)."""
    if api.stop.is_set():
        return True
    try:
        ready, _, _ = select.select([handler.connection], [], [], wait)
    except (OSError, ValueError):
        return True
    return bool(ready) or api.stop.is_set()
