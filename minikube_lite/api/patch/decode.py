"""Turning ``kubectl patch -p`` text into a JSON value, with the errors kubectl prints.

kubectl runs k8s.io/apimachinery/pkg/util/yaml.ToJSON on the text: input that starts with ``{``
is passed through as JSON untouched (each patch type then reports bad JSON its own way); anything
else goes through sigs.k8s.io/yaml (go-yaml v2, YAML 1.1 scalars) and fails as
``unable to parse "<text>": yaml: ...``.  PyYAML wraps the same libyaml, so its problem texts
match; scalar resolution and key conversion follow go-yaml v2 / sigs.k8s.io/yaml.
"""

from __future__ import annotations

import json
import re
import struct
from functools import cache

from minikube_lite.api import limits
from minikube_lite.api.patch.errors import PatchError
from minikube_lite.api.patch.govalue import go_float, go_quote

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_BOOLS = {
    **dict.fromkeys(
        ("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True
    ),
    **dict.fromkeys(
        ("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False
    ),
}
_SPECIAL: dict[str, Any] = {
    **_BOOLS,
    **dict.fromkeys(("~", "null", "Null", "NULL"), None),
    **dict.fromkeys((".nan", ".NaN", ".NAN"), float("nan")),
    **dict.fromkeys((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), float("inf")),
    **dict.fromkeys(("-.inf", "-.Inf", "-.INF"), float("-inf")),
}
_YAML_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_GO_INT = re.compile(r"([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)\Z")
_TIMESTAMP = re.compile(r"[0-9]{4}-")
_INT64 = 2**63
PLAIN_TAG = "tag:mkl,2024:plain"


def has_json_prefix(text: str) -> bool:
    """yaml.hasJSONPrefix: the first non-space character is ``{``."""
    return text.lstrip().startswith("{")


def _reject_constant(name: str) -> Any:
    """encoding/json has no NaN or Infinity literals."""
    raise ValueError(name)


class JSONDepthError(ValueError):
    """JSON nested past limits.MAX_DEPTH: where (bytes read) and the opening character."""

    def __init__(self, offset: int, char: str) -> None:
        super().__init__(f"invalid character '{char}' exceeded max depth")
        self.offset = offset
        self.char = char


def loads_json(text: str) -> Any:
    """Strict JSON (no NaN/Infinity), numbers decoded as k8s.io/apimachinery/pkg/util/json does.

    Nesting is bounded (JSONDepthError) and lone surrogate escapes decode to U+FFFD, as
    encoding/json decodes them.
    """
    deep = limits.json_too_deep(text)
    if deep is not None:
        raise JSONDepthError(*deep)
    value = _normalize_ints(json.loads(text, parse_constant=_reject_constant))
    return limits.replace_surrogates(value) if limits.may_hold_surrogates(text) else value


def _normalize_ints(v: Any) -> Any:
    """Integers beyond int64 decode as float64."""
    if isinstance(v, dict):
        return {k: _normalize_ints(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_normalize_ints(x) for x in v]
    if isinstance(v, int) and not isinstance(v, bool) and not -_INT64 <= v < _INT64:
        return float(v)
    return v


class YAMLToJSONError(ValueError):
    """sigs.k8s.io/yaml's error for a document (``detail`` is ``yaml: ...`` or ``json: ...``)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def yaml_to_json(text: str) -> Any:
    """sigs.k8s.io/yaml.YAMLToJSON of the first document, then decoded as JSON."""
    try:
        docs = yaml_documents(text, first_only=True)
    except YAMLToJSONError as e:
        raise _unable(text, e.detail) from None
    return docs[0] if docs else None


def yaml_documents(text: str, first_only: bool = False) -> list[Any]:
    """Every document (or the first) of ``text`` through YAMLToJSON, within limits.

    Nesting, self-referencing anchors and alias expansion are checked on the event stream
    first (limits.check_yaml), so nothing is built from a document over a limit.
    """
    import yaml  # deferred: most commands never parse YAML

    text = limits.go_string(text)
    loader_cls = _loader_class()
    try:
        limits.check_yaml(loader_cls(text), first_only)
    except limits.LimitError as e:
        raise YAMLToJSONError(e.detail) from None
    loader = loader_cls(text)
    try:
        docs = [loader.get_data()] if first_only and loader.check_data() else []
        while not first_only and loader.check_data():
            docs.append(loader.get_data())
    except yaml.MarkedYAMLError as e:
        if e.problem == "exceeded maximum nesting depth":  # libyaml's own limit (1000 levels)
            e.problem = f"exceeded max depth of {limits.MAX_DEPTH}"
        raise YAMLToJSONError("yaml: " + _yaml_problem(e, text)) from None
    except yaml.YAMLError as e:
        unacceptable = "unacceptable" in str(e)
        raise YAMLToJSONError(
            "yaml: control characters are not allowed" if unacceptable else f"yaml: {e}"
        ) from None
    except _KeyProblem as e:
        raise YAMLToJSONError(str(e)) from None
    except ValueError as e:
        raise YAMLToJSONError(f"yaml: {e}") from None
    finally:
        loader.dispose()
    return [_to_json(d) for d in docs]


def _unable(text: str, detail: str) -> PatchError:
    """kubectl patch.go: ``unable to parse %q: %v``."""
    return PatchError(f"unable to parse {go_quote(text)}: {detail}")


def _yaml_problem(e: Any, text: str) -> str:
    """go-yaml's parser.fail(): ``line N: <problem>`` with its own line arithmetic."""
    import yaml

    problem = e.problem or "unknown problem parsing YAML content"
    if isinstance(e, yaml.composer.ComposerError) and "undefined alias" in problem:
        mark = e.problem_mark
        name = (
            re.match(r"\*?([^\s,\[\]{}]*)", text.splitlines()[mark.line][mark.column :])
            if mark
            else None
        )
        return f"unknown anchor '{name.group(1) if name else ''}' referenced"
    ctx = e.context_mark.line if e.context_mark else 0
    line = ctx or (e.problem_mark.line if e.problem_mark else 0)
    if line and isinstance(e, yaml.scanner.ScannerError):
        line += 1
    return f"line {line}: {problem}" if line else problem


@cache
def _loader_class() -> Any:
    """A safe loader whose plain scalars resolve like go-yaml v2 (see _resolve_plain)."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader: Any = type("GoYamlLoader", (base,), {"yaml_implicit_resolvers": {}})
    loader.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"<<\Z"), ["<"])
    loader.add_implicit_resolver(PLAIN_TAG, re.compile(r"(?s).*"), None)
    loader.add_constructor(PLAIN_TAG, lambda _ld, node: _resolve_plain(node.value))
    loader.add_constructor(None, _construct_untagged)
    loader.construct_mapping = _construct_mapping
    return loader


class _KeyProblem(ValueError):
    """A map key sigs.k8s.io/yaml cannot turn into a JSON key (message is the whole detail)."""


def _construct_mapping(loader: Any, node: Any, deep: bool = False) -> dict[str, Any]:
    """SafeConstructor.construct_mapping, converting keys to JSON keys as they are read.

    Converting here (not afterwards) keeps keys such as ``1`` and ``true`` apart: Python's dict
    would fold them together, Go's map[interface{}]interface{} does not.
    """
    loader.flatten_mapping(node)
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        value = loader.construct_object(value_node, deep=deep)
        out[_json_key(key, value)] = value
    return out


def _construct_untagged(loader: Any, node: Any) -> Any:
    """An unknown explicit tag: go-yaml keeps the node's plain shape."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return node.value


def _resolve_plain(s: str) -> Any:
    """go-yaml v2 resolve() for an untagged plain scalar."""
    if s == "":
        return None
    first = s[0]
    if first in "yYnNtTfFoO~":
        return _SPECIAL.get(s, s)
    if first == ".":
        if s in _SPECIAL:
            return _SPECIAL[s]
        return float(s) if _YAML_FLOAT.match(s) else s
    if first not in "+-0123456789":
        return s
    if s in _SPECIAL:
        return _SPECIAL[s]
    if _TIMESTAMP.match(s):
        return s  # a timestamp decodes into interface{} as its string
    plain = s.replace("_", "")
    n = _go_parse_int(plain)
    if n is not None:
        return n
    if _YAML_FLOAT.match(plain):
        return float(plain)
    return s


def _go_parse_int(s: str) -> int | None:
    """strconv.ParseInt(s, 0, 64), falling back to ParseUint(s, 0, 64)."""
    m = _GO_INT.match(s)
    if not m:
        return None
    sign, digits = m.groups()
    low = digits.lower()
    if low.startswith(("0x", "0o", "0b")):
        n = int(digits[2:], {"x": 16, "o": 8, "b": 2}[low[1]])
    elif len(digits) > 1 and digits[0] == "0":
        n = int(digits[1:], 8)
    else:
        n = int(digits)
    if sign == "-":
        n = -n
    if -_INT64 <= n < _INT64 or (not sign and n < 2 * _INT64):
        return n
    return None


def _to_json(v: Any) -> Any:
    """sigs.k8s.io/yaml convertToJSONableObject + json.Marshal + decode, as one walk."""
    if isinstance(v, dict):
        return {k: _to_json(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_to_json(x) for x in v]
    if isinstance(v, set):
        return dict.fromkeys(sorted(map(str, v)))
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            raise YAMLToJSONError(f"json: unsupported value: {go_float(v)}")
        return int(v) if v.is_integer() and abs(v) < 1e21 else v
    if isinstance(v, int) and not isinstance(v, bool) and not -_INT64 <= v < _INT64:
        return float(v)
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    if v is None or isinstance(v, str | int):
        return v
    return str(v)


def _json_key(k: Any, value: Any) -> str:
    """A YAML map key as the JSON key sigs.k8s.io/yaml makes of it."""
    if isinstance(k, str):
        return k
    if isinstance(k, bool):
        return "true" if k else "false"
    if isinstance(k, int):
        return str(k)
    if isinstance(k, float):
        return _float32_key(k)
    if k is None:
        raise _KeyProblem(
            f"unsupported map key of type: %!s(<nil>), key: <nil>, value: {_go_sharp(value)}"
        )
    raise _KeyProblem(f"yaml: invalid map key: {_go_sharp(k)}")


def _go_sharp(v: Any) -> str:
    """fmt's ``%#v`` of a decoded YAML value (close enough for error texts)."""
    if isinstance(v, str):
        return go_quote(v)
    if v is None:
        return "<nil>"
    if isinstance(v, bool | int | float):
        return go_float(v) if isinstance(v, float) else str(v).lower()
    if isinstance(v, list | tuple):
        return "[]interface {}{" + ", ".join(map(_go_sharp, v)) + "}"
    if isinstance(v, dict):
        items = ", ".join(f"{_go_sharp(k)}:{_go_sharp(x)}" for k, x in v.items())
        return "map[interface {}]interface {}{" + items + "}"
    return str(v)


def _float32_key(f: float) -> str:
    """strconv.FormatFloat(f, 'g', -1, 32), with go-yaml's .inf/.nan spellings."""
    if f != f:
        return ".nan"
    if f in (float("inf"), float("-inf")):
        return ".inf" if f > 0 else "-.inf"
    f32 = struct.unpack("f", struct.pack("f", f))[0]
    for digits in range(1, 10):
        short = float(f"{f32:.{digits}g}")
        if struct.unpack("f", struct.pack("f", short))[0] == f32:
            return go_float(short)
    return go_float(f32)
