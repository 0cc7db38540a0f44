"""Profile names and paths, private directories, the exclusive lock, atomic private writes,
the schema version and the shape of the state document.

Nothing here follows a symbolic link it did not create: the state file, its lock and its
temporary files are opened with ``O_NOFOLLOW`` (temporary files are created ``O_EXCL`` under an
unpredictable name), and ``profiles/`` and ``forwards/`` must be real directories.  ``$MKL_HOME``
itself may be a link (the user chose it), but it, like every state directory, must belong to the
user and not be writable by group or others, as ssh requires of ``~/.ssh``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
from collections.abc import Iterator

from minikube_lite import errors

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SCHEMA_VERSION = 2  # 2: a directory of segment files and a manifest (1: one file)
DEFAULT_PROFILE = "minikube"
MAX_PROFILE_NAME = 63  # a DNS label; keeps every file name of a profile well under NAME_MAX
# minikube's ProfileNameValid: DNS labels (letters, digits, '-') joined by dots,
# 2 characters at least
_PROFILE_RE = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
)
_TEMP_RE = re.compile(
    r"\.(.+)\.([0-9a-f]+)\.tmp"
)  # .TARGET.RANDOM.tmp (older versions: .TARGET.PID.tmp)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def home() -> str:
    """``$MKL_HOME``, else platformdirs' user data dir for minikube-lite.

    Paths here are strings joined with ``os.path``: pathlib (with the urllib.parse and ipaddress
    it imports) costs 3-5 ms of every command's start-up."""
    env = os.environ.get("MKL_HOME")
    if env:
        return env
    if sys.platform.startswith("linux"):
        # platformdirs' Unix rule, without importing it on every command (it costs ~10 ms).
        base = os.environ.get("XDG_DATA_HOME", "").strip() or os.path.expanduser("~/.local/share")
        return os.path.join(base, "minikube-lite")
    from platformdirs import user_data_dir

    return str(user_data_dir("minikube-lite"))


def profile_name(explicit: str | None = None) -> str:
    """The profile to use (``--profile``, else ``$MKL_PROFILE``, else ``minikube``), validated.

    Every command goes through here, and the name becomes a file name, so it must be what
    minikube accepts: DNS labels (letters, digits, ``-``) joined by dots, 2 to 63 characters.
    An empty ``--profile=`` is an error; an empty ``MKL_PROFILE`` counts as unset.
    """
    source = "--profile"
    if explicit is None:
        explicit, source = os.environ.get("MKL_PROFILE") or DEFAULT_PROFILE, "MKL_PROFILE"
    if 2 <= len(explicit) <= MAX_PROFILE_NAME and _PROFILE_RE.fullmatch(explicit):
        return explicit
    import json

    shown = json.dumps(
        explicit if len(explicit) <= 80 else explicit[:80] + "...", ensure_ascii=False
    )
    raise errors.MklError(
        f"invalid profile name {shown} (from {source}): "
        f"a profile name must be 2 to {MAX_PROFILE_NAME} "
        "characters of letters, digits, '-' and '.', and start and end with a letter or digit, "
        "as must each dot-separated part (e.g. 'minikube', 'dev-2')"
    )


def profile_dir(profile: str) -> str:
    """The directory holding a profile's manifest and segment files: ``NAME.d``.

    Every name a profile uses in ``profiles/`` ends in its own suffix (``.d``, ``.lock``, and the
    old layout's ``.json``), so no profile's entry can be another's: with a bare ``NAME``
    directory, profile ``a.lock`` would have been profile ``a``'s lock file.
    """
    return os.path.join(home(), "profiles", f"{profile}.d")


def state_path(profile: str) -> str:
    """The profile's manifest: replacing it commits a save ("the state file" in messages)."""
    return os.path.join(profile_dir(profile), "manifest.json")


