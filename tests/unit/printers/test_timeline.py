"""The rollout timeline (issue 7): recording per instant, marks, the terminal chart and the SVG.

A scripted rollout on a manual clock (create, update, scale, pause, update, resume, undo) is
recorded by the reconcile loop; the chart is checked against a reviewed golden file
(``MKL_UPDATE_GOLDEN=1`` rewrites it), the SVG parses as XML, plots exactly the recorded series,
and is byte-for-byte the same for the same rollout.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from minikube_lite.controllers import loop
from minikube_lite.controllers import timeline as tl
from minikube_lite.ops import session
from minikube_lite.printers import timeline as chart
from minikube_lite.printers import timeline_svg
from tests import builders as mk

GOLDEN = Path(__file__).resolve().parents[2] / "golden"
SVG_NS = "{http://www.w3.org/2000/svg}"
MARKS = [
    "set image gasbugs/http-go:v2",
    "scale 4 -> 6",
    "pause",
    "set image gasbugs/http-go:v3",
    "resume",
    "undo to revision 2",
]


def check_golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; ``MKL_UPDATE_GOLDEN=1`` writes it instead."""
    path = GOLDEN / name
    if os.environ.get("MKL_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), (
        f"missing golden file {path}: run the tests with MKL_UPDATE_GOLDEN=1 and review it"
    )
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} differs from its golden file (MKL_UPDATE_GOLDEN=1 rewrites it)"
    )


def ok(mkl: Any, *argv: str) -> str:
    r = mkl(*argv)
    assert r.exit_code == 0, (argv, r.stdout, r.stderr)
    return str(r.stdout)


def scripted(mkl: Any, tmp_path: Path) -> None:
    """The rollout every test here draws."""
    path = mk.write(tmp_path / "http-go.yaml", mk.http_go(minReadySeconds=10))
    ok(mkl, "apply", "-f", path)
    ok(mkl, "rollout", "status", "deploy/http-go")
    ok(mkl, "set", "image", "deploy/http-go", "http-go=gasbugs/http-go:v2")
    mkl("clock", "advance", "12s")
    ok(mkl, "scale", "deploy/http-go", "--replicas=6")
    ok(mkl, "rollout", "status", "deploy/http-go")
    ok(mkl, "rollout", "pause", "deploy/http-go")
    ok(mkl, "set", "image", "deploy/http-go", "http-go=gasbugs/http-go:v3")
    mkl("clock", "advance", "5s")
    ok(mkl, "rollout", "resume", "deploy/http-go")
    mkl("clock", "advance", "10s")
    ok(mkl, "rollout", "undo", "deploy/http-go")
    ok(mkl, "rollout", "status", "deploy/http-go")


def recorded(name: str = "http-go") -> tuple[tl.Series, float, dict[str, Any]]:
    """(series, now, raw stored entry) of a Deployment in the current profile."""
    with session.open_cluster(None) as cluster:
        d = cluster.get("Deployment", "default", name)
        assert d is not None
        return (
            tl.series(cluster, d),
            cluster.now,
            json.loads(json.dumps(cluster.state["timeline"]["default/" + name])),
        )


@pytest.fixture
def rolled(manual: Any, tmp_path: Path) -> Any:
    scripted(manual, tmp_path)
    return manual


# ----- recording ----------------------------------------------------------------------------------


def test_one_point_per_instant_and_only_on_change(rolled: Any) -> None:
    series, _, raw = recorded()
    times = [p.t for p in series.points]
    assert times == sorted(times)
    mark_times = {m.t for m in series.marks}
    for a, b in zip(series.points, series.points[1:], strict=False):
        assert a.t < b.t or a.t in mark_times  # two points at one instant only around a command
        assert (a.desired, a.ready, a.available, a.floor, a.ceiling, a.new, a.replicas) != (
            b.desired,
            b.ready,
            b.available,
            b.floor,
            b.ceiling,
            b.new,
            b.replicas,
        )
    assert raw["rs"] and all(len(p) == 8 for p in raw["points"])


def test_points_hold_the_controllers_numbers(rolled: Any) -> None:
    series, _, _ = recorded()
    first, last = series.points[0], series.points[-1]
    assert (first.desired, first.floor, first.ceiling, first.available) == (4, 3, 5, 0)
    assert (last.desired, last.floor, last.ceiling) == (
        6,
        5,
        8,
    )  # 6 replicas, 25%: unavailable 1, surge 2
    assert last.available == 6 and last.old_replicas == 0 and last.new_replicas == 6
    for p in series.points:  # the controller never goes above the ceiling (spec counts)
        assert p.old_replicas + p.new_replicas <= p.ceiling


