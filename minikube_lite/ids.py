"""Seeded, persistable randomness: pod-name suffixes, uids, hex ids.

Every draw hashes ``(seed, counter)`` with BLAKE2b, so the generator's whole state is two integers
that live in the state file, and ``--seed N`` makes every generated value reproducible.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from hashlib import blake2b as Blake2b

# k8s.io/apimachinery/pkg/util/rand: no vowels, no 0 1 3 (avoids bad words and look-alikes).
ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789"


class Rng:
    __slots__ = ("counter", "seed")

    def __init__(self, seed: int, counter: int = 0) -> None:
        self.seed = seed
        self.counter = counter

    def _block(self) -> bytes:
        self.counter += 1
        return blake2b()(f"{self.seed}:{self.counter}".encode(), digest_size=32).digest()

    def suffix(self, n: int = 5) -> str:
        """``rand.String(n)``: n independent characters of ALPHANUMS."""
        b = self._block()
        return "".join(ALPHANUMS[b[i] % len(ALPHANUMS)] for i in range(n))

    def uid(self) -> str:
        """A UUID v4 string."""
        b = bytearray(self._block()[:16])
        b[6] = (b[6] & 0x0F) | 0x40
        b[8] = (b[8] & 0x3F) | 0x80
        h = b.hex()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"

    def hex(self, n: int) -> str:
        out = ""
        while len(out) < n:
            out += self._block().hex()
        return out[:n]

    def randint(self, lo: int, hi: int) -> int:
        """Uniform integer in [lo, hi]."""
        v = int.from_bytes(self._block()[:8], "big")
        return lo + v % (hi - lo + 1)


_HASH: list[type[Blake2b]] = []


def blake2b() -> type[Blake2b]:
    """hashlib.blake2b, imported on the first draw (most commands draw nothing)."""
    if not _HASH:
        from hashlib import blake2b as impl

        _HASH.append(impl)
    return _HASH[0]


def wall_seed() -> int:
    """A seed for clusters started without ``--seed``."""
    import os

    return int.from_bytes(os.urandom(4), "big")


def fnv1a_32(data: bytes) -> int:
    h = 0x811C9DC5
    for byte in data:
        h ^= byte
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def safe_encode_hash(value: int) -> str:
    """``rand.SafeEncodeString(fmt.Sprint(hash))``: each decimal digit mapped through ALPHANUMS."""
    return "".join(ALPHANUMS[ord(c) % len(ALPHANUMS)] for c in str(value))
