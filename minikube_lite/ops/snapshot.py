"""``cluster export`` and ``cluster import``: the whole cluster as one readable document.

The profile on disk is a directory of segment files (store/segments.py); a snapshot is all of it in
one JSON (or YAML) document a teacher can hand out and a student can read::

    {"apiVersion": "minikube-lite/v1", "kind": "ClusterSnapshot", "schemaVersion": 2,
     "profile": "minikube", "meta": {clock, timers, config, counters...},
     "objects": {KIND: {"ns/name": object}}, "sim": {controller state}}

Import restores it exactly: the same objects, resourceVersions, timers and simulated time, so the
same things happen next (a real clock continues from the snapshot's instant, not from the wall
clock of the export).  A snapshot of a newer format is refused with a clear error.
"""

from __future__ import annotations

import json

from minikube_lite import clock, errors
from minikube_lite.store import persist, segments

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

API_VERSION = "minikube-lite/v1"
KIND = "ClusterSnapshot"
MAX_BYTES = 1 << 30  # a snapshot of 10,000 pods is ~90 MB


def export(profile: str | None) -> dict[str, Any]:
    """The snapshot document of ``profile`` (as last saved, after catching up to now)."""
    from minikube_lite.ops import session

    with session.open_cluster(profile, create=False) as cluster:
        whole = segments.materialise(cluster.to_doc())
    meta = {k: v for k, v in whole.items() if k not in ("objects", "sim", "schemaVersion")}
    meta.pop("commit", None)
    return {
        "apiVersion": API_VERSION,
        "kind": KIND,
        "schemaVersion": persist.SCHEMA_VERSION,
        "profile": whole.get("profile"),
        "meta": meta,
        "objects": whole["objects"],
        "sim": whole["sim"],
    }


def _whole_floats_as_ints(v: Any) -> Any:
    """``1.0`` -> ``1``: what reading the YAML back (sigs.k8s.io/yaml's rules) gives anyway."""
    if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
        return int(v)
    if isinstance(v, dict):
        return {k: _whole_floats_as_ints(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_whole_floats_as_ints(x) for x in v]
    return v


def encode(snapshot: dict[str, Any], yaml_out: bool) -> str:
    """JSON as stored; YAML with whole floats written as ints, so that exporting an imported
    snapshot gives the same bytes again."""
    if not yaml_out:
        return json.dumps(snapshot, indent=2, ensure_ascii=False) + "\n"
    import yaml

    doc = _whole_floats_as_ints(snapshot)
    return str(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True))


def parse(text: str, source: str) -> dict[str, Any]:
    """The snapshot in ``text`` (JSON or YAML), checked; MklError naming ``source`` otherwise."""
    from minikube_lite.ops import manifests

    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as e:
            raise errors.MklError(f"cannot read snapshot {source}: {e}") from None
    else:
        docs = manifests.load_yaml_all(text, source)
        data = docs[0] if len(docs) == 1 else None
    if not (isinstance(data, dict) and data.get("kind") == KIND):
        raise errors.MklError(
            f"cannot import {source}: not a minikube-lite cluster snapshot "
            f"(want kind: {KIND}; make one with 'mkl cluster export')"
        )
    version = data.get("schemaVersion")
    if type(version) is not int:
        raise errors.MklError(f"cannot import {source}: no schemaVersion")
    if version > persist.SCHEMA_VERSION:
        raise errors.MklError(
            f"cannot import {source}: it was written by a newer minikube-lite (snapshot schema "
            f"{version}, this one understands {persist.SCHEMA_VERSION}); upgrade minikube-lite"
        )
    for key in ("meta", "objects", "sim"):
        if not isinstance(data.get(key), dict):
            raise errors.MklError(f"cannot import {source}: {key!r} is not an object")
    return data


def restore(profile: str | None, snapshot: dict[str, Any], source: str, force: bool) -> str:
    """Write ``snapshot`` as the state of ``profile`` (replacing it only with ``force``);
    returns the profile's name."""
    name = persist.profile_name(profile)
    doc = dict(snapshot["meta"])
    doc["schemaVersion"] = persist.SCHEMA_VERSION
    doc["profile"] = name
    doc["objects"] = snapshot["objects"]
    doc["sim"] = snapshot["sim"]
    why = persist.shape_error(doc) or _entries_error(doc)
    if why is not None:
        raise errors.MklError(f"cannot import {source}: {why}")
    c = doc["clock"]
    if c.get("mode") == "real":  # continue from the snapshot's instant
        c["startSim"], c["startWall"], c["advanced"] = float(c["now"]), clock.wall(), 0.0
    with persist.locked(name) as lock:
        if persist.load(lock.path) is not None and not force:
            raise errors.MklError(
                f'profile "{name}" already exists; import into another with --profile, '
                "or replace it with --force"
            )
        persist.save(lock.path, doc)
        lock.remember_wall(clock.wall())
    return name


def _entries_error(doc: dict[str, Any]) -> str | None:
    for kind, objs in doc["objects"].items():
        why = segments.entry_error("objects", kind, objs)
        if why is not None:
            return why
    return None
