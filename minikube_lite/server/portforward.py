"""``pods/P/portforward``: the ``portforward.k8s.io`` protocol over SPDY/3.1 (server/spdy.py).

Two ways in, one session: ``POST`` with ``Upgrade: SPDY/3.1`` and ``X-Stream-Protocol-Version:
portforward.k8s.io`` (101, then SPDY frames on the socket), or a WebSocket ``GET`` offering
``SPDY/3.1+portforward.k8s.io`` (the same frames carried in binary messages), which kubectl 1.37
tries first.  For each local connection the client opens two streams with headers ``streamType``
(``error`` / ``data``), ``port`` and ``requestID``; the server answers each with SYN_REPLY.  The
bytes on a data stream are HTTP/1.1 requests to the pod's port: each one is answered by the
simulation (ops/forward.py ``answer``, one short look per request), the response written back as
an HTTP/1.1 message.  A refused connection (nothing listens, the pod is gone) writes the kubelet's
message on the error stream and ends both streams; kubectl prints it and stops forwarding.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from minikube_lite import errors
from minikube_lite.api import objects as o
from minikube_lite.ops import forward
from minikube_lite.ops.sandbox import traffic
from minikube_lite.server import spdy, status, streams, websocket
from minikube_lite.server.core import ApiServer, Request, Response
from minikube_lite.server.paths import Target

PROTOCOL = "portforward.k8s.io"
TUNNEL = "SPDY/3.1+portforward.k8s.io"
MAX_REQUEST = 1 << 20  # bytes of one HTTP request buffered on a data stream


def portforward(api: ApiServer, req: Request, t: Target) -> Response:
    try:
        with streams.opener(api, save=False) as cluster:
            pod = cluster.get("Pod", t.namespace or "default", t.name or "")
            if pod is None:
                raise errors.NotFoundError(f'pods "{t.name}" not found')
            ns = t.namespace or "default"
            fwd = forward.Forward(ns, "Pod", o.name(pod), o.name(pod), o.uid(pod))
    except errors.MklError as e:
        return Response.status(status.from_error(e))
    if websocket.is_upgrade(req.headers):
        ch = streams.upgrade(req, (TUNNEL,))
        if isinstance(ch, Response):
            return ch
        Session(api, fwd, _ws_reader(ch.ws), lambda b: ch.ws.send(websocket.BINARY, b)).run()
        ch.ws.close()
        return Response.streamed()
    upgrade = str(req.headers.get("Upgrade") or "").lower()
    offered = [str(v) for v in req.headers.get_all("X-Stream-Protocol-Version") or []]
    if upgrade != "spdy/3.1":
        return streams.bad_request(streams.UPGRADE_REQUIRED)
    if offered and PROTOCOL not in offered:
        return streams.bad_request(f"unable to upgrade: unable to negotiate protocol: {offered}")
    h = req.handler
    h.wfile.write(
        b"HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n"
        b"X-Stream-Protocol-Version: " + PROTOCOL.encode() + b"\r\n\r\n"
    )
    h.wfile.flush()
    h.close_connection = True
    Session(api, fwd, h.rfile.read, h.wfile.write).run()
    return Response.streamed()


def _ws_reader(ws: websocket.WebSocket) -> Callable[[int], bytes]:
    """A byte stream over the WebSocket's binary messages."""
    buf = bytearray()

    def read(n: int) -> bytes:
        while len(buf) < n:
            msg = ws.receive()
            if msg is None:
                break
            buf.extend(msg[1])
        out = bytes(buf[:n])
        del buf[:n]
        return out

    return read


