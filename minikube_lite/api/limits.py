"""The bounds on what users send, and the checks that keep decoding within them.

Upstream facts these follow:

* the API server refuses a request body over 3 MiB (``Request entity too large: limit is
  3145728``, HTTP 413) and etcd a write over 1.5 MiB (``etcdserver: request is too large``);
* encoding/json and go-yaml refuse documents nested more than 10000 levels, and go-yaml refuses
  YAML whose aliases expand too much (``document contains excessive aliasing``: the share of
  alias-expanded nodes among all decoded nodes may not exceed 99 % for small documents, falling
  to 10 % at 4 million nodes);
* Go strings carry bytes: invalid UTF-8 and lone UTF-16 surrogates in ``\\u`` escapes decode to
  U+FFFD.

mkl's walkers over API objects (patch engine, validation, defaulting, printers, the state
encoder) recurse, and CPython stops at 1000 frames, so mkl admits ``MAX_DEPTH`` levels of
nesting, not 10000; the decoders reject deeper documents with the same messages kubectl uses,
naming mkl's limit.  The YAML checks run over the parser's event stream, which is flat, before a
node is composed, so neither depth nor an alias bomb costs memory or recursion.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MAX_REQUEST_BYTES = 3 * 1024 * 1024  # apiserver MaxRequestBodyBytes
MAX_OBJECT_BYTES = 1536 * 1024  # etcd --max-request-bytes default (1.5 MiB)
MAX_INPUT_BYTES = MAX_REQUEST_BYTES  # one -f source (file or stdin), --patch-file, -p
MAX_DEPTH = 100  # nesting levels (objects and arrays) in one document

_ALIAS_RATIO_LOW = 400_000
_ALIAS_RATIO_HIGH = 4_000_000
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?')
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]')
_BRACKET = re.compile(r"[\[\]{}]")


class LimitError(ValueError):
    """A document over a decoding limit; ``detail`` is the decoder's message (``yaml: ...``)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


# ------------------------------------------------------------------------------------------
# text


