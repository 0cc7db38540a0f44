"""Field sets in their FieldsV1 form: the set arithmetic of structured-merge-diff's fieldpath.

A set is a tree of dicts, exactly as ``metadata.managedFields[].fieldsV1`` stores it:
``f:<name>`` for a field, ``k:{"name":"web"}`` for an element of a keyed list, ``v:"x"`` for a
set element, ``i:0`` for an index; a node is itself a member when it has no children (``{}``)
or has a ``.`` child.  Union, difference and the recursive difference work on that form, so
nothing is converted between what is stored and what is computed.  No input is ever changed in
place (results may share subtrees with their inputs).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Tree = dict[str, Any]
else:  # the alias at run time (typing stays off the command path)
    Tree = dict


def _is_member(node: Tree) -> bool:
    return not node or "." in node


def union(a: Tree, b: Tree) -> Tree:
    """fieldpath.Set.Union (new trees; ``a`` and ``b`` are not changed)."""
    if not b:
        return a
    if not a:
        return b
    out: Tree = dict(a)
    for key, bn in b.items():
        an = out.get(key)
        if an is None:
            out[key] = bn
        elif key != ".":
            out[key] = _union_node(an, bn)
    return out


def _union_node(a: Tree, b: Tree) -> Tree:
    member = _is_member(a) or _is_member(b)
    kids = union(_children(a), _children(b))
    if kids and member:
        return {".": {}, **kids}
    return kids


def _children(node: Tree) -> Tree:
    return {k: v for k, v in node.items() if k != "."} if "." in node else node


def difference(a: Tree, b: Tree) -> Tree:
    """fieldpath.Set.Difference: the members of ``a`` that are not members of ``b``.

    ``a`` itself comes back when nothing of it is in ``b`` (the common case: no copy)."""
    if not a or not b:
        return a
    out: Tree | None = None
    for key, bn in b.items():
        an = a.get(key)
        if an is None or key == ".":
            continue
        was = _is_member(an)
        member = was and not _is_member(bn)
        own = _children(an)
        kids = difference(own, _children(bn))
        if kids is own and member == was:
            continue  # untouched
        if out is None:
            out = dict(a)
        if kids:
            out[key] = {".": {}, **kids} if member else kids
        elif member:
            out[key] = {}
        else:
            del out[key]
    return a if out is None else out


def replaced(a: Tree, changed: Tree, removed: Tree, known: Any = None) -> Tree:
    """``union(difference(difference(a, changed), removed), changed)`` in one walk, the same
    tree key for key (a writer's entry after a write: what it owned, less what the write
    changed or removed, plus what it changed).  Nodes off the two sets' paths are ``a``'s.

    ``known`` (an api.managedfields.Known): a node whose three inputs are all held there
    (shared trees, never changed, like every set) is computed once for those three objects
    and its result held there too."""
    if "." in a or "." in changed or "." in removed:  # not a set's root: the composition
        return union(difference(difference(a, changed), removed), changed)
    out: Tree = {}
    for key, an in a.items():
        cn, rn = changed.get(key), removed.get(key)
        node = an if cn is None and rn is None else _node(an, cn, rn, known)
        if node is not None:
            out[key] = node
    for key, cn in changed.items():
        if key not in out:  # new, or left empty by the differences: appended, as union does
            out[key] = cn
    return out


_GONE: Tree = {}  # a remembered node that the differences left empty


def _node(an: Tree, cn: Tree | None, rn: Tree | None, known: Any) -> Tree | None:
    """``_replaced_node``, remembered when ``known`` holds its three inputs."""
    if known is not None and cn is not None and rn is not None:
        objs = known.objs
        if objs.get(id(an)) is an and objs.get(id(cn)) is cn and objs.get(id(rn)) is rn:
            return _remembered_node(an, cn, rn, known)
    return _replaced_node(an, cn, rn, known)


def _remembered_node(an: Tree, cn: Tree, rn: Tree, known: Any) -> Tree | None:
    """``_replaced_node`` of three trees held in ``known``: a function of their contents,
    which never change (no set is changed in place), and while they are held no other object
    has their ids, so the three ids key the result (itself held, for the next write)."""
    key = (id(an), id(cn), id(rn))
    found = known.replaced.get(key)
    if found is None:
        node = _replaced_node(an, cn, rn, known)
        found = known.hold(key, node if node is not None else _GONE)
    return None if found is _GONE else found


def _replaced_node(an: Tree, cn: Tree | None, rn: Tree | None, known: Any = None) -> Tree | None:
    """One node of ``replaced``: None when the differences leave nothing of it."""
    if cn is None:
        if rn is None:
            return an
        return difference({"n": an}, {"n": rn}).get("n")
    # a member after both differences, then the union's children: the surviving ones in a's
    # order (each merged with changed's), then changed's others in its order
    member = _is_member(an) and not _is_member(cn) and not (rn is not None and _is_member(rn))
    kids: Tree = {}
    for key, ak in an.items():
        ck = cn.get(key)
        rk = rn.get(key) if rn else None
        if ck is None and rk is None:
            if key != ".":
                kids[key] = ak  # off both sets' paths
            continue
        if key != ".":
            node = _node(ak, ck, rk, known)
            if node is not None:
                kids[key] = node
    if not kids and not member:
        return None  # gone after the differences: the parent appends changed's node
    for key, ck in cn.items():
        if key != "." and key not in kids:
            kids[key] = ck
    if kids and (member or _is_member(cn)):
        return {".": {}, **kids}
    return kids


def prune(tree: Tree, ignored: Tree) -> Tree:
    """RecursiveDifference: ``tree`` without the members of ``ignored`` and all below them."""
    if not ignored or not tree or not any(k in tree for k in ignored):
        return tree
    out = dict(tree)
    for key, node in ignored.items():
        if key not in out:
            continue
        if _is_member(node):
            del out[key]
        else:
            kids = prune(_children(out[key]), node)
            if kids:
                out[key] = {".": {}, **kids} if _is_member(out[key]) else kids
            elif _is_member(out[key]):
                out[key] = {}
            else:
                del out[key]
    return out


def paths(tree: Tree) -> set[str]:
    """The members of a set as dotted paths (for tests and messages)."""
    out: set[str] = set()

    def walk(node: Tree, prefix: str) -> None:
        for key, child in node.items():
            if key == ".":
                continue
            p = f"{prefix}.{key}" if prefix else key
            if _is_member(child):
                out.add(p)
            walk(child, p)

    walk(tree, "")
    return out


def field_tree(*dotted: tuple[str, ...]) -> Tree:
    """A set from paths of path elements, e.g. ``("f:spec", "f:replicas")``."""
    out: Tree = {}
    for p in dotted:
        node = out
        for i, pe in enumerate(p):
            child = node.get(pe)
            if child is None:
                child = node[pe] = {}
            elif (i == len(p) - 1) == bool(child):  # a member gaining children, or vice versa
                child["."] = {}
            node = child
    return out
