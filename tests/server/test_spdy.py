"""SPDY/3.1 framing and the portforward.k8s.io session, driven by a test client in memory."""

from __future__ import annotations

import io
import struct
import zlib

from minikube_lite.server import spdy


def _client_block(headers: dict[str, str]) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, 15, 8, zlib.Z_DEFAULT_STRATEGY, spdy.DICTIONARY)
    return c.compress(spdy.pack_headers(headers)) + c.flush(zlib.Z_SYNC_FLUSH)


def test_the_dictionary_is_spdy3s_by_its_zlib_id() -> None:
    # the FDICT id a SPDY/3 client (spdystream, Chromium) puts in its first header block
    assert len(spdy.DICTIONARY) == 1423
    assert zlib.adler32(spdy.DICTIONARY) == 0xE3C6A7C2


def test_syn_stream_headers_decode_across_blocks_of_one_context() -> None:
    client = spdy.Codec()
    frames = spdy.syn_stream(client, 1, {"streamType": "error", "port": "80", "requestID": "0"})
    frames += spdy.syn_stream(client, 3, {"streamtype": "data", "port": "80", "requestid": "0"})
    frames += spdy.data_frame(3, b"GET / HTTP/1.1\r\n\r\n", spdy.FIN)
    server, r = spdy.Codec(), io.BytesIO(frames)
    first = spdy.read_frame(r.read, server)
    second = spdy.read_frame(r.read, server)
    data = spdy.read_frame(r.read, server)
    assert first is not None and first.headers == {
        "streamtype": "error",
        "port": "80",
        "requestid": "0",
    }
    assert second is not None and (second.stream, second.headers["streamtype"]) == (3, "data")
    assert data is not None and (data.kind, data.stream, data.flags) == (0, 3, spdy.FIN)
    assert spdy.read_frame(r.read, server) is None


def test_control_frames_carry_version_3_type_flags_and_24_bit_length() -> None:
    frame = spdy.control(spdy.PING, struct.pack("!I", 7))
    assert frame[:8] == b"\x80\x03\x00\x06\x00\x00\x00\x04"
    big = spdy.data_frame(5, b"x" * 70000, spdy.FIN)
    assert struct.unpack("!II", big[:8]) == (5, (1 << 24) | 70000)
    block = _client_block({"a": "b"})
    assert spdy.Codec().decode(block) == {"a": "b"}
