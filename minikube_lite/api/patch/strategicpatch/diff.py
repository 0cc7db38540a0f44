"""Computing strategic merge patches: the client half of ``kubectl apply``.

Mirrors diffMaps, diffLists and CreateThreeWayMergePatch in
k8s.io/apimachinery/pkg/util/strategicpatch/patch.go.
"""

from __future__ import annotations

from minikube_lite.api.patch.errors import PatchError, err_bad_arg_type, err_no_merge_key
from minikube_lite.api.patch.govalue import clone, deep_equal, go_fmt
from minikube_lite.api.patch.strategicpatch import meta as schema_mod
from minikube_lite.api.patch.strategicpatch.lists import (
    DELETE,
    DELETE_PRIMITIVE,
    DIRECTIVE,
    ERR_NO_LIST_OF_LISTS,
    MAP_TYPE,
    MERGE,
    REPLACE,
    RETAIN_KEYS,
    SET_ORDER,
    dedup_scalars,
    merge_key_value_equal,
    normalize_slice_order,
    slice_element_type,
    sort_scalars,
)
from minikube_lite.api.patch.strategicpatch.merge import COMBINE_OPTIONS, merge_map, strategic_merge

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NamedTuple
else:
    from minikube_lite.records import NamedTuple

    Any = object  # read by the module-level type aliases below

Schema = str | None
JSONMap = dict[str, Any]


class DiffOptions(NamedTuple):
    """strategicpatch.DiffOptions."""

    set_element_order: bool = False
    ignore_changes_and_additions: bool = False
    ignore_deletions: bool = False
    build_retain_keys_directive: bool = False


def two_way_patch(original: JSONMap, modified: JSONMap, kind: str) -> JSONMap:
    """CreateTwoWayMergePatch: the patch that turns original into modified."""
    schema = schema_mod.root_type(kind)
    return diff_maps(original, modified, schema, DiffOptions(set_element_order=True))


def three_way_patch(
    last_applied: JSONMap | None, modified: JSONMap, current: JSONMap, kind: str
) -> JSONMap:
    """CreateThreeWayMergePatch (overwrite=true): what ``kubectl apply`` sends; {} = unchanged."""
    schema = schema_mod.root_type(kind)
    original = last_applied or {}
    delta = diff_maps(
        current, modified, schema, DiffOptions(set_element_order=True, ignore_deletions=True)
    )
    deletions = diff_maps(
        original,
        modified,
        schema,
        DiffOptions(set_element_order=True, ignore_changes_and_additions=True),
    )
    return merge_map(clone(deletions), clone(delta), schema, COMBINE_OPTIONS)


def three_way_apply(
    last_applied: JSONMap | None, modified: JSONMap, current: JSONMap, kind: str
) -> JSONMap:
    """The live object after ``kubectl apply``: the three-way patch applied to current."""
    return strategic_merge(current, three_way_patch(last_applied, modified, current, kind), kind)


def diff_maps(original: JSONMap, modified: JSONMap, schema: Schema, opts: DiffOptions) -> JSONMap:
    """diffMaps: a strategic patch turning original into modified (subject to opts)."""
    patch: JSONMap = {}
    retain: list[Any] = []
    for key, mod_v in modified.items():
        if opts.build_retain_keys_directive and mod_v is not None:
            retain.append(key)
        if key not in original:
            if not opts.ignore_changes_and_additions:
                patch[key] = mod_v
            continue
        _diff_value(key, original[key], mod_v, patch, schema, opts)
    _update_patch_if_missing(original, modified, patch, opts)
    if retain and (patch or _has_additional_new_field(original, modified)):
        patch[RETAIN_KEYS] = sort_scalars(retain)
    return patch


