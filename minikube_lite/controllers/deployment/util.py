"""Pure helpers of the deployment controller.

Port of ``pkg/controller/deployment/util/deployment_util.go``: replica arithmetic (fenceposts,
NewRSNewReplicas, proportions), new/old ReplicaSet detection, revisions and the annotations a
Deployment copies onto its ReplicaSets, and the pod-template-hash
(pkg/controller/controller_utils.go ComputeHash; [SIM] FNV-1a over canonical JSON, see
docs/architecture.md (Simulation decisions)).  Nothing here writes to the cluster.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable

from minikube_lite import ids
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MAX_INT32 = 2147483647
REVISION_HISTORY_MAX_CHARS = 2000
_PERCENT_RE = re.compile(r"^[0-9]+%$")


def go_round(x: float) -> int:
    """Go math.Round: half away from zero (Python's round() is banker's rounding)."""
    return math.floor(abs(x) + 0.5) * (1 if x >= 0 else -1)


def get_scaled_value_from_int_or_percent(value: Any, total: int, round_up: bool) -> int:
    """intstr.GetScaledValueFromIntOrPercent."""
    if value is None:
        return 0
    if isinstance(value, bool):
        raise ValueError("invalid value for IntOrString: invalid type: neither int nor percentage")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _PERCENT_RE.match(value):
        pct = int(value[:-1])
        exact = pct * total / 100
        return math.ceil(exact) if round_up else math.floor(exact)
    raise ValueError("invalid value for IntOrString: invalid type: string is not a percentage")


def resolve_fenceposts(max_surge: Any, max_unavailable: Any, desired: int) -> tuple[int, int]:
    """Port of ResolveFenceposts: surge rounds up, unavailable rounds down; never both zero."""
    surge = get_scaled_value_from_int_or_percent(
        max_surge if max_surge is not None else 0, desired, True
    )
    unavailable = get_scaled_value_from_int_or_percent(
        max_unavailable if max_unavailable is not None else 0, desired, False
    )
    if surge == 0 and unavailable == 0:
        unavailable = 1
    return surge, unavailable


def replicas(d: Obj) -> int:
    return o.spec_replicas(d)


def strategy_type(d: Obj) -> str:
    return str((d.get("spec", {}).get("strategy") or {}).get("type") or "RollingUpdate")


def _rolling(d: Obj) -> Obj:
    return (d.get("spec", {}).get("strategy") or {}).get("rollingUpdate") or {}


def max_surge(d: Obj) -> int:
    """MaxSurge: 0 unless RollingUpdate."""
    if strategy_type(d) != "RollingUpdate":
        return 0
    ru = _rolling(d)
    return resolve_fenceposts(ru.get("maxSurge"), ru.get("maxUnavailable"), replicas(d))[0]


def max_unavailable(d: Obj) -> int:
    """MaxUnavailable: 0 unless RollingUpdate with replicas > 0; never above replicas."""
    if strategy_type(d) != "RollingUpdate" or replicas(d) == 0:
        return 0
    ru = _rolling(d)
    unavailable = resolve_fenceposts(ru.get("maxSurge"), ru.get("maxUnavailable"), replicas(d))[1]
    return min(unavailable, replicas(d))


def rs_replicas(rs: Obj) -> int:
    return o.spec_replicas(rs)


def new_rs_new_replicas(d: Obj, all_rss: Iterable[Obj | None], new_rs: Obj) -> int:
    """Port of NewRSNewReplicas: how far the new RS may grow now."""
    if strategy_type(d) == "Recreate":
        return replicas(d)
    surge = max_surge(d)
    current = get_replica_count_for_replica_sets(all_rss)
    max_total = replicas(d) + surge
    if current >= max_total:
        return rs_replicas(new_rs)
    scale_up = min(max_total - current, replicas(d) - rs_replicas(new_rs))
    return rs_replicas(new_rs) + scale_up


# ----- counting -----------------------------------------------------------------------------------


def _present(rss: Iterable[Obj | None]) -> list[Obj]:
    return [rs for rs in rss if rs is not None]


def get_replica_count_for_replica_sets(rss: Iterable[Obj | None]) -> int:
    """Σ spec.replicas."""
    return sum(rs_replicas(rs) for rs in _present(rss))


def get_actual_replica_count_for_replica_sets(rss: Iterable[Obj | None]) -> int:
    """Σ status.replicas."""
    return sum(o.status_int(rs, "replicas") for rs in _present(rss))


def get_ready_replica_count_for_replica_sets(rss: Iterable[Obj | None]) -> int:
    return sum(o.status_int(rs, "readyReplicas") for rs in _present(rss))


def get_available_replica_count_for_replica_sets(rss: Iterable[Obj | None]) -> int:
    return sum(o.status_int(rs, "availableReplicas") for rs in _present(rss))


def filter_active_replica_sets(rss: Iterable[Obj | None]) -> list[Obj]:
    """Active = spec.replicas > 0."""
    return [rs for rs in _present(rss) if rs_replicas(rs) > 0]


# ----- ordering ----------------------------------------------------------------------------------


def _created(rs: Obj) -> str:
    return str(o.meta(rs).get("creationTimestamp") or "")


def by_creation_timestamp(rss: Iterable[Obj]) -> list[Obj]:
    """ReplicaSetsByCreationTimestamp: oldest first, ties by name."""
    return sorted(rss, key=lambda rs: (_created(rs), o.name(rs)))


def by_size_newer(rss: Iterable[Obj]) -> list[Obj]:
    """ReplicaSetsBySizeNewer: larger first; ties newer first."""
    newest_first = sorted(rss, key=lambda rs: (_created(rs), o.name(rs)), reverse=True)
    return sorted(newest_first, key=lambda rs: -rs_replicas(rs))


def by_size_older(rss: Iterable[Obj]) -> list[Obj]:
    """ReplicaSetsBySizeOlder: larger first; ties older first."""
    return sorted(by_creation_timestamp(rss), key=lambda rs: -rs_replicas(rs))


def by_revision(rss: Iterable[Obj]) -> list[Obj]:
    """ReplicaSetsByRevision: ascending revision; ties by creation time then name.

    An unparsable revision sorts as 0 (upstream compares such a pair by creation time).
    """
    return sorted(rss, key=lambda rs: (revision(rs) or 0, _created(rs), o.name(rs)))


# ----- new / old ReplicaSets --------------------------------------------------------------------


def _without_hash(template: Obj | None) -> Any:
    t = o.deepcopy(template or {})
    lbls = (t.get("metadata") or {}).get("labels")
    if lbls is not None:
        lbls.pop(o.POD_TEMPLATE_HASH_LABEL, None)
    return o._normalize(t)


def equal_ignore_hash(t1: Obj | None, t2: Obj | None) -> bool:
    """EqualIgnoreHash: semantic template equality ignoring the pod-template-hash label."""
    return _without_hash(t1) == _without_hash(t2)  # type: ignore[no-any-return]


def find_new_replica_set(d: Obj, rs_list: Iterable[Obj]) -> Obj | None:
    """FindNewReplicaSet: the oldest RS whose template equals the deployment's."""
    want = _without_hash(o.pod_template(d))
    for rs in by_creation_timestamp(rs_list):
        if _without_hash(o.pod_template(rs)) == want:
            return rs
    return None


