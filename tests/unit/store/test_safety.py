"""Issue 11: profile names are not paths, state directories are private, nothing is written
through a link, killed saves leave no temp files behind, a wrongly shaped or unencodable state is
a clear error with the file kept."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from minikube_lite import errors
from minikube_lite.store import persist, segments

CLOCK = {"mode": "manual", "now": 0.0, "startSim": 0.0}


def _dir(name: str = "profiles") -> Path:
    """A state directory made by hand (as an older mkl, or the user, would have)."""
    d = Path(persist.home()) / name
    d.mkdir(parents=True, exist_ok=True, mode=0o700)
    return d


def _clean(r) -> None:  # type: ignore[no-untyped-def]
    assert r.exit_code == 1 and r.stderr.startswith("error: ") and "Traceback" not in r.stderr, (
        r.stderr
    )


# ----- 1. profile names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "",
        "a",
        "-ab",
        "ab-",
        "a..b",
        ".ab",
        "ab.",
        "a/b",
        "../x",
        "..",
        "a\nb",
        "ab\n",
        "a b",
        "a_b",
        "é1",
        "x" * 64,
    ],
)
def test_bad_profile_names_are_refused(name: str) -> None:
    with pytest.raises(errors.MklError) as e:
        persist.profile_name(name)
    assert "invalid profile name" in e.value.message and "2 to 63 characters" in e.value.message
    assert "\n" not in e.value.message


@pytest.mark.parametrize("name", ["minikube", "dev-2", "a.b", "ab", "A1", "x" * 63, "my.dev-1.k8s"])
def test_good_profile_names(name: str) -> None:
    assert persist.profile_name(name) == name


def test_empty_env_profile_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MKL_PROFILE", "")
    assert persist.profile_name() == "minikube"


def test_env_profile_cannot_delete_outside_profiles(
    mkl, mkl_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = mkl_home.parent / "v" / "package.json"
    victim.parent.mkdir(parents=True)
    victim.write_text("{}")
    monkeypatch.setenv("MKL_PROFILE", "../../v/package")
    r = mkl("cluster", "delete")
    _clean(r)
    assert '"../../v/package" (from MKL_PROFILE)' in r.stderr and "letters, digits" in r.stderr
    assert victim.read_text() == "{}"


@pytest.mark.parametrize(
    "verb",
    [
        ("cluster", "reset"),
        ("cluster", "delete"),
        ("cluster", "start"),
        ("get", "pods"),
        ("config", "current-context"),
        ("config", "view"),
        ("service", "web", "--url"),
    ],
)
def test_flag_profile_cannot_name_a_path(mkl, tmp_path: Path, verb: tuple[str, ...]) -> None:
    victim = tmp_path / "some" / "x.json"
    victim.parent.mkdir()
    victim.write_text('{"keep": 1}')
    r = mkl("--profile", str(victim.with_suffix("")), *verb)
    _clean(r)
    assert "invalid profile name" in r.stderr and r.stdout == ""
    assert victim.read_text() == '{"keep": 1}' and sorted(os.listdir(victim.parent)) == ["x.json"]


def test_explicit_empty_profile_flag_is_refused(mkl) -> None:
    _clean(mkl("--profile=", "cluster", "delete"))


# ----- 3. private directories ---------------------------------------------------------------------


def test_every_directory_mkl_makes_is_0700(
    mkl, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "a" / "b" / "home"
    monkeypatch.setenv("MKL_HOME", str(home))
    old = os.umask(0o022)
    try:
        assert mkl("cluster", "start", "--clock", "manual").exit_code == 0
        from minikube_lite.ops import forward

        forward.unregister(
            forward.register("minikube", forward.Forward("default", "Pod", "p", "p", "u"), [])
        )
    finally:
        os.umask(old)
    for d in (tmp_path / "a", tmp_path / "a" / "b", home, home / "profiles", home / "forwards"):
        assert stat.S_IMODE(d.stat().st_mode) == 0o700, d


@pytest.mark.parametrize("which", ["home", "profiles"])
@pytest.mark.parametrize("mode", [0o770, 0o707, 0o777])
def test_group_or_world_writable_state_dir_is_refused(
    mkl, mkl_home: Path, which: str, mode: int
) -> None:
    assert mkl("cluster", "start", "--clock", "manual").exit_code == 0
    before = Path(persist.state_path("minikube")).read_bytes()
    d = mkl_home if which == "home" else mkl_home / "profiles"
    d.chmod(mode)
    try:
        r = mkl("create", "namespace", "dev")
        _clean(r)
        assert f"run 'chmod 700 {d}'" in r.stderr and f"{mode:04o}" in r.stderr
        assert Path(persist.state_path("minikube")).read_bytes() == before
    finally:
        d.chmod(0o700)
    assert mkl("create", "namespace", "dev").exit_code == 0


def test_readable_but_not_writable_by_others_is_fine(mkl, mkl_home: Path) -> None:
    mkl_home.mkdir()
    mkl_home.chmod(0o755)  # what older versions made
    assert mkl("get", "ns").exit_code == 0


def test_state_dir_of_another_user_is_refused(
    mkl, mkl_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mkl_home.mkdir()
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(mkl_home).st_uid + 4242)
    r = mkl("get", "ns")
    _clean(r)
    assert "is owned by uid" in r.stderr and "not by you" in r.stderr
    assert os.listdir(mkl_home) == []


def test_symlinked_profiles_dir_is_not_followed(mkl, mkl_home: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    mkl_home.mkdir()
    (mkl_home / "profiles").symlink_to(elsewhere)
    r = mkl("get", "ns")
    _clean(r)
    assert "is a symbolic link; mkl does not follow it" in r.stderr
    assert os.listdir(elsewhere) == []


def test_symlinked_home_is_followed_when_private(mkl, mkl_home: Path, tmp_path: Path) -> None:
    real = tmp_path / "real-home"
    real.mkdir(mode=0o700)
    mkl_home.symlink_to(real)
    assert mkl("get", "ns").exit_code == 0
    assert (real / "profiles" / "minikube.d" / "manifest.json").is_file()


# ----- 2. no writing through links; no stale temp files ------------------------------------------


def test_planted_temp_link_is_never_written_through(
    mkl_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = Path(persist.state_path("p"))
    _dir("profiles/p.d")
    victim = tmp_path / "victim"
    victim.write_text("precious")
    draws = iter([b"\x01" * 8, b"\x02" * 8])
    monkeypatch.setattr(os, "urandom", lambda n: next(draws))
    # the name the first draw gives, and the first segment file's name
    (path.parent / f".manifest.json.{'01' * 8}.tmp").symlink_to(victim)
    (path.parent / "objects.Namespace._.1.json").symlink_to(victim)
    ns = {"metadata": {"name": "a"}}
    persist.save(path, {"schemaVersion": 1, "clock": CLOCK, "objects": {"Namespace": {"a": ns}}})
    assert victim.read_text() == "precious"
    doc = persist.load(path)
    assert doc is not None and doc["clock"] == CLOCK and doc["objects"]["Namespace"]["a"] == ns
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not any(os.path.islink(path.parent / n) for n in os.listdir(path.parent))


def test_temp_names_are_unpredictable(mkl_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _dir()
    path = Path(persist.state_path("p"))
    seen: list[str] = []
    real_replace = os.replace

    def spy(src, dst):  # type: ignore[no-untyped-def]
        seen.append(os.path.basename(src))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    for _ in range(2):
        persist.save(path, {"schemaVersion": 1, "clock": CLOCK})
    assert len(set(seen)) == 2 and all(str(os.getpid()) not in n for n in seen)


def test_symlinked_state_file_is_refused_and_never_written(
    mkl, mkl_home: Path, tmp_path: Path
) -> None:
    assert mkl("cluster", "start", "--clock", "manual").exit_code == 0
    path = Path(persist.state_path("minikube"))
    target = tmp_path / "target.json"
    target.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(target)
    before = target.read_bytes()
    r = mkl("create", "namespace", "dev")
    _clean(r)
    assert "symbolic link" in r.stderr and "mkl cluster delete" in r.stderr
    assert mkl("cluster", "delete").exit_code == 0
    assert not os.path.lexists(path) and target.read_bytes() == before


def test_reset_replaces_a_symlinked_state_file_without_following_it(mkl, tmp_path: Path) -> None:
    _dir("profiles/minikube.d")
    target = tmp_path / "target.json"
    target.write_text("keep")
    Path(persist.state_path("minikube")).symlink_to(target)
    assert mkl("cluster", "reset").exit_code == 0
    assert target.read_text() == "keep" and not Path(persist.state_path("minikube")).is_symlink()


def test_symlinked_lock_file_is_refused(mkl, tmp_path: Path) -> None:
    _dir()
    target = tmp_path / "target"
    target.write_text("keep")
    Path(persist.lock_path("minikube")).symlink_to(target)
    r = mkl("get", "ns")
    _clean(r)
    assert "lock file" in r.stderr and "symbolic link" in r.stderr
    assert target.read_text() == "keep"


def test_fifo_state_file_does_not_hang(mkl) -> None:
    _dir("profiles/minikube.d")
    os.mkfifo(persist.state_path("minikube"))
    r = mkl("get", "ns")
    _clean(r)
    assert "not a plain file" in r.stderr


def _plant_temps() -> tuple[list[str], list[str]]:
    """Stale temp files of profile minikube (new and old style) and files that must survive."""
    d = _dir()
    stale = [f".minikube.json.{'ab' * 8}.tmp", ".minikube.json.12345.tmp"]
    keep = [f".minikube.json.json.{'cd' * 8}.tmp", f".other.json.{'ef' * 8}.tmp", "notes.tmp"]
    for name in stale + keep:
        (d / name).write_bytes(b"x" * 1000)
    return stale, keep


def test_stale_temps_are_removed_by_the_next_command(mkl) -> None:
    assert mkl("cluster", "start", "--clock", "manual").exit_code == 0
    stale, keep = _plant_temps()
    assert mkl("get", "ns").exit_code == 0  # a read: the lock is held, nothing saved
    left = os.listdir(Path(persist.lock_path("minikube")).parent)
    assert not set(stale) & set(left) and set(keep) <= set(left)


def test_cluster_delete_removes_stale_temps(mkl) -> None:
    assert mkl("cluster", "start", "--clock", "manual").exit_code == 0
    _stale, keep = _plant_temps()
    assert mkl("cluster", "delete").exit_code == 0
    left = set(os.listdir(Path(persist.lock_path("minikube")).parent))
    assert left == {*keep, "minikube.lock"}  # the profile's directory is gone too


# ----- 4. the forward registry --------------------------------------------------------------------


def test_forward_record_is_private_and_atomic(mkl_home: Path, tmp_path: Path) -> None:
    from minikube_lite.ops import forward

    d = _dir("forwards")
    victim = tmp_path / "victim"
    victim.write_text("keep")
    (d / f"{os.getpid()}.json").symlink_to(victim)
    dead = 2**22 + 12345  # above any pid_max default: never alive
    (d / f".{dead}.json.{'ab' * 8}.tmp").write_text("stale")
    (d / f"{dead}.json.tmp").write_text("stale, older style")
    mine = d / f".{os.getpid()}.json.{'cd' * 8}.tmp"
    mine.write_text("a live process's")
    fwd = forward.Forward("default", "Service", "web", "", "", tunnel=True)
    path = forward.register("minikube", fwd, [("127.0.0.1", 8080)])
    assert victim.read_text() == "keep"
    assert stat.S_IMODE(os.lstat(path).st_mode) == 0o600 and not os.path.islink(path)
    assert json.loads(Path(path).read_text())["bound"] == [["127.0.0.1", 8080]]
    assert sorted(os.listdir(d)) == sorted([f"{os.getpid()}.json", mine.name])
    assert forward.service_urls("minikube", "default", "web") == ["http://127.0.0.1:8080"]
    forward.unregister(path)
    assert not os.path.lexists(path)


def test_forward_record_refuses_a_world_writable_dir(mkl_home: Path) -> None:
    from minikube_lite.ops import forward

    d = _dir("forwards")
    d.chmod(0o777)
    with pytest.raises(errors.StoreError, match="chmod 700"):
        forward.register("minikube", forward.Forward("default", "Pod", "p", "p", "u"), [])
    assert os.listdir(d) == []


# ----- 5. the shape of the state ------------------------------------------------------------------

_T0 = 1704067200.0
_GOOD = {
    "schemaVersion": 1,
    "clock": {"mode": "manual", "now": _T0, "startSim": _T0, "speed": 1.0},
    "objects": {},
    "timers": [],
}
_MANUAL = {"mode": "manual", "startSim": _T0}


def _with(**changes: object) -> dict[str, object]:
    doc = json.loads(json.dumps(_GOOD))
    for k, v in changes.items():
        if v is None:
            doc.pop(k, None)
        else:
            doc[k] = v
    return doc


MALFORMED = {
    "no-clock": {"schemaVersion": 1},
    "clock-list": _with(clock=[1]),
    "now-string": _with(clock={**_MANUAL, "now": "soon"}),
    "now-bool": _with(clock={**_MANUAL, "now": True}),
    "no-startsim": _with(clock={"mode": "manual", "now": _T0}),
    "mode-odd": _with(clock={"mode": "fast", "now": _T0, "startSim": _T0}),
    "real-no-startwall": _with(clock={"mode": "real", "now": _T0, "startSim": _T0}),
    "speed-zero": _with(clock={**_MANUAL, "now": _T0, "speed": 0}),
    "speed-string": _with(clock={**_MANUAL, "now": _T0, "speed": "x"}),
    "advanced-nan": _with(clock={**_MANUAL, "now": _T0, "advanced": float("nan")}),
    "objects-list": _with(objects=[]),
    "kind-list": _with(objects={"Namespace": []}),
    "object-string": _with(objects={"Namespace": {"default": "x"}}),
    "timers-dict": _with(timers={}),
    "timer-short": _with(timers=[["x"]]),
    "timer-types": _with(timers=[[1.0, "1", "kubelet", "k"]]),
    "seed-string": _with(seed="abc"),
    "rv-string": _with(resourceVersion="7"),
    "config-string": _with(config="x"),
    "namespace-int": _with(config={"namespace": 5}),
    "sim-list": _with(sim=[]),
    "sim-entry-list": _with(sim={"kubelet": []}),
    "deleted-list": _with(deleted=[]),
}


@pytest.mark.parametrize("doc", MALFORMED.values(), ids=MALFORMED.keys())
@pytest.mark.parametrize("argv", [("get", "pods"), ("create", "namespace", "dev")])
def test_malformed_state_is_a_clear_error(
    mkl, doc: dict[str, object], argv: tuple[str, ...]
) -> None:
    """A one-file state of an older version (converted on load) that is wrongly shaped."""
    path = Path(persist.legacy_path("minikube"))
    _dir()
    path.write_text(json.dumps(doc))
    before = path.read_bytes()
    r = mkl(*argv)
    _clean(r)
    assert r.stderr.startswith(f"error: cannot read state file {path}: ")
    assert r.stderr.endswith(
        "; it was left untouched. Run 'mkl cluster delete' or 'mkl cluster reset' to start over\n"
    )
    assert path.read_bytes() == before


_META_CASES = [k for k in MALFORMED if not k.startswith(("objects", "kind", "object", "sim"))]


@pytest.mark.parametrize("case", _META_CASES)
def test_malformed_manifest_is_a_clear_error(mkl, case: str) -> None:
    doc = MALFORMED[case]
    path = Path(persist.state_path("minikube"))
    _dir("profiles/minikube.d")
    meta = {k: v for k, v in doc.items() if k not in ("schemaVersion", "objects", "sim")}
    path.write_text(json.dumps({"schemaVersion": 2, "meta": meta, "segments": {}}))
    before = path.read_bytes()
    r = mkl("create", "namespace", "dev")
    _clean(r)
    assert r.stderr.startswith(f"error: cannot read state file {path}: ")
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "segments_table",
    [[], {"objects/Pod/default": {"file": "../../x.json"}}, {"objects/Pod/x": {"count": 1}}],
    ids=["list", "path", "no-file"],
)
def test_malformed_segment_table_is_a_clear_error(mkl, segments_table: object) -> None:
    path = Path(persist.state_path("minikube"))
    _dir("profiles/minikube.d")
    meta = {k: v for k, v in _GOOD.items() if k not in ("schemaVersion", "objects")}
    path.write_text(json.dumps({"schemaVersion": 2, "meta": meta, "segments": segments_table}))
    r = mkl("get", "pods")
    _clean(r)
    assert r.stderr.startswith(f"error: cannot read state file {path}: ")


def test_good_shape_loads(mkl) -> None:
    _dir()
    Path(persist.legacy_path("minikube")).write_text(json.dumps(_GOOD))
    assert mkl("get", "pods").exit_code == 0
    assert not Path(persist.legacy_path("minikube")).exists()
    assert Path(persist.state_path("minikube")).is_file()


def _segment_file(path: Path, segid: str) -> Path:
    return path.parent / json.loads(path.read_text())["segments"][segid]["file"]


@pytest.mark.parametrize(
    "replacement", [b"[]", b'{"default":[]}', b"{]"], ids=["list", "entry-list", "broken"]
)
def test_malformed_lazy_segment_is_a_clear_error(mkl, replacement: bytes) -> None:
    assert mkl("cluster", "start", "--clock", "manual").exit_code == 0
    path = Path(persist.state_path("minikube"))
    seg = _segment_file(path, "objects/Namespace/_")
    seg.write_bytes(replacement)
    before = path.read_bytes()
    for argv in (("get", "ns"), ("create", "namespace", "dev"), ("get", "ns,pods")):
        r = mkl(*argv)
        _clean(r)
        assert f"cannot read state file {path}: " in r.stderr and "objects/Namespace" in r.stderr
        assert "it was left untouched" in r.stderr
        assert path.read_bytes() == before and seg.read_bytes() == replacement


def test_a_caught_segment_error_still_prevents_the_save(mkl_home: Path) -> None:
    path = Path(persist.state_path("p"))
    doc = {"schemaVersion": 1, "clock": CLOCK, "objects": {"Pod": {"default/a": {}}, "Service": {}}}
    persist.save(path, doc)
    _segment_file(path, "objects/Pod/default").write_bytes(b'[{"default/a": {}}]')
    back = persist.load(path)
    assert back is not None
    with pytest.raises(segments.SegmentError):
        _ = back["objects"]["Pod"]["default/a"]
    assert back["objects"]["Pod"].pending_shards() == ["default"]  # never dropped
    back["objects"].setdefault("Service", {})["default/s"] = {}
    with pytest.raises(segments.SegmentError) as e:
        persist.save(path, back)
    assert e.value.unreadable and "left untouched" in e.value.message


def test_malformed_event_shard_is_a_clear_error(mkl_home: Path) -> None:
    key = "default/e.17a0b0c0d0e0f000"
    path = Path(persist.state_path("p"))
    persist.save(path, {"schemaVersion": 1, "clock": CLOCK, "objects": {"Event": {key: {"x": 1}}}})
    shard = segments.shard_of(key)
    _segment_file(path, f"events/{shard}").write_bytes(b'{"default/e.17a0b0c0d0e0f000":[1,2]}')
    back = persist.load(path)
    assert back is not None
    with pytest.raises(segments.SegmentError, match="events/"):
        _ = back["objects"]["Event"][key]


# ----- 6. a save that cannot encode ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "why"),
    [("bad \udcff text", "not valid Unicode (\\udcff)"), ({1, 2}, "cannot be encoded as JSON")],
)
def test_unencodable_state_keeps_the_previous_one(mkl_home: Path, value: object, why: str) -> None:
    path = Path(persist.state_path("p"))
    persist.save(path, {"schemaVersion": 1, "clock": CLOCK})
    before = path.read_bytes()
    with pytest.raises(errors.StoreError) as e:
        persist.save(
            path,
            {"schemaVersion": 1, "clock": CLOCK, "objects": {"Pod": {"default/a": {"x": value}}}},
        )
    assert (
        e.value.message.startswith(f"cannot write state file {path}: ") and why in e.value.message
    )
    assert e.value.message.endswith("; the previous state was kept")
    assert path.read_bytes() == before and os.listdir(path.parent) == ["manifest.json"]


def test_lone_surrogate_from_the_command_line_is_stored_as_go_would(manual) -> None:
    # argv's undecodable bytes reach Python as lone surrogates;
    # like Go's JSON encoder, mkl stores U+FFFD
    r = manual(
        "config", "set-context", "--current", "--namespace=bad\udcff"
    )  # kubectl checks no name here
    assert (r.exit_code, r.stdout, r.stderr) == (0, 'Context "minikube" modified.\n', "")
    assert persist.load(Path(persist.state_path("minikube")))["config"]["namespace"] == "bad\ufffd"  # type: ignore[index]


def test_profile_names_never_collide_with_each_others_files(mkl) -> None:
    """Profile ``a``'s lock, directory and old one-file state are not other profiles' names."""
    names = ["ab", "ab.lock", "ab.json", "ab.d", "ab.d.d"]
    for name in names:
        r = mkl("--profile", name, "create", "namespace", f"ns-{len(name)}")
        assert r.exit_code == 0, (name, r.stderr)
    for name in names:
        out = mkl("--profile", name, "get", "ns", "-o", "name").stdout
        assert f"namespace/ns-{len(name)}\n" in out, name
        others = {f"namespace/ns-{len(n)}" for n in names if len(n) != len(name)}
        assert not others & set(out.split()), name
    assert persist.profiles() == sorted(names)
    assert mkl("--profile", "ab", "cluster", "delete").exit_code == 0
    assert persist.profiles() == sorted(set(names) - {"ab"})
