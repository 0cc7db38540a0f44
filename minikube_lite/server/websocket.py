"""RFC 6455 WebSocket, the server side, and Kubernetes' channel protocols over it.

The handshake (``accept``) answers ``101 Switching Protocols`` with ``Sec-WebSocket-Accept`` =
base64(SHA-1(key + GUID)) and the first subprotocol the server supports in the client's order of
offer.  Frames: FIN + opcode, a mask bit (client frames must be masked, server frames are not),
7/16/64-bit payload lengths; fragmented messages are joined, pings answered with pongs, a close
answered with a close.  ``MAX_MESSAGE`` bounds a message (1009 "message too big" past it).

``v5.channel.k8s.io`` / ``v4.channel.k8s.io`` (k8s.io/apimachinery/pkg/util/remotecommand): each
binary message's first byte is its channel: 0 stdin, 1 stdout, 2 stderr, 3 the error channel (a
``metav1.Status`` as JSON), 4 resize (``{"Width":W,"Height":H}``); v5 adds 255, "close channel N"
(``[255, N]``: the client's stdin ended).  v4 has no close signal: stdin ends with the socket.
"""

from __future__ import annotations

import base64
import hashlib
import os
import struct
import threading
from collections.abc import Callable
from typing import Any

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
MAX_MESSAGE = 16 * 1024 * 1024

CONT, TEXT, BINARY, CLOSE, PING, PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA
NORMAL, PROTOCOL_ERROR, TOO_BIG = 1000, 1002, 1009

STDIN, STDOUT, STDERR, ERROR, RESIZE, CLOSE_CHANNEL = 0, 1, 2, 3, 4, 255
CHANNEL_PROTOCOLS = ("v5.channel.k8s.io", "v4.channel.k8s.io")


class ProtocolError(Exception):
    """The peer broke RFC 6455; ``code`` is the close code to answer with."""

    def __init__(self, message: str, code: int = PROTOCOL_ERROR) -> None:
        super().__init__(message)
        self.code = code


def accept_key(key: str) -> str:
    return base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()


def is_upgrade(headers: Any) -> bool:
    """Does the request ask for a WebSocket (``Connection: Upgrade``, ``Upgrade: websocket``)?"""
    conn = str(headers.get("Connection") or "").lower()
    up = str(headers.get("Upgrade") or "").lower()
    return "upgrade" in conn and up == "websocket"


def offered(headers: Any) -> list[str]:
    """The subprotocols the client offers, in its order (one header or several, comma-lists)."""
    values = headers.get_all("Sec-WebSocket-Protocol") or []
    return [p.strip() for v in values for p in str(v).split(",") if p.strip()]


def choose(headers: Any, supported: tuple[str, ...]) -> str | None:
    """The first offered subprotocol the server speaks; None if none (the caller answers 400)."""
    return next((p for p in offered(headers) if p in supported), None)


def handshake_error(headers: Any) -> str | None:
    """Why the upgrade request is not a valid RFC 6455 one (None: it is)."""
    if str(headers.get("Sec-WebSocket-Version") or "") != "13":
        return "unsupported websocket version"
    key = str(headers.get("Sec-WebSocket-Key") or "")
    try:
        if len(base64.b64decode(key, validate=True)) != 16:
            return "invalid websocket key"
    except ValueError:
        return "invalid websocket key"
    return None


def accept(handler: Any, protocol: str | None) -> None:
    """Write the 101 answer on the handler's connection (``handshake_error`` checked first)."""
    key = str(handler.headers.get("Sec-WebSocket-Key") or "")
    lines = [
        "HTTP/1.1 101 Switching Protocols",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Accept: {accept_key(key)}",
    ]
    if protocol:
        lines.append(f"Sec-WebSocket-Protocol: {protocol}")
    handler.wfile.write(("\r\n".join(lines) + "\r\n\r\n").encode())
    handler.wfile.flush()
    handler.close_connection = True


def encode_frame(opcode: int, payload: bytes, fin: bool = True, mask: bytes | None = None) -> bytes:
    """One frame; ``mask`` (4 bytes) only for client frames (tests)."""
    head = bytes([(0x80 if fin else 0) | opcode])
    n = len(payload)
    bit = 0x80 if mask else 0
    if n < 126:
        head += bytes([bit | n])
    elif n < 1 << 16:
        head += bytes([bit | 126]) + struct.pack("!H", n)
    else:
        head += bytes([bit | 127]) + struct.pack("!Q", n)
    if mask:
        return head + mask + _unmask(payload, mask)
    return head + payload


