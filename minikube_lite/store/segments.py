"""The state file's encoding: one JSON document whose big maps are parsed only when touched.

A cluster of 10,000 pods is ~90 MB of JSON, and building Python objects for all of it costs about
a second, while ``get deploy`` needs 3 % of it.  So the document is written with a small index of
byte offsets in front::

    {"schemaVersion":1,"segments":"meta=000000000350+000000001234;objects/Pod=000000001247+...",
     "meta":{...clock, timers, config...},
     "objects":{"Pod":{...},"Deployment":{...}},"sim":{"kubelet":{...}}}

It is still one ordinary JSON document (``jq .objects.Pod`` works), objects stored exactly as
``-o json`` shows them.  On load only the head and ``meta`` are read; each entry of ``objects``
and ``sim`` is read (``os.pread``) and parsed from its span on first access (``LazyMap``).  On
save, entries never touched are copied back as the bytes they were, so a command pays for what it
used.  The file descriptor stays open for the command (the profile lock is held meanwhile, and
the atomic rename leaves the old inode readable).  A file without a valid index (hand-edited, say)
is parsed whole.
"""

from __future__ import annotations

import io
import json
import os
import re
from typing import TYPE_CHECKING, Any

from minikube_lite import errors

if TYPE_CHECKING:
    from _collections_abc import dict_items, dict_keys, dict_values
    from collections.abc import Iterator

SEGMENTED = ("objects", "sim", "events")
SHARD_SECONDS = 600  # Events are stored in shards by creation time (10 simulated minutes)
_HEAD = re.compile(rb'\{"schemaVersion":(-?\d+),"segments":"([^"\\]*)","meta":')
_WIDTH = 12
_HEAD_READ = 65536  # the index of a cluster with every kind fits in well under this


class Reader:
    """Random access to the bytes of a state file (or of an in-memory document).

    The descriptor is owned by an ``io.FileIO``, whose C-level finalizer closes it when the
    document is dropped.  A Python ``__del__`` would run in the middle of whatever the program was
    doing, and a Ctrl-C arriving during it would be swallowed ("Exception ignored in ..."): an
    ``exec`` loop then never stopped.
    """

    def __init__(self, data: bytes | None = None, fd: int | None = None, path: str = "") -> None:
        self._data = data
        self._file: io.FileIO | None = None
        self.path = path  # for messages
        self.failed: SegmentError | None = (
            None  # the first damaged segment met: the state must not be saved
        )
        if data is not None:
            self.size = len(data)
        else:
            assert fd is not None
            self._file = io.FileIO(fd, "r", closefd=True)
            self.size = os.fstat(fd).st_size

    def read(self, a: int, b: int) -> bytes:
        if self._data is not None:
            return self._data[a:b]
        assert self._file is not None
        fd = self._file.fileno()
        out = os.pread(fd, b - a, a)
        while len(out) < b - a:
            more = os.pread(fd, b - a - len(out), a + len(out))
            if not more:
                break
            out += more
        return out

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


class SegmentError(errors.StoreError):
    """A segment cannot be used: ``unreadable`` when its span in the file is damaged or of the
    wrong shape (the file must then stay untouched), else the document cannot be encoded."""

    def __init__(self, message: str, unreadable: bool = False) -> None:
        super().__init__(message)
        self.unreadable = unreadable


def unreadable_message(path: str, why: str) -> str:
    """The one text for a state file mkl cannot use (persist.load and damaged segments)."""
    where = f" {path}" if path else ""
    return (
        f"cannot read state file{where}: {why}; it was left untouched. "
        "Run 'mkl cluster delete' or 'mkl cluster reset' to start over"
    )


def entry_error(group: str, key: str, value: Any) -> str | None:
    """What is wrong with the shape of one parsed entry (None: fine).

    ``objects/KIND`` maps keys to objects, ``sim/NAME`` is a controller's state object, and an
    event shard maps keys to Events.  Cheap next to parsing it: one pass over the values.
    """
    if not isinstance(value, dict):
        return f"{group}/{key} is not an object"
    if group in ("objects", "events"):
        for k, obj in value.items():
            if not isinstance(obj, dict):
                return f"{group}/{key}: entry {k[:60]!r} is not an object"
    return None


