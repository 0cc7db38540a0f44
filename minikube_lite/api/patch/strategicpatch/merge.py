"""Applying a strategic merge patch (the server half of ``kubectl patch`` / ``kubectl apply``).

Mirrors mergeMap and its helpers in k8s.io/apimachinery/pkg/util/strategicpatch/patch.go.  The
functions here work in place on trees the caller already cloned; ``strategic_merge`` is the safe
entry point.
"""

from __future__ import annotations

from minikube_lite.api.patch.errors import (
    PatchError,
    err_bad_arg_type,
    err_bad_patch_type,
    err_no_merge_key,
)
from minikube_lite.api.patch.govalue import clone, deep_equal, go_eq, go_fmt, hkey
from minikube_lite.api.patch.strategicpatch import meta as schema_mod
from minikube_lite.api.patch.strategicpatch.lists import (
    DELETE,
    DELETE_PRIMITIVE,
    DIRECTIVE,
    ERR_PRIMITIVE_LIST,
    ERR_RETAIN_KEYS,
    ERR_SET_ORDER,
    MERGE,
    REPLACE,
    RETAIN_KEYS,
    SET_ORDER,
    SLICE_TYPE,
    aliased_original,
    dedup_scalars,
    extract_to_delete_items,
    find_map,
    merge_key_value_equal,
    normalize_element_order,
    partition,
    slice_element_type,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NamedTuple
else:
    from minikube_lite.records import NamedTuple

    Any = object  # read by the module-level type aliases below

Schema = str | None
JSONMap = dict[str, Any]


class MergeOptions(NamedTuple):
    """strategicpatch.MergeOptions."""

    merge_parallel_list: bool
    ignore_unmatched_nulls: bool


APPLY_OPTIONS = MergeOptions(True, True)  # StrategicMergeMapPatch (what the API server runs)
COMBINE_OPTIONS = MergeOptions(False, False)  # merging two patches (CreateThreeWayMergePatch)


def strategic_merge(original: JSONMap, patch: JSONMap, kind: str) -> JSONMap:
    """StrategicMergePatch: apply ``patch`` to ``original`` (neither is modified)."""
    schema = schema_mod.root_type(kind)
    return merge_map(clone(original), clone(patch), schema, APPLY_OPTIONS)


def merge_map(
    original: JSONMap | None, patch: JSONMap, schema: Schema, opts: MergeOptions
) -> JSONMap:
    """mergeMap: merge patch into original (both are modified)."""
    if DIRECTIVE in patch:
        return _directive_in_map(patch[DIRECTIVE], patch)
    if original is None:
        original = {}
    _apply_retain_keys(original, patch, opts)
    _merge_set_element_order(original, patch, schema, opts)
    for key, patch_v in list(patch.items()):
        _merge_key(original, key, patch_v, schema, opts)
    return original


def _merge_key(
    original: JSONMap, key: str, patch_v: Any, schema: Schema, opts: MergeOptions
) -> None:
    """One iteration of mergeMap's loop over the patch."""
    is_delete_list = False
    if key.startswith(DELETE_PRIMITIVE):
        if not opts.merge_parallel_list:
            original[key] = patch_v
            return
        key = _extract_key(key, DELETE_PRIMITIVE, ERR_PRIMITIVE_LIST)
        is_delete_list = True
    if patch_v is None:
        original.pop(key, None)
        if opts.ignore_unmatched_nulls:
            return
    if key not in original or type(original[key]) is not type(patch_v):
        if not is_delete_list:
            _set_from_patch(original, key, patch_v, opts)
        return
    orig_v = original[key]
    if isinstance(orig_v, dict):
        sub, strategies, _ = schema_mod.lookup_struct(schema, key)
        _, strategy = schema_mod.split_strategies(strategies)
        original[key] = patch_v if strategy == REPLACE else merge_map(orig_v, patch_v, sub, opts)
    elif isinstance(orig_v, list):
        sub, strategies, merge_key = schema_mod.lookup_slice(schema, key)
        _, strategy = schema_mod.split_strategies(strategies)
        original[key] = merge_slice_handler(
            orig_v, patch_v, sub, strategy, merge_key, is_delete_list, opts
        )
    else:
        _set_from_patch(original, key, patch_v, opts)


def _set_from_patch(original: JSONMap, key: str, patch_v: Any, opts: MergeOptions) -> None:
    """Take the patch value as is (minus nulls and directives), as mergeMap does for new keys."""
    if opts.ignore_unmatched_nulls:
        discard_null_values(patch_v)
    value, keep = remove_directives(patch_v)
    if keep:
        original[key] = value
    else:
        original.pop(key, None)


def _directive_in_map(directive: Any, patch: JSONMap) -> JSONMap:
    """handleDirectiveInMergeMap: ``$patch: replace`` / ``$patch: delete`` on a whole map."""
    if go_eq(directive, REPLACE):
        del patch[DIRECTIVE]
        return patch
    if go_eq(directive, DELETE):
        return {}
    raise err_bad_patch_type(directive, patch)


def _extract_key(key: str, prefix: str, error: str) -> str:
    """extractKey: the list name after ``$deleteFromPrimitiveList/`` or ``$setElementOrder/``."""
    head, sep, rest = key.partition("/")
    if not sep or head != prefix:
        raise PatchError(error)
    return rest


def _apply_retain_keys(original: JSONMap, patch: JSONMap, opts: MergeOptions) -> None:
    """applyRetainKeysDirective: drop live keys the ``$retainKeys`` list does not name."""
    if RETAIN_KEYS not in patch:
        return
    retain = patch.pop(RETAIN_KEYS)
    if not opts.merge_parallel_list:
        if RETAIN_KEYS in original:
            if not deep_equal(original[RETAIN_KEYS], retain):
                raise PatchError(
                    f"{go_fmt(original[RETAIN_KEYS])} and {go_fmt(retain)} are not deep equal: "
                    "this may happen when calculating the 3-way diff patch"
                )
        else:
            original[RETAIN_KEYS] = retain
        return
    if not isinstance(retain, list):
        raise PatchError(ERR_RETAIN_KEYS)
    keys = {v for v in retain if isinstance(v, str)}
    for k, v in patch.items():
        if v is None or k.startswith(DELETE_PRIMITIVE) or k.startswith(SET_ORDER):
            continue
        if k not in keys:
            raise PatchError(ERR_RETAIN_KEYS)
    for k in [k for k in original if k not in keys]:
        del original[k]


def _merge_set_element_order(
    original: JSONMap, patch: JSONMap, schema: Schema, opts: MergeOptions
) -> None:
    """mergePatchIntoOriginal: merge each ``$setElementOrder/<list>`` into its list and order it."""
    for key in [k for k in patch if k.startswith(SET_ORDER)]:
        order = patch.pop(key)
        if not opts.merge_parallel_list:
            if key in original:
                if not deep_equal(original[key], order):
                    raise PatchError(ERR_SET_ORDER)
            else:
                original[key] = order
        if not isinstance(order, list):
            raise err_bad_arg_type(SLICE_TYPE, order)
        list_key = _extract_key(key, SET_ORDER, ERR_SET_ORDER)
        _order_one_list(original, patch, list_key, order, schema, opts)


def _order_one_list(
    original: JSONMap,
    patch: JSONMap,
    key: str,
    order: list[Any],
    schema: Schema,
    opts: MergeOptions,
) -> None:
    """The body of mergePatchIntoOriginal's loop for one list."""
    found_o, found_p = key in original, key in patch
    if found_o and not isinstance(original[key], list):
        raise err_bad_arg_type(SLICE_TYPE, original[key])
    if found_p and not isinstance(patch[key], list):
        raise err_bad_arg_type(SLICE_TYPE, patch[key])
    orig_list: list[Any] = original[key] if found_o else []
    patch_list: list[Any] = patch[key] if found_p else []
    sub, strategies, merge_key = schema_mod.lookup_slice(schema, key)
    _, strategy = schema_mod.split_strategies(strategies)
    validate_patch_with_set_order(patch_list, order, merge_key)
    server_order = orig_list
    if found_o and not found_p:
        merged = orig_list
    elif found_p and not found_o:
        merged = remove_directives(patch_list)[0]
    elif found_o and found_p:
        if strategy == MERGE and all(isinstance(v, dict) for v in orig_list + patch_list):
            server_order = aliased_original(orig_list, patch_list, merge_key)
        merged = merge_slice_handler(orig_list, patch_list, sub, strategy, merge_key, False, opts)
    else:
        return
    patch_items, server_only = partition(merged, order, merge_key)
    kind = slice_element_type(orig_list, patch_list)
    original[key] = normalize_element_order(
        patch_items, server_only, order, server_order, merge_key, kind
    )
    patch.pop(key, None)


def validate_patch_with_set_order(patch_list: list[Any], order: list[Any], merge_key: str) -> None:
    """validatePatchWithSetOrderList: the patch list must follow the ``$setElementOrder`` order."""
    if not order or not patch_list:
        return
    items = extract_to_delete_items(patch_list)[0] if merge_key else patch_list
    pi = si = 0
    while pi < len(items) and si < len(order):
        if isinstance(items[pi], dict) and DIRECTIVE in items[pi]:
            pi += 1
            continue
        if merge_key_value_equal(items[pi], order[si], merge_key):
            pi += 1
        si += 1
    if pi < len(items) and si >= len(order):
        raise PatchError(
            f"The order in patch list:\n{go_fmt(patch_list)}\n doesn't match "
            f"{SET_ORDER} list:\n{go_fmt(order)}\n"
        )


def merge_slice_handler(
    original: list[Any],
    patch: list[Any],
    schema: Schema,
    strategy: str,
    merge_key: str,
    is_delete_list: bool,
    opts: MergeOptions,
) -> list[Any]:
    """mergeSliceHandler: merge lists with the merge strategy, otherwise take the patch."""
    if strategy == MERGE or is_delete_list:
        return merge_slice(original, patch, schema, merge_key, opts, is_delete_list)
    return patch


def merge_slice(
    original: list[Any],
    patch: list[Any],
    schema: Schema,
    merge_key: str,
    opts: MergeOptions,
    is_delete_list: bool,
) -> list[Any]:
    """mergeSlice: merge two lists by merge key (maps) or as a set (scalars), then order."""
    if not original and not patch:
        return original
    kind = slice_element_type(original, patch)
    if kind != "map":
        if opts.merge_parallel_list and is_delete_list:
            gone = {hkey(v) for v in patch} - {None}
            return [v for v in original if hkey(v) not in gone]
        merged = dedup_scalars(original + patch)
        rest: list[Any] = patch
    else:
        if not merge_key:
            raise PatchError(
                f"cannot merge lists without merge key for {schema_mod.type_name(schema)}"
            )
        original, rest = _merge_special_elements(original, patch, merge_key)
        merged = _merge_plain_elements(original, rest, merge_key, schema, opts)
    patch_items, server_only = partition(merged, rest, merge_key)
    return normalize_element_order(patch_items, server_only, rest, original, merge_key, kind)


def _merge_special_elements(
    original: list[Any], patch: list[Any], merge_key: str
) -> tuple[list[Any], list[Any]]:
    """mergeSliceWithSpecialElements: apply ``$patch`` elements; return (original, plain patch)."""
    plain: list[Any] = []
    replace = False
    for v in patch:
        if DIRECTIVE not in v:
            plain.append(v)
            continue
        directive = v[DIRECTIVE]
        if go_eq(directive, DELETE):
            if merge_key not in v:
                raise err_no_merge_key(v, merge_key)
            original = _delete_matching(original, merge_key, v[merge_key])
        elif go_eq(directive, REPLACE):
            replace = True
        elif go_eq(directive, MERGE):
            raise PatchError("merging lists cannot yet be specified in the patch")
        else:
            raise err_bad_patch_type(directive, v)
    if replace:
        return plain, []
    return original, plain


def _delete_matching(original: list[Any], key: str, value: Any) -> list[Any]:
    """deleteMatchingEntries: drop every map whose merge key equals value."""
    while (i := find_map(original, key, value)) >= 0:
        original = original[:i] + original[i + 1 :]
    return original


def _merge_plain_elements(
    original: list[Any], patch: list[Any], merge_key: str, schema: Schema, opts: MergeOptions
) -> list[Any]:
    """mergeSliceWithoutSpecialElements: merge same-key maps, append the new ones."""
    out = list(original)
    for v in patch:
        if merge_key not in v:
            raise err_no_merge_key(v, merge_key)
        i = find_map(out, merge_key, v[merge_key])
        if i >= 0:
            out[i] = merge_map(out[i], v, schema, opts)
        else:
            out.append(v)
    return out


def remove_directives(obj: Any) -> tuple[Any, bool]:
    """removeDirectives: strip ``$patch`` maps; False when obj itself is one."""
    if isinstance(obj, dict):
        if DIRECTIVE in obj:
            return None, False
        for k, v in list(obj.items()):
            value, keep = remove_directives(v)
            if keep:
                obj[k] = value
            else:
                del obj[k]
        return obj, True
    if isinstance(obj, list):
        return [r[0] for r in map(remove_directives, obj) if r[1]], True
    return obj, True


def discard_null_values(v: Any) -> None:
    """discardNullValuesFromPatch: drop null map values, recursively."""
    if isinstance(v, dict):
        for k in [k for k, x in v.items() if x is None]:
            del v[k]
        for x in v.values():
            discard_null_values(x)
    elif isinstance(v, list):
        for x in v:
            discard_null_values(x)
