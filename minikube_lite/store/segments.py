"""The profile's layout on disk: a manifest plus one JSON file per segment, read when touched.

A profile is a directory::

    profiles/minikube.d/manifest.json               {"schemaVersion": 2, "commit": 41,
                                                   "meta": {clock, timers, config, ...},
                                                   "segments": {"objects/Pod/small":
                                                     {"file": "objects.Pod.small.29.json",
                                                      "count": 3, "usage": {...}}, ...}}
    profiles/minikube.d/objects.Pod.small.29.json   {"small/web-5d9c-x2k9z": {...Pod...}, ...}
    profiles/minikube.d/events.small.2840112.2a.json

A *segment* is one shard of one map: the objects of a kind in one namespace (``_`` for
cluster-scoped kinds), the Events of one namespace created in one 10-minute window, the kubelet's
and the rollout timeline's records of one namespace, or one whole controller state (``sim/NAME``).
Objects are stored exactly as ``-o json`` shows them, so ``jq . objects.Pod.small.29.json`` works.

On load only the manifest is read; a segment is read and parsed when a key of it is first touched
(``ShardedMap``, ``LazyMap``).  So ``get pods -n small`` on a 10,000-pod cluster reads the manifest
and one small file.  The manifest keeps each segment's entry count (``len`` without reading) and,
for Pods, what the scheduler needs to know about the node (``usage``), so neither the pod count nor
the 110-pods check reads every namespace.

Saving is copy-on-write (``plan``): a segment whose encoding equals the bytes it was read from keeps
its file; a changed one goes to a new file named after the commit; the manifest, replaced
atomically, is the commit; files it no longer names are removed afterwards (and by the next
command if a crash came first).  See store/persist.py for the write protocol.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterator

from minikube_lite import errors

TYPE_CHECKING = False
if TYPE_CHECKING:
    from _collections_abc import dict_items, dict_keys, dict_values
    from typing import Any

SHARD_SECONDS = 600  # Events are stored in shards by creation time (10 simulated minutes)
SHARDED_SIM = ("kubelet", "timeline")  # controller state keyed "namespace/name": per namespace
CLUSTER_SHARD = "_"  # the shard of cluster-scoped objects
MANIFEST = "manifest.json"
_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*")
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class SegmentError(errors.StoreError):
    """A segment cannot be used: ``unreadable`` when its file is damaged or of the wrong shape
    (the state must then stay untouched), else the document cannot be encoded."""

    def __init__(self, message: str, unreadable: bool = False) -> None:
        super().__init__(message)
        self.unreadable = unreadable


def unreadable_message(path: str, why: str) -> str:
    """The one text for a state mkl cannot use (persist.load and damaged segments)."""
    where = f" {path}" if path else ""
    return (
        f"cannot read state file{where}: {why}; it was left untouched. "
        "Run 'mkl cluster delete' or 'mkl cluster reset' to start over"
    )


def entry_error(group: str, key: str, value: Any) -> str | None:
    """What is wrong with the shape of one parsed segment (None: fine).

    An ``objects`` or ``events`` segment (and a sharded controller state) maps keys to objects;
    ``sim/NAME`` is a controller's state object.  Cheap next to parsing it.
    """
    if not isinstance(value, dict):
        return f"{group}/{key} is not an object"
    if group in ("objects", "events"):
        for k, obj in value.items():
            if not isinstance(obj, dict):
                return f"{group}/{key}: entry {k[:60]!r} is not an object"
    return None


# ----- shards ---------------------------------------------------------------------------------


def namespace_shard(key: str) -> str:
    """The shard of an object key: its namespace, ``_`` for a cluster-scoped object."""
    ns, sep, _ = key.partition("/")
    return ns if sep else CLUSTER_SHARD


_GENERATED = frozenset("bcdfghjklmnpqrstvwxz2456789")  # ids.ALPHANUMS: generateName suffixes


def owner_prefix(name: str) -> str:
    """The name a generated name was made from (``web-5d9c8f7b-x2k9z`` -> ``web-5d9c8f7b``, its
    ReplicaSet's name), or "" for a name that does not end in a generated 5-character suffix."""
    if len(name) > 6 and name[-6] == "-" and _GENERATED.issuperset(name[-5:]):
        return name[:-6]
    return ""


def pod_shard(key: str) -> str:
    """The shard of a Pod key (and of the kubelet's record of it): ``ns.<generateName base>``
    for a pod with a generated name (so a ReplicaSet's pods share one segment: a sync that
    touches them reads their file, not the namespace's), else the namespace's own ``ns``."""
    ns, sep, name = key.partition("/")
    if not sep:
        return CLUSTER_SHARD
    base = owner_prefix(name)
    return f"{ns}.{base}" if base else ns


EVENT_BUCKETS = 32  # an Event window's segments: by the involved object's generateName base


def shard_of(key: str) -> str:
    """:func:`event_shard`, memoised (an Event's shard is looked up on every write to it)."""
    shard = EVENT_SHARDS.get(key)
    if shard is None:
        if len(EVENT_SHARDS) > EVENT_SHARDS_SIZE:
            EVENT_SHARDS.clear()
        shard = EVENT_SHARDS[key] = event_shard(key)
    return shard


EVENT_SHARDS: dict[str, str] = {}  # Event key -> event_shard(key), cleared when full
EVENT_SHARDS_SIZE = 1 << 16


def new_event_shard(key: str, namespace: str, involved: str, stamp: int) -> str:
    """:func:`event_shard` of the key of an Event being created, ``namespace/involved.<stamp
    as 16 hex digits>``, from its parts (no parsing); remembered for :func:`shard_of`."""
    shard = f"{namespace}.{stamp // WINDOW_NANOS}.{involved_bucket(involved)}"
    remember_shard(key, shard)
    return shard


def involved_bucket(involved: str) -> str:
    """The bucket part of the shards of the Events about ``involved`` (a name), memoised in
    INVOLVED_BUCKETS (a pod's events share it).  Both memos (this and shard_of's) hold values of
    pure functions of their keys, so they are valid for every cluster."""
    bucket = INVOLVED_BUCKETS.get(involved)
    if bucket is None:
        if len(INVOLVED_BUCKETS) > INVOLVED_BUCKETS_SIZE:
            INVOLVED_BUCKETS.clear()
        stem = owner_prefix(involved) or involved
        bucket = _BUCKET_TEXT[zlib.crc32(stem.encode()) % EVENT_BUCKETS]
        INVOLVED_BUCKETS[involved] = bucket
    return bucket


def remember_shard(key: str, shard: str) -> None:
    """Tell :func:`shard_of` the shard of a new Event's key."""
    if len(EVENT_SHARDS) > EVENT_SHARDS_SIZE:
        EVENT_SHARDS.clear()
    EVENT_SHARDS[key] = shard


INVOLVED_BUCKETS: dict[str, str] = {}  # involved name -> involved_bucket(name), cleared when full
# (more than the pods of a 10,000-replica rolling update, old and new: a smaller memo is cleared
# over and over while their events are recorded)
INVOLVED_BUCKETS_SIZE = 1 << 16
_BUCKET_TEXT = tuple(map(str, range(EVENT_BUCKETS)))  # (one string per bucket, not per name)
WINDOW_NANOS = SHARD_SECONDS * 10**9  # an Event window in the nanoseconds of its name


def event_shard(key: str) -> str:
    """The shard of an Event key ``ns/<involved name>.<hex nanoseconds of creation>``:
    ``ns.<10-minute window>.<bucket>``, the bucket a hash of the involved object's name with
    its generated suffix cut (a ReplicaSet's pods' events land in one segment per window)."""
    ns, _, name = key.partition("/")
    involved, _, tail = name.rpartition(".")
    try:
        window = str(int(tail, 16) // (SHARD_SECONDS * 10**9))
    except ValueError:
        return f"{ns}.other"
    stem = owner_prefix(involved) or involved
    return f"{ns}.{window}.{zlib.crc32(stem.encode()) % EVENT_BUCKETS}"


def shard_namespace(shard: str) -> str:
    """The namespace a shard holds (object and Event shards alike)."""
    return shard.partition(".")[0]


def event_base(shard: str) -> str:
    """The coarser shard an older profile kept an Event shard's entries in (``ns.window``)."""
    return shard.rpartition(".")[0] if shard.count(".") >= 2 else shard


def shard_functions(group: str) -> tuple[Callable[[str], str], Callable[[str], str]]:
    """(shard of a key, the coarser shard an older layout kept it in) for a segment group."""
    if group == "events":
        return shard_of, event_base
    if group in ("objects/Pod", "sim/kubelet"):
        return pod_shard, shard_namespace
    return namespace_shard, _same


def _same(shard: str) -> str:
    return shard


# ----- reading ----------------------------------------------------------------------------------


class NotAPlainFile(OSError):
    """A state file that is a directory, FIFO, device... (never opened for reading)."""


def read_plain(path: str) -> bytes:
    """The bytes of a plain file, never through a link (O_NOFOLLOW) and without hanging on a
    FIFO (O_NONBLOCK); OSError (NotAPlainFile, ELOOP for a link) otherwise."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | _O_NOFOLLOW | _O_CLOEXEC)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotAPlainFile(errno.EINVAL, "not a plain file")
        chunks: list[bytes] = []
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
    finally:
        os.close(fd)


def plain_file_problem(e: OSError) -> str:
    """Why ``read_plain`` failed, as the state errors say it."""
    if isinstance(e, NotAPlainFile):
        return "is not a plain file"
    if e.errno == errno.ELOOP:
        return "is a symbolic link, which mkl does not follow"
    return f"cannot be read ({e.strerror or e})"


class Source:
    """A profile directory's segment files, read on demand (never through a link).

    ``failed`` is the first damaged segment met: the state must then not be saved.  ``warm`` holds
    segments a watcher's previous look left verified: (file name) -> (bytes, parsed).
    """

    __slots__ = ("directory", "failed", "warm")

    def __init__(self, directory: str, warm: dict[str, tuple[bytes, Any]] | None = None) -> None:
        self.directory = directory
        self.failed: SegmentError | None = None
        self.warm = warm

    def read(self, file: str, what: str) -> tuple[bytes, Any]:
        """(bytes, parsed value) of one segment file; SegmentError when it cannot be used."""
        if self.warm is not None:
            hit = self.warm.pop(file, None)
            # reused only if it still encodes to the file's bytes: whoever held it since (the
            # last look, or its caller after the look) may have changed it in place
            if hit is not None and dumps(hit[1]) == hit[0]:
                return hit
        return self._read(file, what, parse=True)

    def _read(self, file: str, what: str, parse: bool) -> tuple[bytes, Any]:
        try:
            data = read_plain(os.path.join(self.directory, file))
        except OSError as e:
            raise self.damaged(what, f"({file}) {plain_file_problem(e)}") from None
        if not parse:
            return data, None
        try:
            return data, json.loads(data)
        except (ValueError, RecursionError) as e:
            raise self.damaged(what, f"({file}) is not valid JSON ({e})") from None

    def raw(self, file: str, what: str) -> bytes:
        """The bytes of one segment file, unparsed (to splice entries into it)."""
        data, _ = self._read(file, what, parse=False)
        return data

    def damaged(self, what: str, why: str) -> SegmentError:
        err = SegmentError(
            unreadable_message(os.path.join(self.directory, MANIFEST), f"segment {what} {why}"),
            unreadable=True,
        )
        if self.failed is None:
            self.failed = err
        return err


class _LoadOnAccess(dict):  # type: ignore[type-arg]
    """A dict that reads part of the profile before a key is used: subclasses say which part."""

    __slots__ = ()

    def _ensure(self, key: Any) -> None:
        raise NotImplementedError

    def load_all(self) -> None:
        raise NotImplementedError

    def __getitem__(self, key: Any) -> Any:
        self._ensure(key)
        return dict.__getitem__(self, key)

    def get(self, key: Any, default: Any = None) -> Any:
        self._ensure(key)
        return dict.get(self, key, default)

    def setdefault(self, key: Any, default: Any = None) -> Any:
        self._ensure(key)
        return dict.setdefault(self, key, default)

    def pop(self, key: Any, *default: Any) -> Any:
        self._ensure(key)
        return dict.pop(self, key, *default)

    def __contains__(self, key: object) -> bool:
        self._ensure(key)
        return dict.__contains__(self, key)

    def items(self) -> dict_items[str, Any]:
        self.load_all()
        return dict.items(self)

    def values(self) -> dict_values[str, Any]:
        self.load_all()
        return dict.values(self)

    def keys(self) -> dict_keys[str, Any]:
        self.load_all()
        return dict.keys(self)

    def __iter__(self) -> Iterator[str]:
        self.load_all()
        return dict.__iter__(self)

    def __eq__(self, other: object) -> bool:
        self.load_all()
        return dict.__eq__(self, other)

    __hash__ = None


class Segment:
    """One segment as the manifest names it: its file, entry count and, for Pods, node usage
    and the controller uids of its entries (``owners``, "" for an orphan; None: not known)."""

    __slots__ = ("count", "file", "owners", "usage")

    def __init__(
        self, file: str, count: int = 0, usage: Any = None, owners: list[str] | None = None
    ) -> None:
        self.file = file
        self.count = count
        self.usage = usage
        self.owners = owners


class LazyMap(_LoadOnAccess):
    """Controller states by name (``sim/NAME``), each parsed from its file on first access."""

    __slots__ = ("_pending", "_raw", "_source")

    def __init__(self, source: Source, pending: dict[str, Segment]) -> None:
        super().__init__()
        self._source = source
        self._pending = pending
        self._raw: dict[str, tuple[str, bytes]] = {}  # name -> (file, bytes) of parsed entries

    def _ensure(self, key: Any) -> None:
        seg = self._pending.get(key) if self._pending else None
        if seg is None:
            return
        data, value = self._source.read(seg.file, f"sim/{key}")
        why = entry_error("sim", key, value)
        if why is not None:
            raise self._source.damaged(f"sim/{key}", why)
        del self._pending[key]
        self._raw[key] = (seg.file, data)
        dict.__setitem__(self, key, value)

    def load_all(self) -> None:
        for key in list(self._pending):
            self._ensure(key)

    def __setitem__(self, key: Any, value: Any) -> None:
        self._pending.pop(key, None)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: Any) -> None:
        if self._pending.pop(key, None) is None:
            dict.__delitem__(self, key)

    def __contains__(self, key: object) -> bool:
        return key in self._pending or dict.__contains__(self, key)

    def __len__(self) -> int:
        return dict.__len__(self) + len(self._pending)

    def keys(self) -> list[str]:  # type: ignore[override]  # includes the names not parsed yet
        return [*dict.keys(self), *self._pending]

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())


class ShardedMap(_LoadOnAccess):
    """A map of keys to objects stored in shards (``shard(key)``), each read on first use.

    Reading a key reads its shard only (and the coarser shard an older layout kept it in, if
    the profile still has one: ``base``); ``in_namespace`` reads one namespace's shards;
    ``load_owned`` the shards the manifest says hold an owner's dependents; ``len`` uses the
    manifest's counts.  ``add_new`` adds an entry known to be new (an Event) without reading its
    shard: the shard's bytes are spliced at save.  ``listeners`` are told of every shard read
    (its entries), so an index built from what was read so far stays whole.
    """

    __slots__ = (
        "_appended",
        "_base",
        "_group",
        "_pending",
        "_raw",
        "_shard",
        "_source",
        "_where",
        "listeners",
    )

    def __init__(
        self,
        group: str,
        shard: Callable[[str], str],
        source: Source | None = None,
        pending: dict[str, Segment] | None = None,
        base: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__()
        self._group = group  # "objects/Pod", "events", "sim/kubelet": the segment id's prefix
        self._shard = shard
        self._base = base or _same
        self._source = source
        self._pending: dict[str, Segment] = pending or {}
        self._raw: dict[str, tuple[Segment, bytes]] = {}  # loaded shards: as read
        self._appended: dict[str, list[str]] = {}  # keys added to shards not read
        self.listeners: list[Callable[[dict[str, Any]], None]] = []
        self._where: dict[str, tuple[str, str]] = {}  # key -> (shard, base): memo of _ensure

    # ----- loading ----------------------------------------------------------------------------
    def _ensure(self, key: Any) -> None:
        pending = self._pending
        if pending:
            where = self._where.get(key)  # (the shard functions cost more than a lookup)
            if where is None:
                if type(key) is not str:
                    return
                shard = self._shard(key)
                where = self._where[key] = (shard, self._base(shard))
            if where[0] in pending:
                self._load(where[0])
            if where[1] in pending:
                self._load(where[1])

    def _load(self, shard: str) -> None:
        seg = self._pending[shard]
        assert self._source is not None
        what = f"{self._group}/{shard}"
        data, value = self._source.read(seg.file, what)
        why = entry_error("objects", what, value)
        if why is not None:
            raise self._source.damaged(what, why)
        del self._pending[shard]
        self._appended.pop(shard, None)
        self._raw[shard] = (seg, data)
        dict.update(self, value)
        for tell in self.listeners:
            tell(value)

    def load_shards(self, shards: list[str]) -> None:
        for shard in shards:
            if shard in self._pending:
                self._load(shard)

    def load_all(self) -> None:
        self.load_shards(list(self._pending))

    def pending_shards(self) -> list[str]:
        """The shards not read yet."""
        return list(self._pending)

    def in_namespace(self, namespace: str) -> list[tuple[str, Any]]:
        """(key, value) of every entry in ``namespace``, reading only its shards."""
        self.load_shards([s for s in self._pending if shard_namespace(s) == namespace])
        prefix = namespace + "/"
        return [(k, v) for k, v in dict.items(self) if k.startswith(prefix)]

    def load_owned(self, namespace: str, uid: str) -> None:
        """Read the shards of ``namespace`` that may hold dependents of the controller ``uid``
        (those whose manifest entry lists it, or does not say)."""
        self.load_shards(
            [
                s
                for s, seg in self._pending.items()
                if shard_namespace(s) == namespace and (seg.owners is None or uid in seg.owners)
            ]
        )

    def pending_usage(self) -> list[Any]:
        """The node usage the manifest holds for the shards not read yet (Pods)."""
        return [seg.usage for seg in self._pending.values() if seg.usage]

    @property
    def failed(self) -> SegmentError | None:
        return None if self._source is None else self._source.failed

    # ----- writing ----------------------------------------------------------------------------
    def add_new(self, key: str, value: Any, shard: str | None = None) -> None:
        """Add an entry whose key is new by construction, without reading its shard
        (``shard``: ``self._shard(key)`` when the caller knows it)."""
        if shard is None:
            shard = self._shard(key)
        if shard in self._pending:
            self._appended.setdefault(shard, []).append(key)
        dict.__setitem__(self, key, value)

    def __setitem__(self, key: Any, value: Any) -> None:
        self._ensure(key)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: Any) -> None:
        self._ensure(key)
        dict.__delitem__(self, key)

    def __len__(self) -> int:
        return dict.__len__(self) + sum(seg.count for seg in self._pending.values())

    def committed(self, shard: str, seg: Segment, data: bytes, spliced: bool) -> None:
        """After a save: the shard is now ``seg`` holding ``data``."""
        if not spliced:
            self._raw[shard] = (seg, data)
            return
        for key in self._appended.pop(shard, ()):
            dict.pop(self, key, None)  # now in the file: read again from there when used
        self._pending[shard] = seg


# ----- encoding -----------------------------------------------------------------------------


def dumps(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


class Planned:
    """One segment of the next commit: ``data`` to write (None: keep ``seg.file``).

    ``owner``/``shard`` name the map to tell once committed (``spliced``: a shard never read,
    with entries added to it).
    """

    __slots__ = ("data", "owner", "seg", "shard", "spliced")

    def __init__(
        self,
        seg: Segment,
        data: bytes | None,
        owner: Any = None,
        shard: str = "",
        spliced: bool = False,
    ) -> None:
        self.seg = seg
        self.data = data
        self.owner = owner
        self.shard = shard
        self.spliced = spliced


def committed(segs: dict[str, Planned]) -> None:
    """After the manifest naming ``segs`` was committed: maps forget the files just replaced.

    A loaded shard remembers its new bytes (a second save compares against them); a shard
    that was only appended to becomes an unread shard of the new file again.
    """
    for p in segs.values():
        if p.data is None or p.owner is None:
            continue
        if isinstance(p.owner, ShardedMap):
            p.owner.committed(p.shard, p.seg, p.data, p.spliced)
        elif isinstance(p.owner, LazyMap):
            p.owner._raw[p.shard] = (p.seg.file, p.data)


if TYPE_CHECKING:
    Usage = Callable[[list[Any]], Any]
else:  # the alias at run time (typing stays off the command path)
    Usage = Callable


def _plan_sharded(
    group: str, m: Any, usage: Usage | None, owners: Usage | None = None
) -> dict[str, Planned]:
    """The segments of one sharded map: untouched shards keep their files, the others are
    encoded; a loaded shard whose bytes did not change keeps its file too."""
    shard = shard_functions(group)[0]
    groups: dict[str, dict[str, Any]] = {}
    for key, value in dict.items(m):
        groups.setdefault(shard(key), {})[key] = value
    out: dict[str, Planned] = {}
    sharded = isinstance(m, ShardedMap)
    if sharded:
        for s, seg in m._pending.items():
            extra = m._appended.get(s)
            if not extra:
                out[s] = Planned(seg, None)
                continue
            assert m._source is not None
            raw = m._source.raw(seg.file, f"{group}/{s}")
            body = dumps({k: groups[s][k] for k in extra})[1:-1]
            data = raw[:-1] + (b"," if raw.strip() != b"{}" else b"") + body + b"}"
            grown = Segment("", seg.count + len(extra), owners=seg.owners)
            out[s] = Planned(grown, data, m, s, spliced=True)
        for s in m._pending:
            groups.pop(s, None)
    for s, entries in groups.items():
        data = dumps(entries)
        n = len(entries)
        was = m._raw.get(s) if sharded else None
        if was is not None and was[1] == data:
            out[s] = Planned(was[0], None, m, s)
            continue
        values = list(entries.values())
        seg = Segment("", n, usage(values) if usage else None, owners(values) if owners else None)
        out[s] = Planned(seg, data, m, s)
    return out


def plan(
    doc: dict[str, Any], usage: dict[str, Usage], owners: dict[str, Usage] | None = None
) -> tuple[dict[str, Any], dict[str, Planned]]:
    """(meta, segment id -> Planned) for saving ``doc``; ``usage`` summarises a kind's shard for
    the scheduler, ``owners`` lists its entries' controller uids (``ShardedMap.load_owned``).

    Raises the SegmentError of a damaged segment met since loading (the state must not be
    written back), ValueError/TypeError when a value cannot be encoded (a lone surrogate).
    """
    objects = doc.get("objects") or {}
    sim = doc.get("sim") or {}
    for m in (*objects.values(), sim):
        failed = getattr(m, "failed", None) if isinstance(m, ShardedMap) else None
        if failed is None and isinstance(m, LazyMap):
            failed = m._source.failed
        if failed is not None:
            raise failed
    out: dict[str, Planned] = {}
    for kind in list(objects):
        m = objects[kind] if not isinstance(objects, _LoadOnAccess) else dict.get(objects, kind)
        if kind == "Event":
            parts = _plan_sharded("events", m, None)
            out.update({f"events/{s}": p for s, p in parts.items()})
            continue
        who = (owners or {}).get(kind)
        parts = _plan_sharded(f"objects/{kind}", m, usage.get(kind), who)
        out.update({f"objects/{kind}/{s}": p for s, p in parts.items()})
    for name in list(sim.keys()):
        value = dict.get(sim, name) if dict.__contains__(sim, name) else None
        if name in SHARDED_SIM and (value is None or isinstance(value, dict)):
            m = value if value is not None else sim[name]
            parts = _plan_sharded(f"sim/{name}", m, None)
            out.update({f"sim/{name}/{s}": p for s, p in parts.items()})
            continue
        pending = sim._pending.get(name) if isinstance(sim, LazyMap) else None
        if pending is not None:
            out[f"sim/{name}"] = Planned(pending, None)
            continue
        data = dumps(value)
        raw = sim._raw.get(name) if isinstance(sim, LazyMap) else None
        if raw is not None and raw[1] == data:
            out[f"sim/{name}"] = Planned(Segment(raw[0]), None)
        else:
            out[f"sim/{name}"] = Planned(Segment(""), data, sim, name)
    for segid, p in out.items():  # (a kept segment's name was checked when it was written)
        if p.data is not None and not all(_NAME.fullmatch(part) for part in segid.split("/")):
            raise ValueError(f"unsupported segment name {segid!r}")
    meta = {k: v for k, v in doc.items() if k not in ("objects", "sim")}
    return meta, out


def file_name(segid: str, commit: int) -> str:
    """``objects/Pod/small`` written by commit 41 -> ``objects.Pod.small.29.json``."""
    return f"{segid.replace('/', '.')}.{commit:x}.json"


def manifest_bytes(version: int, meta: Any, segs: dict[str, Planned]) -> bytes:
    """The manifest: meta (clock, timers, config, counters) and the segment table, sorted."""
    table = {}
    for segid in sorted(segs):
        seg = segs[segid].seg
        entry: dict[str, Any] = {"file": seg.file}
        if seg.count:
            entry["count"] = seg.count
        if seg.usage:
            entry["usage"] = seg.usage
        if seg.owners is not None:
            entry["owners"] = seg.owners
        table[segid] = entry
    doc = {"schemaVersion": version, "meta": meta, "segments": table}
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode()


# ----- decoding -------------------------------------------------------------------------------


def decode(manifest: Any, source: Source) -> dict[str, Any]:
    """The state document of a parsed manifest: maps whose segments are read on first use.

    Raises ValueError when the manifest is not of the expected shape.
    """
    if not isinstance(manifest, dict) or not isinstance(manifest.get("meta"), dict):
        raise ValueError("no 'meta' object")
    table = manifest.get("segments")
    if not isinstance(table, dict):
        raise ValueError("no 'segments' object")
    doc: dict[str, Any] = manifest["meta"]
    kinds: dict[str, dict[str, Segment]] = {}
    sim: dict[str, Segment] = {}
    sharded_sim: dict[str, dict[str, Segment]] = {}
    for segid, entry in table.items():
        seg = _segment(segid, entry)
        parts = segid.split("/")
        if parts[0] == "objects" and len(parts) == 3:
            kinds.setdefault(parts[1], {})[parts[2]] = seg
        elif parts[0] == "events" and len(parts) == 2:
            kinds.setdefault("Event", {})[parts[1]] = seg
        elif parts[0] == "sim" and len(parts) == 2:
            sim[parts[1]] = seg
        elif parts[0] == "sim" and len(parts) == 3 and parts[1] in SHARDED_SIM:
            sharded_sim.setdefault(parts[1], {})[parts[2]] = seg
        else:
            raise ValueError(f"unknown segment {segid[:80]!r}")
    objects: dict[str, Any] = {}
    for kind, shards in kinds.items():
        objects[kind] = sharded_map(
            "events" if kind == "Event" else f"objects/{kind}", source, shards
        )
    lazy = LazyMap(source, sim)
    for name, shards in sharded_sim.items():
        dict.__setitem__(lazy, name, sharded_map(f"sim/{name}", source, shards))
    doc["objects"] = objects
    doc["sim"] = lazy
    return doc


def sharded_map(group: str, source: Source, shards: dict[str, Segment]) -> ShardedMap:
    shard, base = shard_functions(group)
    return ShardedMap(group, shard, source, shards, base)


def _segment(segid: Any, entry: Any) -> Segment:
    """One manifest entry, checked (the manifest of a large cluster has thousands: kept lean)."""
    if type(entry) is not dict or not isinstance(segid, str):
        raise ValueError(f"segment {str(segid)[:80]!r} is not an object")
    file, count = entry.get("file"), entry.get("count", 0)
    if type(file) is not str or _NAME.fullmatch(file) is None:  # (no "/" in a _NAME)
        raise ValueError(f"segment {segid[:80]!r} has no valid file name")
    if type(count) is not int or count < 0:
        raise ValueError(f"segment {segid[:80]!r} has a bad count")
    owners = entry.get("owners")
    if type(owners) is not list:
        owners = None  # not said (an older manifest): every lookup reads the segment
    return Segment(file, count, entry.get("usage"), owners)


def warm_segments(doc: dict[str, Any], planned: dict[str, Planned] | None) -> dict[str, Any]:
    """What a watcher may reuse on its next look: file name -> (bytes, parsed) of every loaded
    segment whose content is known to equal its file (``planned``: just saved; else verified
    by encoding it again).  ``Source.read`` checks each again before reusing it."""
    out: dict[str, Any] = {}
    objects = doc.get("objects") or {}
    sim = doc.get("sim")
    maps = [m for m in objects.values() if isinstance(m, ShardedMap)]
    if isinstance(sim, LazyMap):
        maps += [v for v in dict.values(sim) if isinstance(v, ShardedMap)]
    for m in maps:
        groups: dict[str, dict[str, Any]] = {s: {} for s in m._raw}
        for key, value in dict.items(m):
            bucket = groups.get(m._shard(key))
            if bucket is not None:
                bucket[key] = value
        for s, (seg, data) in m._raw.items():
            entries = groups[s]
            if planned is not None or dumps(entries) == data:
                out[seg.file] = (data, entries)
    return out


def materialise(doc: dict[str, Any]) -> dict[str, Any]:
    """The whole document as plain dicts (every segment read): for ``cluster export``.

    (``json.dumps`` of a lazy map would see only what was read so far.)
    """
    out = {k: v for k, v in doc.items() if k not in ("objects", "sim")}
    objects = doc.get("objects") or {}
    out["objects"] = {kind: dict(objects[kind].items()) for kind in sorted(objects)}
    sim = doc.get("sim") or {}
    plain: dict[str, Any] = {}
    for name in sorted(sim.keys()):
        value = sim[name]
        plain[name] = dict(value.items()) if isinstance(value, ShardedMap) else value
    out["sim"] = plain
    return out