def test_marks_come_from_the_commands(rolled: Any) -> None:
    series, _, _ = recorded()
    assert [m.text for m in series.marks] == MARKS
    t0 = series.points[0].t
    assert [m.t - t0 for m in series.marks][:2] == [14.0, 26.0]


def test_dry_runs_and_other_kinds_leave_no_mark(rolled: Any) -> None:
    ok(rolled, "scale", "deploy/http-go", "--replicas=2", "--dry-run=client")
    ok(rolled, "set", "image", "deploy/http-go", "http-go=gasbugs/http-go:v1", "--dry-run=server")
    assert [m.text for m in recorded()[0].marks] == MARKS


def test_series_is_bounded_and_compacted(
    manual: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tl, "MAX_POINTS", 6)
    scripted(manual, tmp_path)
    series, _, raw = recorded()
    assert len(series.points) == 6
    assert all(m.t >= series.points[0].t for m in series.marks)
    used = {i for p in raw["points"] for i, _ in p[7]} | {p[6] for p in raw["points"] if p[6] >= 0}
    assert used == set(range(len(raw["rs"])))


def test_a_new_deployment_with_the_same_name_starts_over(rolled: Any, tmp_path: Path) -> None:
    ok(rolled, "delete", "deploy", "http-go")
    with session.open_cluster(None) as cluster:
        assert "default/http-go" not in cluster.state.get("timeline", {})
    ok(rolled, "apply", "-f", str(tmp_path / "http-go.yaml"))
    series, _, _ = recorded()
    assert len(series.points) == 1 and series.marks == ()


