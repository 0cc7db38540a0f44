"""List helpers shared by strategic-merge apply and diff: element types, ordering, partitions.

Mirrors the list half of k8s.io/apimachinery/pkg/util/strategicpatch/patch.go.  ``kind`` is
"map" for lists of objects and "scalar" otherwise (upstream's reflect.Kind switch).
"""

from __future__ import annotations

from collections.abc import Callable

from minikube_lite.api.patch.errors import PatchError, err_bad_arg_type, err_no_merge_key
from minikube_lite.api.patch.govalue import go_eq, go_fmt, hkey

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

DIRECTIVE = "$patch"
DELETE = "delete"
REPLACE = "replace"
MERGE = "merge"
RETAIN_KEYS = "$retainKeys"
DELETE_PRIMITIVE = "$deleteFromPrimitiveList"
SET_ORDER = "$setElementOrder"
MAP_TYPE = "map[string]interface {}"
SLICE_TYPE = "[]interface {}"

ERR_NO_LIST_OF_LISTS = "lists of lists are not supported"
ERR_PRIMITIVE_LIST = "invalid patch format of primitive list"
ERR_RETAIN_KEYS = "invalid patch format of retainKeys"
ERR_SET_ORDER = "invalid patch format of setElementOrder list"


def slice_element_type(*slices: list[Any]) -> str:
    """sliceElementType: "map" or "scalar" for the common element type of all slices."""
    prev: type | None = None
    for s in slices:
        for v in s:
            if prev is None:
                prev = type(v)
                if prev is list:
                    raise PatchError(ERR_NO_LIST_OF_LISTS)
            elif type(v) is not prev:
                shown = "[" + " ".join(go_fmt(x) for x in slices) + "]"
                raise PatchError(f"list element types are not identical: {shown}")
    if prev is None:
        raise PatchError("no elements in any of the given slices")
    return "map" if prev is dict else "scalar"


def merge_value(item: Any, merge_key: str, kind: str) -> Any:
    """The value index() compares: the merge key of a map, or the item itself."""
    if kind == "map":
        return item.get(merge_key) if isinstance(item, dict) else None
    return item


def index_of(items: list[Any], value: Any, merge_key: str, kind: str) -> int:
    """index: position of value in items by merge key (or by value), -1 when absent."""
    want = merge_value(value, merge_key, kind)
    for i, v in enumerate(items):
        if go_eq(want, merge_value(v, merge_key, kind)):
            return i
    return -1


def go_stable_sort(items: list[Any], less: Callable[[Any, Any], bool]) -> list[Any]:
    """sort.SliceStable as Go runs it on short lists: insertion sort (keeps its quirks)."""
    out = list(items)
    for i in range(1, len(out)):
        j = i
        while j > 0 and less(out[j], out[j - 1]):
            out[j], out[j - 1] = out[j - 1], out[j]
            j -= 1
    return out


def validate_merge_key_in_lists(merge_key: str, *lists: list[Any]) -> None:
    """validateMergeKeyInLists: every element is a map that carries the merge key."""
    for lst in lists:
        for item in lst:
            if not isinstance(item, dict):
                raise err_bad_arg_type(MAP_TYPE, item)
            if merge_key not in item:
                raise err_no_merge_key(item, merge_key)


def extract_to_delete_items(items: list[Any]) -> tuple[list[Any], list[Any]]:
    """extractToDeleteItems: split off the ``$patch: delete`` elements."""
    keep: list[Any] = []
    delete: list[Any] = []
    for v in items:
        if not isinstance(v, dict):
            raise err_bad_arg_type(MAP_TYPE, v)
        (delete if go_eq(v.get(DIRECTIVE), DELETE) else keep).append(v)
    return keep, delete


def normalize_slice_order(
    to_sort: list[Any], order: list[Any], merge_key: str, kind: str
) -> list[Any]:
    """normalizeSliceOrder: sort by position in ``order``; deletions go last."""
    to_delete: list[Any] = []
    if kind == "map":
        validate_merge_key_in_lists(merge_key, to_sort, order)
        to_sort, to_delete = extract_to_delete_items(to_sort)

    def less(a: Any, b: Any) -> bool:
        """The sort.SliceStable less function (true when either is not in order)."""
        ia = index_of(order, a, merge_key, kind)
        if ia >= 0:
            ib = index_of(order, b, merge_key, kind)
            if ib >= 0:
                return ia < ib
        return True

    return go_stable_sort(to_sort, less) + to_delete


def merge_sorted_slice(
    left: list[Any], right: list[Any], server_order: list[Any], merge_key: str, kind: str
) -> list[Any]:
    """mergeSortedSlice: interleave server-only items (left) into patch items (right)."""
    out: list[Any] = []
    i = j = 0
    while i < len(left) or j < len(right):
        if i >= len(left):
            out.append(right[j])
            j += 1
        elif j >= len(right):
            out.append(left[i])
            i += 1
        else:
            li = index_of(server_order, left[i], merge_key, kind)
            ri = index_of(server_order, right[j], merge_key, kind)
            if li >= 0 and ri >= 0 and li < ri:
                out.append(left[i])
                i += 1
            else:
                out.append(right[j])
                j += 1
    return out