def profiles() -> list[str]:
    """The names of the profiles that exist (a directory with a manifest, or an old one-file
    state), sorted."""
    base = os.path.join(home(), "profiles")
    try:
        with os.scandir(base) as it:
            entries = [(e.name, e.is_dir(follow_symlinks=False)) for e in it]
    except OSError:
        return []
    names = {
        n[:-2]
        for n, d in entries
        if d and n.endswith(".d") and os.path.isfile(os.path.join(base, n, "manifest.json"))
    }
    names |= {n[:-5] for n, d in entries if not d and n.endswith(".json")}
    return sorted(names)


def lock_path(profile: str) -> str:
    """The profile's lock file (beside its directory, so deleting the profile keeps it)."""
    return os.path.join(home(), "profiles", f"{profile}.lock")


def legacy_path(profile: str) -> str:
    """Where versions before the segment directory kept the whole state (converted on load)."""
    return os.path.join(home(), "profiles", f"{profile}.json")


def private_dir(name: str) -> str:
    """``$MKL_HOME/<name>`` made ready for writing.

    Created 0700 when missing, refused when unsafe.
    """
    base = home()
    _ensure_private(base, follow=True)
    path = os.path.join(base, name)
    _ensure_private(path, follow=False)
    return path


def _ensure_private(path: str, *, follow: bool) -> None:
    """Create ``path`` (and any missing parent) 0700, or check that the existing one is safe.

    Safe means: a directory (not a symbolic link unless ``follow``), owned by this user, not
    writable by group or others.  Another user could otherwise swap the files mkl writes.
    """
    try:
        st = os.stat(path) if follow else os.lstat(path)
    except FileNotFoundError:
        _make_dirs(path)
        return
    except OSError as e:
        raise errors.StoreError(f"cannot use state directory {path}: {e.strerror or e}") from None
    if stat.S_ISLNK(st.st_mode):
        raise errors.StoreError(
            f"state directory {path} is a symbolic link; mkl does not follow it "
            "(remove the link, or set MKL_HOME to the directory that should hold the state)"
        )
    if not stat.S_ISDIR(st.st_mode):
        raise errors.StoreError(f"state directory {path} is not a directory")
    me = os.geteuid()
    if st.st_uid != me:
        raise errors.StoreError(
            f"state directory {path} is owned by uid {st.st_uid}, not by you (uid {me}); "
            "mkl refuses to use it (set MKL_HOME to a directory of your own)"
        )
    if st.st_mode & 0o022:
        raise errors.StoreError(
            f"bad permissions on state directory {path} (mode {stat.S_IMODE(st.st_mode):04o}): "
            f"it is writable by group or others, so mkl refuses to use it; run 'chmod 700 {path}'"
        )


def _make_dirs(path: str) -> None:
    """mkdir -p with mode 0700 for every directory created.

    os.makedirs gives parents 0777 & ~umask.
    """
    missing: list[str] = []
    p = os.path.normpath(path)
    while not os.path.lexists(p) and os.path.dirname(p) != p:
        missing.append(p)
        p = os.path.dirname(p)
    for d in reversed(missing):
        try:
            os.mkdir(d, 0o700)
        except FileExistsError:
            continue
        except OSError as e:
            raise errors.StoreError(
                f"cannot create state directory {d}: {e.strerror or e}"
            ) from None


