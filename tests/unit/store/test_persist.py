"""The state file: atomic replace, lock, modes; unreadable, future files are never overwritten."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from minikube_lite import errors
from minikube_lite.store import persist

CLOCK = {"mode": "manual", "now": 0.0, "startSim": 0.0}


def test_save_is_atomic_and_private(mkl_home: Path) -> None:
    path = Path(persist.state_path("p"))
    path.parent.mkdir(parents=True)
    persist.save(path, {"schemaVersion": 1, "clock": CLOCK, "x": 1})
    assert persist.load(path) == {
        "schemaVersion": persist.SCHEMA_VERSION,
        "clock": CLOCK,
        "x": 1,
        "commit": 1,
        "objects": {},
        "sim": {},
    }
    assert json.loads(path.read_text())["meta"] == {
        "clock": CLOCK,
        "x": 1,
        "commit": 1,
    }  # still plain JSON
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["manifest.json"]  # no temp file left


def test_state_dir_is_0700(mkl) -> None:
    assert mkl("cluster", "start", "--clock", "manual").exit_code == 0
    home = Path(os.environ["MKL_HOME"]) / "profiles"
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "minikube.d").stat().st_mode) == 0o700
    files = [*(home / "minikube.d").iterdir(), home / "minikube.lock"]
    assert len(files) > 10
    for f in files:
        assert stat.S_IMODE(f.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("content", "why"),
    [
        pytest.param(b"{not json", "not valid JSON", id="broken-json"),
        pytest.param(b"[]", "no schemaVersion", id="not-an-object"),
        pytest.param(b"\x00\xff\xfe", "not valid JSON", id="binary"),
    ],
)
def test_unreadable_state_is_reported_and_kept(mkl, content: bytes, why: str) -> None:
    path = Path(persist.state_path("minikube"))
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    r = mkl("get", "pods")
    assert r.exit_code == 1
    assert str(path) in r.stderr and why in r.stderr
    assert "mkl cluster delete" in r.stderr and "Traceback" not in r.stderr
    assert path.read_bytes() == content


def test_future_schema_is_refused(mkl) -> None:
    path = Path(persist.state_path("minikube"))
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"schemaVersion": 999}))
    r = mkl("get", "pods")
    assert r.exit_code == 1 and "schema version 999" in r.stderr
    assert json.loads(path.read_text()) == {"schemaVersion": 999}


def test_reset_recovers_from_unreadable_state(mkl) -> None:
    path = Path(persist.state_path("minikube"))
    path.parent.mkdir(parents=True)
    path.write_text("garbage")
    assert mkl("cluster", "reset").exit_code == 0
    assert mkl("get", "ns").exit_code == 0


def test_write_failure_keeps_old_state(mkl, monkeypatch: pytest.MonkeyPatch) -> None:
    assert mkl("cluster", "start", "--clock", "manual").exit_code == 0
    path = Path(persist.state_path("minikube"))
    before = path.read_bytes()

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    r = mkl("create", "namespace", "dev")
    assert r.exit_code == 1
    assert r.stderr == (
        f"error: cannot write state file {path}: no space left on device; the previous "
        "state was kept\n"
    )
    assert r.stdout == ""  # a failed save prints no success line
    assert path.read_bytes() == before


_WRITER = """
import sys
from minikube_lite.store import persist
path = persist.state_path("kk")
persist.private_dir("profiles")
clock = {"mode": "manual", "now": 0.0, "startSim": 0.0}
i = 0
while True:
    i += 1
    pods = {f"ns{n}/p": {"i": i, "pad": "y" * 300_000} for n in range(4)}
    doc = {"schemaVersion": 1, "clock": clock, "i": i, "pad": "x" * 500_000}
    persist.save(path, {**doc, "objects": {"Pod": pods}})
"""


def test_killed_writer_never_leaves_a_half_written_file(mkl, mkl_home: Path) -> None:
    env = {**os.environ, "MKL_HOME": str(mkl_home)}
    path = Path(persist.state_path("kk"))
    for delay in (0.05, 0.11, 0.17, 0.23, 0.31):
        p = subprocess.Popen([sys.executable, "-c", _WRITER], env=env)
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        p.wait()
        if path.exists():
            doc = persist.load(path)  # a whole commit: every segment of the same step
            assert doc is not None and len(doc["pad"]) == 500_000
            pods = dict(doc["objects"]["Pod"].items())
            assert sorted(pods) == [f"ns{n}/p" for n in range(4)]
            assert {p["i"] for p in pods.values()} == {doc["i"]}
    # a kill between create and rename leaves a temp file (and new segment files);
    # make sure there is one of each, and one as older mkl named it
    (path.parent / f".manifest.json.{'ab' * 8}.tmp").write_bytes(b"x" * 1000)
    (path.parent / "objects.Pod.ns0.ffff.json").write_bytes(b"{}")
    (path.parent.parent / f".kk.json.{os.getpid()}.tmp").write_bytes(b"x" * 1000)
    assert mkl("--profile", "kk", "clock").exit_code == 0  # the next command (it saves nothing)
    for d in (path.parent, path.parent.parent):
        assert [n for n in os.listdir(d) if n.endswith(".tmp")] == []
    assert not (path.parent / "objects.Pod.ns0.ffff.json").exists()


def test_load_missing_is_none(mkl_home: Path) -> None:
    assert persist.load(mkl_home / "nope.json") is None


def test_unwritable_home_gives_clear_error(mkl, mkl_home: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores directory permissions")
    mkl_home.mkdir(parents=True)
    mkl_home.chmod(0o500)
    try:
        r = mkl("get", "pods")
        assert r.exit_code == 1 and "state directory" in r.stderr
    finally:
        mkl_home.chmod(0o700)


def test_store_error_is_mkl_error() -> None:
    assert issubclass(errors.StoreError, errors.MklError)


@pytest.mark.parametrize("xdg", [None, "/tmp/xdg-data"])
def test_default_home_matches_platformdirs(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None
) -> None:
    import platformdirs

    monkeypatch.delenv("MKL_HOME", raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    assert Path(persist.home()) == Path(platformdirs.user_data_dir("minikube-lite"))


def test_read_only_home_keeps_old_state(mkl, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only $MKL_HOME (simulated: root ignores permission bits) gives a clear error."""
    assert mkl("cluster", "start", "--clock", "manual").exit_code == 0
    path = Path(persist.state_path("minikube"))
    before = path.read_bytes()
    real_open = os.open

    def ro_open(p, flags, *a, **k):
        if str(p).endswith((".tmp", ".json")) and flags & os.O_CREAT:
            raise OSError(30, "Read-only file system")
        return real_open(p, flags, *a, **k)

    monkeypatch.setattr(os, "open", ro_open)
    r = mkl("create", "namespace", "dev")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == (
        f"error: cannot write state file {path}: Read-only file system; the previous "
        "state was kept\n"
    )
    assert path.read_bytes() == before
