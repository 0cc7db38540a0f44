"""The fake registry as users see it: list images, add your own behaviour profile, remove it."""

from __future__ import annotations

from typing import Any

from minikube_lite import errors
from minikube_lite.sandbox import images
from minikube_lite.store.cluster import Cluster


def listing(cluster: Cluster) -> list[dict[str, Any]]:
    """Every image the registry serves, with whether the node has it cached."""
    cache = cluster.state.get("nodeImages", {})
    out = []
    for p in images.catalogue(cluster.state.get("images")):
        out.append(
            {
                "image": p.ref,
                "size": p.size,
                "serves": f"HTTP :{p.http_port}" if p.http_port else ("sh" if p.shell else "-"),
                "cached": p.ref in cache,
                "source": "user" if p.user else "built-in",
            }
        )
    return out


def add(cluster: Cluster, ref: str, profile: dict[str, Any]) -> str:
    """Register a user image; returns its normalized reference."""
    try:
        prof = images.add_user_image(cluster.state.setdefault("images", {}), ref, profile)
    except images.InvalidReference as e:
        raise errors.MklError(f'invalid image reference "{ref}": {e}') from None
    except (TypeError, ValueError, AttributeError) as e:
        raise errors.MklError(f"invalid image profile for {ref}: {e}") from None
    cluster.dirty = True
    return prof.ref


def remove(cluster: Cluster, ref: str) -> str:
    try:
        full = images.parse_reference(ref).full
    except images.InvalidReference as e:
        raise errors.MklError(f'invalid image reference "{ref}": {e}') from None
    store = cluster.state.get("images", {})
    if full not in store:
        raise errors.MklError(
            f'image "{full}" is not a user image (built-in images cannot be removed)'
        )
    del store[full]
    cluster.dirty = True
    return full
