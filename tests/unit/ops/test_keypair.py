"""crypto/tls X509KeyPair's checks (ops/keypair.py) on fresh key pairs of each kind.

The EC pair of tests/cli/test_generator_parity.py is compared with the real kubectl; here
openssl makes RSA (PKCS #1 and #8) and EC (SEC 1 and PKCS #8) pairs, when it is installed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from minikube_lite import errors
from minikube_lite.ops import keypair

needs_openssl = pytest.mark.skipif(shutil.which("openssl") is None, reason="no openssl")


def _pair(d: Path, name: str, keygen: list[str]) -> tuple[bytes, bytes]:
    key, cert = d / f"{name}.key", d / f"{name}.crt"
    subprocess.run([*keygen, "-out", str(key)], check=True, capture_output=True)
    req = ["openssl", "req", "-x509", "-key", str(key), "-out", str(cert), "-days", "1"]
    subprocess.run([*req, "-subj", f"/CN={name}"], check=True, capture_output=True)
    return cert.read_bytes(), key.read_bytes()


@pytest.fixture(scope="module")
def pairs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, bytes]]:
    d = tmp_path_factory.mktemp("tls")
    return {
        "rsa8": _pair(d, "rsa8", ["openssl", "genpkey", "-algorithm", "RSA"]),
        "rsa1": _pair(d, "rsa1", ["openssl", "genrsa", "-traditional"]),
        "ec1": _pair(d, "ec1", ["openssl", "ecparam", "-name", "prime256v1", "-genkey"]),
        "ec8": _pair(
            d,
            "ec8",
            ["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
        ),
    }


@needs_openssl
@pytest.mark.parametrize("name", ["rsa8", "rsa1", "ec1", "ec8"])
def test_a_pair_passes(pairs: dict[str, tuple[bytes, bytes]], name: str) -> None:
    keypair.check_pair(*pairs[name])


@needs_openssl
@pytest.mark.parametrize(
    ("cert", "key", "message"),
    [
        ("rsa8", "rsa1", "tls: private key does not match public key"),
        ("ec1", "ec8", "tls: private key does not match public key"),
        ("rsa8", "ec1", "tls: private key type does not match public key type"),
        ("ec8", "rsa1", "tls: private key type does not match public key type"),
    ],
)
def test_a_mismatch_is_refused(
    pairs: dict[str, tuple[bytes, bytes]], cert: str, key: str, message: str
) -> None:
    with pytest.raises(errors.MklError) as e:
        keypair.check_pair(pairs[cert][0], pairs[key][1])
    assert e.value.message == message


@pytest.mark.parametrize(
    ("cert", "key", "message"),
    [
        (b"", b"", "tls: failed to find any PEM data in certificate input"),
        (
            b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
            "x509: malformed certificate",
        ),
    ],
)
def test_malformed_input(cert: bytes, key: bytes, message: str) -> None:
    with pytest.raises(errors.MklError) as e:
        keypair.check_pair(cert, key)
    assert e.value.message == message
