"""``--sort-by``: kubectl's sort rules.

Port of ``staging/src/k8s.io/kubectl/pkg/cmd/get/sorter.go``:

* The expression is relaxed (RelaxedJSONPathExpression): ``metadata.name``, ``.metadata.name``,
  ``{metadata.name}`` and ``{.metadata.name}`` all mean ``{.metadata.name}``.
* Missing keys are allowed, but when no object has the field: ``couldn't find any field with
  path "{.x}" in the list of objects``.  One object (not a table) is never sorted nor checked.
* Order (isLess on the first result): two strings that both parse as quantities compare as
  quantities (``100m`` < ``1``), other strings naturally (``web-9`` < ``web-10``, fvbommel's
  sortorder.NaturalLess), numbers numerically, ``false`` < ``true``; maps and lists cannot be
  sorted [unverified: kubectl exits through klog there, with its own text].  An object without
  the field is "less" than anything: Go's sort.Sort (insertion sort below 13 items) moves each
  such object to the front, so they come first in reverse order and the others follow stably
  sorted; beyond 12 items pdqsort may order ties differently.
* A template that does not parse: ``sorting error: <parser error>`` for tables, the parser's
  error alone for ``-o json|yaml|name``.
"""

from __future__ import annotations

import functools
import re

from minikube_lite import errors
from minikube_lite.api.objects import Obj

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_RELAXED = re.compile(r"^\{\.?([^{}]+)\}$|^\.?([^{}]+)$")


def relaxed(expr: str) -> str:
    """RelaxedJSONPathExpression (the sorter falls back to the text itself on error)."""
    if not expr:
        return expr
    m = _RELAXED.match(expr)
    if m is None:
        return expr
    return "{." + (m.group(1) or m.group(2)) + "}"


def natural_less(a: str, b: str) -> bool:
    """sortorder.NaturalLess: runs of digits compare as numbers, digits before other bytes."""
    x, y = a.encode(), b.encode()
    i = j = 0
    while i < len(x) and j < len(y):
        d1, d2 = 48 <= x[i] <= 57, 48 <= y[j] <= 57
        if d1 != d2:
            return d1
        if not d1:
            if x[i] != y[j]:
                return x[i] < y[j]
            i, j = i + 1, j + 1
            continue
        while i < len(x) and x[i] == 48:
            i += 1
        while j < len(y) and y[j] == 48:
            j += 1
        nz1, nz2 = i, j
        while i < len(x) and 48 <= x[i] <= 57:
            i += 1
        while j < len(y) and 48 <= y[j] <= 57:
            j += 1
        if i - nz1 != j - nz2:
            return i - nz1 < j - nz2
        if x[nz1:i] != y[nz2:j]:
            return x[nz1:i] < y[nz2:j]
        if nz1 != nz2:
            return nz1 < nz2
    return len(x) < len(y)


def _quantity(v: str) -> Any:
    from minikube_lite.api.quantity import QuantityError, parse_quantity

    try:
        return parse_quantity(v).nanos
    except (QuantityError, ValueError):
        return None


def is_less(a: Any, b: Any) -> bool:
    """isLess for the JSON values of unstructured objects."""
    if a is None or b is None:
        return a is None and b is not None
    if isinstance(a, bool) and isinstance(b, bool):
        return not a and b
    numbers = isinstance(a, (int, float)) and isinstance(b, (int, float))
    if numbers and not isinstance(a, bool) and not isinstance(b, bool):
        return bool(a < b)
    if isinstance(a, str) and isinstance(b, str):
        qa = _quantity(a)
        qb = _quantity(b) if qa is not None else None
        if qa is not None and qb is not None:
            return bool(qa < qb)
        return natural_less(a, b)
    kind = "map" if isinstance(a, dict) else "slice" if isinstance(a, list) else type(a).__name__
    raise errors.MklError(f"Failed to sort the list of objects: unsortable type: {kind}")


def _first(field: str, obj: Obj) -> tuple[bool, Any]:
    from minikube_lite.printers.formats.jsonpath import find_results

    results = find_results(field, obj, allow_missing_keys=True)
    if results and results[0]:
        return True, results[0][0]
    return False, None


def sort_objects(items: list[Obj], expr: str, *, table: bool = True) -> list[Obj]:
    """The sorted items (a new list); ``table``: the human-readable path (TableSorter), where
    even one row is checked; otherwise RuntimeSorter, which leaves a single object alone."""
    if not items or (len(items) == 1 and not table):
        return list(items)
    field = relaxed(expr)
    from minikube_lite.printers.formats.jsonpath_parser import JSONPathError, parse

    try:
        parse(field)
    except JSONPathError as e:  # TableSorter wraps the parser's error, SortObjects does not
        raise errors.MklError(f"sorting error: {e}" if table else str(e)) from None
    values = [_first(field, x) for x in items]
    if not any(found for found, _ in values):
        raise errors.MklError(
            f'couldn\'t find any field with path "{field}" in the list of objects'
        )
    missing = [x for x, (found, _) in zip(items, values, strict=True) if not found]
    present = [(v, x) for x, (found, v) in zip(items, values, strict=True) if found]

    def cmp(p: tuple[Any, Obj], q: tuple[Any, Obj]) -> int:
        if is_less(p[0], q[0]):
            return -1
        return 1 if is_less(q[0], p[0]) else 0

    present.sort(key=functools.cmp_to_key(cmp))
    return missing[::-1] + [x for _, x in present]
