"""``create secret tls``: the key pair check of X509KeyPair (Go's src/crypto/tls/tls.go), as far
as kubectl's messages go: PEM blocks of the right types, a private key that parses (PKCS #1,
PKCS #8 or SEC 1), of the certificate's key type, whose public half is the certificate's.

A minimal DER reader suffices: the certificate's subjectPublicKeyInfo, an RSA key's modulus, an
EC key's public point.  An EC key without its public point (optional in SEC 1) and Ed25519
keys are not compared (that would need the curve arithmetic).
"""

from __future__ import annotations

import base64
import re

from minikube_lite import errors

_PEM = re.compile(rb"-----BEGIN ([^\n-]*)-----\r?\n(.*?)-----END \1-----", re.S)
_RSA = "1.2.840.113549.1.1.1"
_EC = "1.2.840.10045.2.1"
_ED25519 = "1.3.101.112"


class _Bad(ValueError):
    """Malformed DER."""


def _tlv(data: bytes, i: int) -> tuple[int, bytes, int]:
    """(tag, contents, index after) of the DER element at ``i``."""
    if i + 2 > len(data):
        raise _Bad
    tag, n = data[i], data[i + 1]
    i += 2
    if n & 0x80:
        width = n & 0x7F
        if not 0 < width <= 4 or i + width > len(data):
            raise _Bad
        n = int.from_bytes(data[i : i + width], "big")
        i += width
    if i + n > len(data):
        raise _Bad
    return tag, data[i : i + n], i + n


def _items(data: bytes) -> list[tuple[int, bytes]]:
    out, i = [], 0
    while i < len(data):
        tag, body, i = _tlv(data, i)
        out.append((tag, body))
    return out


def _seq(data: bytes) -> list[tuple[int, bytes]]:
    tag, body, end = _tlv(data, 0)
    if tag != 0x30 or end != len(data):
        raise _Bad
    return _items(body)


def _oid(body: bytes) -> str:
    first, rest = divmod(body[0], 40) if body else (0, 0)
    parts, n = [str(min(first, 2)), str(rest if first < 2 else body[0] - 80)], 0
    for b in body[1:]:
        n = (n << 7) | (b & 0x7F)
        if not b & 0x80:
            parts.append(str(n))
            n = 0
    return ".".join(parts)


def _blocks(pem: bytes) -> list[tuple[str, bytes]]:
    out = []
    for m in _PEM.finditer(pem):
        lines = [ln for ln in m.group(2).split(b"\n") if b":" not in ln]  # skip PEM headers
        try:
            out.append((m.group(1).decode(), base64.b64decode(b"".join(lines))))
        except ValueError:
            continue
    return out


def _is_key(t: str) -> bool:
    return t == "PRIVATE KEY" or t.endswith(" PRIVATE KEY")


def cert_public_key(der: bytes) -> tuple[str, bytes]:
    """(algorithm OID, key bits) of a certificate's subjectPublicKeyInfo."""
    try:
        tbs = _seq(der)[0][1]
        fields = _items(tbs)
        if fields and fields[0][0] == 0xA0:  # [0] version
            fields = fields[1:]
        spki = _items(fields[5][1])
        algorithm = _oid(_items(spki[0][1])[0][1])
        return algorithm, spki[1][1][1:]  # BIT STRING: skip the unused-bits byte
    except (_Bad, IndexError):
        raise errors.MklError("x509: malformed certificate") from None


def private_public(der: bytes) -> tuple[str, bytes | None]:
    """parsePrivateKey (PKCS #1, then PKCS #8, then SEC 1): (algorithm, what to compare with
    the certificate: an RSA modulus, an EC point, or None when it cannot be told here)."""
    for parse in (_pkcs1, _pkcs8, _sec1):
        try:
            return parse(der)
        except (_Bad, IndexError):
            continue
    raise errors.MklError("tls: failed to parse private key")


def _pkcs1(der: bytes) -> tuple[str, bytes | None]:
    fields = _seq(der)
    if len(fields) < 9 or any(tag != 0x02 for tag, _ in fields[:9]):
        raise _Bad
    return _RSA, fields[1][1].lstrip(b"\x00")


def _pkcs8(der: bytes) -> tuple[str, bytes | None]:
    fields = _seq(der)
    algorithm = _oid(_items(fields[1][1])[0][1])
    inner = fields[2][1]
    if algorithm == _RSA:
        return _pkcs1(inner)
    if algorithm == _EC:
        return _sec1(inner)
    if algorithm == _ED25519:
        return _ED25519, None
    raise _Bad


def _sec1(der: bytes) -> tuple[str, bytes | None]:
    fields = _seq(der)
    if fields[0] != (0x02, b"\x01") or fields[1][0] != 0x04:
        raise _Bad
    point = next((body for tag, body in fields[2:] if tag == 0xA1), None)
    return _EC, (_items(point)[0][1][1:] if point else None)


def check_pair(cert: bytes, key: bytes) -> None:
    """tls.X509KeyPair's checks, with its messages."""
    cert_blocks = _blocks(cert)
    cert_types = [t for t, _ in cert_blocks]
    if "CERTIFICATE" not in cert_types:
        if not cert_types:
            raise errors.MklError("tls: failed to find any PEM data in certificate input")
        if any(_is_key(t) for t in cert_types):
            raise errors.MklError(
                "tls: failed to find certificate PEM data in certificate input, but did find a "
                "private key; PEM inputs may have been switched"
            )
        raise errors.MklError(
            'tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping '
            f"PEM blocks of the following types: [{' '.join(cert_types)}]"
        )
    key_blocks = _blocks(key)
    key_der = next((der for t, der in key_blocks if _is_key(t)), None)
    if key_der is None:
        if not key_blocks:
            raise errors.MklError("tls: failed to find any PEM data in key input")
        if any(t == "CERTIFICATE" for t, _ in key_blocks):
            raise errors.MklError(
                "tls: found a certificate rather than a key in the PEM for the private key"
            )
        skipped = " ".join(t for t, _ in key_blocks)
        raise errors.MklError(
            'tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input '
            f"after skipping PEM blocks of the following types: [{skipped}]"
        )
    _match(next(der for t, der in cert_blocks if t == "CERTIFICATE"), key_der)


def _match(cert_der: bytes, key_der: bytes) -> None:
    algorithm, bits = cert_public_key(cert_der)
    key_algorithm, public = private_public(key_der)
    if algorithm != key_algorithm:
        raise errors.MklError("tls: private key type does not match public key type")
    if public is None:
        return
    if algorithm == _RSA:
        modulus = _seq(bits)[0][1].lstrip(b"\x00")
        if modulus != public:
            raise errors.MklError("tls: private key does not match public key")
    elif bits != public:
        raise errors.MklError("tls: private key does not match public key")
