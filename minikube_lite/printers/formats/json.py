"""Machine formats: ``-o json`` (Go json.MarshalIndent), ``-o yaml`` (sigs.k8s.io/yaml = go-yaml v2),
``-o name`` (cli-runtime name.go), the ``List`` wrapper; ``-o jsonpath`` and ``-o custom-columns``
live in ``formats_jsonpath`` and are re-exported here.

yaml is imported lazily (only ``to_yaml`` needs it): start-up time matters.
"""

from __future__ import annotations

import math
import re

from minikube_lite.api.patch.govalue import go_float, go_quote
from minikube_lite.errors import MklError
from minikube_lite.printers.formats.jsonpath import (
    JSONPathError,
    find_results,
    go_sharp_v,
    go_sprint,
    parse,
    print_results,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "custom_columns",
    "go_float",
    "go_sprint",
    "jsonpath",
    "list_object",
    "name_line",
    "omit_managed_fields",
    "to_json",
    "to_yaml",
    "to_yaml_stream",
]


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


def name_line(obj: dict[str, Any]) -> str:
    """Mirrors name.go printObj: ``<kind lower>[.<group>]/<name>`` (no newline)."""
    kind = str(obj.get("kind") or "").lower()
    api_version = str(obj.get("apiVersion") or "")
    group = api_version.rsplit("/", 1)[0] if "/" in api_version else ""
    name: str = (obj.get("metadata") or {}).get("name", "")
    if not kind:
        return name
    return f"{kind}.{group}/{name}" if group else f"{kind}/{name}"


# --------------------------------------------------------------------------- numbers


def json_float(f: float) -> str:
    """encoding/json's float64 encoding ('f' unless the exponent is < -6 or >= 21; ``e-07`` → ``e-7``)."""
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


def _json(v: Any, indent: str, out: list[str]) -> None:
    """json.MarshalIndent(v, "", "    ") of a generic value (maps sorted by key)."""
    if isinstance(v, dict):
        if not v:
            out.append("{}")
            return
        inner = indent + "    "
        out.append("{")
        for i, k in enumerate(sorted(v, key=str)):
            out.append(("," if i else "") + "\n" + inner + json_string(str(k)) + ": ")
            _json(v[k], inner, out)
        out.append("\n" + indent + "}")
    elif isinstance(v, (list, tuple)):
        if not v:
            out.append("[]")
            return
        inner = indent + "    "
        out.append("[")
        for i, x in enumerate(v):
            out.append(("," if i else "") + "\n" + inner)
            _json(x, inner, out)
        out.append("\n" + indent + "]")
    else:
        out.append(_json_scalar(v))


def to_json(obj: Any) -> str:
    """Mirrors cli-runtime JSONPrinter: MarshalIndent with 4 spaces, plus a newline."""
    out: list[str] = []
    _json(obj, "", out)
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


def to_yaml(obj: Any) -> str:
    """Mirrors cli-runtime YAMLPrinter (JSON → sigs.k8s.io/yaml → go-yaml v2 Marshal)."""
    from minikube_lite.printers.formats.yaml import dump

    return dump(obj)


def to_yaml_stream(objs: list[Any]) -> str:
    """What one YAMLPrinter writes for several PrintObj calls: documents separated by ``---``."""
    return "---\n".join(to_yaml(o) for o in objs)


def jsonpath(template: str, data: Any, *, allow_missing_keys: bool = True) -> str:
    """Mirrors ``kubectl get -o jsonpath=TEMPLATE`` (JSONPathPrinter). Raises MklError.

    ``allow_missing_keys`` is ``--allow-missing-template-keys`` (kubectl's default: true).  The
    error text is kubectl's, without the final newline (MklError.render adds ``error: ``).
    """
    try:
        parse(template)
    except JSONPathError as e:
        raise MklError(f"error parsing jsonpath {template}, {e}") from None
    try:
        found = find_results(template, data, allow_missing_keys)
    except JSONPathError as e:
        raise MklError(
            f"error executing jsonpath {go_quote(template)}: Error executing template: {e}. "
            "Printing more information for debugging the template:\n"
            f"\ttemplate was:\n\t\t{template}\n"
            f"\tobject given to jsonpath engine was:\n\t\t{go_sharp_v(data)}\n\n"
        ) from None
    return "".join(print_results(r) for r in found)


# --------------------------------------------------------------------------- custom columns

_RELAXED = re.compile(r"^\{\.?([^{}]+)\}$|^\.?([^{}]+)$")


def relaxed_jsonpath(expr: str) -> str:
    """Mirrors RelaxedJSONPathExpression (``metadata.name`` → ``{.metadata.name}``)."""
    if not expr:
        return expr
    m = _RELAXED.match(expr)
    if m is None:
        raise MklError(
            "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"
        )
    return "{." + (m.group(1) or m.group(2)) + "}"


def parse_custom_columns(spec: str) -> list[tuple[str, str]]:
    """Mirrors NewCustomColumnsPrinterFromSpec: ``[(header, jsonpath template)]``."""
    if not spec:
        raise MklError("custom-columns format specified but no custom columns given")
    columns = []
    for part in spec.split(","):
        header, sep, expr = part.partition(":")
        if not sep:
            raise MklError(
                f"unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>"
            )
        columns.append((header, relaxed_jsonpath(expr)))
    for _, template in columns:
        try:
            parse(template)
        except JSONPathError as e:
            raise MklError(str(e)) from None
    return columns


def custom_column_cells(columns: list[tuple[str, str]], obj: Any) -> list[str]:
    """Mirrors CustomColumnsPrinter.printOneObject (missing → ``<none>``, values joined by ``,``)."""
    cells = []
    for _, template in columns:
        try:
            found = find_results(template, obj, True)
        except JSONPathError as e:
            raise MklError(str(e)) from None
        values = [go_sprint(v).replace("\x1b", "^[").replace("\r", "\\r") for r in found for v in r]
        cells.append(",".join(values) if found and found[0] else "<none>")
    return cells


def custom_columns(spec: str, objs: list[Any], no_headers: bool = False) -> str:
    """Mirrors ``-o custom-columns=SPEC`` for a list of objects (get's tabwriter: 6/3).

    The header is printed even for an empty list (what the printer does for an empty List).
    """
    from minikube_lite.printers.table import GET_MINWIDTH, GET_PADDING, tabwrite

    columns = parse_custom_columns(spec)
    lines = [] if no_headers else [[h for h, _ in columns]]
    lines += [custom_column_cells(columns, o) for o in objs]
    return tabwrite(lines, GET_MINWIDTH, GET_PADDING)
