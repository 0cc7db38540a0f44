"""Table-driven tests of deployment_util.go ports.

Upstream TestResolveFenceposts, TestNewRSNewReplicas …
"""

from __future__ import annotations

from typing import Any

import pytest

from minikube_lite import ids
from minikube_lite.controllers.deployment import util

Obj = dict[str, Any]


def d(
    replicas: int, surge: Any = "25%", unavailable: Any = "25%", strategy: str = "RollingUpdate"
) -> Obj:
    spec: Obj = {"replicas": replicas, "strategy": {"type": strategy}}
    if strategy == "RollingUpdate":
        spec["strategy"]["rollingUpdate"] = {"maxSurge": surge, "maxUnavailable": unavailable}
    return {"metadata": {"name": "web"}, "spec": spec, "status": {}}


def rs(name: str, replicas: int, created: str = "2024-01-01T00:00:00Z", **ann: str) -> Obj:
    return {
        "metadata": {
            "name": name,
            "uid": name,
            "creationTimestamp": created,
            "annotations": dict(ann),
        },
        "spec": {"replicas": replicas},
    }


@pytest.mark.parametrize(
    ("surge", "unavailable", "desired", "expected"),
    [
        pytest.param("25%", "25%", 4, (1, 1), id="25pct-of-4"),
        pytest.param("25%", "25%", 1, (1, 0), id="25pct-of-1-surge-rounds-up"),
        pytest.param("0%", "1%", 2, (0, 1), id="both-round-to-zero-forces-unavailable-1"),
        pytest.param("0%", "0%", 0, (0, 1), id="zero-desired"),
        pytest.param("39%", "39%", 10, (4, 3), id="39pct-of-10"),
        pytest.param(None, None, 10, (0, 1), id="nil-nil"),
        pytest.param("39%", None, 10, (4, 0), id="surge-only"),
        pytest.param(3, 2, 10, (3, 2), id="absolute"),
        pytest.param("0%", "25%", 1, (0, 1), id="surge-0-unavailable-25pct-of-1"),
    ],
)
def test_resolve_fenceposts(
    surge: Any, unavailable: Any, desired: int, expected: tuple[int, int]
) -> None:
    assert util.resolve_fenceposts(surge, unavailable, desired) == expected


def test_resolve_fenceposts_rejects_non_percent_string() -> None:
    with pytest.raises(ValueError, match="string is not a percentage"):
        util.resolve_fenceposts("25", "25%", 4)


@pytest.mark.parametrize(
    ("replicas", "surge", "unavailable", "min_available", "max_total"),
    [
        (1, 1, 0, 1, 2),
        (2, 1, 0, 2, 3),
        (3, 1, 0, 3, 4),
        (4, 1, 1, 3, 5),
        (5, 2, 1, 4, 7),
        (10, 3, 2, 8, 13),
    ],
)
def test_fencepost_table_25_percent(
    replicas: int, surge: int, unavailable: int, min_available: int, max_total: int
) -> None:
    dep = d(replicas)
    assert (util.max_surge(dep), util.max_unavailable(dep)) == (surge, unavailable)
    assert replicas - util.max_unavailable(dep) == min_available
    assert replicas + util.max_surge(dep) == max_total


def test_max_surge_and_unavailable_zero_for_recreate_and_zero_replicas() -> None:
    assert (
        util.max_surge(d(3, strategy="Recreate")),
        util.max_unavailable(d(3, strategy="Recreate")),
    ) == (0, 0)
    assert util.max_unavailable(d(0)) == 0
    assert util.max_unavailable(d(2, 0, 5)) == 2  # never more than replicas


@pytest.mark.parametrize(
    ("strategy", "dep_replicas", "new_rs_replicas", "surge", "expected"),
    [
        pytest.param("RollingUpdate", 1, 5, 1, 5, id="can-not-scale-up-to-newRSReplicas"),
        pytest.param("RollingUpdate", 6, 2, 10, 6, id="scale-up-to-depReplicas"),
        pytest.param("Recreate", 3, 1, 1, 3, id="recreate-to-depReplicas"),
    ],
)
def test_new_rs_new_replicas(
    strategy: str, dep_replicas: int, new_rs_replicas: int, surge: int, expected: int
) -> None:
    dep = d(dep_replicas, surge, 1, strategy)
    new = rs("new", new_rs_replicas)
    assert util.new_rs_new_replicas(dep, [rs("rs5", 5)], new) == expected