def _diff_value(
    key: str, orig_v: Any, mod_v: Any, patch: JSONMap, schema: Schema, opts: DiffOptions
) -> None:
    """The body of diffMaps' loop for a key both maps hold.

    handleDirectiveMarker, then a changed type replaces the field, then the switch on the
    original's type: handleMapDiff, handleSliceDiff or replacePatchFieldIfNotEqual.
    """
    if key == DIRECTIVE:
        _diff_directive(orig_v, mod_v, patch)
    elif type(orig_v) is not type(mod_v):
        if not opts.ignore_changes_and_additions:
            patch[key] = mod_v
    elif isinstance(orig_v, dict):
        _diff_map_field(key, orig_v, mod_v, patch, schema, opts)
    elif isinstance(orig_v, list):
        _diff_list_field(key, orig_v, mod_v, patch, schema, opts)
    else:
        _replace_if_not_equal(key, orig_v, mod_v, patch, opts)


def _update_patch_if_missing(
    original: JSONMap, modified: JSONMap, patch: JSONMap, opts: DiffOptions
) -> None:
    """updatePatchIfMissing: a null in the patch for each key modified dropped."""
    if opts.ignore_deletions:
        return
    for key in original:
        if key not in modified:
            patch[key] = None


def _diff_directive(orig_v: Any, mod_v: Any, patch: JSONMap) -> None:
    """handleDirectiveMarker."""
    if not isinstance(orig_v, str) or not isinstance(mod_v, str):
        raise PatchError(f"invalid value for special key: {DIRECTIVE}")
    if orig_v != mod_v:
        patch[DIRECTIVE] = mod_v


def _replace_if_not_equal(
    key: str, orig_v: Any, mod_v: Any, patch: JSONMap, opts: DiffOptions
) -> None:
    """replacePatchFieldIfNotEqual."""
    if not opts.ignore_changes_and_additions and not deep_equal(orig_v, mod_v):
        patch[key] = mod_v


def _has_additional_new_field(original: JSONMap, modified: JSONMap) -> bool:
    """hasAdditionalNewField: original has a non-null key that modified lacks."""
    return any(v is not None and k not in modified for k, v in original.items())


def _diff_map_field(
    key: str, orig_v: JSONMap, mod_v: JSONMap, patch: JSONMap, schema: Schema, opts: DiffOptions
) -> None:
    """handleMapDiff."""
    try:
        sub, strategies, _ = schema_mod.lookup_struct(schema, key)
    except PatchError:
        if deep_equal(orig_v, mod_v):
            return
        raise
    retain, strategy = schema_mod.split_strategies(strategies)
    if strategy == REPLACE:
        if not opts.ignore_changes_and_additions:
            patch[key] = mod_v
        return
    value = diff_maps(orig_v, mod_v, sub, opts._replace(build_retain_keys_directive=retain))
    if value:
        patch[key] = value


def _diff_list_field(
    key: str, orig_v: list[Any], mod_v: list[Any], patch: JSONMap, schema: Schema, opts: DiffOptions
) -> None:
    """handleSliceDiff."""
    try:
        sub, strategies, merge_key = schema_mod.lookup_slice(schema, key)
    except PatchError:
        if deep_equal(orig_v, mod_v):
            return
        raise
    retain, strategy = schema_mod.split_strategies(strategies)
    if strategy != MERGE:
        _replace_if_not_equal(key, orig_v, mod_v, patch, opts)
        return
    opts = opts._replace(build_retain_keys_directive=retain)
    add, delete, order = diff_lists(orig_v, mod_v, sub, merge_key, opts)
    if add:
        patch[key] = add
    if delete:
        patch[f"{DELETE_PRIMITIVE}/{key}"] = delete
    if order:
        patch[f"{SET_ORDER}/{key}"] = order