def normalize_element_order(
    patch: list[Any],
    server_only: list[Any],
    patch_order: list[Any],
    server_order: list[Any],
    merge_key: str,
    kind: str,
) -> list[Any]:
    """normalizeElementOrder: patch items by patch order, server-only by live order, merged."""
    patch = normalize_slice_order(patch, patch_order, merge_key, kind)
    server_only = normalize_slice_order(server_only, server_order, merge_key, kind)
    return merge_sorted_slice(server_only, patch, server_order, merge_key, kind)


def partition_primitives(items: list[Any], partition_by: list[Any]) -> tuple[list[Any], list[Any]]:
    """partitionPrimitivesByPresentInList."""
    present = {hkey(v) for v in partition_by}
    inside = [v for v in items if hkey(v) in present and hkey(v) is not None]
    outside = [v for v in items if not (hkey(v) in present and hkey(v) is not None)]
    return inside, outside


def find_map(items: list[Any], key: str, value: Any) -> int:
    """findMapInSliceBasedOnKeyValue: index of the map whose ``key`` equals value, or -1."""
    for i, v in enumerate(items):
        if not isinstance(v, dict):
            raise PatchError(f"value for key {i} is not a map")
        if key in v and go_eq(v[key], value):
            return i
    return -1


def partition_maps(
    items: list[Any], partition_by: list[Any], merge_key: str
) -> tuple[list[Any], list[Any]]:
    """partitionMapsByPresentInList."""
    inside: list[Any] = []
    outside: list[Any] = []
    for v in items:
        if not isinstance(v, dict):
            raise err_bad_arg_type(MAP_TYPE, v)
        if merge_key not in v:
            raise err_no_merge_key(v, merge_key)
        (inside if find_map(partition_by, merge_key, v[merge_key]) >= 0 else outside).append(v)
    return inside, outside


def partition(
    items: list[Any], partition_by: list[Any], merge_key: str
) -> tuple[list[Any], list[Any]]:
    """Pick the primitive or the map partition the way mergeSlice / mergePatchIntoOriginal do."""
    if not merge_key:
        return partition_primitives(items, partition_by)
    return partition_maps(items, partition_by, merge_key)


def scalar_less(a: Any, b: Any) -> bool:
    """SortableSliceOfScalars.Less: compare the ``%v`` strings."""
    return go_fmt(a) <= go_fmt(b)


def sort_scalars(items: list[Any]) -> list[Any]:
    """sortScalars (a copy, ordered by ``%v`` string)."""
    return sorted(items, key=go_fmt)


def dedup_scalars(items: list[Any]) -> list[Any]:
    """deduplicateScalars, including its swap-with-last order shuffle."""
    s = list(items)
    length = len(s) - 1
    i = 0
    while i < length:
        j = i + 1
        while j <= length:
            if go_eq(s[i], s[j]):
                s[j] = s[length]
                s = s[:length]
                length -= 1
                j -= 1
            j += 1
        i += 1
    return s


def merge_key_value_equal(left: Any, right: Any, merge_key: str) -> bool:
    """mergeKeyValueEqual."""
    if not merge_key:
        return go_eq(left, right)
    if not isinstance(left, dict):
        raise err_bad_arg_type(MAP_TYPE, left)
    if not isinstance(right, dict):
        raise err_bad_arg_type(MAP_TYPE, right)
    if merge_key not in left:
        raise err_no_merge_key(left, merge_key)
    if merge_key not in right:
        raise err_no_merge_key(right, merge_key)
    return go_eq(left[merge_key], right[merge_key])


def aliased_original(orig_list: list[Any], patch_list: list[Any], merge_key: str) -> list[Any]:
    """What upstream's ``originalFieldValue`` reads once mergeSlice has run.

    mergeSlice deletes (``append(s[:i], s[i+1:]...)``) and appends into the live list's backing
    array in place, and mergePatchIntoOriginal then orders server-only items by that clobbered
    slice.  Reproduced with the capacity encoding/json gives a decoded array (a power of two),
    i.e. what ``kubectl patch --local`` computes.
    """
    n = len(orig_list)
    cap = 1 << (n - 1).bit_length() if n else 0
    buf: list[Any] = list(orig_list) + [None] * (cap - n)
    plain = [v for v in patch_list if DIRECTIVE not in v]
    for v in patch_list:
        if go_eq(v.get(DIRECTIVE), REPLACE):
            plain = []
        if go_eq(v.get(DIRECTIVE), DELETE) and merge_key in v:
            while (i := _index_by_key(buf[:n], merge_key, v[merge_key])) >= 0:
                buf[i : n - 1] = buf[i + 1 : n]
                n -= 1
    for v in plain:
        if merge_key not in v or _index_by_key(buf[:n], merge_key, v[merge_key]) >= 0:
            continue
        if n == cap:
            break  # append reallocates: later writes miss the old array
        buf[n] = v
        n += 1
    return buf[: len(orig_list)]


def _index_by_key(items: list[Any], key: str, value: Any) -> int:
    """findMapInSliceBasedOnKeyValue without its errors (already checked by the real merge)."""
    return next(
        (
            i
            for i, v in enumerate(items)
            if isinstance(v, dict) and key in v and go_eq(v[key], value)
        ),
        -1,
    )
