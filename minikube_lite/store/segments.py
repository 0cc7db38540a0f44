"""The state file's encoding: one JSON document whose big maps are parsed only when touched.

A cluster of 10,000 pods is ~90 MB of JSON, and building Python objects for all of it costs about
a second, while ``get deploy`` needs 3 % of it.  So the document is written with a small index of
character offsets in front::

    {"schemaVersion":1,"segments":"objects/Pod=000000000123+000000045678;...",
     "meta":{...clock, timers, config...},
     "objects":{"Pod":{...},"Deployment":{...}},"sim":{"kubelet":{...}}}

It is still one ordinary JSON document (``jq .objects.Pod`` works), objects stored exactly as
``-o json`` shows them.  On load only ``meta`` is parsed; each entry of ``objects`` and ``sim``
is parsed from its span on first access (``LazyMap``).  On save, entries never touched are copied
back as the text they were, so a command pays for what it used.  A file without a valid index
(hand-edited, or written by hand) is parsed whole.
"""

from __future__ import annotations

import json
import re
from typing import Any

from minikube_lite import errors

SEGMENTED = ("objects", "sim")
_HEAD = re.compile(r'\{"schemaVersion":(-?\d+),"segments":"([^"\\]*)","meta":')
_WIDTH = 12


class SegmentError(errors.StoreError):
    """A segment's span does not hold valid JSON (the file was damaged after it was loaded)."""


class LazyMap(dict):  # type: ignore[type-arg]
    """A dict whose values are parsed from the file text on first access."""

    __slots__ = ("_spans", "_text")

    def __init__(self, text: str, spans: dict[str, tuple[int, int]]) -> None:
        super().__init__()
        self._text = text
        self._spans = spans

    def _load(self, key: Any) -> None:
        span = self._spans.pop(key, None) if self._spans else None
        if span is not None:
            a, b = span
            try:
                value = json.loads(self._text[a:b])
            except ValueError as e:
                raise SegmentError(
                    f"the state file's segment {key!r} is not valid JSON ({e}); it was left untouched. "
                    "Run 'mkl cluster delete' or 'mkl cluster reset' to start over"
                ) from None
            dict.__setitem__(self, key, value)

    def raw(self, key: str) -> str | None:
        """The untouched text of an entry, or None once it has been parsed."""
        span = self._spans.get(key)
        return None if span is None else self._text[span[0] : span[1]]

    def load_all(self) -> None:
        for key in list(self._spans):
            self._load(key)

    def __getitem__(self, key: Any) -> Any:
        self._load(key)
        return dict.__getitem__(self, key)

    def get(self, key: Any, default: Any = None) -> Any:
        self._load(key)
        return dict.get(self, key, default)

    def setdefault(self, key: Any, default: Any = None) -> Any:
        self._load(key)
        return dict.setdefault(self, key, default)

    def pop(self, key: Any, *default: Any) -> Any:
        self._load(key)
        return dict.pop(self, key, *default)

    def __setitem__(self, key: Any, value: Any) -> None:
        self._spans.pop(key, None)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: Any) -> None:
        if self._spans.pop(key, None) is None:
            dict.__delitem__(self, key)

    def __contains__(self, key: object) -> bool:
        return key in self._spans or dict.__contains__(self, key)

    def __iter__(self) -> Any:
        return iter(self.keys())

    def __len__(self) -> int:
        return dict.__len__(self) + len(self._spans)

    def keys(self) -> Any:  # type: ignore[override]
        return [*dict.keys(self), *self._spans]

    def items(self) -> Any:  # type: ignore[override]
        self.load_all()
        return dict.items(self)

    def values(self) -> Any:  # type: ignore[override]
        self.load_all()
        return dict.values(self)

    def __eq__(self, other: object) -> bool:
        self.load_all()
        return dict.__eq__(self, other)

    __hash__ = None  # type: ignore[assignment]


def _dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def encode(doc: dict[str, Any]) -> str:
    """The whole document as text, reusing the raw text of untouched segments."""
    meta = {k: v for k, v in doc.items() if k not in SEGMENTED}
    names: list[str] = []
    texts: list[str] = []
    for group in SEGMENTED:
        m = doc.get(group) or {}
        for key in list(m.keys()):  # LazyMap.keys() includes unparsed entries
            if not isinstance(key, str) or any(c in key for c in '";=+\\/'):
                raise ValueError(f"unsupported segment name {key!r}")
            raw = m.raw(key) if isinstance(m, LazyMap) else None
            names.append(f"{group}/{key}")
            texts.append(raw if raw is not None else _dumps(m[key]))
    version = int(doc.get("schemaVersion", 0))

    def head(spans: list[tuple[int, int]]) -> str:
        index = ";".join(f"{n}={a:0{_WIDTH}d}+{b:0{_WIDTH}d}" for n, (a, b) in zip(names, spans, strict=True))
        return f'{{"schemaVersion":{version},"segments":"{index}","meta":{_dumps(meta)}'

    pos = len(head([(0, 0)] * len(names)))
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    i = 0
    for group in SEGMENTED:
        opening = f',"{group}":{{'
        pieces.append(opening)
        pos += len(opening)
        count = len(doc.get(group) or {})
        for j in range(count):
            name = names[i].split("/", 1)[1]
            lead = ("," if j else "") + f'"{name}":'
            pieces.append(lead)
            pos += len(lead)
            spans.append((pos, pos + len(texts[i])))
            pieces.append(texts[i])
            pos += len(texts[i])
            i += 1
        pieces.append("}")
        pos += 1
    pieces.append("}")
    return head(spans) + "".join(pieces)


def decode(text: str) -> dict[str, Any]:
    """Parse a state document: lazily when it carries a valid index, else whole."""
    m = _HEAD.match(text)
    if m is not None:
        try:
            meta, _ = json.JSONDecoder().raw_decode(text, m.end())
            spans = _spans(m.group(2), text)
        except ValueError:
            meta = None
        if isinstance(meta, dict):
            for group in SEGMENTED:
                meta[group] = LazyMap(text, spans.get(group, {}))
            return meta
    whole = json.loads(text)
    if isinstance(whole, dict) and isinstance(whole.get("meta"), dict) and "segments" in whole:
        doc = whole["meta"]
        for group in SEGMENTED:
            doc[group] = whole.get(group) or {}
        return doc
    return whole  # type: ignore[no-any-return]


def _spans(index: str, text: str) -> dict[str, dict[str, tuple[int, int]]]:
    out: dict[str, dict[str, tuple[int, int]]] = {}
    n = len(text)
    for entry in filter(None, index.split(";")):
        name, _, rng = entry.partition("=")
        group, _, key = name.partition("/")
        a_s, _, b_s = rng.partition("+")
        a, b = int(a_s), int(b_s)
        if group not in SEGMENTED or not (0 < a < b <= n) or text[a] not in "{[\"" or text[b - 1] not in "}]\"":
            raise ValueError(f"bad segment index entry {entry!r}")
        out.setdefault(group, {})[key] = (a, b)
    return out
