"""RFC 6455 framing and the Kubernetes channel protocols, with a test client (masked frames)."""

from __future__ import annotations

import io
import struct

import pytest

from minikube_lite.server import streams, websocket
from minikube_lite.server.websocket import BINARY, CLOSE, CONT, PING, PONG, TEXT

MASK = b"\x01\x02\x03\x04"


def _server(
    data: bytes, limit: int = websocket.MAX_MESSAGE
) -> tuple[websocket.WebSocket, io.BytesIO]:
    out = io.BytesIO()
    return websocket.WebSocket(io.BytesIO(data).read, out.write, limit), out


def _frames(data: bytes) -> list[tuple[bool, int, bytes]]:
    got, r = [], io.BytesIO(data)
    while r.tell() < len(data):
        got.append(websocket.read_frame(r.read, masked=False))
    return got


def test_accept_key_is_rfc_6455s_example() -> None:
    assert websocket.accept_key("dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="


@pytest.mark.parametrize("n", [0, 125, 126, 65535, 65536])
def test_lengths_of_7_16_and_64_bits_round_trip(n: int) -> None:
    payload = bytes(i % 251 for i in range(n))
    frame = websocket.encode_frame(BINARY, payload, mask=MASK)
    assert frame[1] & 0x7F == (n if n < 126 else 126 if n < 65536 else 127)
    ws, _ = _server(frame)
    assert ws.receive() == (BINARY, payload)


def test_fragments_join_and_pings_are_answered_between_them() -> None:
    data = (
        websocket.encode_frame(TEXT, b"he", fin=False, mask=MASK)
        + websocket.encode_frame(PING, b"p", mask=MASK)
        + websocket.encode_frame(CONT, b"llo", mask=MASK)
    )
    ws, out = _server(data)
    assert ws.receive() == (TEXT, b"hello")
    assert _frames(out.getvalue()) == [(True, PONG, b"p")]


def test_unmasked_client_frames_and_big_messages_are_closed_with_their_codes() -> None:
    ws, out = _server(websocket.encode_frame(BINARY, b"x"))
    assert ws.receive() is None
    assert _frames(out.getvalue())[0][1:] == (
        CLOSE,
        struct.pack("!H", 1002) + b"client frames must be masked",
    )
    ws, out = _server(websocket.encode_frame(BINARY, b"x" * 20, mask=MASK), limit=10)
    assert ws.receive() is None
    assert _frames(out.getvalue())[0][2][:2] == struct.pack("!H", 1009)


def test_a_close_is_answered_and_then_nothing_is_sent() -> None:
    ws, out = _server(websocket.encode_frame(CLOSE, struct.pack("!H", 1000), mask=MASK))
    assert ws.receive() is None
    ws.send(BINARY, b"late")
    assert _frames(out.getvalue()) == [(True, CLOSE, struct.pack("!H", 1000))]


def test_v5_closes_stdin_with_255_and_v4_only_with_the_socket() -> None:
    msgs = [b"\x00hi", b'\x04{"Width":80,"Height":24}', b"\xff\x00", b"\x00more"]
    data = b"".join(websocket.encode_frame(BINARY, m, mask=MASK) for m in msgs)
    v5 = websocket.Channels(_server(data)[0], "v5.channel.k8s.io")
    assert [v5.next() for _ in range(4)] == [
        (0, b"hi"),
        (4, b'{"Width":80,"Height":24}'),
        (0, b""),
        (0, b"more"),
    ]
    v4 = websocket.Channels(_server(data)[0], "v4.channel.k8s.io")
    assert [v4.next() for _ in range(4)][2] == (255, b"\x00")


def test_the_terminal_edits_lines_as_cooked_mode_does() -> None:
    term = streams.Terminal()
    echo, events = term.feed("ecx\x7fho hi\r\x03\x15\x04")
    assert echo == "ecx\b \bho hi\r\n^C\r\n"
    assert events == ["echo hi\n", streams.INTERRUPT, streams.EOF]
