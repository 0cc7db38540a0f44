"""The exec shell's world seam: sleep takes time through the world, each request looks at the
cluster as it is now, output leaves as it is written, and every producer of data is bounded."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from minikube_lite.ops.sandbox import podenv
from minikube_lite.ops.sandbox.world import Here
from minikube_lite.sandbox import process, shell_arith, shell_io, shell_parse, simfs
from minikube_lite.sandbox.context import ContainerGone
from minikube_lite.sandbox.shell import MAX_LOOP, MAX_NESTING
from minikube_lite.sandbox.shell_io import MAX_STEPS
from tests.unit.ops.sandbox.traffic_world import pod, service, world

Obj = dict[str, Any]


class FakeWorld:
    """A world whose clock the test drives: ``sleep`` moves ``now`` and runs ``on_sleep``.

    ``waits=True`` behaves as a real clock (the sleep waited on the wall clock), False as a
    manual one.  ``log`` records sleeps and output in the order they happen.
    """

    def __init__(
        self,
        cluster: Any,
        ref: podenv.PodRef,
        waits: bool = True,
        on_sleep: Callable[[FakeWorld], None] | None = None,
    ) -> None:
        self.cluster, self.ref, self.waits, self.on_sleep = cluster, ref, waits, on_sleep
        self.now = self.start = cluster.now
        self.log: list[str] = []
        self.looks = 0

    @contextlib.contextmanager
    def look(self) -> Iterator[Here]:
        self.looks += 1
        found = podenv.alive(self.cluster, self.ref)
        if found is None:
            raise ContainerGone()
        yield Here(self.cluster, found)

    def sleep(self, seconds: float) -> bool:
        self.log.append(f"sleep {seconds:g}")
        self.now += seconds
        self.cluster.now = self.now
        if self.on_sleep is not None:
            self.on_sleep(self)
        return self.waits


@pytest.fixture
def cluster() -> Any:
    c = world()
    pod(c, "client", ip="10.244.0.5", labels={"run": "client"})
    pod(c, "web-a", ip="10.244.0.7")
    pod(c, "box", image="busybox:1.36", ip="10.244.0.9", labels={"run": "box"})
    service(c)
    return c


def run(fw: FakeWorld, *argv: str, target: str = "client") -> tuple[int, str, str]:
    c = fw.cluster
    p = c.get("Pod", "default", target)
    fw.ref = podenv.ref_of(p, p["spec"]["containers"][0]["name"])
    ctx = podenv.context(c, p, p["spec"]["containers"][0], world=fw)
    out: list[str] = []
    err: list[str] = []

    def emit(fd: int, text: str) -> None:
        fw.log.append(f"{fd}:{text}")
        (out if fd == 1 else err).append(text)

    result = process.run_command(ctx, list(argv), emit=emit)
    assert result.chunks == []  # everything went out through emit
    return result.code, "".join(out), "".join(err)


def make(cluster: Any, **kw: Any) -> FakeWorld:
    p = cluster.get("Pod", "default", "client")
    return FakeWorld(cluster, podenv.ref_of(p, "web"), **kw)


def set_image(cluster: Any, name: str, image: str) -> None:
    p = cluster.get("Pod", "default", name)
    p["spec"]["containers"][0]["image"] = image
    cluster.replace("Pod", p)


# ----- sleep and time -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "seconds"),
    [
        pytest.param(["1"], 1.0, id="seconds"),
        pytest.param(["1.5"], 1.5, id="fraction"),
        pytest.param([".5", "2m", "1h", "1d"], 0.5 + 120 + 3600 + 86400, id="suffixes-add-up"),
        pytest.param(["infinity"], float("inf"), id="infinity"),
    ],
)
def test_sleep_asks_the_world_for_time(cluster: Any, args: list[str], seconds: float) -> None:
    fw = make(cluster)
    assert run(fw, "sleep", *args) == (0, "", "")
    assert fw.log == [f"sleep {seconds:g}"]


def test_invalid_sleep_takes_no_time(cluster: Any) -> None:
    fw = make(cluster)
    assert run(fw, "sleep", "1", "x") == (1, "", "sleep: invalid time interval 'x'\n")
    assert fw.log == ["2:sleep: invalid time interval 'x'\n"]


def test_output_leaves_before_the_next_sleep(cluster: Any) -> None:
    fw = make(cluster)
    assert run(fw, "sh", "-c", "echo a; sleep 1; echo b >&2; sleep 2; echo c")[0] == 0
    assert fw.log == ["1:a\n", "sleep 1", "2:b\n", "sleep 2", "1:c\n"]


def test_date_follows_the_worlds_clock(cluster: Any) -> None:
    fw = make(cluster)
    assert run(fw, "sh", "-c", "date +%T; sleep 90; date +%T") == (0, "00:00:00\n00:01:30\n", "")


def test_each_request_sees_the_cluster_as_it_is_now(cluster: Any) -> None:
    def roll(fw: FakeWorld) -> None:
        if fw.now - fw.start == 2:
            set_image(fw.cluster, "web-a", "gasbugs/http-go:v2")

    fw = make(cluster, on_sleep=roll)
    code, out, _ = run(fw, "sh", "-c", "for i in 1 2 3 4; do curl -s web; sleep 1; done")
    assert (code, out) == (0, "Welcome! http-go:v1\n" * 2 + "Welcome! http-go:v2\n" * 2)
    assert fw.looks == 4  # one look per request, none held across the sleeps


def test_the_process_dies_with_its_container(cluster: Any) -> None:
    def delete(fw: FakeWorld) -> None:
        fw.cluster.remove("Pod", fw.cluster.get("Pod", "default", "client"))

    fw = make(cluster, on_sleep=delete)
    assert run(fw, "sh", "-c", "echo before; sleep 1; curl -s web; echo after") == (
        137,
        "before\n",
        "",
    )


def test_a_restarted_container_is_another_process(cluster: Any) -> None:
    def restart(fw: FakeWorld) -> None:
        p = fw.cluster.get("Pod", "default", "client")
        p["status"]["containerStatuses"][0]["state"] = {
            "running": {"startedAt": "2024-01-01T00:00:05Z"}
        }
        fw.cluster.replace("Pod", p)

    fw = make(cluster, on_sleep=restart)
    assert run(fw, "sh", "-c", "sleep 1; wget -qO- web")[0] == 137


# ----- loops that sleep are not spinning ----------------------------------------------------------

LONG_LOOP = f"i=0; while true; do i=$((i+1)); [ $i -gt {MAX_LOOP + 500} ] && exit 0; sleep 1; done"


def test_a_loop_that_waits_on_a_real_clock_runs_past_the_loop_bound(cluster: Any) -> None:
    fw = make(cluster, waits=True)
    assert run(fw, "sh", "-c", LONG_LOOP) == (0, "", "")
    assert fw.log == ["sleep 1"] * (MAX_LOOP + 500)


def test_a_loop_that_waits_on_a_real_clock_runs_past_the_step_bound(cluster: Any) -> None:
    fw = make(cluster, waits=True)
    script = f"for i in $(seq {MAX_STEPS // 2}); do true; true; true; sleep 0.1; done; echo done"
    code, out, _ = run(fw, "sh", "-c", f"{script}; {script}")
    assert (code, out) == (0, "done\ndone\n")


def test_on_a_manual_clock_a_sleeping_loop_still_ends(cluster: Any) -> None:
    fw = make(cluster, waits=False)
    code, _, err = run(fw, "sh", "-c", LONG_LOOP)
    assert code == process.LOOP_EXIT
    assert err == (
        f"minikube-lite: the simulated shell stopped this command (a loop ran {MAX_LOOP} "
        "times); it never runs forever\n"
    )
    assert [e for e in fw.log if e.startswith("sleep")] == ["sleep 1"] * MAX_LOOP


@pytest.mark.parametrize(
    "script",
    [
        pytest.param("while true; do :; done", id="while"),
        pytest.param("while true; do sleep 0; done", id="sleep-0-takes-no-time"),
        pytest.param(f"for i in $(seq {MAX_LOOP + 1}); do :; done", id="for"),
    ],
)
def test_a_loop_that_only_spins_is_stopped(cluster: Any, script: str) -> None:
    fw = FakeWorld(cluster, make(cluster).ref, waits=True)
    fw.sleep = lambda seconds: False  # type: ignore[method-assign]  # sleep 0 waits for nothing
    code, _, err = run(fw, "sh", "-c", script)
    assert code == process.LOOP_EXIT and "a loop ran 1000 times" in err


# ----- every producer of data is bounded ----------------------------------------------------------

ASH_OOM = "sh: out of memory\n"
DASH_OOM = "sh: 1: Out of space\n"
GROW = "x=a; while true; do x=$x$x; done"


@pytest.mark.parametrize(
    ("script", "code", "err"),
    [
        pytest.param(GROW, 2, DASH_OOM, id="doubling-variable"),
        pytest.param('x=a; while true; do x="$x$x"; done', 2, DASH_OOM, id="doubling-quoted"),
        pytest.param(GROW.replace("x=$x$x", "export x=$x$x"), 2, DASH_OOM, id="doubling-export"),
        pytest.param(
            "x=aaaaaaaa; for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do x=$x$x; "
            'done; i=0; while true; do export "v$i=$x"; i=$((i+1)); done',
            2,
            DASH_OOM,
            id="many-variables",
        ),
        pytest.param(
            'set -- a; while true; do set -- "$@" "$@"; done', 2, DASH_OOM, id="doubling-positional"
        ),
        pytest.param(
            "y=$(x=a; while true; do x=$x$x; done); echo never",
            2,
            DASH_OOM,
            id="inside-substitution",
        ),
        pytest.param(
            "x=aaaaaaaa; for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17; do x=$x$x; "
            "done; echo $x $x $x | wc -c",
            2,
            DASH_OOM,
            id="pipe-buffer",
        ),
        pytest.param(
            "x=aaaaaaaa; for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17; do x=$x$x; "
            "done; echo $x $x $x $x $x",
            2,
            DASH_OOM,
            id="argument-list",
        ),
        pytest.param("printf '%0999999999d' 1", 2, DASH_OOM, id="printf-width"),
        pytest.param("printf '%.999999999s' a", 2, DASH_OOM, id="printf-precision"),
    ],
)
def test_memory_bombs_end_with_the_shells_out_of_memory(
    cluster: Any, script: str, code: int, err: str
) -> None:
    fw = make(cluster)
    got = run(fw, "sh", "-c", script)
    assert (got[0], got[2][-len(err) :]) == (code, err)


def test_out_of_memory_per_dialect(cluster: Any) -> None:
    fw = make(cluster)
    assert run(fw, "sh", "-c", GROW, target="box") == (2, "", ASH_OOM)
    code, _, err = run(fw, "bash", "-c", GROW)
    assert (code, err) == (
        2,
        f"bash: xmalloc: cannot allocate {2 * shell_io.MAX_VALUE + 1} bytes\n",
    )
    assert run(fw, "printf", "%099999999d", "1") == (1, "", "printf: memory exhausted\n")
    assert run(fw, "printf", "%099999999d", "1", target="box") == (1, "", "printf: out of memory\n")


def test_output_is_bounded_between_sleeps(cluster: Any) -> None:
    fw = make(cluster)
    script = (
        "x=aaaaaaaa; for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do x=$x$x; done; while "
        "true; do echo $x; done"
    )
    code, out, err = run(fw, "sh", "-c", script)
    assert code == process.LOOP_EXIT
    assert err == (
        "minikube-lite: the simulated shell stopped this command (more than "
        f"{shell_io.MAX_OUTPUT >> 20} MiB of output); it never runs forever\n"
    )
    assert len(out) <= shell_io.MAX_OUTPUT


def test_files_fill_the_writable_layer(cluster: Any) -> None:
    fw = make(cluster)
    half = "x=aaaaaaaa; for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do x=$x$x; done"  # 512 KiB
    code, out, err = run(
        fw, "sh", "-c", f"{half}; echo $x > /tmp/a; echo $x >> /tmp/a; echo $?; wc -c < /tmp/a"
    )
    assert (code, out, err) == (0, "1\n524289\n", "echo: /tmp/a: No space left on device\n")
    code, out, err = run(
        fw,
        "sh",
        "-c",
        f"{half}; i=0; while [ $i -lt 40 ]; do echo $x > /tmp/f$i || break; i=$((i+1)); "
        "done; echo $i",
    )
    assert (code, out) == (0, "15\n")  # 15 files of 512 KiB fill the 8 MiB layer
    assert err == "echo: /tmp/f15: No space left on device\n"


def test_simfs_bounds() -> None:
    fs = simfs.SimFS({})
    fs.write("/tmp/a", "x" * simfs.MAX_FILE)
    with pytest.raises(simfs.FsError, match="No space left on device"):
        fs.write("/tmp/a", "y", append=True)
    assert len(fs.read("/tmp/a")) == simfs.MAX_FILE
    fs.write("/tmp/a", "")  # truncating gives the room back
    for i in range(simfs.MAX_FILES - 1):
        fs.write(f"/tmp/{i}", "")
    with pytest.raises(simfs.FsError, match="No space left on device"):
        fs.write("/tmp/one-more", "")
    fs.write("/tmp/7", "overwriting an existing file is fine")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        pytest.param(
            ["seq", "99999999999999999999"],
            (process.LOOP_EXIT, "(seq produced more than 10000 numbers)"),
            id="past-int64",
        ),
        pytest.param(
            ["seq", "1", "100000000000"],
            (process.LOOP_EXIT, "(seq produced more than 10000 numbers)"),
            id="huge-range",
        ),
        pytest.param(
            ["seq", "9" * 5000], (1, "seq: invalid number"), id="past-pythons-int-parse-limit"
        ),
        pytest.param(["seq", "5", "-2", "1"], (0, ""), id="counting-down"),
    ],
)
def test_seq_is_bounded(cluster: Any, argv: list[str], expected: tuple[int, str]) -> None:
    code, _, err = run(make(cluster), *argv)
    assert code == expected[0] and expected[1] in err


def test_seq_counts_down(cluster: Any) -> None:
    assert run(make(cluster), "seq", "5", "-2", "1") == (0, "5\n3\n1\n", "")


@pytest.mark.parametrize(
    ("expr", "value"),
    [
        pytest.param("9223372036854775807 + 1", -9223372036854775808, id="wraps-like-intmax_t"),
        pytest.param("99999999999999999999999 * 99999999999999999999", 1, id="literals-saturate"),
        pytest.param("-7 / 2", -3, id="truncates-toward-zero"),
        pytest.param("-7 % 2", -1, id="remainder-sign"),
        pytest.param("3037000500 * 3037000500", -9223372036709301616, id="product-wraps"),
        pytest.param("-" * 5001 + "1", -1, id="long-unary-chain"),
    ],
)
def test_arithmetic_is_64_bit(expr: str, value: int) -> None:
    assert shell_arith.arith(expr, {}) == value


def test_arithmetic_nesting_is_bounded() -> None:
    with pytest.raises(ValueError, match="nested too deeply"):
        shell_arith.arith("(" * 500 + "1" + ")" * 500, {})
    assert shell_arith.arith("(" * 30 + "1" + ")" * 30, {}) == 1


@pytest.mark.parametrize(
    "script",
    [
        pytest.param("(" * 3000 + "echo x" + ")" * 3000, id="subshells"),
        pytest.param("if true; then " * 2000 + "echo" + "; fi" * 2000, id="ifs"),
    ],
)
def test_deep_nesting_is_a_clean_error(cluster: Any, script: str) -> None:
    assert run(make(cluster), "sh", "-c", script) == (
        2,
        "",
        f"sh: more than {MAX_NESTING} nested blocks: not supported by the minikube-lite shell\n",
    )


def test_nesting_across_nested_shells_is_bounded(cluster: Any) -> None:
    level = "{ " * 40 + "echo deep; " + "} " * 40
    fw = make(cluster)
    assert run(fw, "sh", "-c", level) == (0, "deep\n", "")
    code, _, err = run(fw, "sh", "-c", f"x='{level}'; " + "{ " * 10 + 'sh -c "$x"; ' + "} " * 10)
    assert code == process.LOOP_EXIT and f"more than {MAX_NESTING} nested commands" in err


def test_a_long_word_parses_in_one_piece() -> None:
    tree = shell_parse.parse("echo " + "a" * 100_000 + '"' + "b" * 100_000 + '"')
    word = tree.items[0].first.commands[0].words[1]  # type: ignore[attr-defined]
    assert [(p.text[:1], len(p.text), p.quoted) for p in word.parts] == [
        ("a", 100_000, False),
        ("b", 100_000, True),
    ]


def test_stdin_past_the_value_bound_is_out_of_memory(cluster: Any) -> None:
    c = cluster
    p = c.get("Pod", "default", "client")
    ctx = podenv.context(c, p, p["spec"]["containers"][0])
    result = process.run_command(ctx, ["sh"], "echo x\n" * (shell_io.MAX_VALUE // 7 + 1))
    assert result.code == 2 and result.chunks == [(2, DASH_OOM)]