def diff_lists(
    original: list[Any], modified: list[Any], schema: Schema, merge_key: str, opts: DiffOptions
) -> tuple[list[Any], list[Any], list[Any]]:
    """diffLists: (patch list, primitive deletion list, $setElementOrder list)."""
    if not original:
        if not modified or opts.ignore_changes_and_additions:
            return [], [], []
        return modified, [], []
    kind = slice_element_type(original, modified)
    order: list[Any] = []
    if kind == "map":
        changes, deletions = _diff_lists_of_maps(original, modified, schema, merge_key, opts)
        changes = normalize_slice_order(changes, modified, merge_key, kind)
        same_order = _is_order_same(original, modified, merge_key)
        changes = changes + deletions
        if opts.set_element_order and (
            (not opts.ignore_changes_and_additions and (changes or not same_order))
            or (not opts.ignore_deletions and changes)
        ):
            order = [{merge_key: v.get(merge_key)} for v in modified]
        return changes, [], order
    adds, deletes = _diff_lists_of_scalars(original, modified, opts)
    adds = normalize_slice_order(adds, modified, merge_key, kind)
    if opts.set_element_order and (
        (not opts.ignore_deletions and deletes)
        or (not opts.ignore_changes_and_additions and not deep_equal(original, modified))
    ):
        order = modified
    return adds, deletes, order


def _is_order_same(original: list[Any], modified: list[Any], merge_key: str) -> bool:
    """isOrderSame."""
    if len(original) != len(modified):
        return False
    return all(
        merge_key_value_equal(o, m, merge_key) for o, m in zip(original, modified, strict=True)
    )


def _diff_lists_of_scalars(
    original: list[Any], modified: list[Any], opts: DiffOptions
) -> tuple[list[Any], list[Any]]:
    """diffListsOfScalars: walk both lists sorted by ``%v`` string."""
    orig = sort_scalars(original)
    mod = sort_scalars(modified)
    adds: list[Any] = []
    deletes: list[Any] = []
    oi = mi = 0
    while oi < len(orig) or mi < len(mod):
        o_s = go_fmt(orig[oi]) if oi < len(orig) else None
        m_s = go_fmt(mod[mi]) if mi < len(mod) else None
        if o_s is not None and m_s is not None and o_s == m_s:
            oi += 1
            mi += 1
        elif o_s is None or (m_s is not None and o_s > m_s):
            if not opts.ignore_changes_and_additions:
                adds.append(mod[mi])
            mi += 1
        else:
            if not opts.ignore_deletions:
                deletes.append(orig[oi])
            oi += 1
    return adds, dedup_scalars(deletes)


def _sorted_by_merge_key(items: list[Any], merge_key: str) -> list[Any]:
    """sortMergeListsByNameArray without recursion, for a list of maps."""
    if not items:
        return items
    if slice_element_type(items) != "map":
        raise PatchError(ERR_NO_LIST_OF_LISTS)
    return sorted(items, key=lambda m: go_fmt(m.get(merge_key)))


def _diff_lists_of_maps(
    original: list[Any], modified: list[Any], schema: Schema, merge_key: str, opts: DiffOptions
) -> tuple[list[Any], list[Any]]:
    """diffListsOfMaps: (changed or added maps, ``$patch: delete`` maps)."""
    orig = _sorted_by_merge_key(original, merge_key)
    mod = _sorted_by_merge_key(modified, merge_key)
    changes: list[Any] = []
    deletions: list[Any] = []
    oi = mi = 0
    while oi < len(orig) or mi < len(mod):
        o_key = _key_of(orig[oi], merge_key) if oi < len(orig) else None
        m_key = _key_of(mod[mi], merge_key) if mi < len(mod) else None
        o_s = go_fmt(o_key) if oi < len(orig) else None
        m_s = go_fmt(m_key) if mi < len(mod) else None
        if o_s is not None and o_s == m_s:
            value = diff_maps(orig[oi], mod[mi], schema, opts)
            if value:
                value[merge_key] = m_key
                changes.append(value)
            oi += 1
            mi += 1
        elif o_s is None or (m_s is not None and o_s > m_s):
            if not opts.ignore_changes_and_additions:
                changes.append(mod[mi])
            mi += 1
        else:
            if not opts.ignore_deletions:
                deletions.append({merge_key: o_key, DIRECTIVE: DELETE})
            oi += 1
    return changes, deletions


def _key_of(item: Any, merge_key: str) -> Any:
    """getMapAndMergeKeyValueByIndex: the merge key value of a list element."""
    if not isinstance(item, dict):
        raise err_bad_arg_type(MAP_TYPE, item)
    if merge_key not in item:
        raise err_no_merge_key(item, merge_key)
    return item[merge_key]
