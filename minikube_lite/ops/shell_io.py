"""Where output of the simulated exec shell goes: the exec's streams, buffers, SimFS files."""

from __future__ import annotations

from minikube_lite.ops.simfs import SimFS
from minikube_lite.records import dataclass


class Sink:
    """Where a command's output goes."""

    def write(self, text: str) -> None:
        raise NotImplementedError


class Chunks(Sink):
    """The exec's real stdout (fd 1) or stderr (fd 2), kept in order."""

    def __init__(self, chunks: list[tuple[int, str]], fd: int) -> None:
        self.chunks, self.fd = chunks, fd

    def write(self, text: str) -> None:
        if text:
            self.chunks.append((self.fd, text))


class Buffer(Sink):
    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> None:
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
