"""Where output of the simulated exec shell goes (the exec's streams, buffers, SimFS files), and
the bounds that keep one exec small: no value, pipe or file grows past what a small container
could hold, and a runaway script is stopped instead of filling memory or the terminal.

Sizes are counted in characters.  Memory bounds (``MAX_VALUE``, ``MAX_ARGV``, ``MAX_VARS``) are
absolute and end the shell with its own out-of-memory message; runaway bounds (commands and
output, see :class:`Budget`) count from the last sleep that took wall-clock time, so a loop that
sleeps can run for as long as the user lets it.
"""

from __future__ import annotations

from collections.abc import Callable

from minikube_lite.records import dataclass
from minikube_lite.sandbox.simfs import SimFS

MIB = 1 << 20
MAX_VALUE = MIB  # one word, variable value, pipe or $( ) buffer, stdin
MAX_ARGV = 2 * MIB  # the words of one command, each counted as len + 8 (Linux ARG_MAX style)
MAX_VARS = 4 * MIB  # all variables of one shell (names and values)
MAX_OUTPUT = 16 * MIB  # written to the exec's stdout/stderr between two wall-clock sleeps
MAX_STEPS = 20_000  # commands between two wall-clock sleeps


class LoopLimit(Exception):
    """A script ran too long for a simulated shell (the exec stops with exit code 124)."""


class OutOfMemory(Exception):
    """The shell would need more memory than a simulated container gives it
    (``size`` characters).
    """

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def check_size(size: int, limit: int = MAX_VALUE) -> None:
    """Raise :class:`OutOfMemory` when a value of ``size`` characters would pass ``limit``."""
    if size > limit:
        raise OutOfMemory(size)


@dataclass
class Budget:
    """What one exec has used since it last slept on a real clock (sleeping there refills it)."""

    steps: int = 0
    output: int = 0
    naps: int = 0  # how many times it was refilled: loops restart their iteration count
    nesting: int = 0  # compound commands being run inside each other (not refilled)

    def rested(self) -> None:
        self.steps = 0
        self.output = 0
        self.naps += 1


class Sink:
    """Where a command's output goes."""

    def write(self, text: str) -> None:
        raise NotImplementedError


Emit = Callable[[int, str], None]


class Chunks(Sink):
    """The exec's real stdout (fd 1) or stderr (fd 2):
    each write goes out at once through ``emit``.
    """

    def __init__(self, emit: Emit, fd: int, budget: Budget | None = None) -> None:
        self.emit, self.fd, self.budget = emit, fd, budget or Budget()

    def write(self, text: str) -> None:
        if not text:
            return
        self.budget.output += len(text)
        if self.budget.output > MAX_OUTPUT:
            raise LoopLimit(f"more than {MAX_OUTPUT // MIB} MiB of output")
        self.emit(self.fd, text)


def collector(chunks: list[tuple[int, str]]) -> Emit:
    """An ``emit`` that keeps (fd, text) pairs in order (tests, and callers that print later)."""
    return lambda fd, text: chunks.append((fd, text))


class Buffer(Sink):
    """A pipe or a ``$( )``: held in memory, so at most ``MAX_VALUE`` characters."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def write(self, text: str) -> None:
        self.size += len(text)
        check_size(self.size)
        self.parts.append(text)

    def text(self) -> str:
        return "".join(self.parts)


class FileSink(Sink):
    def __init__(self, fs: SimFS, path: str) -> None:
        self.fs, self.path = fs, path

    def write(self, text: str) -> None:
        self.fs.write(self.path, text, append=True)


@dataclass
class Streams:
    out: Sink
    err: Sink
    stdin: str = ""