def find_old_replica_sets(d: Obj, rs_list: Iterable[Obj], new_rs: Obj | None) -> list[Obj]:
    """FindOldReplicaSets (all old RSes, active or not)."""
    return [rs for rs in rs_list if new_rs is None or o.uid(rs) != o.uid(new_rs)]


# ----- revisions and annotations ------------------------------------------------------------------


def revision(obj: Obj) -> int | None:
    """Port of Revision (also kubectl's copy, staging/src/k8s.io/kubectl/pkg/util/deployment).

    0 when the ``deployment.kubernetes.io/revision`` annotation is missing, None (Go: the
    strconv.ParseInt error) when it is not an integer.  The one revision parser of the project.
    """
    v = o.annotations(obj).get(o.REVISION_ANNOTATION)
    if v is None:
        return 0
    try:
        return int(str(v), 10)
    except ValueError:
        return None


def max_revision(rss: Iterable[Obj]) -> int:
    """MaxRevision: the highest parsable revision (unparsable ones are skipped), 0 for none."""
    return max((v for rs in rss if (v := revision(rs)) is not None), default=0)


def last_revision(rss: Iterable[Obj]) -> int:
    """LastRevision: the second-highest revision (legacy rollback to 0); unparsable skipped."""
    revs = sorted({v for rs in rss if (v := revision(rs)) is not None})
    return revs[-2] if len(revs) >= 2 else 0


def _copy_deployment_annotations(d: Obj, rs: Obj) -> bool:
    changed = False
    for k, v in o.annotations(d).items():
        if k in o.SKIP_COPY_ANNOTATIONS:
            continue
        changed |= o.set_annotation(rs, k, v)
    return changed


def set_new_replica_set_annotations(d: Obj, rs: Obj, new_revision: int, exists: bool) -> bool:
    """Port of SetNewReplicaSetAnnotations; True when the RS annotations changed."""
    changed = _copy_deployment_annotations(d, rs)
    ann = o.annotations(rs)
    old_text = ann.get(o.REVISION_ANNOTATION)
    old = revision(rs)
    if old is None:
        return False
    if old < new_revision:
        o.set_annotation(rs, o.REVISION_ANNOTATION, str(new_revision))
        changed = True
        if old_text is not None:
            hist = ann.get(o.REVISION_HISTORY_ANNOTATION)
            entries = (hist.split(",") if hist else []) + [old_text]
            while len(",".join(entries)) > REVISION_HISTORY_MAX_CHARS and len(entries) > 1:
                entries.pop(0)
            o.set_annotation(rs, o.REVISION_HISTORY_ANNOTATION, ",".join(entries))
    if not exists:
        changed |= set_replicas_annotations(rs, replicas(d), replicas(d) + max_surge(d))
    return changed


