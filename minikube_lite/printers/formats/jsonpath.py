"""kubectl JSONPath: evaluation and printing (client-go util/jsonpath/jsonpath.go), plus Go's
``%v`` / ``%#v`` formatting of decoded JSON values.

Values are JSON-shaped Python data; Go's reflect kinds map as dict→map, list→slice, str→string,
int→int64, float→float64, bool→bool, None→nil.  Go iterates maps in random order where the
wildcard/recursive operators walk them; here keys are walked in sorted order.
"""

from __future__ import annotations

from minikube_lite.api.patch.govalue import go_float, go_quote
from minikube_lite.api.patch.govalue import go_fmt as go_sprint
from minikube_lite.errors import MklError
from minikube_lite.printers.formats.json import json_compact, json_string
from minikube_lite.printers.formats.jsonpath_parser import JSONPathError, parse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = ["JSONPathError", "find_results", "go_sharp_v", "go_sprint", "parse", "print_results"]


# --------------------------------------------------------------------------- evaluation


def _go_type(v: Any) -> str:
    """The Go type name of a decoded JSON value (for error messages)."""
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int64"
    if isinstance(v, float):
        return "float64"
    if isinstance(v, str):
        return "string"
    if isinstance(v, dict):
        return "map[string]interface {}"
    if isinstance(v, list):
        return "[]interface {}"
    return "interface {}"


def _children(v: Any) -> list[Any]:
    """What the wildcard and recursive operators see inside ``v`` (strings yield their bytes)."""
    if isinstance(v, dict):
        return [v[k] for k in sorted(v)]
    if isinstance(v, list):
        return list(v)
    if isinstance(v, str):
        return list(v.encode())
    return []


_Missing = object()


class _Engine:
    """Mirrors util/jsonpath/jsonpath.go (FindResults and the eval* functions)."""

    def __init__(self, nodes: list[Any], allow_missing_keys: bool) -> None:
        self.nodes = nodes
        self.allow_missing = allow_missing_keys
        self.begin_range = self.in_range = self.end_range = 0
        self.last_end: int | None = None

    def find_results(self, data: Any, start: int = 0) -> list[list[Any]]:
        """Mirrors JSONPath.FindResults (``start`` plays the role of the re-sliced Root.Nodes)."""
        cur = [data]
        full: list[list[Any]] = []
        i = start
        while i < len(self.nodes):
            results = self.walk(cur, self.nodes[i])
            if self.end_range > 0 and self.end_range <= self.in_range:
                self.end_range -= 1
                self.last_end = i
                break
            if self.begin_range > 0:
                self.begin_range -= 1
                self.in_range += 1
                for value in results or [None]:
                    nested = self.find_results(value, i + 1)
                    if results:
                        full.extend(nested)
                self.in_range -= 1
                for k in range(i + 1, len(self.nodes)):
                    if k == self.last_end:
                        i = k
                        break
                i += 1
                continue
            full.append(results)
            i += 1
        return full

    def walk(self, values: list[Any], node: Any) -> list[Any]:
        """Mirrors JSONPath.walk (dispatch on the node type)."""
        kind = node[0]
        if kind == "list":
            for sub in node[1]:
                values = self.walk(values, sub)
            return values
        if kind == "text":
            return [node[1]]
        if kind in ("int", "float", "bool"):
            return [node[1] for _ in values]
        found: list[Any] = getattr(self, "eval_" + kind)(values, node)
        return found

    def eval_identifier(self, values: list[Any], node: Any) -> list[Any]:
        """Mirrors evalIdentifier (``range`` / ``end``)."""
        if node[1] == "range":
            self.begin_range += 1
            return values
        if node[1] == "end":
            if self.in_range > 0:
                self.end_range += 1
                return []
            raise JSONPathError("not in range, nothing to end")
        raise JSONPathError(f"unrecognized identifier {node[1]}")

    def eval_field(self, values: list[Any], node: Any) -> list[Any]:
        """Mirrors evalField (map keys; missing keys error unless allowed)."""
        if not values:
            return []
        out = [v[node[1]] for v in values if isinstance(v, dict) and node[1] in v]
        if not out and not self.allow_missing:
            raise JSONPathError(f"{node[1]} is not found")
        return out

    def eval_array(self, values: list[Any], node: Any) -> list[Any]:
        """Mirrors evalArray."""
        out: list[Any] = []
        for v in values:
            if v is None:
                continue
            if not isinstance(v, list):
                raise JSONPathError(f"{_go_type(v)} is not array or slice")
            out.extend(_slice(v, node[1]))
        return out

    def eval_union(self, values: list[Any], node: Any) -> list[Any]:
        """Mirrors evalUnion."""
        out: list[Any] = []
        for sub in node[1]:
            out.extend(self.walk(values, ("list", sub)))
        return out

    def eval_wildcard(self, values: list[Any], node: Any) -> list[Any]:
        """Mirrors evalWildcard."""
        return [c for v in values if v is not None for c in _children(v)]

    def eval_recursive(self, values: list[Any], node: Any) -> list[Any]:
        """Mirrors evalRecursive."""
        out: list[Any] = []
        for v in values:
            if v is None:
                continue
            kids = _children(v)
            if kids:
                out.append(v)
                out.extend(self.eval_recursive(kids, node))
        return out

    def eval_filter(self, values: list[Any], node: Any) -> list[Any]:
        """Mirrors evalFilter."""
        out: list[Any] = []
        _, left, right, op = node
        for v in values:
            if not isinstance(v, list):
                raise JSONPathError(f"{go_sprint(v)} is not array or slice and cannot be filtered")
            for item in v:
                if self._keep(item, left, right, op):
                    out.append(item)
        return out

    def _keep(self, item: Any, left: list[Any], right: list[Any], op: str) -> bool:
        try:
            lefts = self.walk([item], ("list", left))
        except JSONPathError:
            if op == "exists":
                return False
            raise
        if op == "exists":
            return bool(lefts)
        if not lefts:
            return False
        if len(lefts) > 1:
            raise JSONPathError("can only compare one element at a time")
        rights = self.walk([item], ("list", right))
        if not rights:
            return False
        if len(rights) > 1:
            raise JSONPathError("can only compare one element at a time")
        return _compare(lefts[0], rights[0], op)


