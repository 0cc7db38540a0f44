"""RFC 6902 JSON patch and RFC 7386 merge patch, as gopkg.in/evanphx/json-patch.v4 runs them.

kubectl links json-patch v4.13; its quirks are kept because users see them: ``replace`` of a
missing object key adds it, negative array indexes count from the end, ``copy`` from a missing
key copies null, and the error texts are the library's (plus kubectl's "Object to be patched is
missing field" rewrite, which lives in patch.py).
"""

from __future__ import annotations

import re

from minikube_lite.api.patch.errors import PatchError
from minikube_lite.api.patch.govalue import clone, go_quote

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
else:
    Any = object  # read by the module-level type aliases below

MISSING = "missing value"
INVALID_INDEX = "invalid index referenced"
_INT_RE = re.compile(r"[+-]?[0-9]+\Z")
_ESCAPE_RE = re.compile(r"~[01]")
_ABSENT = object()
Container = dict[str, Any] | list[Any]


def json_patch(original: dict[str, Any], ops: list[Any] | None) -> Any:
    """Patch.Apply: run RFC 6902 operations in order on a copy of original."""
    doc: Any = clone(original)
    for op in ops or []:
        doc = _apply_op(doc, op if isinstance(op, dict) else {})
    return doc


def _apply_op(doc: Any, op: dict[str, Any]) -> Any:
    """Dispatch one operation (Patch.ApplyIndent's switch)."""
    kind = op.get("op")
    handler = _OPS.get(kind) if isinstance(kind, str) else None
    if handler is None:
        raise PatchError(f"Unexpected kind: {kind if isinstance(kind, str) else 'unknown'}")
    result = handler(doc, op)
    return doc if result is None else result


def _field(op: dict[str, Any], name: str) -> str | None:
    """Operation.Path / Operation.From: the string, or None when missing or null."""
    v = op.get(name)
    if v is None:
        return None
    if not isinstance(v, str):
        raise PatchError(f"json: cannot unmarshal {json_kind(v)} into Go value of type string")
    return v


def json_kind(v: Any) -> str:
    """The JSON value kind encoding/json names in UnmarshalTypeError."""
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int | float):
        return "number"
    if isinstance(v, dict):
        return "object"
    if isinstance(v, list):
        return "array"
    return "string" if isinstance(v, str) else "null"


def _path(op: dict[str, Any], name: str, prefix: str) -> str:
    """Read path/from, wrapping a decode error as ``<prefix>: <err>``."""
    try:
        value = _field(op, name)
    except PatchError as e:
        raise PatchError(f"{prefix}: {e.message}") from None
    if value is None:
        label = (
            "operation missing path field" if name == "path" else "operation, missing from field"
        )
        raise PatchError(f"{prefix}: {label}: {MISSING}")
    return value


def _decode_key(k: str) -> str:
    """decodePatchKey: RFC 6901 unescaping (~1 is /, ~0 is ~)."""
    return _ESCAPE_RE.sub(lambda m: "/" if m.group() == "~1" else "~", k)


def _atoi(key: str) -> int:
    """strconv.Atoi with its error text."""
    if not _INT_RE.match(key):
        raise PatchError(f"strconv.Atoi: parsing {go_quote(key)}: invalid syntax")
    n = int(key)
    if not -(2**63) <= n < 2**63:
        raise PatchError(f"strconv.Atoi: parsing {go_quote(key)}: value out of range")
    return n


def _bad_index(idx: int) -> PatchError:
    """``Unable to access invalid index`` (ErrInvalidIndex)."""
    return PatchError(f"Unable to access invalid index: {idx}: {INVALID_INDEX}")


def _find_object(doc: Any, path: str) -> tuple[Container | None, str]:
    """findObject: the container holding the last path token, and that token."""
    split = path.split("/")
    if len(split) < 2:
        return None, ""
    node: Any = doc
    for part in split[1:-1]:
        try:
            node = _get(node, _decode_key(part))
        except PatchError:
            return None, ""
        if not isinstance(node, dict | list):
            return None, ""
    return node, _decode_key(split[-1])


