"""``-o json`` and the ``List`` wrapper: cli-runtime printers/json.go JSONPrinter (Go
json.MarshalIndent / json.Marshal with encoding/json's float and string rules) and
OmitManagedFieldsPrinter.
"""

from __future__ import annotations

import math
import re

from minikube_lite.api.patch.govalue import go_float

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def list_object(items: list[dict[str, Any]]) -> dict[str, Any]:
    """The ``List`` wrapper kubectl prints for several objects (get.go, meta.ExtractList)."""
    return {
        "apiVersion": "v1",
        "items": list(items),
        "kind": "List",
        "metadata": {"resourceVersion": ""},
    }


def omit_managed_fields(obj: dict[str, Any]) -> dict[str, Any]:
    """Mirrors OmitManagedFieldsPrinter: a shallow copy without ``metadata.managedFields``
    (also inside a List's items)."""
    out = dict(obj)
    md = out.get("metadata")
    if isinstance(md, dict) and "managedFields" in md:
        out["metadata"] = {k: v for k, v in md.items() if k != "managedFields"}
    if isinstance(out.get("items"), list):
        out["items"] = [omit_managed_fields(i) if isinstance(i, dict) else i for i in out["items"]]
    return out


# --------------------------------------------------------------------------- numbers


def json_float(f: float) -> str:
    """encoding/json's float64 encoding ('f' unless the exponent is < -6 or >= 21;
    ``e-07`` → ``e-7``)."""
    if math.isnan(f) or math.isinf(f):
        raise ValueError(f"json: unsupported value: {f!r}")
    a = abs(f)
    if a != 0 and (a < 1e-6 or a >= 1e21):
        text = go_float(f, "e")
        return re.sub(r"e([-+])0(\d)$", r"e\1\2", text)
    return go_float(f, "f")


# --------------------------------------------------------------------------- JSON

_JSON_ESC = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_NEEDS = re.compile(r'[\x00-\x1f"\\<>&\u2028\u2029]')


def json_string(s: str) -> str:
    """encoding/json string encoding with HTML escaping (Go's default)."""

    def esc(m: re.Match[str]) -> str:
        ch = m.group(0)
        return _JSON_ESC.get(ch) or f"\\u{ord(ch):04x}"

    return '"' + _JSON_NEEDS.sub(esc, s) + '"'


def _json_scalar(v: Any) -> str:
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return json_float(v)
    return json_string(str(v))


def _json(v: Any, indent: str, out: list[str], ordered: bool = False) -> None:
    """json.MarshalIndent(v, "", "    ") of a generic value (maps sorted by key; ``ordered``: a
    typed object's fields in the order they were built, which is the Go struct's order)."""
    if isinstance(v, dict):
        if not v:
            out.append("{}")
            return
        inner = indent + "    "
        out.append("{")
        for i, k in enumerate(v if ordered else sorted(v, key=str)):
            out.append(("," if i else "") + "\n" + inner + json_string(str(k)) + ": ")
            _json(v[k], inner, out, ordered)
        out.append("\n" + indent + "}")
    elif isinstance(v, (list, tuple)):
        if not v:
            out.append("[]")
            return
        inner = indent + "    "
        out.append("[")
        for i, x in enumerate(v):
            out.append(("," if i else "") + "\n" + inner)
            _json(x, inner, out, ordered)
        out.append("\n" + indent + "]")
    else:
        out.append(_json_scalar(v))


def to_json(obj: Any, ordered: bool = False, *, typed: bool = False) -> str:
    """Mirrors cli-runtime JSONPrinter: MarshalIndent with 4 spaces, plus a newline.

    ``typed`` (or ``ordered``): the object is a Go struct (a generator's, never sent), whose
    fields print in struct order (the dict's order here); maps inside it (labels, data) are
    still sorted, which the builders ensure by inserting their keys sorted.  Otherwise sorted,
    as the unstructured objects a server returns print."""
    out: list[str] = []
    _json(obj, "", out, ordered or typed)
    out.append("\n")
    return "".join(out)


def json_compact(obj: Any) -> str:
    """json.Marshal (no indentation; maps sorted; HTML-escaped)."""
    if isinstance(obj, dict):
        return (
            "{"
            + ",".join(
                json_string(str(k)) + ":" + json_compact(obj[k]) for k in sorted(obj, key=str)
            )
            + "}"
        )
    if isinstance(obj, (list, tuple)):
        return "[" + ",".join(json_compact(x) for x in obj) + "]"
    return _json_scalar(obj)