def set_replicas_annotations(rs: Obj, desired: int, max_replicas: int) -> bool:
    """SetReplicasAnnotations."""
    a = o.set_annotation(rs, o.DESIRED_REPLICAS_ANNOTATION, str(desired))
    b = o.set_annotation(rs, o.MAX_REPLICAS_ANNOTATION, str(max_replicas))
    return a or b


def replicas_annotations_need_update(rs: Obj, desired: int, max_replicas: int) -> bool:
    ann = o.annotations(rs)
    return bool(
        ann.get(o.DESIRED_REPLICAS_ANNOTATION) != str(desired)
        or ann.get(o.MAX_REPLICAS_ANNOTATION) != str(max_replicas)
    )


def _int_annotation(rs: Obj, key: str) -> int | None:
    v = o.annotations(rs).get(key)
    try:
        return int(v) if v is not None else None
    except ValueError:
        return None


def get_desired_replicas_annotation(rs: Obj) -> int | None:
    return _int_annotation(rs, o.DESIRED_REPLICAS_ANNOTATION)


def get_max_replicas_annotation(rs: Obj) -> int | None:
    return _int_annotation(rs, o.MAX_REPLICAS_ANNOTATION)


def set_deployment_revision(d: Obj, revision_value: str) -> bool:
    """SetDeploymentRevision: True when the deployment's revision annotation changed."""
    return o.set_annotation(d, o.REVISION_ANNOTATION, revision_value)


# ----- proportional scaling ---------------------------------------------------------------------


def is_saturated(d: Obj, rs: Obj | None) -> bool:
    """IsSaturated: the new RS has exactly the desired, annotated and available replicas."""
    if rs is None:
        return False
    desired = get_desired_replicas_annotation(rs)
    return (
        desired is not None
        and rs_replicas(rs) == replicas(d)
        and desired == replicas(d)
        and o.status_int(rs, "availableReplicas") == replicas(d)
    )


def find_active_or_latest(new_rs: Obj | None, old_rss: list[Obj]) -> Obj | None:
    """FindActiveOrLatest: the only active RS, else the newest when none is active, else None."""
    if new_rs is None and not old_rss:
        return None
    old_sorted = by_creation_timestamp(old_rss)[::-1]
    active = filter_active_replica_sets([new_rs, *old_sorted])
    if not active:
        return new_rs if new_rs is not None else old_sorted[0]
    if len(active) == 1:
        return active[0]
    return None


def get_replica_set_fraction(rs: Obj, d: Obj, status_replicas: int) -> int:
    """getReplicaSetFraction: the RS's share of the scaling event."""
    if replicas(d) == 0:
        return -rs_replicas(rs)
    total = replicas(d) + max_surge(d)
    annotated = get_max_replicas_annotation(rs)
    if not annotated:
        annotated = status_replicas
    if annotated == 0:
        return 0
    new_size = rs_replicas(rs) * total / annotated
    return go_round(new_size) - rs_replicas(rs)


def get_proportion(rs: Obj | None, d: Obj, to_add: int, added: int, status_replicas: int) -> int:
    """GetProportion: bounded by what is still left to add (or remove)."""
    if rs is None or rs_replicas(rs) == 0 or to_add == 0 or to_add == added:
        return 0
    frac = get_replica_set_fraction(rs, d, status_replicas)
    allowed = to_add - added
    return min(frac, allowed) if to_add > 0 else max(frac, allowed)


# ----- pod-template-hash ------------------------------------------------------------------------


def compute_hash(template: Obj, collision_count: int | None) -> str:
    """controller.ComputeHash [SIM]: FNV-1a-32 over canonical JSON of the template (+ collision
    bytes)."""
    canon = json.dumps(
        _without_hash(template), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    data = canon.encode()
    if collision_count is not None:
        data += int(collision_count & 0xFFFFFFFF).to_bytes(4, "little") + b"\x00\x00\x00\x00"
    return ids.safe_encode_hash(ids.fnv1a_32(data))


def has_progress_deadline(d: Obj) -> bool:
    pds = d.get("spec", {}).get("progressDeadlineSeconds")
    return pds is not None and int(pds) != MAX_INT32


def progress_deadline(d: Obj) -> int:
    return int(d.get("spec", {}).get("progressDeadlineSeconds") or 0)