def _get(con: Container, key: str) -> Any:
    """container.get: a missing object key is null; a bad array index is an error."""
    if isinstance(con, dict):
        return con.get(key)
    idx = _atoi(key)
    if idx < 0:
        if idx < -len(con):
            raise _bad_index(idx)
        idx += len(con)
    if idx >= len(con):
        raise _bad_index(idx)
    return con[idx]


def _add(con: Container, key: str, value: Any) -> None:
    """container.add: set an object key, or insert into an array (``-`` appends)."""
    if isinstance(con, dict):
        con[key] = value
        return
    if key == "-":
        con.append(value)
        return
    try:
        idx = _atoi(key)
    except PatchError as e:
        raise PatchError(f"value was not a proper array index: '{key}': {e.message}") from None
    size = len(con) + 1
    if idx >= size or idx < -size:
        raise _bad_index(idx)
    con.insert(idx + size if idx < 0 else idx, value)


def _remove(con: Container, key: str) -> None:
    """container.remove."""
    if isinstance(con, dict):
        if key not in con:
            raise PatchError(f"Unable to remove nonexistent key: {key}: {MISSING}")
        del con[key]
        return
    idx = _atoi(key)
    if idx >= len(con) or idx < -len(con):
        raise _bad_index(idx)
    del con[idx]


def _set(con: Container, key: str, value: Any) -> None:
    """container.set (replace): the key was checked by _get first."""
    if isinstance(con, dict):
        con[key] = value
        return
    idx = _atoi(key)
    con[idx] = value


def _op_add(doc: Any, op: dict[str, Any]) -> None:
    """Patch.add."""
    path = _field_or(op, "path", f"add operation failed to decode path: {MISSING}")
    con, key = _find_object(doc, path)
    if con is None:
        raise PatchError(f'add operation does not apply: doc is missing path: "{path}": {MISSING}')
    try:
        _add(con, key, clone(op.get("value")))
    except PatchError as e:
        raise PatchError(f"error in add for path: '{path}': {e.message}") from None


def _field_or(op: dict[str, Any], name: str, message: str) -> str:
    """Read path/from, replacing any decode error with a fixed message."""
    try:
        value = _field(op, name)
    except PatchError:
        value = None
    if value is None:
        raise PatchError(message)
    return value


def _op_remove(doc: Any, op: dict[str, Any]) -> None:
    """Patch.remove."""
    path = _field_or(op, "path", f"remove operation failed to decode path: {MISSING}")
    con, key = _find_object(doc, path)
    if con is None:
        raise PatchError(
            f'remove operation does not apply: doc is missing path: "{path}": {MISSING}'
        )
    try:
        _remove(con, key)
    except PatchError as e:
        raise PatchError(f"error in remove for path: '{path}': {e.message}") from None


def _op_replace(doc: Any, op: dict[str, Any]) -> Any:
    """Patch.replace (a whole-document replace returns the new document)."""
    path = _path(op, "path", "replace operation failed to decode path")
    if path == "":
        value = op.get("value")
        if not isinstance(value, dict | list):
            raise PatchError("replace operation value must be object or array: %!w(<nil>)")
        return clone(value)
    con, key = _find_object(doc, path)
    if con is None:
        raise PatchError(
            f"replace operation does not apply: doc is missing path: {path}: {MISSING}"
        )
    try:
        _get(con, key)
    except PatchError:
        raise PatchError(
            f"replace operation does not apply: doc is missing key: {path}: {MISSING}"
        ) from None
    try:
        _set(con, key, clone(op.get("value")))
    except PatchError as e:
        raise PatchError(f"error in remove for path: '{path}': {e.message}") from None
    return None


def _op_move(doc: Any, op: dict[str, Any]) -> None:
    """Patch.move (its errors name the last from-token, not the from path)."""
    src = _path(op, "from", "move operation failed to decode from")
    con, key = _find_object(doc, src)
    if con is None:
        raise PatchError(
            f"move operation does not apply: doc is missing from path: {src}: {MISSING}"
        )
    try:
        value = _get(con, key)
        _remove(con, key)
    except PatchError as e:
        raise PatchError(f"error in move for path: '{key}': {e.message}") from None
    path = _path(op, "path", "move operation failed to decode path")
    con, key = _find_object(doc, path)
    if con is None:
        raise PatchError(
            f"move operation does not apply: doc is missing destination path: {path}: {MISSING}"
        )
    try:
        _add(con, key, value)
    except PatchError as e:
        raise PatchError(f"error in move for path: '{path}': {e.message}") from None