def _damaged(reader: Reader, what: str, why: str) -> SegmentError:
    """The error for a damaged segment; remembered by the reader so the state is never saved."""
    err = SegmentError(unreadable_message(reader.path, f"{what} {why}"), unreadable=True)
    if reader.failed is None:
        reader.failed = err
    return err


class _LoadOnAccess(dict):  # type: ignore[type-arg]
    """A dict that parses part of the file before a key is read: subclasses say which part."""

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

    def items(self) -> dict_items[str, Any]:
        self.load_all()
        return dict.items(self)

    def values(self) -> dict_values[str, Any]:
        self.load_all()
        return dict.values(self)

    def __eq__(self, other: object) -> bool:
        self.load_all()
        return dict.__eq__(self, other)

    __hash__ = None


class LazyMap(_LoadOnAccess):
    """A dict whose values are parsed from the file on first access."""

    __slots__ = ("_group", "_reader", "_spans")

    def __init__(
        self, reader: Reader, spans: dict[str, tuple[int, int]], group: str = "objects"
    ) -> None:
        super().__init__()
        self._reader = reader
        self._spans = spans
        self._group = group

    def _ensure(self, key: Any) -> None:
        span = self._spans.get(key) if self._spans else None
        if span is not None:
            # the span stays until the entry is parsed and checked: a damaged entry is never dropped
            try:
                value = json.loads(self._reader.read(*span))
            except (ValueError, RecursionError) as e:
                raise _damaged(
                    self._reader, f"segment {self._group}/{key}", f"is not valid JSON ({e})"
                ) from None
            why = entry_error(self._group, key, value)
            if why is not None:
                raise _damaged(self._reader, "segment", why)
            del self._spans[key]
            dict.__setitem__(self, key, value)

    @property
    def failed(self) -> SegmentError | None:
        """The damaged-segment error met while reading this map's file, if any."""
        return self._reader.failed

    def raw(self, key: str) -> bytes | None:
        """The untouched bytes of an entry, or None once it has been parsed."""
        span = self._spans.get(key)
        return None if span is None else self._reader.read(*span)

    def load_all(self) -> None:
        for key in list(self._spans):
            self._ensure(key)

    def __setitem__(self, key: Any, value: Any) -> None:
        self._spans.pop(key, None)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: Any) -> None:
        if self._spans.pop(key, None) is None:
            dict.__delitem__(self, key)

    def __contains__(self, key: object) -> bool:
        return key in self._spans or dict.__contains__(self, key)

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def __len__(self) -> int:
        return dict.__len__(self) + len(self._spans)

    def keys(self) -> list[str]:  # type: ignore[override]  # a list snapshot: it includes the keys not parsed yet
        return [*dict.keys(self), *self._spans]


