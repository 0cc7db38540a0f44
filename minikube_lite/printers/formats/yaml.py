"""``-o yaml``: what sigs.k8s.io/yaml (JSON → go-yaml v2) writes, produced with PyYAML's emitter.

go-yaml v2 rules reproduced here: map keys in its natural sort order, strings that would resolve
to another type (YAML 1.1 bools incl. ``y``/``n``, ints, floats, timestamps, base-60) double-quoted,
strings with a newline as literal blocks, libyaml's plain/single/double-quote choice, 80-column
folding, indentless sequences, ``{}``/``[]`` for empty collections.  yaml is imported lazily.
"""

from __future__ import annotations

import re

from minikube_lite.api.patch.govalue import go_float
from minikube_lite.printers.formats.json import json_float

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


_YAML_BOOL_NULL = frozenset(
    [
        "y",
        "Y",
        "yes",
        "Yes",
        "YES",
        "true",
        "True",
        "TRUE",
        "on",
        "On",
        "ON",
        "n",
        "N",
        "no",
        "No",
        "NO",
        "false",
        "False",
        "FALSE",
        "off",
        "Off",
        "OFF",
        "~",
        "null",
        "Null",
        "NULL",
        ".nan",
        ".NaN",
        ".NAN",
        ".inf",
        ".Inf",
        ".INF",
        "+.inf",
        "+.Inf",
        "+.INF",
        "-.inf",
        "-.Inf",
        "-.INF",
    ]
) | {""}
_GO_INT = re.compile(r"[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)")
_YAML_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_BASE60 = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")
_TS = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[-+]\d{2}:\d{2})"
    r"| (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?)?"
)


def _is_timestamp(s: str) -> bool:
    """go-yaml v2 parseTimestamp (the four allowed layouts, with range checks)."""
    m = _TS.fullmatch(s)
    if not m:
        return False
    y, mo, d = (int(x) for x in m.group(1, 2, 3))
    hms = [int(x) for x in (m.group(4, 5, 6) if m.group(4) else m.group(7, 8, 9)) if x is not None]
    if not 1 <= mo <= 12 or not 1 <= d <= _days_in(y, mo):
        return False
    return not hms or (hms[0] < 24 and hms[1] < 60 and hms[2] < 60)


def _days_in(y: int, mo: int) -> int:
    if mo == 2:
        return 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28
    return 30 if mo in (4, 6, 9, 11) else 31


def _go_int_ok(plain: str) -> bool:
    """strconv.ParseInt(plain, 0, 64) or ParseUint succeeds."""
    if not _GO_INT.fullmatch(plain):
        return False
    body = plain.lstrip("+-")
    base = (
        {"x": 16, "o": 8, "b": 2}.get(body[1:2].lower(), 8)
        if len(body) > 1 and body[0] == "0"
        else 10
    )
    digits = body[2:] if base in (16, 2) or body[1:2].lower() == "o" else body
    value = int(digits or "0", base) * (-1 if plain.startswith("-") else 1)
    return -(2**63) <= value < 2**64 and not (plain.startswith("-") and value < -(2**63))


def yaml_needs_quotes(s: str) -> bool:
    """True when go-yaml v2 would resolve the plain scalar ``s`` to something other than a string
    (or it looks like a base-60 float): such strings are emitted double-quoted."""
    if s in _YAML_BOOL_NULL:
        return True
    c = s[0]
    if c == ".":
        return _float_ok(s)
    if c in "+-" or c.isdigit():
        if _is_timestamp(s):
            return True
        plain = s.replace("_", "")
        if _go_int_ok(plain):
            return True
        if _YAML_FLOAT.fullmatch(plain) and _float_ok(plain):
            return True
    return bool(_BASE60.fullmatch(s))


def _float_ok(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return not s.strip().lower().lstrip("+-").startswith(("inf", "nan"))


def yaml_number(v: int | float) -> str:
    """How a JSON number comes out of JSON → go-yaml: ints as is, floats via %g unless integral."""
    text = str(v) if isinstance(v, int) else json_float(v)
    if re.fullmatch(r"-?\d+", text) and -(2**63) <= int(text) < 2**64:
        return str(int(text))
    return go_float(float(text), "g").replace("+Inf", ".inf").replace("-Inf", "-.inf")


def _yaml_key_less(a: str, b: str) -> bool:
    """go-yaml v2 keyList.Less for string keys: natural order (digit runs compare as numbers,
    a non-letter sorts before a letter)."""
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] == b[i]:
            continue
        al, bl = a[i].isalpha(), b[i].isalpha()
        if al and bl:
            return a[i] < b[i]
        if al or bl:
            return bl
        an = bn = 0
        if a[i] == "0" or b[i] == "0":
            j = i - 1
            while j >= 0 and a[j].isdecimal():
                if a[j] != "0":
                    an = bn = 1
                    break
                j -= 1
        ai = i
        while ai < len(a) and a[ai].isdecimal():
            an = an * 10 + ord(a[ai]) - 48
            ai += 1
        bi = i
        while bi < len(b) and b[bi].isdecimal():
            bn = bn * 10 + ord(b[bi]) - 48
            bi += 1
        if an != bn:
            return an < bn
        if ai != bi:
            return ai < bi
        return a[i] < b[i]
    return len(a) < len(b)