def test_new_rs_new_replicas_counts_spec_not_pods() -> None:
    # 10 replicas, surge 3: old RS at 10 → the new RS may take 3.
    assert util.new_rs_new_replicas(d(10, 3, 2), [rs("old", 10), rs("new", 0)], rs("new", 0)) == 3


@pytest.mark.parametrize(
    ("x", "expected"),
    [(0.5, 1), (1.5, 2), (2.5, 3), (-0.5, -1), (-2.5, -3), (20.31, 20), (12.69, 13), (1.49, 1)],
)
def test_go_round_is_half_away_from_zero(x: float, expected: int) -> None:
    assert util.go_round(x) == expected


def template(image: str = "nginx:1.14.2", **labels: str) -> Obj:
    return {
        "metadata": {"labels": {"app": "web", **labels}},
        "spec": {"containers": [{"name": "web", "image": image}]},
    }


def test_pod_template_hash_alphabet_and_length() -> None:
    h = util.compute_hash(template(), None)
    assert set(h) <= set("456789bcdf")
    value = ids.fnv1a_32(b"x")
    assert len(ids.safe_encode_hash(value)) == len(str(value))
    assert 1 <= len(h) <= 10


def test_pod_template_hash_is_deterministic_and_template_sensitive() -> None:
    assert util.compute_hash(template(), None) == util.compute_hash(template(), None)
    assert util.compute_hash(template(), None) != util.compute_hash(template("nginx:1.16.1"), None)


def test_pod_template_hash_ignores_hash_label_and_empty_fields() -> None:
    base = util.compute_hash(template(), None)
    assert util.compute_hash(template(**{"pod-template-hash": "abc"}), None) == base
    with_empty = template()
    with_empty["spec"]["containers"][0]["resources"] = {}
    with_empty["metadata"]["annotations"] = {}
    assert util.compute_hash(with_empty, None) == base


def test_pod_template_hash_changes_with_collision_count() -> None:
    hashes = {util.compute_hash(template(), n) for n in (None, 1, 2)}
    assert len(hashes) == 3


def test_safe_encode_maps_digits() -> None:
    assert ids.safe_encode_hash(1234567890) == "56789bcdf4"


def test_equal_ignore_hash_is_semantic() -> None:
    a = template(**{"pod-template-hash": "x"})
    b = template()
    b["metadata"]["annotations"] = {}
    assert util.equal_ignore_hash(a, b)
    assert not util.equal_ignore_hash(a, template("nginx:1.16.1"))


def test_set_new_replica_set_annotations_copies_and_renumbers() -> None:
    dep = d(3)
    dep["metadata"]["annotations"] = {
        "kubernetes.io/change-cause": "set image",
        "kubectl.kubernetes.io/last-applied-configuration": "{}",
    }
    r = rs("web-b", 0, **{"deployment.kubernetes.io/revision": "2"})
    assert util.set_new_replica_set_annotations(dep, r, 4, exists=True)
    ann = r["metadata"]["annotations"]
    assert ann["deployment.kubernetes.io/revision"] == "4"
    assert ann["deployment.kubernetes.io/revision-history"] == "2"
    assert ann["kubernetes.io/change-cause"] == "set image"
    assert "kubectl.kubernetes.io/last-applied-configuration" not in ann
    assert "deployment.kubernetes.io/desired-replicas" not in ann  # only for brand-new RSes
    util.set_new_replica_set_annotations(dep, r, 7, exists=True)
    assert ann["deployment.kubernetes.io/revision-history"] == "2,4"


def test_set_new_replica_set_annotations_never_lowers_revision() -> None:
    r = rs("web-b", 0, **{"deployment.kubernetes.io/revision": "5"})
    util.set_new_replica_set_annotations(d(3), r, 3, exists=True)
    assert r["metadata"]["annotations"]["deployment.kubernetes.io/revision"] == "5"