def shard_of(key: str) -> str:
    """The shard an Event key belongs to: its name ends in hex nanoseconds of its creation."""
    tail = key.rsplit(".", 1)[-1]
    try:
        return str(int(tail, 16) // (SHARD_SECONDS * 10**9))
    except ValueError:
        return "other"


class EventBucket(_LoadOnAccess):
    """The Event map, loaded one shard at a time: adding an event reads only the newest shard."""

    __slots__ = ("_appended", "_pending", "_reader")

    def __init__(
        self, reader: Reader | None = None, spans: dict[str, tuple[int, int]] | None = None
    ) -> None:
        super().__init__()
        self._reader = reader
        self._pending = dict(spans or {})
        self._appended: dict[str, list[str]] = {}  # keys added to shards that were never read

    def add_new(self, key: str, ev: Any) -> None:
        """Add an event whose key is new by construction, without reading its shard."""
        shard = shard_of(key)
        if shard in self._pending:
            self._appended.setdefault(shard, []).append(key)
        dict.__setitem__(self, key, ev)

    def _ensure(self, key: Any) -> None:
        if self._pending and isinstance(key, str):
            span = self._pending.pop(shard_of(key), None)
            if span is not None:
                self._absorb(shard_of(key), span)
                self._appended.pop(shard_of(key), None)

    def _absorb(self, shard: str, span: tuple[int, int]) -> None:
        """Parse one shard into the map; a damaged one stays pending (and is never dropped)."""
        assert self._reader is not None
        try:
            value = json.loads(self._reader.read(*span))
        except (ValueError, RecursionError) as e:
            self._pending[shard] = span
            raise _damaged(
                self._reader, f"event shard {shard!r}", f"is not valid JSON ({e})"
            ) from None
        why = entry_error("events", shard, value)
        if why is not None:
            self._pending[shard] = span
            raise _damaged(self._reader, "event shard", why)
        dict.update(self, value)

    @property
    def failed(self) -> SegmentError | None:
        return None if self._reader is None else self._reader.failed

    def pending_shards(self) -> list[str]:
        """The shards not read yet."""
        return list(self._pending)

    def load_shards(self, shards: list[str]) -> None:
        """Read these shards (those not read yet)."""
        for shard in shards:
            span = self._pending.pop(shard, None)
            if span is not None:
                self._absorb(shard, span)
                self._appended.pop(shard, None)

    def load_all(self) -> None:
        for shard, span in list(self._pending.items()):
            del self._pending[shard]
            self._absorb(shard, span)
        self._appended.clear()

    def encoded_shards(self) -> dict[str, bytes]:
        """Every shard as JSON bytes: unread shards copied as they were (plus events appended to
        them, spliced in before the closing brace), loaded ones encoded."""
        out: dict[str, bytes] = {}
        appended = {k for keys in self._appended.values() for k in keys}
        for shard, span in self._pending.items():
            raw = self._reader.read(*span)  # type: ignore[union-attr]
            extra = list(self._appended.get(shard, ()))
            if extra:
                body = _dumps({k: dict.__getitem__(self, k) for k in extra})[1:-1]
                raw = raw[:-1] + (b"," if raw.strip() != b"{}" else b"") + body + b"}"
            out[shard] = raw
        loaded: dict[str, dict[str, Any]] = {}
        for key, ev in dict.items(self):
            if key not in appended:
                loaded.setdefault(shard_of(key), {})[key] = ev
        for shard, bucket in loaded.items():
            out[shard] = _dumps(bucket)
        return out

    def __setitem__(self, key: Any, value: Any) -> None:
        self._ensure(key)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: Any) -> None:
        self._ensure(key)
        dict.__delitem__(self, key)

    def __contains__(self, key: object) -> bool:
        self._ensure(key)
        return dict.__contains__(self, key)

    def __iter__(self) -> Iterator[str]:
        self.load_all()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self.load_all()
        return dict.__len__(self)

    def keys(self) -> dict_keys[str, Any]:
        self.load_all()
        return dict.keys(self)


def _event_shards(events: Any) -> dict[str, bytes]:
    """Shard name -> encoded shard, reusing the bytes of shards that were never loaded."""
    if isinstance(events, EventBucket):
        out = events.encoded_shards()
    else:
        loaded: dict[str, dict[str, Any]] = {}
        for key, ev in (events or {}).items():
            loaded.setdefault(shard_of(key), {})[key] = ev
        out = {shard: _dumps(bucket) for shard, bucket in loaded.items()}
    return {k: out[k] for k in sorted(out)}