class Lock:
    """The held profile lock: the state file's path, and the wall clock the last command saw.

    The lock file's few bytes hold the wall-clock reading of the last command (written under the
    lock, no fsync: losing it only loses one step of clock-jump detection).  It lets a real clock
    notice that the wall clock stepped back even when the last command had nothing to save.
    """

    __slots__ = ("fd", "path")

    def __init__(self, fd: int, path: str) -> None:
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
    """Hold the profile's exclusive lock (fcntl.flock on a sidecar file) for the block.

    The lock file is never followed if it is a link, and must be a plain file with one name
    (its first bytes are written).  Temporary files left by killed saves are removed here.
    """
    import fcntl

    legacy = os.path.join(private_dir("profiles"), f"{profile}.json")
    lock_path = legacy[: -len(".json")] + ".lock"
    path = state_path(profile)
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | _O_NOFOLLOW | _O_CLOEXEC, 0o600)
    except OSError as e:
        why = (
            "it is a symbolic link; mkl does not follow it (remove it)"
            if e.errno == errno.ELOOP
            else e.strerror or str(e)
        )
        raise errors.StoreError(f"cannot open lock file {lock_path}: {why}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_nlink != 1:
            raise errors.StoreError(
                f"cannot open lock file {lock_path}: not a plain file with one name (remove it)"
            )
        fcntl.flock(fd, fcntl.LOCK_EX)
        remove_temps(legacy)  # every save happens under this lock: temporary files now are stale
        yield Lock(fd, path)
    finally:
        os.close(fd)  # closing releases the lock


def version(profile: str) -> tuple[int, int, int] | None:
    """A cheap stamp of the saved state (inode, size, mtime of the manifest): it changes with
    every save, since every save renames a new manifest into place.  None when the profile does
    not exist.  Watchers poll this between looks."""
    for path in (state_path(profile), legacy_path(profile)):
        try:
            st = os.stat(path)
        except OSError:
            continue
        return (st.st_ino, st.st_size, st.st_mtime_ns)
    return None


# Segments a watcher's last look left verified, reused by its next look (``keep_warm``).
_WARM: dict[str, Any] = {}
_KEEP_WARM = [False]


def keep_warm(on: bool = True) -> None:
    """Let this process reuse the segments it read when it loads the profile again (a watcher's
    next look reads only the segments another command rewrote meanwhile)."""
    _KEEP_WARM[0] = on
    if not on:
        _WARM.clear()


@contextlib.contextmanager
def warm() -> Iterator[None]:
    """``keep_warm`` for the block: the looks of a waiting command."""
    was = _KEEP_WARM[0]
    keep_warm()
    try:
        yield
    finally:
        keep_warm(was)


def after_cycle(path: str, doc: dict[str, Any], saved: bool) -> None:
    """End of a command cycle: remember what a watcher may reuse (see ``keep_warm``)."""
    if not _KEEP_WARM[0]:
        return
    from minikube_lite.store import segments

    _WARM.clear()
    _WARM["dir"] = os.path.dirname(path)
    _WARM.update(segments.warm_segments(doc, {} if saved else None))


def load(path: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The stored document, None when the profile does not exist; StoreError when unreadable.

    ``path`` is the profile's manifest (``state_path``).  Only the manifest is parsed and checked
    here (``shape_error``); each segment is parsed and checked when first touched
    (store/segments.py).  A link, or anything but a plain file, is refused (O_NONBLOCK: opening a
    FIFO must not hang).  A profile still in the one-file layout of older versions is converted
    first.  Files of the profile the manifest does not name (left by a killed save) are removed.
    """
    path = os.fspath(path)
    directory = os.path.dirname(path)
    if not os.path.lexists(path):
        legacy = directory.removesuffix(".d") + ".json"
        if not os.path.lexists(legacy):
            return None
        _migrate(legacy, path)
    _ensure_private(directory, follow=False)
    manifest = _read_manifest(path)
    from minikube_lite.store import segments

    warm = None
    if _KEEP_WARM[0] and _WARM.get("dir") == directory:
        warm = {k: v for k, v in _WARM.items() if k != "dir"}
    try:
        doc = segments.decode(manifest, segments.Source(directory, warm))
    except ValueError as e:
        raise _unreadable(path, str(e)) from None
    doc["schemaVersion"] = manifest["schemaVersion"]
    wrong = shape_error(doc)
    if wrong is not None:
        raise _unreadable(path, wrong)
    _remove_strays(directory, {e["file"] for e in manifest["segments"].values()})
    return doc


def _open_plain(path: str) -> bytes:
    """The bytes of a plain file, never through a link; StoreError (unreadable) otherwise."""
    from minikube_lite.store import segments

    try:
        return segments.read_plain(path)
    except segments.NotAPlainFile:
        raise _unreadable(path, "not a plain file") from None
    except OSError as e:
        why = (
            "it is a symbolic link, which mkl does not follow"
            if e.errno == errno.ELOOP
            else e.strerror or str(e)
        )
        raise _unreadable(path, why) from None


def _read_manifest(path: str) -> dict[str, Any]:
    import json

    data = _open_plain(path)
    try:
        manifest = json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError) as e:
        raise _unreadable(path, f"not valid JSON ({e})") from None
    if not isinstance(manifest, dict) or type(manifest.get("schemaVersion")) is not int:
        raise _unreadable(path, "no schemaVersion")
    _check_version(path, manifest["schemaVersion"])
    return manifest


def _check_version(path: str, version: int) -> None:
    if version > SCHEMA_VERSION:
        raise errors.StoreError(
            f"state file {path} has schema version {version}, newer than this "
            f"minikube-lite understands ({SCHEMA_VERSION}); upgrade minikube-lite, or start over "
            "with 'mkl cluster delete'"
        )


def _migrate(legacy: str, path: str) -> None:
    """Convert a profile from the one-file layout (schema 1) to a directory, in place: the new
    layout is committed before the old file is removed, so a crash leaves one or the other."""
    from minikube_lite.store import legacy as old

    data = _open_plain(legacy)
    try:
        doc = old.decode(data)
    except (ValueError, UnicodeDecodeError, RecursionError) as e:
        raise _unreadable(legacy, f"not valid JSON ({e})") from None
    if not isinstance(doc, dict) or type(doc.get("schemaVersion")) is not int:
        raise _unreadable(legacy, "no schemaVersion")
    _check_version(legacy, doc["schemaVersion"])
    wrong = shape_error(doc) or _segments_error(doc)
    if wrong is not None:
        raise _unreadable(legacy, wrong)
    doc["schemaVersion"] = SCHEMA_VERSION
    save(path, doc)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(legacy)


def _remove_strays(directory: str, referenced: set[str]) -> int:
    """Remove the segment and temporary files of ``directory`` the manifest does not name (left
    by a save that was killed or failed); call with the profile lock held."""
    from minikube_lite.store import segments

    removed = 0
    try:
        with os.scandir(directory) as it:
            names = [e.name for e in it if e.name.endswith((".json", ".tmp"))]
    except OSError:
        return 0
    for name in names:
        if name != segments.MANIFEST and name not in referenced:
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(directory, name))
                removed += 1
    return removed


def _unreadable(path: str, why: str) -> errors.StoreError:
    from minikube_lite.store import segments

    return errors.StoreError(segments.unreadable_message(path, why))


# ----- the shape of the document (meta only: each kind is checked when parsed) ------------------

_INTS = ("seed", "rngCounter", "resourceVersion", "timerSeq", "eventSeq", "commit")


def _number(v: Any) -> bool:
    return type(v) in (int, float) and v == v and v not in (float("inf"), float("-inf"))


def shape_error(doc: dict[str, Any]) -> str | None:
    """What is wrong with the document's shape (None: fine), so a hand-edited or damaged file gives
    a clear error instead of a traceback later.  Cheap: never forces a lazy segment to load."""
    return (
        _clock_error(doc.get("clock"))
        or _fields_error(doc)
        or _timers_error(doc.get("timers", []))
        or _segments_error(doc)
    )


def _clock_error(c: Any) -> str | None:
    if not isinstance(c, dict):
        return "'clock' is missing or not an object"
    if c.get("mode") not in ("real", "manual"):
        return 'clock.mode is not "real" or "manual"'
    for key in ("now", "startSim", *(("startWall",) if c["mode"] == "real" else ())):
        if not _number(c.get(key)):
            return f"clock.{key} is missing or not a number"
    for key in ("advanced", "speed"):
        if key in c and not _number(c[key]):
            return f"clock.{key} is not a number"
    if "speed" in c and not c["speed"] > 0:
        return "clock.speed is not greater than 0"
    return None


def _fields_error(doc: dict[str, Any]) -> str | None:
    for key in _INTS:
        if key in doc and type(doc[key]) is not int:
            return f"{key!r} is not an integer"
    if doc.get("eventExpiry") is not None and not _number(doc["eventExpiry"]):
        return "'eventExpiry' is not a number"
    seen = doc.get("eventShardSeen", {})
    if not (isinstance(seen, dict) and all(_number(t) for t in seen.values())):
        return "'eventShardSeen' is not an object of numbers"
    for key in ("config", "deleted", "objects", "sim"):
        if key in doc and not isinstance(doc[key], dict):
            return f"{key!r} is not an object"
    if not isinstance(doc.get("config", {}).get("namespace", ""), str):
        return "config.namespace is not a string"
    return None


def _timers_error(timers: Any) -> str | None:
    if not isinstance(timers, list):
        return "'timers' is not a list"
    for t in timers:
        if not (
            isinstance(t, list)
            and len(t) == 4
            and _number(t[0])
            and type(t[1]) is int
            and isinstance(t[2], str)
            and isinstance(t[3], str)
        ):
            return f"timer {str(t)[:60]} is not [time, sequence, controller, key]"
    return None


def _segments_error(doc: dict[str, Any]) -> str | None:
    """Kinds and controller state held whole (an old one-file state) are checked here too."""
    from minikube_lite.store import segments

    for group in ("objects", "sim"):
        m = doc.get(group) or {}
        if isinstance(m, segments.LazyMap):
            continue  # checked when each entry is parsed
        for key, value in dict.items(m):
            if isinstance(value, segments.ShardedMap):
                continue
            why = segments.entry_error(group, key, value)
            if why is not None:
                return why
    return None


# ----- writing ------------------------------------------------------------------------------------


def write_private(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` atomically with ``data``, mode 0600, never writing through a link.

    The bytes go to a new temporary file in the same directory, created exclusively
    (O_CREAT|O_EXCL|O_NOFOLLOW) under an unpredictable name, then fsync, then rename (which
    replaces a link at ``path`` rather than following it).  Raises OSError.
    """
    path = os.fspath(path)
    directory, name = os.path.split(path)
    for _ in range(16):
        tmp = os.path.join(directory, f".{name}.{os.urandom(8).hex()}.tmp")
        try:
            fd = os.open(
                tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_CLOEXEC, 0o600
            )
            break
        except FileExistsError:
            continue
    else:
        raise OSError(errno.EEXIST, "cannot create a temporary file")
    try:
        try:
            view = memoryview(data)
            while view:
                n = os.write(fd, view)
                view = view[n:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def temp_target(name: str) -> str | None:
    """The file a temporary file of ``write_private`` (or of an older mkl) was for, else None."""
    m = _TEMP_RE.fullmatch(name)
    return m.group(1) if m else None


def remove_temps(path: str | os.PathLike[str]) -> int:
    """Remove the temporary files left for ``path`` by killed saves; returns how many.

    Call with the profile lock held: every save happens under it, so any temporary file of the
    profile found then is stale.  One scandir of the directory (a few entries).
    """
    directory, target = os.path.split(os.fspath(path))
    removed = 0
    try:
        with os.scandir(directory) as it:
            names = [e.name for e in it if e.name.endswith(".tmp")]
    except OSError:
        return 0
    for name in names:
        if temp_target(name) == target:
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(directory, name))
                removed += 1
    return removed


def save(path: str | os.PathLike[str], doc: dict[str, Any]) -> None:
    """Commit the document to the profile directory; call with the profile lock held.

    Copy-on-write: every segment that changed is written to a new file (exclusive, 0600, fsync),
    then the manifest naming them replaces the old one (``write_private``: fsync + rename, then
    the directory is fsynced): that rename is the commit.  Files the new manifest does not name
    are removed afterwards; a crash before the rename leaves the old state whole (its stray new
    files are removed by the next command).  A document that cannot be encoded (a lone
    surrogate, a value JSON cannot hold) and a failed write both end in StoreError with the
    previous state kept.
    """
    from minikube_lite.store import nodeusage, segments

    path = os.fspath(path)
    directory = os.path.dirname(path)
    _ensure_private(directory, follow=False)
    try:
        meta, segs = segments.plan(doc, {"Pod": nodeusage.usage}, {"Pod": controllers})
        commit = int(doc.get("commit", 0)) + 1
        meta["commit"] = commit
        meta.pop("schemaVersion", None)  # the manifest says which layout it is
        written: list[str] = []
        try:
            for segid, p in segs.items():
                if p.data is not None:
                    name = os.path.join(directory, segments.file_name(segid, commit))
                    written.append(write_new(name, p.data))
                    p.seg.file = os.path.basename(written[-1])
            write_private(path, segments.manifest_bytes(SCHEMA_VERSION, meta, segs))
        except BaseException:
            for f in written:
                with contextlib.suppress(OSError):
                    os.unlink(f)
            raise
    except segments.SegmentError as e:
        if e.unreadable:
            raise  # a damaged segment was met since loading: the files stay untouched
        raise errors.StoreError(
            f"cannot write state file {path}: {e}; the previous state was kept"
        ) from None
    except (ValueError, TypeError, RecursionError) as e:
        raise errors.StoreError(
            f"cannot write state file {path}: {_unencodable(e)}; the previous state was kept"
        ) from None
    except OSError as e:
        what = "no space left on device" if e.errno == errno.ENOSPC else (e.strerror or str(e))
        raise errors.StoreError(
            f"cannot write state file {path}: {what}; the previous state was kept"
        ) from None
    doc["commit"] = commit
    _fsync_dir(directory)
    segments.committed(segs)
    _remove_strays(directory, {p.seg.file for p in segs.values()})


def controllers(objs: list[Any]) -> list[str]:
    """The controller uids of a segment's objects, "" for those that have none (orphans): the
    manifest's owner index (an owner's sync reads only the segments that list it)."""
    from minikube_lite.api import objects as o

    return sorted({o.controller_uid(obj) or "" for obj in objs})


def write_new(path: str, data: bytes) -> str:
    """Create a new file with ``data`` (exclusive, 0600, never through a link), fsync it, and
    return its path: ``path``, or a variant of it when that name is taken.

    A file of that name may be one the committed manifest still names (a document that did not
    come from this profile's last commit, as ``cluster reset`` saves) or a stray of a killed
    save: either way it is never opened, overwritten or removed here.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_CLOEXEC
    name = path
    for _ in range(16):
        try:
            fd = os.open(name, flags, 0o600)
            break
        except FileExistsError:
            stem, suffix = os.path.splitext(path)
            name = f"{stem}-{os.urandom(4).hex()}{suffix}"
    else:
        raise OSError(errno.EEXIST, "cannot create a segment file")
    try:
        view = memoryview(data)
        while view:
            n = os.write(fd, view)
            view = view[n:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    os.close(fd)
    return name


def _fsync_dir(directory: str) -> None:
    """Make the rename of the manifest durable (best effort: some filesystems refuse)."""
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _unencodable(e: BaseException) -> str:
    if isinstance(e, UnicodeEncodeError):
        bad = e.object[e.start : e.end] if isinstance(e.object, str) else ""
        return (
            "the state holds text that is not valid Unicode "
            f"({bad.encode('unicode_escape').decode()})"
        )
    return f"the state cannot be encoded as JSON ({e})"


def delete(profile: str) -> bool:
    """Remove the profile: its directory of segments (links in it are removed, never followed),
    an old one-file state, and temporary files left by killed saves; call with the profile lock
    held.  True when there was something to delete."""
    directory = profile_dir(profile)
    legacy = legacy_path(profile)
    existed = os.path.lexists(os.path.join(directory, "manifest.json")) or os.path.lexists(legacy)
    try:
        if os.path.islink(directory) or os.path.isfile(directory):
            os.unlink(directory)
        elif os.path.isdir(directory):
            with os.scandir(directory) as it:
                names = [e.name for e in it]
            for name in names:
                with contextlib.suppress(IsADirectoryError):
                    os.unlink(os.path.join(directory, name))
            os.rmdir(directory)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(legacy)
    except FileNotFoundError:
        pass
    except OSError as e:
        raise errors.StoreError(
            f"cannot delete state file {directory}: {e.strerror or e}"
        ) from None
    remove_temps(legacy)
    return existed