def test_new_rs_annotations_desired_and_max() -> None:
    r = rs("web-b", 0)
    util.set_new_replica_set_annotations(d(10, 3, 2), r, 1, exists=False)
    ann = r["metadata"]["annotations"]
    assert (
        ann["deployment.kubernetes.io/desired-replicas"],
        ann["deployment.kubernetes.io/max-replicas"],
    ) == ("10", "13")
    assert ann["deployment.kubernetes.io/revision"] == "1"
    assert "deployment.kubernetes.io/revision-history" not in ann


def test_find_new_replica_set_picks_oldest_equal_template() -> None:
    dep = d(3)
    dep["spec"]["template"] = template()
    a = rs("a", 1, "2024-01-01T00:00:05Z")
    a["spec"]["template"] = template(**{"pod-template-hash": "1"})
    b = rs("b", 1, "2024-01-01T00:00:01Z")
    b["spec"]["template"] = template(**{"pod-template-hash": "2"})
    other = rs("c", 1)
    other["spec"]["template"] = template("nginx:1.16.1")
    assert util.find_new_replica_set(dep, [a, b, other]) is b
    assert [o["metadata"]["name"] for o in util.find_old_replica_sets(dep, [a, b, other], b)] == [
        "a",
        "c",
    ]


def test_find_active_or_latest() -> None:
    old1 = rs("old1", 0, "2024-01-01T00:00:01Z")
    old2 = rs("old2", 0, "2024-01-01T00:00:02Z")
    assert util.find_active_or_latest(None, [old1, old2]) is old2
    new = rs("new", 0, "2024-01-01T00:00:03Z")
    assert util.find_active_or_latest(new, [old1, old2]) is new
    old1["spec"]["replicas"] = 2
    assert util.find_active_or_latest(new, [old1, old2]) is old1
    new["spec"]["replicas"] = 1
    assert util.find_active_or_latest(new, [old1, old2]) is None


def test_revision_sorting_and_last_revision() -> None:
    rss = [
        rs("a", 0, **{"deployment.kubernetes.io/revision": "3"}),
        rs("b", 0, **{"deployment.kubernetes.io/revision": "1"}),
        rs("c", 0),
    ]
    assert [r["metadata"]["name"] for r in util.by_revision(rss)] == ["c", "b", "a"]
    assert util.max_revision(rss) == 3
    assert util.last_revision(rss) == 1


@pytest.mark.parametrize(
    ("annotation", "want"),
    [(None, 0), ("3", 3), ("0", 0), ("-2", -2), ("x", None), ("", None), ("1.5", None)],
)
def test_revision_is_upstream_revision(annotation: str | None, want: int | None) -> None:
    """deploymentutil.Revision: a missing annotation is 0, an unparsable one an error (None)."""
    ann = {} if annotation is None else {"deployment.kubernetes.io/revision": annotation}
    assert util.revision(rs("a", 0, **ann)) == want


def test_unparsable_revisions_are_skipped() -> None:
    """MaxRevision / LastRevision skip a ReplicaSet whose revision does not parse."""
    rss = [
        rs("a", 0, **{"deployment.kubernetes.io/revision": "x"}),
        rs("b", 0, **{"deployment.kubernetes.io/revision": "2"}),
        rs("c", 0, **{"deployment.kubernetes.io/revision": "5"}),
    ]
    assert util.max_revision(rss) == 5
    assert util.last_revision(rss) == 2
    assert util.max_revision(rss[:1]) == 0
    assert [r["metadata"]["name"] for r in util.by_revision(rss)] == ["a", "b", "c"]


def test_has_progress_deadline() -> None:
    dep = d(1)
    assert not util.has_progress_deadline(dep)
    dep["spec"]["progressDeadlineSeconds"] = 600
    assert util.has_progress_deadline(dep)
    dep["spec"]["progressDeadlineSeconds"] = 2147483647
    assert not util.has_progress_deadline(dep)