def _unmask(data: bytes, mask: bytes) -> bytes:
    if not data:
        return data
    n = len(data)
    key = int.from_bytes((mask * (n // 4 + 1))[:n], "big")
    return (int.from_bytes(data, "big") ^ key).to_bytes(n, "big")


def _exact(read: Callable[[int], bytes], n: int) -> bytes:
    data = read(n) if n else b""
    if len(data) != n:
        raise EOFError("connection closed")
    return data


def read_frame(
    read: Callable[[int], bytes], limit: int = MAX_MESSAGE, masked: bool = True
) -> tuple[bool, int, bytes]:
    """(fin, opcode, payload) of the next frame; ``masked``: the peer must mask (a client)."""
    b0, b1 = _exact(read, 2)
    if b0 & 0x70:
        raise ProtocolError("reserved bits set")
    fin, opcode, is_masked, n = bool(b0 & 0x80), b0 & 0x0F, bool(b1 & 0x80), b1 & 0x7F
    if is_masked != masked:
        raise ProtocolError("client frames must be masked" if masked else "masked server frame")
    if n == 126:
        n = struct.unpack("!H", _exact(read, 2))[0]
    elif n == 127:
        n = struct.unpack("!Q", _exact(read, 8))[0]
    if opcode >= 0x8 and (n > 125 or not fin):
        raise ProtocolError("invalid control frame")
    if n > limit:
        raise ProtocolError("message too big", TOO_BIG)
    mask = _exact(read, 4) if is_masked else b""
    payload = _exact(read, n)
    return fin, opcode, _unmask(payload, mask) if mask else payload


class WebSocket:
    """One upgraded connection: ``receive`` messages, ``send`` them (thread-safe), ``close``."""

    def __init__(
        self,
        read: Callable[[int], bytes],
        write: Callable[[bytes], Any],
        limit: int = MAX_MESSAGE,
        client: bool = False,
    ) -> None:
        self._read, self._write, self.limit, self.client = read, write, limit, client
        self._lock = threading.Lock()
        self.closed = False  # a close frame was sent

    def send(self, opcode: int, payload: bytes) -> None:
        mask = os.urandom(4) if self.client else None
        with self._lock:
            if self.closed:
                return
            if opcode == CLOSE:
                self.closed = True
            try:
                self._write(encode_frame(opcode, payload, mask=mask))
            except OSError:
                self.closed = True

    def close(self, code: int = NORMAL, reason: str = "") -> None:
        self.send(CLOSE, struct.pack("!H", code) + reason.encode()[:120])

    def receive(self) -> tuple[int, bytes] | None:
        """The next data message (opcode, payload); None once the peer closed or the link broke."""
        parts: list[bytes] = []
        opcode, size = 0, 0
        try:
            while True:
                fin, op, payload = read_frame(self._read, self.limit, masked=not self.client)
                if op == PING:
                    self.send(PONG, payload)
                elif op == PONG:
                    pass
                elif op == CLOSE:
                    code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else NORMAL
                    self.close(code if code in (NORMAL, 1001) else NORMAL)
                    return None
                else:
                    if (op == CONT) != bool(parts):
                        raise ProtocolError("unexpected continuation frame")
                    opcode = opcode or op
                    size += len(payload)
                    if size > self.limit:
                        raise ProtocolError("message too big", TOO_BIG)
                    parts.append(payload)
                    if fin:
                        return opcode, b"".join(parts)
        except ProtocolError as e:
            self.close(e.code, str(e))
            return None
        except (EOFError, OSError, ValueError):
            self.closed = True
            return None


class Channels:
    """A channel protocol over a WebSocket: ``write(channel, data)``, ``next()`` -> (channel, data).

    ``next()`` returns (STDIN, b"") for the end of stdin (v5's close signal, or the socket's end),
    then None once the socket ended.
    """

    def __init__(self, ws: WebSocket, protocol: str) -> None:
        self.ws, self.protocol = ws, protocol
        self.v5 = protocol.startswith("v5.")

    def write(self, channel: int, data: bytes) -> None:
        self.ws.send(BINARY, bytes([channel]) + data)

    def next(self) -> tuple[int, bytes] | None:
        while True:
            msg = self.ws.receive()
            if msg is None:
                return None
            _, data = msg
            if not data:
                continue
            if data[0] == CLOSE_CHANNEL and self.v5:
                if data[1:2] == bytes([STDIN]):
                    return STDIN, b""
                continue
            if data[0] == STDIN and len(data) == 1:
                continue  # an empty stdin write, not the end of stdin
            return data[0], data[1:]
