"""``watch=true``: a chunked stream of watch events, one JSON document per line.

``resourceVersion=N`` streams the events after N (from ``hub.Hub``'s log; older than the log:
an ERROR event ``410 Expired too old resource version``); unset or ``0`` first sends an ADDED
event for every object that matches.  WatchList (``sendInitialEvents=true`` with
``resourceVersionMatch=NotOlderThan``, kubectl 1.37's ``rollout status`` and ``wait``) sends
those ADDED events, then a BOOKMARK annotated ``k8s.io/initial-events-end: "true"``, then live
events.  Label and field selectors apply as for lists; an object that stops matching is
DELETED for this watch.  With kubectl's Table Accept header each event's object is a one-row
Table (the column definitions with the first).  ``timeoutSeconds`` ends the stream with the
zero-length chunk; so does the server's shutdown.
"""

from __future__ import annotations

import json
import time
from typing import Any

from minikube_lite import errors
from minikube_lite.api.objects import Obj
from minikube_lite.ops import resources
from minikube_lite.server import hub as hubs
from minikube_lite.server import status, tables
from minikube_lite.server.core import JSON, ApiServer, Request, Response
from minikube_lite.server.paths import Target
from minikube_lite.store.cluster import obj_key

DEFAULT_TIMEOUT = 1800.0  # the API server's --min-request-timeout
WAIT = 0.5  # wall seconds a watcher waits for an event before looking at its deadline


def ensure_hub(api: ApiServer, cluster: Any) -> hubs.Hub:
    """The server's event log, made by the first list or watch (inside a cycle)."""
    if api.hub is None:
        from minikube_lite.server import ticker

        api.hub = hubs.Hub(cluster.resource_version)
        ticker.start(api)
    hub: hubs.Hub = api.hub
    return hub


class _Match:
    """What one watch shows: namespace, name, label and field selectors."""

    def __init__(self, t: Target, req: Request) -> None:
        from minikube_lite.api import fields, labels

        assert t.kind is not None
        self.kind = t.kind
        self.namespace = t.namespace
        self.name = t.name
        raw = (req.param("labelSelector") or "").strip()
        self.labels = labels.parse_selector(raw) if raw else None
        raw = (req.param("fieldSelector") or "").strip()
        self.fields = fields.parse(raw) if raw else None

    def __call__(self, obj: Obj) -> bool:
        meta = obj.get("metadata", {})
        if self.kind.namespaced and self.namespace and meta.get("namespace") != self.namespace:
            return False
        if self.name is not None and meta.get("name") != self.name:
            return False
        if self.labels is not None and not self.labels.matches(meta.get("labels") or {}):
            return False
        return self.fields is None or bool(
            self.fields.matches(self.kind.kind, obj, self.kind.namespaced)
        )


class _Start:
    """Where a watch starts: the initial events, the resourceVersion, the log position."""

    __slots__ = ("error", "initial", "now", "rv", "sent", "seq")

    def __init__(self) -> None:
        self.initial: list[Obj] = []
        self.sent: set[str] = set()  # keys of the objects this watch shows now
        self.rv = 0
        self.seq: int | None = 0
        self.now = 0.0
        self.error: dict[str, Any] | None = None


def _check(req: Request) -> None:
    if req.flag("sendInitialEvents"):
        if req.param("resourceVersionMatch") != "NotOlderThan":
            raise errors.BadRequestError(
                "sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless "
                "resourceVersionMatch is set to NotOlderThan"
            )
    elif req.param("resourceVersionMatch"):
        raise errors.BadRequestError(
            "resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch "
            "unless sendInitialEvents is provided"
        )


def _start(api: ApiServer, req: Request, t: Target, match: _Match, start: _Start) -> Response:
    """The look that fixes where the watch starts (under the cycle lock)."""
    assert t.kind is not None
    k = t.kind

    def look(cluster: Any) -> Response:
        hub = ensure_hub(api, cluster)
        hub.track(cluster, k.kind)
        resources.authorize(cluster, "watch", k, t.namespace or "")
        now_rv = cluster.resource_version
        start.now = float(cluster.now)
        raw = req.param("resourceVersion") or ""
        listed = cluster.list(k.kind, t.namespace if k.namespaced else None)
        matching = [x for x in listed if match(x)]
        if req.flag("sendInitialEvents") or raw in ("", "0"):
            start.rv = now_rv
            start.initial = [_copy(x) for x in matching]
            start.sent = {obj_key(x) for x in matching}
        else:
            try:
                start.rv = int(raw)
            except ValueError:
                raise errors.BadRequestError(f'invalid resource version "{raw}"') from None
            start.sent = {obj_key(x) for x in matching if hubs._rv(x) <= start.rv}
        start.seq = hub.position_after(min(start.rv, now_rv), k.kind)
        if start.seq is not None and not start.initial:
            # a client watching from its list's N knows the objects changed since N too
            present = {obj_key(x) for x in listed}
            changed = hub.existed_before(start.seq, k.kind)
            start.sent |= {key for key in changed if key not in present}  # deleted since
            start.sent |= {obj_key(x) for x in matching if obj_key(x) in changed}
        if start.seq is None:
            start.error = status.status(
                410, "Expired", f"too old resource version: {start.rv} ({now_rv})"
            )
        return Response.streamed()

    return api.look(look)