def test_recording_stays_cheap_for_1000_replicas(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 1,000-replica update samples the Deployment once per settled instant, not once per pod.

    Cost is counted, not timed (tests never assert on time): every sample is a ``_point`` call.
    """
    from minikube_lite.store import apiserver, bootstrap

    cluster = bootstrap.new_cluster(mode="manual", seed=1)
    node = cluster.get("Node", None, "minikube")["status"]
    node["capacity"]["pods"] = node["allocatable"]["pods"] = (
        "2000"  # the kubelet's default takes 110
    )
    d = json.loads(
        json.dumps(
            {
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "metadata": {"name": "big", "labels": {"app": "big"}},
                "spec": {
                    "replicas": 1000,
                    "selector": {"matchLabels": {"app": "big"}},
                    "template": {
                        "metadata": {"labels": {"app": "big"}},
                        "spec": {"containers": [{"name": "c", "image": "gasbugs/http-go:v1"}]},
                    },
                },
            }
        )
    )
    apiserver.create(cluster, "Deployment", d)
    _run_until_idle(cluster)
    stored = cluster.get("Deployment", "default", "big")
    assert stored is not None
    new = json.loads(json.dumps(stored))
    new["spec"]["template"]["spec"]["containers"][0]["image"] = "gasbugs/http-go:v2"
    apiserver.update(cluster, "Deployment", new)
    samples = []
    point = tl._point
    monkeypatch.setattr(tl, "_point", lambda *a: samples.append(1) or point(*a))
    instants = _run_until_idle(cluster)
    points = cluster.state["timeline"]["default/big"]["points"]
    assert instants > 0
    assert len(samples) <= instants + 1
    assert len(points) <= 2 * instants + 2


def _run_until_idle(cluster: Any) -> int:
    loop.settle(cluster)
    instants = 0
    while (at := cluster.next_timer_at()) is not None and at < cluster.now + 3600:
        loop.advance_to(cluster, at)
        instants += 1
        d = cluster.get("Deployment", "default", "big")
        st = d.get("status", {})
        if (
            st.get("updatedReplicas") == st.get("availableReplicas") == st.get("replicas") == 1000
            and cluster.count("Pod") == 1000
        ):
            break
    return instants


# ----- the terminal chart -------------------------------------------------------------------------


def test_chart_golden(rolled: Any) -> None:
    out = ok(rolled, "rollout", "timeline", "deploy/http-go")
    series, now, _ = recorded()
    assert out == chart.chart(series, now, 64)
    check_golden("timeline_chart.txt", out)


def test_chart_of_nothing_recorded() -> None:
    empty = tl.Series("default", "web", (), ())
    assert chart.chart(empty, 0.0) == "No timeline recorded for deployment.apps/web yet.\n"


def test_chart_scales_large_replica_counts() -> None:
    pts = (
        tl.Point(0.0, 1000, 0, 0, 750, 1250, "b", (("b", 1000),)),
        tl.Point(30.0, 1000, 1000, 1000, 750, 1250, "b", (("b", 1000),)),
    )
    text = chart.chart(tl.Series("default", "big", pts, ()), 60.0, 40)
    rows = [line for line in text.splitlines() if "┤" in line]
    assert len(rows) == chart.MAX_ROWS + 1 and rows[0].startswith("1250 ┤")


def test_timeline_errors(rolled: Any) -> None:
    r = rolled("rollout", "timeline")
    assert (r.exit_code, r.stderr) == (1, "error: required resource not specified\n")
    r = rolled("rollout", "timeline", "deploy/nope")
    assert (r.exit_code, r.stderr) == (
        1,
        'Error from server (NotFound): deployments.apps "nope" not found\n',
    )
    r = rolled("rollout", "timeline", "deploy/http-go", "--svg", "/nonexistent/dir/t.svg")
    assert r.exit_code == 1 and r.stderr.startswith("error: cannot write /nonexistent/dir/t.svg")


# ----- the SVG ------------------------------------------------------------------------------------


def _vertices(el: ET.Element, plot: ET.Element) -> list[tuple[float, float]]:
    """Pixels back to (seconds since the first point, replicas) with the mapping the plot states."""
    x0, y0, sx, sy = (float(plot.attrib[k]) for k in ("data-x0", "data-y0", "data-sx", "data-sy"))
    pairs = (pair.split(",") for pair in el.attrib["points"].split())
    return [(round((float(x) - x0) / sx, 2), round((y0 - float(y)) / sy, 2)) for x, y in pairs]


def test_svg_parses_and_plots_the_recorded_series(rolled: Any, tmp_path: Path) -> None:
    target = tmp_path / "t.svg"
    assert ok(rolled, "rollout", "timeline", "deploy/http-go", "--svg", str(target)) == (
        f"deployment.apps/http-go timeline written to {target}\n"
    )
    root = ET.parse(target).getroot()
    assert root.tag == SVG_NS + "svg"
    series, now, _ = recorded()
    t0 = series.points[0].t
    plot = next(g for g in root.iter(SVG_NS + "g") if g.attrib.get("id") == "plot")
    lines = {el.attrib["id"]: el for el in plot.iter(SVG_NS + "polyline")}
    expected = {
        "old": lambda p: p.old_replicas,
        "new": lambda p: p.new_replicas,
        "available": lambda p: p.available,
        "desired": lambda p: p.desired,
    }
    for ident, get in expected.items():
        vertices = _vertices(lines[ident], plot)
        assert vertices[0::2] == [(p.t - t0, float(get(p))) for p in series.points], ident
        assert vertices[-1] == (now - t0, float(get(series.points[-1])))
    band = _vertices(next(plot.iter(SVG_NS + "polygon")), plot)
    half = len(band) // 2
    assert band[:half][0::2] == [(p.t - t0, float(p.ceiling)) for p in series.points]
    assert band[half:][::-1][0::2] == [(p.t - t0, float(p.floor)) for p in series.points]
    marks = [g for g in root.iter(SVG_NS + "g") if g.attrib.get("class") == "marks"]
    assert [float(g.attrib["data-t"]) for g in marks] == [m.t - t0 for m in series.marks]
    assert [g.find(SVG_NS + "title").text for g in marks] == MARKS  # type: ignore[union-attr]


def test_same_rollout_same_svg_bytes(
    manual: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scripted(manual, tmp_path)
    first = ok(manual, "rollout", "timeline", "deploy/http-go", "--svg", "-")
    monkeypatch.setenv("MKL_HOME", str(tmp_path / "second-home"))
    ok(manual, "cluster", "start", "--clock", "manual", "--seed", "1")
    scripted(manual, tmp_path)
    second = ok(manual, "rollout", "timeline", "deploy/http-go", "--svg", "-")
    assert first == second
    check_golden("timeline.svg", first)


def test_svg_escapes_text_and_handles_nothing_recorded() -> None:
    pts = (tl.Point(5.0, 1, 1, 1, 1, 2, "a", (("a", 1),)),)
    doc = timeline_svg.svg(
        tl.Series("default", "w<&>", pts, (tl.Mark(5.0, 'set image "a<b>&c"'),)), 5.0
    )
    root = ET.fromstring(doc.encode())
    assert root.find(SVG_NS + "title").text == "deployment.apps/w<&> rollout timeline"  # type: ignore[union-attr]
    empty = timeline_svg.svg(tl.Series("default", "w", (), ()), 0.0)
    assert "No timeline recorded yet." in ET.tostring(
        ET.fromstring(empty.encode()), encoding="unicode"
    )


@pytest.mark.parametrize(
    ("x", "text"),
    [
        (0.0, "0"),
        (-0.0001, "0"),
        (1.5, "1.5"),
        (2.0, "2"),
        (1 / 3, "0.333"),
        (1234567.0, "1234567"),
    ],
)
def test_num_is_short_and_stable(x: float, text: str) -> None:
    assert timeline_svg.num(x) == text
