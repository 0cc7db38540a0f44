"""A throw-away certificate authority and serving certificate for ``mkl serve``, in pure Python.

kubectl (client-go) sends a bearer token only over TLS, so the server needs a certificate the
kubeconfig can trust.  Each start makes an ECDSA P-256 CA and a serving certificate signed by it
(SANs: the bind address, 127.0.0.1, ::1, localhost), valid for a year; the kubeconfig carries the
CA.  No dependency and no ``openssl`` binary: the curve arithmetic (affine coordinates, Python's
modular inverse) and the DER of X.509 v3 (RFC 5280) fit here; ``ssl`` loads the PEM files.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import secrets
import time

# NIST P-256 (SEC 2: secp256r1)
_P = 0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF
_A = _P - 3
_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
_G = (
    0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296,
    0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5,
)
Point = tuple[int, int] | None


def _add(p1: Point, p2: Point) -> Point:
    if p1 is None:
        return p2
    if p2 is None:
        return p1
    (x1, y1), (x2, y2) = p1, p2
    if x1 == x2 and (y1 + y2) % _P == 0:
        return None
    if p1 == p2:
        lam = (3 * x1 * x1 + _A) * pow(2 * y1, -1, _P) % _P
    else:
        lam = (y2 - y1) * pow(x2 - x1, -1, _P) % _P
    x3 = (lam * lam - x1 - x2) % _P
    return x3, (lam * (x1 - x3) - y1) % _P


def _mul(k: int, point: Point = _G) -> Point:
    out: Point = None
    while k:
        if k & 1:
            out = _add(out, point)
        point = _add(point, point)
        k >>= 1
    return out


# --- DER (X.690) ---------------------------------------------------------------------------


def _tlv(tag: int, body: bytes) -> bytes:
    n = len(body)
    if n < 0x80:
        return bytes([tag, n]) + body
    size = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(size)]) + size + body


def _seq(*items: bytes) -> bytes:
    return _tlv(0x30, b"".join(items))


def _int(v: int) -> bytes:
    body = v.to_bytes(v.bit_length() // 8 + 1, "big")  # a leading 0 keeps it positive
    return _tlv(0x02, body)


def _oid(dotted: str) -> bytes:
    nums = [int(x) for x in dotted.split(".")]
    body = bytearray([40 * nums[0] + nums[1]])
    for n in nums[2:]:
        chunk = [n & 0x7F]
        while n > 0x7F:
            n >>= 7
            chunk.append(0x80 | (n & 0x7F))
        body += bytes(reversed(chunk))
    return _tlv(0x06, bytes(body))


def _bits(data: bytes, unused: int = 0) -> bytes:
    return _tlv(0x03, bytes([unused]) + data)


def _time(t: float) -> bytes:
    return _tlv(0x17, time.strftime("%y%m%d%H%M%SZ", time.gmtime(t)).encode())


def _name(cn: str) -> bytes:
    return _seq(_tlv(0x31, _seq(_oid("2.5.4.3"), _tlv(0x0C, cn.encode()))))


def _ext(oid: str, value: bytes, critical: bool = False) -> bytes:
    crit = _tlv(0x01, b"\xff") if critical else b""
    return _seq(_oid(oid), crit, _tlv(0x04, value))


_ECDSA_SHA256 = _seq(_oid("1.2.840.10045.4.3.2"))
_P256 = "1.2.840.10045.3.1.7"


class Key:
    """An ECDSA P-256 key pair."""

    def __init__(self) -> None:
        self.d = secrets.randbelow(_N - 1) + 1
        pub = _mul(self.d)
        assert pub is not None
        self.public = b"\x04" + pub[0].to_bytes(32, "big") + pub[1].to_bytes(32, "big")

    def spki(self) -> bytes:
        return _seq(_seq(_oid("1.2.840.10045.2.1"), _oid(_P256)), _bits(self.public))

    def sign(self, data: bytes) -> bytes:
        z = int.from_bytes(hashlib.sha256(data).digest(), "big")
        while True:
            k = secrets.randbelow(_N - 1) + 1
            point = _mul(k)
            assert point is not None
            r = point[0] % _N
            s = pow(k, -1, _N) * (z + r * self.d) % _N
            if r and s:
                return _seq(_int(r), _int(s))

    def pem(self) -> bytes:
        der = _seq(
            _int(1),
            _tlv(0x04, self.d.to_bytes(32, "big")),
            _tlv(0xA0, _oid(_P256)),
            _tlv(0xA1, _bits(self.public)),
        )
        return _pem("EC PRIVATE KEY", der)


def _pem(label: str, der: bytes) -> bytes:
    b64 = base64.b64encode(der).decode()
    lines = [b64[i : i + 64] for i in range(0, len(b64), 64)]
    return (f"-----BEGIN {label}-----\n" + "\n".join(lines) + f"\n-----END {label}-----\n").encode()


def _san(hosts: list[str]) -> bytes:
    names = b""
    for h in hosts:
        try:
            names += _tlv(0x87, ipaddress.ip_address(h).packed)
        except ValueError:
            names += _tlv(0x82, h.encode())
    return _seq(names)


def _certificate(
    subject: str, key: Key, issuer: str, signer: Key, extensions: list[bytes], now: float
) -> bytes:
    tbs = _seq(
        _tlv(0xA0, _int(2)),
        _int(secrets.randbits(63) + 1),
        _ECDSA_SHA256,
        _name(issuer),
        _seq(_time(now - 3600), _time(now + 365 * 86400)),
        _name(subject),
        key.spki(),
        _tlv(0xA3, _seq(*extensions)),
    )
    return _seq(tbs, _ECDSA_SHA256, _bits(signer.sign(tbs)))


def make(hosts: list[str], now: float | None = None) -> tuple[bytes, bytes, bytes]:
    """(CA certificate PEM, serving certificate PEM, serving key PEM) for ``hosts``."""
    now = time.time() if now is None else now
    ca_key, key = Key(), Key()
    ca = _certificate(
        "mkl-ca",
        ca_key,
        "mkl-ca",
        ca_key,
        [
            _ext("2.5.29.19", _seq(_tlv(0x01, b"\xff")), critical=True),  # CA:TRUE
            _ext("2.5.29.15", _bits(b"\x86", 1), critical=True),  # digitalSig, certSign, cRLSign
        ],
        now,
    )
    leaf = _certificate(
        "mkl-apiserver",
        key,
        "mkl-ca",
        ca_key,
        [
            _ext("2.5.29.15", _bits(b"\x80", 7), critical=True),  # digitalSignature
            _ext("2.5.29.37", _seq(_oid("1.3.6.1.5.5.7.3.1"))),  # serverAuth
            _ext("2.5.29.19", _seq(), critical=True),  # CA:FALSE
            _ext("2.5.29.17", _san(hosts)),
        ],
        now,
    )
    return _pem("CERTIFICATE", ca), _pem("CERTIFICATE", leaf), key.pem()