def _slice(v: list[Any], params: list[tuple[bool, int, bool]]) -> list[Any]:
    """Mirrors evalArray's index/slice arithmetic and its errors."""
    (k0, start, _), (k1, end, derived), (k2, step, _) = params
    n = len(v)
    start = start if k0 else 0
    if start < 0:
        start += n
    end = end if k1 else n
    if end < 0 or (end == 0 and derived):
        end += n
    if end == start:
        return []
    if start >= n or start < 0:
        raise JSONPathError(f"array index out of bounds: index {start}, length {n}")
    if end > n or end < 0:
        raise JSONPathError(f"array index out of bounds: index {end - 1}, length {n}")
    if start > end:
        raise JSONPathError(f"starting index {start} is greater than ending index {end}")
    if k2 and step <= 0:
        raise JSONPathError("step must be > 0")
    return v[start : end : step if k2 else 1]


def _basic_kind(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "string"
    raise JSONPathError("invalid type for comparison")


def _compare(a: Any, b: Any, op: str) -> bool:
    """Mirrors the forked text/template eq/ne/lt/le/gt/ge (no int/float mixing)."""
    ka, kb = _basic_kind(a), _basic_kind(b)
    if ka != kb:
        raise JSONPathError("incompatible types for comparison")
    if op in ("==", "!="):
        equal: bool = a == b
        return equal == (op == "==")
    if ka == "bool":
        raise JSONPathError("invalid type for comparison")
    if op == "<":
        less: bool = a < b
        return less
    if op == "<=":
        less_equal: bool = a <= b
        return less_equal
    if op == ">":
        return not a <= b
    if op == ">=":
        return not a < b
    raise JSONPathError(f"unrecognized filter operator {op}")


# --------------------------------------------------------------------------- printing


def go_sharp_v(v: Any) -> str:
    """fmt's ``%#v`` of a decoded JSON value (used in kubectl's jsonpath error text)."""
    if v is None:
        return "interface {}(nil)"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return go_float(v)
    if isinstance(v, str):
        return go_quote(v)
    if isinstance(v, dict):
        body = ", ".join(f"{go_quote(str(k))}:{go_sharp_v(v[k])}" for k in sorted(v))
        return "map[string]interface {}{" + body + "}"
    if isinstance(v, list):
        return "[]interface {}{" + ", ".join(go_sharp_v(x) for x in v) + "}"
    return json_string(str(v))


def print_results(results: list[Any]) -> str:
    """Mirrors JSONPath.PrintResults: maps/slices as compact JSON, the rest as text,
    space-joined."""
    parts = []
    for r in results:
        if isinstance(r, (dict, list)):
            parts.append(json_compact(r))
        elif r is None:
            parts.append("null")
        elif isinstance(r, bool):
            parts.append("true" if r else "false")
        elif isinstance(r, float):
            parts.append(go_float(r))
        else:
            parts.append(str(r))
    return " ".join(parts)


def find_results(template: str, data: Any, allow_missing_keys: bool = True) -> list[list[Any]]:
    """Parse ``template`` and return its result lists (JSONPath.FindResults); raises
    JSONPathError."""
    return _Engine(parse(template), allow_missing_keys).find_results(data)


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


def jsonpath_as_json(template: str, data: Any, *, allow_missing_keys: bool = True) -> str:
    """``-o jsonpath-as-json=TEMPLATE``: every result value in one JSON array, indented as
    json.MarshalIndent(results, "", "    ") (JSONPath.EnableJSONOutput)."""
    from minikube_lite.printers.formats.json import to_json

    jsonpath(template, data, allow_missing_keys=allow_missing_keys)  # kubectl's parse errors
    found = find_results(template, data, allow_missing_keys)
    return to_json([v for group in found for v in group])
