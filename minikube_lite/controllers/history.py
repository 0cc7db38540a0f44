"""ControllerRevisions: the history of a StatefulSet's (or DaemonSet's) templates.

Port of ``pkg/controller/history/controller_history.go`` (ControllerRevisionName,
HashControllerRevision, NewControllerRevision, SortControllerRevisions, EqualRevision,
FindEqualRevisions, CreateControllerRevision, UpdateControllerRevision) over the store.

[SIM] The hash is FNV-32 over the revision's data as canonical JSON (sorted keys, as Go's
json.Marshal of the map upstream builds), then the collision count's decimal digits, encoded as
rand.SafeEncodeString: the same recipe as upstream, but the data is not byte-for-byte the JSON
Go's typed encoder writes, so names differ from a real cluster's.
"""

from __future__ import annotations

import json

from minikube_lite import errors, ids
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.store import apiserver, fieldmanager
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

HASH_LABEL = "controller-revision-hash"
_MAX_PREFIX = 223  # 253 - len(hash) - 1, as ControllerRevisionName trims the prefix


def revision_name(prefix: str, hash_value: str) -> str:
    """ControllerRevisionName."""
    if len(prefix) > _MAX_PREFIX:
        prefix = prefix[:_MAX_PREFIX]
    return f"{prefix}-{hash_value}"


def raw(data: Any) -> bytes:
    """The revision's data as Go's json.Marshal of a map writes it (sorted keys, HTML-escaped)."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode()


def fnv32(data: bytes) -> int:
    """hash/fnv New32 (FNV-1, not FNV-1a)."""
    h = 0x811C9DC5
    for byte in data:
        h = (h * 0x01000193) & 0xFFFFFFFF
        h ^= byte
    return h


def hash_revision(data: Any, probe: int | None) -> str:
    """HashControllerRevision: the data's bytes, then the collision count's decimal text."""
    payload = raw(data)
    if probe is not None:
        payload += str(probe).encode()
    return ids.safe_encode_hash(fnv32(payload))


def new_revision(
    parent: Obj,
    kind: str,
    template_labels: dict[str, str] | None,
    data: Any,
    number: int,
    collision_count: int | None,
) -> Obj:
    """NewControllerRevision: labelled with the template's labels, owned by ``parent``."""
    meta: Obj = {
        "name": revision_name(o.name(parent), hash_revision(data, collision_count)),
        "namespace": o.namespace(parent),
    }
    if template_labels:
        meta["labels"] = dict(template_labels)
    meta["ownerReferences"] = [o.owner_reference(parent, kind, "apps/v1")]
    return {
        "apiVersion": "apps/v1",
        "kind": "ControllerRevision",
        "metadata": meta,
        "data": data,
        "revision": number,
    }


def revision_number(cr: Obj) -> int:
    return int(cr.get("revision") or 0)


def sort_revisions(revisions: list[Obj]) -> list[Obj]:
    """SortControllerRevisions: by revision, then creation time, then name."""
    return sorted(
        revisions,
        key=lambda r: (revision_number(r), o.meta(r).get("creationTimestamp") or "", o.name(r)),
    )


def equal_revision(a: Obj | None, b: Obj | None) -> bool:
    """EqualRevision: the same data (the hash labels are a shortcut upstream)."""
    if a is None or b is None:
        return a is b
    return raw(a.get("data")) == raw(b.get("data"))


def find_equal_revisions(revisions: list[Obj], needle: Obj) -> list[Obj]:
    """FindEqualRevisions."""
    return [r for r in revisions if equal_revision(r, needle)]


def next_revision(revisions: list[Obj]) -> int:
    """nextRevision: one past the highest revision (revisions sorted)."""
    return revision_number(revisions[-1]) + 1 if revisions else 1


def list_revisions(cluster: Cluster, parent: Obj) -> list[Obj]:
    """The ControllerRevisions ``parent`` controls (ListControllerRevisions + the claim)."""
    ns = o.namespace(parent)
    return list(cluster.owned("ControllerRevision", o.uid(parent), ns))


def create_revision(
    cluster: Cluster, parent: Obj, revision: Obj, collision_count: int
) -> tuple[Obj, int]:
    """CreateControllerRevision: on a name clash with different data, bump the collision count
    and rehash; returns (the stored revision, the collision count used)."""
    while True:
        clone = o.deepcopy(revision)
        o.meta(clone)["name"] = revision_name(
            o.name(parent), hash_revision(clone.get("data"), collision_count)
        )
        try:
            stored = apiserver.create(
                cluster, "ControllerRevision", clone, manager=fieldmanager.CONTROLLER_MANAGER
            )
            return stored, collision_count
        except errors.AlreadyExistsError:
            existing = cluster.get("ControllerRevision", o.namespace(parent), o.name(clone))
            same_owner = existing is not None and o.controller_uid(existing) == o.uid(parent)
            if same_owner and equal_revision(existing, clone):
                return existing, collision_count  # type: ignore[return-value]
            collision_count += 1


def update_revision(cluster: Cluster, revision: Obj, number: int) -> Obj:
    """UpdateControllerRevision: renumber an equal revision (a rollback to it)."""
    if revision_number(revision) == number:
        return revision
    new = o.deepcopy(revision)
    new["revision"] = number
    stored, _ = apiserver.update(
        cluster, "ControllerRevision", new, manager=fieldmanager.CONTROLLER_MANAGER
    )
    return stored
