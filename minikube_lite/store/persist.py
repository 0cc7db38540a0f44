"""Profile paths, the exclusive lock, atomic JSON writes, and the schema version."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from minikube_lite import errors

SCHEMA_VERSION = 1
DEFAULT_PROFILE = "minikube"


def home() -> Path:
    """``$MKL_HOME``, else platformdirs' user data dir for minikube-lite."""
    env = os.environ.get("MKL_HOME")
    if env:
        return Path(env)
    if sys.platform.startswith("linux"):
        # platformdirs' Unix rule, without importing it on every command (it costs ~10 ms).
        base = os.environ.get("XDG_DATA_HOME", "").strip() or os.path.expanduser("~/.local/share")
        return Path(base) / "minikube-lite"
    from platformdirs import user_data_dir

    return Path(user_data_dir("minikube-lite"))


def profile_name(explicit: str | None = None) -> str:
    return explicit or os.environ.get("MKL_PROFILE") or DEFAULT_PROFILE


def state_path(profile: str) -> Path:
    return home() / "profiles" / f"{profile}.json"


def _ensure_dir(path: Path) -> None:
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as e:
        raise errors.StoreError(f"cannot create state directory {path}: {e.strerror or e}") from None


class Lock:
    """The held profile lock: the state file's path, and the wall clock the last command saw.

    The lock file's few bytes hold the wall-clock reading of the last command (written under the
    lock, no fsync: losing it only loses one step of clock-jump detection).  It lets a real clock
    notice that the wall clock stepped back even when the last command had nothing to save.
    """

    __slots__ = ("fd", "path")

    def __init__(self, fd: int, path: Path) -> None:
        self.fd = fd
        self.path = path

    def last_wall(self) -> float | None:
        try:
            raw = os.pread(self.fd, 64, 0)
            return float(raw.decode("ascii")) if raw else None
        except (OSError, ValueError, UnicodeDecodeError):
            return None

    def remember_wall(self, wall: float) -> None:
        data = repr(float(wall)).encode("ascii")
        with contextlib.suppress(OSError):
            os.pwrite(self.fd, data.ljust(32), 0)


@contextlib.contextmanager
def locked(profile: str) -> Iterator[Lock]:
    """Hold the profile's exclusive lock (fcntl.flock on a sidecar file) for the block."""
    import fcntl

    path = state_path(profile)
    _ensure_dir(path.parent)
    lock_path = path.with_suffix(".lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as e:
        raise errors.StoreError(f"cannot open lock file {lock_path}: {e.strerror or e}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield Lock(fd, path)
    finally:
        os.close(fd)  # closing releases the lock


def version(profile: str) -> tuple[int, int, int] | None:
    """A cheap stamp of the saved state (inode, size, mtime): it changes with every save.

    Every save renames a new file into place, so the inode changes even when size and mtime
    do not.  None when the profile does not exist.  Watchers poll this between looks.
    """
    try:
        st = os.stat(state_path(profile))
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def load(path: Path) -> dict[str, Any] | None:
    """The stored document, None when the profile does not exist; StoreError when unreadable."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    except OSError as e:
        raise _unreadable(path, e.strerror or str(e)) from None
    from minikube_lite.store import segments

    try:
        doc = segments.decode(segments.Reader(fd=fd))
    except (ValueError, UnicodeDecodeError, RecursionError) as e:
        raise _unreadable(path, f"not valid JSON ({e})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("schemaVersion"), int):
        raise _unreadable(path, "no schemaVersion")
    if doc["schemaVersion"] > SCHEMA_VERSION:
        raise errors.StoreError(
            f"state file {path} has schema version {doc['schemaVersion']}, newer than this "
            f"minikube-lite understands ({SCHEMA_VERSION}); upgrade minikube-lite, or start over "
            "with 'mkl cluster delete'"
        )
    return doc


def _unreadable(path: Path, why: str) -> errors.StoreError:
    return errors.StoreError(
        f"cannot read state file {path}: {why}; it was left untouched. "
        "Run 'mkl cluster delete' or 'mkl cluster reset' to start over"
    )


def save(path: Path, doc: dict[str, Any]) -> None:
    """Write atomically: temp file in the same directory, fsync, rename; mode 0600."""
    from minikube_lite.store import segments

    try:
        data = segments.encode(doc)
    except segments.SegmentError as e:
        raise errors.StoreError(f"cannot write state file {path}: {e}; the previous state was kept") from None
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(data)
            while view:
                n = os.write(fd, view)
                view = view[n:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        what = "no space left on device" if e.errno == errno.ENOSPC else (e.strerror or str(e))
        raise errors.StoreError(
            f"cannot write state file {path}: {what}; the previous state was kept"
        ) from None


def delete(profile: str) -> bool:
    path = state_path(profile)
    existed = path.exists()
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    return existed