def _copy(obj: Obj) -> Obj:
    from minikube_lite.api import objects as o

    return o.deepcopy(obj)


class _Stream:
    """The chunked answer: one JSON document per watch event."""

    def __init__(self, req: Request, t: Target) -> None:
        assert t.kind is not None
        self.kind = t.kind
        self.out = req.handler.wfile
        self.table = tables.wants_table(req.accept)
        self.include = tables.include_object(req.param("includeObject")) if self.table else ""
        self.columns_due = True
        handler = req.handler
        handler.send_response(200)
        handler.send_header("Content-Type", tables.CONTENT_TYPE if self.table else JSON)
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()

    def chunk(self, data: bytes) -> None:
        self.out.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.out.flush()

    def send(self, typ: str, obj: Obj, now: float) -> None:
        if self.table and typ in ("ADDED", "MODIFIED", "DELETED"):
            rv = str(obj.get("metadata", {}).get("resourceVersion", ""))
            doc = tables.table(
                [obj], rv, self.columns_due, kind=self.kind.kind, now=now, include=self.include
            )
            self.columns_due = False
            obj = doc
        line = json.dumps({"type": typ, "object": obj}, separators=(",", ":"))
        self.chunk(line.encode() + b"\n")

    def bookmark(self, rv: int, initial_end: bool = False) -> None:
        meta: dict[str, Any] = {"resourceVersion": str(rv)}
        if initial_end:
            meta["annotations"] = {"k8s.io/initial-events-end": "true"}
        obj = {"kind": self.kind.kind, "apiVersion": self.kind.api_version, "metadata": meta}
        line = json.dumps({"type": "BOOKMARK", "object": obj}, separators=(",", ":"))
        self.chunk(line.encode() + b"\n")

    def end(self) -> None:
        self.out.write(b"0\r\n\r\n")
        self.out.flush()


def serve(api: ApiServer, req: Request, t: Target) -> Response:
    """A watch of ``t``'s collection (or of one object), until its timeout."""
    try:
        _check(req)
        match = _Match(t, req)
        timeout = float(req.param("timeoutSeconds") or DEFAULT_TIMEOUT)
    except ValueError:
        return Response.status(status.status(400, "BadRequest", "invalid timeoutSeconds"))
    except errors.MklError as e:
        return Response.status(status.from_error(e))
    start = _Start()
    failed = _start(api, req, t, match, start)
    if failed.code:
        return failed  # a Status (forbidden, bad selector...)
    stream = _Stream(req, t)
    try:
        _follow(api, req, stream, match, start, time.monotonic() + timeout)
        stream.end()
    except (BrokenPipeError, ConnectionError, OSError):
        req.handler.close_connection = True
    return Response.streamed()


def _follow(
    api: ApiServer, req: Request, stream: _Stream, match: _Match, start: _Start, deadline: float
) -> None:
    if start.error is not None:
        stream.send("ERROR", start.error, 0.0)
        return
    for obj in start.initial:
        stream.send("ADDED", obj, start.now)
    if req.flag("sendInitialEvents") and req.flag("allowWatchBookmarks"):
        stream.bookmark(start.rv, initial_end=True)
    hub: hubs.Hub = api.hub
    seq = start.seq or 0
    sent = start.sent
    while not api.stop.is_set():
        left = deadline - time.monotonic()
        if left <= 0:
            return
        events, seq = hub.since(seq, min(WAIT, left))
        for ev in events:
            if ev.kind != match.kind.kind or ev.rv <= start.rv:
                continue
            typ = _event_type(ev, match, sent)
            if typ is not None:
                stream.send(typ, ev.obj, ev.now)


def _event_type(ev: hubs.Event, match: _Match, sent: set[str]) -> str | None:
    """The event this watch sends for a change (None: none); keeps ``sent`` up to date."""
    if ev.type != "DELETED" and match(ev.obj):
        typ = "ADDED" if ev.key not in sent else "MODIFIED"
        sent.add(ev.key)
        return typ
    if ev.key in sent:
        sent.discard(ev.key)
        return "DELETED"
    return None
