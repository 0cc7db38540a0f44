"""SPDY/3.1 framing, the server's half (what ``kubectl port-forward`` speaks, via moby/spdystream).

A frame has an 8-byte head.  Control frames: bit 31 set, version (3) in bits 16-30, the type in
the low 16 bits, then flags (8 bits) and the length (24 bits).  Data frames: a 31-bit stream id,
flags and length; flag 0x01 is FIN (this side of the stream is done).  Types used here:
SYN_STREAM (1: stream id, associated id, priority, header block), SYN_REPLY (2: stream id,
header block), RST_STREAM (3: stream id, status), SETTINGS (4), PING (6: echoed back), GOAWAY (7),
HEADERS (8), WINDOW_UPDATE (9).

Header blocks are a count and length-prefixed (name, value) pairs, all 32-bit big-endian lengths,
names in lower case, compressed with zlib: one compression context per direction for the whole
session, each block ended with a sync flush, seeded with the SPDY/3 dictionary (:data:`DICTIONARY`,
data from the SPDY draft 3 specification, section 2.6.10.1).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable

from minikube_lite.records import dataclass

VERSION = 3
SYN_STREAM, SYN_REPLY, RST_STREAM, SETTINGS, PING, GOAWAY, HEADERS, WINDOW_UPDATE = (
    1,
    2,
    3,
    4,
    6,
    7,
    8,
    9,
)
FIN = 0x01
PROTOCOL_ERROR, INVALID_STREAM, CANCEL = 1, 2, 5
MAX_FRAME = 16 * 1024 * 1024  # 24-bit lengths; a bigger frame cannot be sent

_WORDS = (
    "options",
    "head",
    "post",
    "put",
    "delete",
    "trace",
    "accept",
    "accept-charset",
    "accept-encoding",
    "accept-language",
    "accept-ranges",
    "age",
    "allow",
    "authorization",
    "cache-control",
    "connection",
    "content-base",
    "content-encoding",
    "content-language",
    "content-length",
    "content-location",
    "content-md5",
    "content-range",
    "content-type",
    "date",
    "etag",
    "expect",
    "expires",
    "from",
    "host",
    "if-match",
    "if-modified-since",
    "if-none-match",
    "if-range",
    "if-unmodified-since",
    "last-modified",
    "location",
    "max-forwards",
    "pragma",
    "proxy-authenticate",
    "proxy-authorization",
    "range",
    "referer",
    "retry-after",
    "server",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "user-agent",
    "vary",
    "via",
    "warning",
    "www-authenticate",
    "method",
    "get",
    "status",
    "200 OK",
    "version",
    "HTTP/1.1",
    "url",
    "public",
    "set-cookie",
    "keep-alive",
    "origin",
)
_TAIL = (
    "100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505"
    "203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request"
    "401 Unauthorized403 Forbidden404 Not Found500 Internal Server Error501 Not Implemented"
    "503 Service UnavailableJan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 "
    "Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMTchunked,text/html,image/png,image/jpg,image/gif,"
    "application/xml,application/xhtml+xml,text/plain,text/javascript,publicprivatemax-age="
    "gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0."
)
DICTIONARY = b"".join(struct.pack("!I", len(w)) + w.encode() for w in _WORDS) + _TAIL.encode()


class SpdyError(Exception):
    """The peer broke the framing; the session ends (GOAWAY with PROTOCOL_ERROR)."""


@dataclass
class Frame:
    """One frame: ``kind`` 0 for data (then ``stream`` and ``data``), else the control type."""

    kind: int
    flags: int
    stream: int
    data: bytes
    headers: dict[str, str] | None = None


class Codec:
    """The header-block compressors of one session: one inflater (peer's) and one deflater."""

    def __init__(self) -> None:
        self._inflate = zlib.decompressobj(zdict=DICTIONARY)
        self._deflate = zlib.compressobj(
            9, zlib.DEFLATED, 15, 8, zlib.Z_DEFAULT_STRATEGY, DICTIONARY
        )

    def decode(self, block: bytes) -> dict[str, str]:
        try:
            raw = self._inflate.decompress(block, MAX_FRAME)
        except zlib.error as e:
            raise SpdyError(f"header block: {e}") from None
        return parse_headers(raw)

    def encode(self, headers: dict[str, str]) -> bytes:
        return self._deflate.compress(pack_headers(headers)) + self._deflate.flush(
            zlib.Z_SYNC_FLUSH
        )


def pack_headers(headers: dict[str, str]) -> bytes:
    out = [struct.pack("!I", len(headers))]
    for k, v in headers.items():
        kb, vb = k.lower().encode(), v.encode()
        out += [struct.pack("!I", len(kb)), kb, struct.pack("!I", len(vb)), vb]
    return b"".join(out)


def parse_headers(raw: bytes) -> dict[str, str]:
    """A decompressed header block; a value with several (NUL-separated) keeps the first."""
    try:
        (n,) = struct.unpack_from("!I", raw, 0)
        pos, out = 4, {}
        for _ in range(n):
            (ln,) = struct.unpack_from("!I", raw, pos)
            name = raw[pos + 4 : pos + 4 + ln].decode()
            pos += 4 + ln
            (lv,) = struct.unpack_from("!I", raw, pos)
            value = raw[pos + 4 : pos + 4 + lv].decode()
            pos += 4 + lv
            out[name.lower()] = value.split("\x00")[0]
    except (struct.error, UnicodeDecodeError):
        raise SpdyError("malformed header block") from None
    return out


def control(kind: int, payload: bytes, flags: int = 0) -> bytes:
    return struct.pack("!HHI", 0x8000 | VERSION, kind, (flags << 24) | len(payload)) + payload


def data_frame(stream: int, data: bytes, flags: int = 0) -> bytes:
    return struct.pack("!II", stream & 0x7FFFFFFF, (flags << 24) | len(data)) + data


def syn_reply(codec: Codec, stream: int, headers: dict[str, str] | None = None) -> bytes:
    return control(SYN_REPLY, struct.pack("!I", stream) + codec.encode(headers or {}))


def syn_stream(codec: Codec, stream: int, headers: dict[str, str], flags: int = 0) -> bytes:
    """What a client sends to open a stream (tests)."""
    return control(SYN_STREAM, struct.pack("!IIH", stream, 0, 0) + codec.encode(headers), flags)


def rst_stream(stream: int, code: int) -> bytes:
    return control(RST_STREAM, struct.pack("!II", stream, code))


def goaway(last: int, code: int = 0) -> bytes:
    return control(GOAWAY, struct.pack("!II", last, code))


def read_frame(read: Callable[[int], bytes], codec: Codec) -> Frame | None:
    """The next frame (None: the connection ended); header blocks decoded through ``codec``."""
    head = read(8)
    if not head:
        return None
    if len(head) != 8:
        raise SpdyError("truncated frame")
    w1, w2 = struct.unpack("!II", head)
    flags, length = w2 >> 24, w2 & 0xFFFFFF
    body = read(length) if length else b""
    if len(body) != length:
        raise SpdyError("truncated frame")
    if not w1 & 0x80000000:
        return Frame(0, flags, w1 & 0x7FFFFFFF, body)
    if (w1 >> 16) & 0x7FFF != VERSION:
        raise SpdyError("unsupported SPDY version")
    kind = w1 & 0xFFFF
    stream = struct.unpack_from("!I", body, 0)[0] & 0x7FFFFFFF if len(body) >= 4 else 0
    headers = None
    if kind == SYN_STREAM:
        headers = codec.decode(body[10:])
    elif kind in (SYN_REPLY, HEADERS):
        headers = codec.decode(body[4:])
    return Frame(kind, flags, stream, body, headers)
