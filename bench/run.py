"""`make bench`: per-command cost as ratios against `python -c pass` and a local kubectl command.

Every figure is the median of several runs after a warm-up (wall time, CPU time user+sys, and peak
RSS, each run in its own child: bench/measure.py), measured in this one run against its reference,
so the ratios mean something on any machine.  Results go to stdout as a table and to
bench/results.json.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import measure

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
RUNS = int(os.environ.get("MKL_BENCH_RUNS", "15"))
ROLLOUT_REPLICAS = os.environ.get("MKL_BENCH_ROLLOUT_REPLICAS", "10000")
# the long parts after the small-command table; MKL_BENCH_PARTS= (empty) measures only that table
PARTS = os.environ.get("MKL_BENCH_PARTS", "rollout_1000,large,idle").split(",")


def timed(argv: list[str], env: dict[str, str], runs: int = RUNS) -> dict[str, float]:
    """Medians of `argv` over `runs` runs after one warm-up: wall_s, cpu_s, rss_mib."""
    return measure.median(argv, env, runs)


def mkl(*args: str) -> list[str]:
    return [str(BIN / "mkl"), *args]


def small_cluster(env: dict[str, str]) -> None:
    subprocess.run(
        mkl("cluster", "start", "--clock", "manual", "--seed", "1"),
        env=env,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        mkl("create", "-f", str(HERE.parent / "manifests" / "http-go-deploy.yaml")),
        env=env,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        mkl("rollout", "status", "deploy/http-go"), env=env, check=True, capture_output=True
    )


def main() -> None:
    home = tempfile.mkdtemp(prefix="mkl-bench-")
    env = {**os.environ, "MKL_HOME": home, "NO_COLOR": "1"}
    try:
        small_cluster(env)
        floor = timed([sys.executable, "-c", "pass"], env)
        kubectl = shutil.which("kubectl", path=str(BIN)) or shutil.which("kubectl")
        cm = Path(home) / "cm.yaml"
        cm.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n")
        ref = (
            timed([kubectl, "patch", "--local", "-f", str(cm), "-p", "{}", "-o", "name"], env)
            if kubectl
            else None
        )
        commands = {
            "get pods": mkl("get", "pods"),
            "get deploy -o json": mkl("get", "deploy", "-o", "json"),
            "set image (no-op)": mkl(
                "set", "image", "deploy/http-go", "http-go=gasbugs/http-go:v1"
            ),
            "rollout history": mkl("rollout", "history", "deploy/http-go"),
            "rollout status (done)": mkl("rollout", "status", "deploy/http-go"),
        }
        rows = []
        for label, argv in commands.items():
            t = timed(argv, env)
            rows.append(
                {
                    "command": label,
                    "median_ms": round(t["wall_s"] * 1000, 1),
                    "x_python": round(t["wall_s"] / floor["wall_s"], 2),
                    "x_kubectl": round(t["wall_s"] / ref["wall_s"], 2) if ref else None,
                    "cpu_ms": round(t["cpu_s"] * 1000, 1),
                    "x_kubectl_cpu": round(t["cpu_s"] / ref["cpu_s"], 2) if ref else None,
                    "rss_mib": t["rss_mib"],
                }
            )
        results = {
            "python_floor_ms": round(floor["wall_s"] * 1000, 1),
            "python_floor_cpu_ms": round(floor["cpu_s"] * 1000, 1),
            "python_floor_rss_mib": floor["rss_mib"],
            "kubectl_local_ms": round(ref["wall_s"] * 1000, 1) if ref else None,
            "kubectl_local_cpu_ms": round(ref["cpu_s"] * 1000, 1) if ref else None,
            "kubectl_local_rss_mib": ref["rss_mib"] if ref else None,
            "commands": rows,
            "runs": RUNS,
        }
        for name, extra in (("rollout_1000", [ROLLOUT_REPLICAS]), ("large", []), ("idle", [])):
            if name not in PARTS:
                continue
            out = subprocess.run(
                [sys.executable, str(HERE / f"{name}.py"), *extra, "--json"],
                env=env,
                capture_output=True,
                text=True,
            )
            if out.returncode == 0 and out.stdout.strip().startswith("{"):
                results[name] = json.loads(out.stdout.strip().splitlines()[-1])
            else:
                results[name] = {"error": (out.stderr or out.stdout).strip()[-300:]}
        print_table(results)
        if "MKL_BENCH_PARTS" not in os.environ:  # a partial run leaves the full record alone
            (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    finally:
        shutil.rmtree(home, ignore_errors=True)


def print_table(results: dict) -> None:
    print(
        f"reference: python -c pass {results['python_floor_ms']} ms "
        f"({results['python_floor_cpu_ms']} ms CPU, {results['python_floor_rss_mib']} MiB); "
        f"kubectl patch --local {results['kubectl_local_ms']} ms "
        f"({results['kubectl_local_cpu_ms']} ms CPU, {results['kubectl_local_rss_mib']} MiB) "
        f"(medians of {results['runs']})"
    )
    print(
        f"{'command':<24}{'median ms':>10}{'x python':>10}{'x kubectl':>11}"
        f"{'CPU ms':>9}{'x kubectl':>11}{'RSS MiB':>9}"
    )
    for r in results["commands"]:
        print(
            f"{r['command']:<24}{r['median_ms']:>10}{r['x_python']:>10}"
            f"{(r['x_kubectl'] or '-'):>11}{r['cpu_ms']:>9}{(r['x_kubectl_cpu'] or '-'):>11}"
            f"{r['rss_mib']:>9}"
        )
    r = results.get("rollout_1000", {})
    if "update_cpu_s" in r:
        print(
            f"{r['replicas']:,}-replica rolling update (manual clock): {r['update_cpu_s']} s CPU, "
            f"{r['update_timers']} timers "
            f"(initial rollout {r['initial_cpu_s']} s, {r['initial_timers']} timers; "
            f"gc {'on' if r.get('gc', True) else 'off, as in a command'})"
        )
    print_large(results.get("large", {}))
    print_idle(results.get("idle", {}))
    print_targets(results)


def print_large(lg: dict) -> None:
    if "pods" not in lg:
        print(f"large cluster: {lg.get('error', 'not measured')}")
        return
    print(
        f"large cluster: {lg['deployments']} Deployments x {lg['replicas']} = "
        f"{lg['pods']} pods, {lg['events']} events in {lg['event_shards']} shards over "
        f"{lg['simulated_h']} simulated hours, state file {lg['state_bytes'] / 1e6:.1f} MB "
        f"(built in {lg['build_cpu_s']} s CPU; medians of {lg['runs']})"
    )
    for key in ("get pods -A", "get deploy -A"):
        v = lg[key]
        print(
            f"  {key:<26}{v['wall_s'] * 1000:>7.0f} ms {v['x_python']:>6}x python "
            f"{v['cpu_s']:>7.2f} s CPU {v['rss_mib']:>7} MiB"
        )
    for key in ("idle 1h", "idle 24h"):
        print(f"  advance {key[5:]:<18}{lg[key]['cpu_s']:>8} s CPU, {lg[key]['timers']} timers")
    title = f"one namespace: {lg['pods']} pods vs {lg['small_pods']}"
    print(f"{title:<40}{'CPU s':>8}{'small':>7}{'x':>6}{'RSS MiB':>9}{'small':>7}{'x':>6}")
    for r in lg["one_namespace"]:
        big, small = r["large"], r["small"]
        print(
            f"  {r['command']:<38}{big['cpu_s']:>8.3f}{small['cpu_s']:>7.3f}{r['x_cpu']:>6}"
            f"{big['rss_mib']:>9}{small['rss_mib']:>7}{r['x_rss']:>6}"
        )
    for span, v in lg.get("clock_advance", {}).items():
        figure = (
            f"timeout {v['timeout_s']:.0f} s" if "timeout_s" in v else f"{v['cpu_s']:.3f} s CPU"
        )
        print(f"  clock advance {span:<24}{figure} ({lg['small_pods']} pods)")


def _row(goal: str, figure: str, ok: bool | None) -> tuple[str, str, str]:
    return goal, figure, "-" if ok is None else "ok" if ok else "MISSED"


def targets(results: dict) -> list[tuple[str, str, str]]:
    """Issue 13's targets, each with this run's figure and whether it is met."""
    rows = []
    lg = results.get("large", {})
    for r in lg.get("one_namespace", []):
        cmd = r["command"]
        if cmd.startswith("clock") or cmd == "rollout status -n small":
            continue
        if "rolling" in cmd:
            rows.append(_row(f"{cmd}: CPU <= 3x", f"{r['x_cpu']}x", r["x_cpu"] <= 3))
            continue
        rss = r["large"]["rss_mib"]
        figure = f"{r['x_cpu']}x, {rss:.0f} MiB"
        rows.append(
            _row(f"{cmd}: CPU <= 2x, RSS <= 100 MiB", figure, r["x_cpu"] <= 2 and rss <= 100)
        )
    adv = lg.get("clock_advance", {})
    year, day = adv.get("8760h", {}), adv.get("24h", {})
    if "cpu_s" in year and "cpu_s" in day:
        x = round(year["cpu_s"] / day["cpu_s"], 1)
        rows.append(_row("clock advance 8760h: <= 2x 24h", f"{x}x", x <= 2))
        rows.append(
            _row("clock advance 8760h: < 0.3 s CPU", f"{year['cpu_s']} s", year["cpu_s"] < 0.3)
        )
    elif year:
        rows.append(_row("clock advance 8760h: < 0.3 s CPU", f"> {year['timeout_s']:.0f} s", False))
    worst = max((c["x_kubectl_cpu"] or 0 for c in results["commands"]), default=0)
    if results.get("kubectl_local_cpu_ms"):
        rows.append(_row("small-cluster commands: CPU <= 1.0x kubectl", f"{worst}x", worst <= 1.0))
    ro = results.get("rollout_1000", {})
    if "update_cpu_s" in ro:
        goal = f"{ro['replicas']:,}-replica rolling update: <= 3 s CPU"
        rows.append(_row(goal, f"{ro['update_cpu_s']} s", ro["update_cpu_s"] <= 3))
    return rows


def print_targets(results: dict) -> None:
    rows = targets(results)
    width = max((len(g) for g, _, _ in rows), default=10) + 2
    print(f"{'target (issue 13; one namespace: 10k pods vs 100)':<{width}}{'this run':>16}  met")
    for goal, figure, ok in rows:
        print(f"{goal:<{width}}{figure:>16}  {ok}")


def print_idle(idle: dict) -> None:
    if "x_cpu" not in idle:
        print(f"idle catch-up: {idle.get('error', 'not measured')}")
        return
    day, year = idle["advance 24h"], idle["advance 8760h"]
    print(
        f"idle catch-up (crash loop + pull back-off + failing readiness + unschedulable, CLI): "
        f"clock advance 24h {day['cpu_s']} s CPU, 8760h {year['cpu_s']} s CPU "
        f"({idle['x_cpu']}x; target {idle['target']})"
    )


if __name__ == "__main__":
    main()
