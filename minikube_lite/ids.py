"""Seeded, persistable randomness: pod-name suffixes, uids, hex ids.

Every draw hashes ``(seed, counter)`` with BLAKE2b, so the generator's whole state is two integers
that live in the state file, and ``--seed N`` makes every generated value reproducible.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from hashlib import blake2b as Blake2b

# k8s.io/apimachinery/pkg/util/rand: no vowels, no 0 1 3 (avoids bad words and look-alikes).
ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789"


class Rng:
    __slots__ = ("_prefix", "counter", "seed")

    def __init__(self, seed: int, counter: int = 0) -> None:
        self.seed = seed
        self.counter = counter
        self._prefix: tuple[int, Blake2b] | None = None  # (seed, a hasher fed "seed:")

    def _block(self) -> bytes:
        """BLAKE2b-256 of ``"<seed>:<counter>"`` after a counter increment."""
        self.counter += 1
        h = self._hasher().copy()
        h.update(str(self.counter).encode())
        return h.digest()

    def _hasher(self) -> Blake2b:
        """A BLAKE2b-256 hasher that has taken ``"<seed>:"``: a copy fed the counter gives the
        same digest as hashing the whole text anew (hashing is streaming), for less work."""
        prefix = self._prefix
        if prefix is None or prefix[0] != self.seed:
            prefix = self._prefix = (self.seed, blake2b()(f"{self.seed}:".encode(), digest_size=32))
        return prefix[1]

    def suffix(self, n: int = 5) -> str:
        """``rand.String(n)``: n independent characters of ALPHANUMS."""
        b = self._block()
        if n > len(b):
            raise IndexError("index out of range")
        return "".join([ALPHANUMS[x % 27] for x in b[:n]])  # 27 = len(ALPHANUMS)

    def uid(self) -> str:
        """A UUID v4 string: the block's first 16 bytes with the version and variant bits set
        (byte 6's high nibble is 4, byte 8's top bits are 10: its first hex digit 8, 9, a or b).
        The block is drawn here rather than by ``_block`` (one call less: a uid per object)."""
        counter = self.counter = self.counter + 1
        prefix = self._prefix
        h = (prefix[1] if prefix is not None and prefix[0] == self.seed else self._hasher()).copy()
        h.update(b"%d" % counter)  # (str(counter).encode(): the same ASCII digits)
        a, b, c, v, d, e = _UUID_PARTS(h.hexdigest())
        return f"{a}-{b}-4{c}-{_VARIANT[v]}{d}-{e}"

    def hex(self, n: int) -> str:
        out = ""
        while len(out) < n:
            out += self._block().hex()
        return out[:n]

    def randint(self, lo: int, hi: int) -> int:
        """Uniform integer in [lo, hi]."""
        v = int.from_bytes(self._block()[:8], "big")
        return lo + v % (hi - lo + 1)


# hex digit d -> that of (d & 0x3) | 0x8: a UUID's variant bits in byte 8's high nibble
_VARIANT = {d: "89ab"[int(d, 16) & 3] for d in "0123456789abcdef"}


def _uuid_parts() -> Callable[[str], tuple[str, ...]]:
    """The pieces of a block's hex digits a uid is made of (digits 12, the version nibble, and
    16, the variant's, replaced): one C call with the slices built once, rather than a slice
    object and a call per piece (a uid is drawn per object)."""
    from operator import itemgetter

    return itemgetter(slice(0, 8), slice(8, 12), slice(13, 16), 16, slice(17, 20), slice(20, 32))


_UUID_PARTS = _uuid_parts()

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