def _dumps(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def _segment_blobs(doc: dict[str, Any]) -> dict[str, list[tuple[str, bytes]]]:
    """Each segment's bytes by group: untouched entries as read, Events in time shards."""
    objects = doc.get("objects") or {}
    groups: dict[str, list[tuple[str, bytes]]] = {"objects": [], "sim": [], "events": []}
    for group in ("objects", "sim"):
        m = doc.get(group) or {}
        for key in list(m.keys()):  # LazyMap.keys() includes unparsed entries
            if group == "objects" and key == "Event":
                continue
            raw = m.raw(key) if isinstance(m, LazyMap) else None
            groups[group].append((key, raw if raw is not None else _dumps(m[key])))
    if "Event" in objects:
        events = (
            dict.get(objects, "Event") if dict.__contains__(objects, "Event") else objects["Event"]
        )
        groups["events"] = list(_event_shards(events).items())
    return groups


def encode(doc: dict[str, Any]) -> bytes:
    """The whole document as UTF-8 bytes, reusing the raw bytes of untouched segments.

    Raises the SegmentError of a damaged segment met since loading (the state must not be
    written back), ValueError/TypeError when a value cannot be encoded (a lone surrogate).
    """
    for group in ("objects", "sim"):
        failed = getattr(doc.get(group), "failed", None)
        if failed is not None:
            raise failed
    meta = _dumps({k: v for k, v in doc.items() if k not in SEGMENTED})
    names: list[str] = []
    blobs: list[bytes] = []
    groups = _segment_blobs(doc)
    for group in SEGMENTED:
        for key, blob in groups[group]:
            if not isinstance(key, str) or any(c in key for c in '";=+\\/'):
                raise ValueError(f"unsupported segment name {key!r}")
            names.append(f"{group}/{key}")
            blobs.append(blob)
    version = int(doc.get("schemaVersion", 0))

    def head(spans: list[tuple[int, int]]) -> bytes:
        index = ";".join(
            f"{n}={a:0{_WIDTH}d}+{b:0{_WIDTH}d}"
            for n, (a, b) in zip(["meta", *names], spans, strict=True)
        )
        return f'{{"schemaVersion":{version},"segments":"{index}","meta":'.encode()

    pos = len(head([(0, 0)] * (len(names) + 1)))
    spans: list[tuple[int, int]] = [(pos, pos + len(meta))]
    pieces: list[bytes] = [meta]
    pos += len(meta)
    i = 0
    for group in SEGMENTED:
        opening = f',"{group}":{{'.encode()
        pieces.append(opening)
        pos += len(opening)
        for j in range(len(groups[group])):
            lead = (("," if j else "") + f'"{names[i].split("/", 1)[1]}":').encode()
            pieces.append(lead)
            pos += len(lead)
            spans.append((pos, pos + len(blobs[i])))
            pieces.append(blobs[i])
            pos += len(blobs[i])
            i += 1
        pieces.append(b"}")
        pos += 1
    pieces.append(b"}")
    return head(spans) + b"".join(pieces)


def decode(source: bytes | Reader) -> dict[str, Any]:
    """Parse a state document: lazily when it carries a valid index, else whole."""
    reader = source if isinstance(source, Reader) else Reader(data=source)
    doc = _decode_indexed(reader)
    if doc is not None:
        return doc
    whole = json.loads(reader.read(0, reader.size))
    if isinstance(whole, dict) and isinstance(whole.get("meta"), dict) and "segments" in whole:
        meta: dict[str, Any] = whole["meta"]
        meta.pop("eventShardSeen", None)  # edited by hand, perhaps: rebuilt when first needed
        for group in ("objects", "sim"):
            meta[group] = whole.get(group) or {}
            if not isinstance(meta[group], dict):
                raise ValueError(f"{group!r} is not an object")
        if whole.get("events"):
            if not isinstance(whole["events"], dict):
                raise ValueError("'events' is not an object")
            merged: dict[str, Any] = {}
            for shard, value in whole["events"].items():
                why = entry_error("events", shard, value)
                if why is not None:
                    raise ValueError(why)
                merged.update(value)
            meta["objects"]["Event"] = merged
        return meta
    if isinstance(whole, dict):
        whole.pop("eventShardSeen", None)
    return whole  # type: ignore[no-any-return]


def _decode_indexed(reader: Reader) -> dict[str, Any] | None:
    m = _HEAD.match(reader.read(0, min(reader.size, _HEAD_READ)))
    if m is None:
        return None
    try:
        spans = _spans(m.group(2).decode(), reader)
        meta = json.loads(reader.read(*spans.pop("meta")[""]))
    except (ValueError, KeyError):
        return None
    if not isinstance(meta, dict):
        return None
    for group in ("objects", "sim"):
        meta[group] = LazyMap(reader, spans.get(group, {}), group)
    if "events" in spans:
        dict.__setitem__(meta["objects"], "Event", EventBucket(reader, spans["events"]))
    return meta


def _spans(index: str, reader: Reader) -> dict[str, dict[str, tuple[int, int]]]:
    out: dict[str, dict[str, tuple[int, int]]] = {}
    n = reader.size
    for entry in filter(None, index.split(";")):
        name, _, rng = entry.partition("=")
        group, _, key = name.partition("/")
        a_s, _, b_s = rng.partition("+")
        a, b = int(a_s), int(b_s)
        if group not in (*SEGMENTED, "meta") or not (0 < a < b <= n):
            raise ValueError(f"bad segment index entry {entry!r}")
        if reader.read(a, a + 1) not in (b"{", b"[", b'"') or reader.read(b - 1, b) not in (
            b"}",
            b"]",
            b'"',
        ):
            raise ValueError(f"segment index entry {entry!r} does not match the file")
        out.setdefault(group, {})[key] = (a, b)
    return out