def _op_copy(doc: Any, op: dict[str, Any]) -> None:
    """Patch.copy."""
    src = _path(op, "from", "copy operation failed to decode from")
    con, key = _find_object(doc, src)
    if con is None:
        raise PatchError(
            f"copy operation does not apply: doc is missing from path: {src}: {MISSING}"
        )
    try:
        value = _get(con, key)
    except PatchError as e:
        raise PatchError(f"error in copy for from: '{src}': {e.message}") from None
    path = _field_or(op, "path", f"copy operation failed to decode path: {MISSING}")
    con, key = _find_object(doc, path)
    if con is None:
        raise PatchError(
            f"copy operation does not apply: doc is missing destination path: {path}: {MISSING}"
        )
    try:
        _add(con, key, clone(value))
    except PatchError as e:
        raise PatchError(f"error while adding value during copy: {e.message}") from None


def _op_test(doc: Any, op: dict[str, Any]) -> None:
    """Patch.test: a missing key equals null; scalars compare with their JSON types."""
    path = _path(op, "path", "test operation failed to decode path")
    failed = PatchError(f"testing value {path} failed: test failed")
    expected = op.get("value", _ABSENT)
    if path == "":
        if expected is _ABSENT or not _json_equal(doc, expected):
            raise failed
        return
    con, key = _find_object(doc, path)
    if con is None:
        raise PatchError(f"test operation does not apply: is missing path: {path}: {MISSING}")
    try:
        actual = _get(con, key)
    except PatchError as e:
        raise PatchError(f"error in test for path: '{path}': {e.message}") from None
    if actual is None:
        if expected is not _ABSENT and expected is not None:
            raise failed
    elif expected is _ABSENT or not _json_equal(actual, expected):
        raise failed


def _json_equal(a: Any, b: Any) -> bool:
    """lazyNode.equal: structural equality; 1 and 1.0 differ, as their JSON texts do."""
    if isinstance(a, dict):
        return (
            isinstance(b, dict)
            and a.keys() == b.keys()
            and all(_json_equal(v, b[k]) for k, v in a.items())
        )
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(_json_equal, a, b))
    return type(a) is type(b) and a == b


_OPS = {
    "add": _op_add,
    "remove": _op_remove,
    "replace": _op_replace,
    "move": _op_move,
    "copy": _op_copy,
    "test": _op_test,
}


def merge_patch(original: Any, patch: Any) -> Any:
    """jsonpatch.MergePatch (RFC 7386): objects merge, null deletes, anything else replaces."""
    if not isinstance(patch, dict):
        if isinstance(patch, list):
            return _prune_nulls(clone(patch))
        raise PatchError("Invalid JSON Patch")
    if not isinstance(original, dict):
        return _prune_nulls(clone(patch))
    doc = clone(original)
    _merge_docs(doc, clone(patch))
    return doc


def _merge_docs(doc: dict[str, Any], patch: dict[str, Any]) -> None:
    """mergeDocs."""
    for k, v in patch.items():
        if v is None:
            doc.pop(k, None)
        elif doc.get(k) is None:
            doc[k] = _prune_nulls(v)
        else:
            doc[k] = _merge(doc[k], v)


def _merge(cur: Any, patch: Any) -> Any:
    """merge: recurse when both are objects, otherwise take the patch."""
    if not isinstance(cur, dict):
        return _prune_nulls(patch)
    if not isinstance(patch, dict):
        return patch
    _merge_docs(cur, patch)
    return cur


def _prune_nulls(v: Any) -> Any:
    """pruneNulls: drop null object members, recursively (array null items stay)."""
    if isinstance(v, dict):
        for k in [k for k, x in v.items() if x is None]:
            del v[k]
        for x in v.values():
            _prune_nulls(x)
    elif isinstance(v, list):
        for x in v:
            _prune_nulls(x)
    return v