def yaml_sorted_keys(d: dict[str, Any]) -> list[str]:
    """Map keys in the order go-yaml v2 writes them."""
    import functools

    def cmp(x: str, y: str) -> int:
        return -1 if _yaml_key_less(x, y) else (1 if _yaml_key_less(y, x) else 0)

    return sorted((str(k) for k in d), key=functools.cmp_to_key(cmp))


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


def _node(data: Any) -> Any:
    """The YAML node go-yaml v2 would emit for a JSON value (every scalar tagged !!str: the
    resolver below never guesses, so the style chosen here decides the quoting)."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if isinstance(data, dict):
        items = [(_node(k), _node(data[k])) for k in yaml_sorted_keys(data)]
        return MappingNode(_MAP, items, flow_style=False)
    if isinstance(data, (list, tuple)):
        return SequenceNode(_SEQ, [_node(x) for x in data], flow_style=False)
    if isinstance(data, str):
        style = "|" if "\n" in data else ('"' if yaml_needs_quotes(data) else None)
        return ScalarNode(_STR, data, style=style)
    if data is None or isinstance(data, bool):
        return ScalarNode(_STR, {None: "null", True: "true", False: "false"}[data])
    if isinstance(data, (int, float)):
        return ScalarNode(_STR, yaml_number(data))
    return _node(str(data))


def _python_dumper() -> Any:
    """A pure-Python emitter whose style choice follows libyaml (used without the C extension)."""
    from yaml.emitter import Emitter
    from yaml.resolver import BaseResolver
    from yaml.serializer import Serializer

    class GoEmitter(Emitter):
        def choose_scalar_style(self) -> str:
            """libyaml yaml_emitter_select_scalar_style (PyYAML prefers ' over " for blocks)."""
            event: Any = self.event
            if self.analysis is None:
                self.analysis = self.analyze_scalar(event.value)
            a, style = self.analysis, event.style
            if style == '"':
                return '"'
            if style == "|":
                ok = a.allow_block and not self.flow_level and not self.simple_key_context
                return "|" if ok else '"'
            plain_ok = a.allow_flow_plain if self.flow_level else a.allow_block_plain
            if plain_ok and not (a.empty and (self.flow_level or self.simple_key_context)):
                return ""
            return "'" if a.allow_single_quoted else '"'

    class GoDumper(GoEmitter, Serializer, BaseResolver):
        def __init__(self, stream: Any) -> None:
            GoEmitter.__init__(
                self, stream, canonical=False, indent=2, width=80, allow_unicode=True
            )
            Serializer.__init__(self, encoding=None, explicit_start=False, explicit_end=False)
            BaseResolver.__init__(self)

    return GoDumper


def _c_dumper() -> Any:
    """libyaml's own emitter (go-yaml v2 is a port of it), when PyYAML has the C extension."""
    from yaml._yaml import CEmitter
    from yaml.resolver import BaseResolver

    class CGoDumper(CEmitter, BaseResolver):
        def __init__(self, stream: Any) -> None:
            CEmitter.__init__(
                self,
                stream,
                canonical=False,
                indent=2,
                width=80,
                allow_unicode=True,
                encoding=None,
                explicit_start=False,
                explicit_end=False,
            )
            BaseResolver.__init__(self)

    return CGoDumper


_DUMPER: Any = None


def _dumper() -> Any:
    global _DUMPER
    if _DUMPER is None:
        try:
            _DUMPER = _c_dumper()
        except ImportError:
            _DUMPER = _python_dumper()
    return _DUMPER


def dump(obj: Any, dumper: Any = None) -> str:
    """Mirrors cli-runtime YAMLPrinter (JSON → sigs.k8s.io/yaml → go-yaml v2 Marshal)."""
    import io

    stream = io.StringIO()
    d = (dumper or _dumper())(stream)
    try:
        d.open()
        d.serialize(_node(obj))
        d.close()
    finally:
        d.dispose()
    text = stream.getvalue()
    # libyaml ≥0.2.2 ends a document with "..." after a keep-chomped (|+) block; go-yaml v2
    # never does.
    return text[:-4] if text.endswith("\n...\n") else text


def to_yaml(obj: Any) -> str:
    """Mirrors cli-runtime YAMLPrinter (JSON → sigs.k8s.io/yaml → go-yaml v2 Marshal)."""
    return dump(obj)


def to_yaml_stream(objs: list[Any]) -> str:
    """What one YAMLPrinter writes for several PrintObj calls: documents separated by ``---``."""
    return "---\n".join(to_yaml(o) for o in objs)