def go_text(data: bytes) -> str:
    """Bytes as a Go string reads them: UTF-8, each invalid byte U+FFFD (encoding/json's rule)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _SURROGATE.sub("\ufffd", data.decode("utf-8", "surrogateescape"))


def go_string(s: str) -> str:
    """A str with its lone surrogates (argv's undecodable bytes, ``\\ud800``) as U+FFFD."""
    return _SURROGATE.sub("\ufffd", s) if _SURROGATE.search(s) else s


def may_hold_surrogates(text: str) -> bool:
    """Whether decoding ``text`` as JSON can produce a lone surrogate (cheap pre-check)."""
    return bool(_SURROGATE_ESCAPE.search(text) or _SURROGATE.search(text))


def replace_surrogates(v: Any) -> Any:
    """encoding/json's decoding of invalid surrogate escapes: each lone one becomes U+FFFD."""
    if isinstance(v, str):
        return go_string(v)
    if isinstance(v, dict):
        return {go_string(k): replace_surrogates(x) for k, x in v.items()}
    if isinstance(v, list):
        return [replace_surrogates(x) for x in v]
    return v


# ------------------------------------------------------------------------------------------
# JSON


def json_too_deep(text: str, limit: int | None = None) -> tuple[int, str] | None:
    """(byte offset, character) where JSON ``text`` opens level ``limit + 1``, or None.

    The offset is what encoding/json's SyntaxError reports: bytes read, the offending one
    included.  Brackets inside strings do not count.
    """
    limit = MAX_DEPTH if limit is None else limit
    if text.count("[") + text.count("{") <= limit:
        return None  # cannot nest deeper than it has brackets
    depth = 0
    for m in _BRACKET.finditer(_JSON_STRING.sub('""', text)):
        depth += 1 if m.group() in "[{" else -1
        if depth > limit:
            break
    else:
        return None
    depth = 0
    for m in _JSON_TOKEN.finditer(text):
        c = m.group()
        if c in ("[", "{"):
            depth += 1
            if depth > limit:
                return len(text[: m.start()].encode("utf-8", "surrogatepass")) + 1, c
        elif c in ("]", "}"):
            depth -= 1
    return None  # pragma: no cover - the first scan found it


# ------------------------------------------------------------------------------------------
# YAML


def allowed_alias_ratio(decodes: int) -> float:
    """go-yaml's allowedAliasRatio: 99 % up to 400k decoded nodes, falling to 10 % at 4M."""
    if decodes <= _ALIAS_RATIO_LOW:
        return 0.99
    if decodes >= _ALIAS_RATIO_HIGH:
        return 0.10
    span = _ALIAS_RATIO_HIGH - _ALIAS_RATIO_LOW
    return 0.99 - 0.89 * ((decodes - _ALIAS_RATIO_LOW) / span)


def check_yaml(loader: Any, first_only: bool = False, limit: int | None = None) -> None:
    """Walk a YAML loader's events; raise LimitError for nesting, self-reference or aliasing.

    ``loader`` is a fresh PyYAML loader over the text (its events, never its nodes, are read).
    Syntax errors are left to the real load: the walk stops quietly at one.
    """
    import yaml

    walk: _Walk | None = None
    try:
        while loader.check_event():
            ev = loader.get_event()
            if isinstance(ev, yaml.DocumentStartEvent):
                walk = _Walk(MAX_DEPTH if limit is None else limit)
            elif isinstance(ev, yaml.DocumentEndEvent):
                if first_only:
                    return
            elif walk is not None and not isinstance(ev, yaml.StreamEndEvent):
                walk.feed(ev)
    except yaml.YAMLError:
        return
    finally:
        loader.dispose()


class _Frame:
    """An open collection: its decode cost and height so far, and where its map pairs stand."""

    __slots__ = ("anchor", "cost", "height", "is_map", "key_next", "merging")

    def __init__(self, is_map: bool, anchor: str | None, cost: int) -> None:
        self.is_map = is_map
        self.anchor = anchor
        self.cost = cost  # go-yaml unmarshal calls to decode this collection fully
        self.height = 1  # nesting levels, this one included
        self.key_next = True
        self.merging = False


class _Walk:
    """One document's events, counted the way go-yaml's decoder counts its unmarshal calls."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[int, int]] = {}  # name -> (cost, height)
        self.decodes = 1  # the document node
        self.aliased = 0

    def feed(self, ev: Any) -> None:
        import yaml

        if isinstance(ev, yaml.CollectionEndEvent):
            f = self.stack.pop()
            self._done(f.anchor, f.cost, f.height)
            return
        parent = self.stack[-1] if self.stack else None
        merge_value = False
        if parent is not None and parent.is_map:
            merge_value, as_key = parent.merging, parent.key_next
            parent.key_next = not as_key
            parent.merging = as_key and _is_merge_key(ev)
            if parent.merging:
                return  # go-yaml never decodes the ``<<`` key itself
        if isinstance(ev, yaml.AliasEvent):
            self._alias(ev)
        elif isinstance(ev, yaml.ScalarEvent):
            self._count(1, 0)
            self._done(ev.anchor, 1, 0)
        else:
            self._open(ev, merge_value)

    def _open(self, ev: Any, merge_value: bool) -> None:
        import yaml

        if len(self.stack) + 1 > self.limit:
            raise _too_deep(ev.start_mark, self.limit)
        # A merged sequence (``<<: [*a, *b]``) is not decoded as a node, only its items are.
        counted = not (merge_value and isinstance(ev, yaml.SequenceStartEvent))
        if counted:
            self._count(1, 0)
        self.stack.append(_Frame(isinstance(ev, yaml.MappingStartEvent), ev.anchor, int(counted)))

    def _alias(self, ev: Any) -> None:
        name = ev.anchor
        if any(f.anchor == name for f in self.stack):
            raise LimitError(f"yaml: anchor '{name}' value contains itself")
        if name not in self.anchors:
            return  # the load reports the unknown anchor
        cost, height = self.anchors[name]
        if len(self.stack) + height > self.limit:
            raise _too_deep(ev.start_mark, self.limit)
        self._count(1, 0)  # the alias node
        self._count(cost, cost)  # its target, decoded again
        if self.stack:
            top = self.stack[-1]
            top.cost += 1 + cost
            top.height = max(top.height, height + 1)

    def _done(self, anchor: str | None, cost: int, height: int) -> None:
        if anchor is not None:
            self.anchors[anchor] = (cost, height)
        if self.stack:
            top = self.stack[-1]
            top.cost += cost
            top.height = max(top.height, height + 1)

    def _count(self, decodes: int, aliased: int) -> None:
        """go-yaml decoder.unmarshal's check (within one alias expansion the ratio only grows,
        so checking after the whole expansion finds what a per-node check finds)."""
        self.decodes += decodes
        self.aliased += aliased
        if (
            self.aliased > 100
            and self.decodes > 1000
            and self.aliased / self.decodes > allowed_alias_ratio(self.decodes)
        ):
            raise LimitError("yaml: document contains excessive aliasing")


def _is_merge_key(ev: Any) -> bool:
    import yaml

    return isinstance(ev, yaml.ScalarEvent) and ev.value == "<<" and bool(ev.implicit[0])


def _too_deep(mark: Any, limit: int) -> LimitError:
    """go-yaml's scanner error (``line N: `` only past the first line, as parser.fail() does)."""
    line = mark.line + 1 if mark is not None and mark.line else 0
    where = f"line {line}: " if line else ""
    return LimitError(f"yaml: {where}exceeded max depth of {limit}")
