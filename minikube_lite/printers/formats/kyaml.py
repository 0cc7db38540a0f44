"""``-o kyaml`` (kubectl 1.37): KYAML, the flow-style YAML subset of sigs.k8s.io/yaml/kyaml.

Every document starts with ``---``; maps are braces with one ``key: value,`` per line (keys in
sorted order, as an unstructured object prints; a key is quoted when it could read as something
other than a string, or holds characters outside the plain set); lists are brackets, a list of
maps in the compact ``[{ ... }, { ... }]`` form; every string is double-quoted, and one that holds
a newline is written over several lines with ``\\n\\`` continuations, indented three columns past
its key.  Checked against the real kubectl 1.37 (tests/unit/printers/test_kyaml.py).
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# YAML 1.1's booleans and nulls (which kyaml quotes so that any reader takes them as strings)
_RESERVED = frozenset(
    [
        "y",
        "Y",
        "yes",
        "Yes",
        "YES",
        "n",
        "N",
        "no",
        "No",
        "NO",
        "true",
        "True",
        "TRUE",
        "false",
        "False",
        "FALSE",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
        "null",
        "Null",
        "NULL",
        "~",
    ]
)
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./-]*")
_NUMBER = re.compile(
    r"[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o?[0-7_]+"
)


def to_kyaml(obj: Any, ordered: bool = False) -> str:
    """One document: ``---`` then the value (``ordered``: keys in the dicts' own order, a typed
    object's struct order, as ``-o json`` prints a generator's object)."""
    return "---\n" + _value(obj, "", ordered) + "\n"


def _key(k: str) -> str:
    if _PLAIN_KEY.fullmatch(k) and k not in _RESERVED and not _NUMBER.fullmatch(k):
        return k
    return _quote(k)


def _quote(s: str) -> str:
    out = []
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 and ch != "\t":
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _string(s: str, indent: str) -> str:
    if "\n" not in s:
        return _quote(s)
    lines = s.split("\n")
    parts = [(line, True) for line in lines[:-1]]
    if lines[-1]:
        parts.append((lines[-1], False))
    newline, cont = "\\n", "\\\n"  # the escape \n, and a backslash ending the line
    body = "".join(
        indent + "   " + _quote(text)[1:-1] + (newline if nl else "") + cont for text, nl in parts
    )
    return '"' + cont + body + indent + '  "'


def _scalar(v: Any) -> str:
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, float):
        from minikube_lite.printers.formats.json import to_json

        return to_json(v).strip()
    return str(v)


def _value(v: Any, indent: str, ordered: bool = False) -> str:
    """``v`` as it follows ``key: `` on a line indented ``indent``."""
    if isinstance(v, dict):
        if not v:
            return "{}"
        return "{\n" + _entries(v, indent + "  ", ordered) + indent + "}"
    if isinstance(v, list):
        return _list(v, indent, ordered)
    if isinstance(v, str):
        return _string(v, indent)
    return _scalar(v)


def _entries(m: dict[str, Any], indent: str, ordered: bool = False) -> str:
    keys = list(m) if ordered else sorted(m)
    return "".join(f"{indent}{_key(str(k))}: {_value(m[k], indent, ordered)},\n" for k in keys)


def _list(items: list[Any], indent: str, ordered: bool = False) -> str:
    if not items:
        return "[]"
    inner = indent + "  "
    if all(isinstance(x, dict) and x for x in items):
        joined = f"{indent}}}, {{\n".join(_entries(x, inner, ordered) for x in items)
        return "[{\n" + joined + indent + "}]"
    return "[\n" + "".join(f"{inner}{_value(x, inner, ordered)},\n" for x in items) + indent + "]"