class Pair:
    """The error and data streams of one local connection (one requestID)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.error = 0
        self.data = 0
        self.buffer = b""
        self.backend: forward.Backend | None = None
        self.ended = False


class Session:
    """One SPDY session: reads frames, opens pairs, answers HTTP on data streams."""

    def __init__(
        self,
        api: ApiServer,
        fwd: forward.Forward,
        read: Callable[[int], bytes],
        write: Callable[[bytes], Any],
    ) -> None:
        self.api, self.fwd, self.read, self._write = api, fwd, read, write
        self.codec = spdy.Codec()
        self.pairs: dict[str, Pair] = {}
        self.by_stream: dict[int, Pair] = {}
        self.last = 0

    def write(self, data: bytes) -> None:
        self._write(data)

    def run(self) -> None:
        try:
            while not self.api.stop.is_set():
                frame = spdy.read_frame(self.read, self.codec)
                if frame is None:
                    return
                self._frame(frame)
        except spdy.SpdyError:
            with contextlib.suppress(OSError):
                self.write(spdy.goaway(self.last, spdy.PROTOCOL_ERROR))
        except (OSError, EOFError):
            return

    def _frame(self, f: spdy.Frame) -> None:
        if f.kind == spdy.SYN_STREAM:
            self._open(f)
        elif f.kind == 0:
            pair = self.by_stream.get(f.stream)
            if pair is not None and f.stream == pair.data:
                self._data(pair, f.data, bool(f.flags & spdy.FIN))
        elif f.kind == spdy.PING:
            self.write(spdy.control(spdy.PING, f.data))
        elif f.kind == spdy.RST_STREAM:
            pair = self.by_stream.pop(f.stream, None)
            if pair is not None:
                pair.ended = True
        elif f.kind == spdy.GOAWAY:
            raise EOFError

    def _open(self, f: spdy.Frame) -> None:
        h = f.headers or {}
        self.last = max(self.last, f.stream)
        kind, rid = h.get("streamtype", ""), h.get("requestid", "")
        try:
            port = int(h.get("port", ""))
        except ValueError:
            self.write(spdy.rst_stream(f.stream, spdy.PROTOCOL_ERROR))
            return
        pair = self.pairs.setdefault(rid, Pair(port))
        if kind == "error":
            pair.error = f.stream
        elif kind == "data":
            pair.data = f.stream
        else:
            self.write(spdy.rst_stream(f.stream, spdy.PROTOCOL_ERROR))
            return
        self.by_stream[f.stream] = pair
        self.write(spdy.syn_reply(self.codec, f.stream))

    def _data(self, pair: Pair, data: bytes, fin: bool) -> None:
        pair.buffer += data
        while not pair.ended and (request := _take_request(pair)) is not None:
            self._answer(pair, *request)
        if len(pair.buffer) > MAX_REQUEST and not pair.ended:
            self._end(pair)
        if fin and not pair.ended:
            self._end(pair)

    def _answer(
        self, pair: Pair, method: str, path: str, agent: str, headers: tuple[tuple[str, str], ...]
    ) -> None:
        port = forward.Port(pair.port, pair.port)
        try:
            with streams.opener(self.api) as cluster:
                if pair.backend is None:
                    pair.backend = forward.connect(cluster, self.fwd, port, None)
                resp = forward.answer(cluster, self.fwd, pair.backend, method, path, agent, headers)
        except forward.Refused as e:
            self._refuse(pair, e.message)
            return
        except errors.MklError as e:
            self._refuse(pair, e.message)
            return
        if resp is None:
            self._end(pair)
            return
        self.write(spdy.data_frame(pair.data, http_bytes(resp, method)))

    def _refuse(self, pair: Pair, message: str) -> None:
        if pair.error:
            self.write(spdy.data_frame(pair.error, message.encode()))
        self._end(pair)

    def _end(self, pair: Pair) -> None:
        pair.ended = True
        for stream in (pair.data, pair.error):
            if stream:
                self.write(spdy.data_frame(stream, b"", spdy.FIN))


def _take_request(
    pair: Pair,
) -> tuple[str, str, str, tuple[tuple[str, str], ...]] | None:
    """The next whole HTTP request in the buffer (method, path, User-Agent, the headers as
    sent), consumed.
    """
    end = pair.buffer.find(b"\r\n\r\n")
    if end < 0:
        return None
    head = pair.buffer[:end].decode("latin-1").split("\r\n")
    fields = {}
    sent = []
    for line in head[1:]:
        k, _, v = line.partition(":")
        fields[k.strip().lower()] = v.strip()
        sent.append((k.strip(), v.strip()))
    try:
        length = int(fields.get("content-length", "0") or 0)
    except ValueError:
        length = 0
    if len(pair.buffer) < end + 4 + length:
        return None
    pair.buffer = pair.buffer[end + 4 + length :]
    parts = head[0].split(" ")
    if len(parts) < 2:
        return None
    return parts[0], parts[1], fields.get("user-agent", ""), tuple(sent)


def http_bytes(resp: traffic.Response, method: str) -> bytes:
    """The simulated answer as the pod's HTTP/1.1 server writes it."""
    lines = [f"HTTP/1.1 {resp.status} {resp.reason}"] + [f"{k}: {v}" for k, v in resp.headers]
    body = b"" if method == "HEAD" else resp.body.encode()
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body
