"""``cluster export`` / ``cluster import``: one readable document of the whole cluster, restored
exactly (same objects, same simulated time, same next events)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from minikube_lite.store import persist


def test_export_is_one_document_of_every_object_and_the_clock(http_go, tmp_path: Path) -> None:
    r = http_go("cluster", "export")
    assert r.exit_code == 0, r.stderr
    snap = json.loads(r.stdout)
    assert (snap["apiVersion"], snap["kind"]) == ("minikube-lite/v1", "ClusterSnapshot")
    assert snap["schemaVersion"] == persist.SCHEMA_VERSION
    pods = [k for k in snap["objects"]["Pod"] if k.startswith("default/http-go-")]
    assert len(pods) == 2 and "default/http-go" in snap["objects"]["Deployment"]
    assert snap["meta"]["clock"]["mode"] == "manual" and snap["meta"]["timers"]
    assert snap["objects"]["Event"]  # the recorded history too
    out = tmp_path / "snap.yaml"
    r = http_go("cluster", "export", "-o", str(out))
    assert (r.exit_code, r.stdout) == (0, f'* Exported cluster "minikube" to {out}\n')
    assert yaml.safe_load(out.read_text()) == snap


def test_import_restores_the_same_cluster_and_the_same_future(http_go, tmp_path: Path) -> None:
    snap = tmp_path / "snap.json"
    assert http_go("cluster", "export", "-o", str(snap)).exit_code == 0
    r = http_go("cluster", "import", str(snap), "--profile", "copy")
    assert (r.exit_code, r.stdout) == (0, f'* Imported cluster "copy" from {snap}\n')
    for argv in (
        ["set", "image", "deploy/http-go", "http-go=gasbugs/http-go:v2"],
        ["clock", "advance", "5m"],
    ):
        assert http_go(*argv).exit_code == 0
        assert http_go("--profile", "copy", *argv).exit_code == 0
    for argv in (
        ["get", "pods,rs", "-o", "yaml"],
        ["get", "events"],
        ["rollout", "history", "deploy/http-go"],
    ):
        a, b = http_go(*argv), http_go("--profile", "copy", *argv)
        assert a.exit_code == 0 and a.stdout == b.stdout


def test_import_refuses_to_replace_a_profile_unless_forced(http_go, tmp_path: Path) -> None:
    snap = tmp_path / "snap.json"
    assert http_go("cluster", "export", "-o", str(snap)).exit_code == 0
    assert http_go("create", "namespace", "later").exit_code == 0
    r = http_go("cluster", "import", str(snap))
    assert r.exit_code == 1 and "already exists" in r.stderr and "--force" in r.stderr
    assert "later" in http_go("get", "ns").stdout
    assert http_go("cluster", "import", str(snap), "--force").exit_code == 0
    assert "later" not in http_go("get", "ns").stdout


def test_import_gives_clear_errors_and_stores_nothing(mkl, tmp_path: Path) -> None:
    cases = {
        "newer.json": ('{"kind": "ClusterSnapshot", "schemaVersion": 99}', "newer minikube-lite"),
        "other.json": ('{"kind": "Pod"}', "not a minikube-lite cluster snapshot"),
        "broken.json": ('{"kind": ', "cannot read snapshot"),
        "shape.json": (
            json.dumps(
                {
                    "kind": "ClusterSnapshot",
                    "schemaVersion": 2,
                    "meta": {"clock": 1},
                    "objects": {},
                    "sim": {},
                }
            ),
            "'clock' is missing or not an object",
        ),
    }
    for name, (text, why) in cases.items():
        f = tmp_path / name
        f.write_text(text)
        r = mkl("cluster", "import", str(f))
        assert r.exit_code == 1 and why in r.stderr and "Traceback" not in r.stderr, (
            name,
            r.stderr,
        )
    assert not Path(persist.state_path("minikube")).exists()


def test_export_of_the_import_is_byte_identical(http_go, tmp_path: Path) -> None:
    """A handed-out snapshot survives any number of round trips unchanged (YAML and JSON)."""
    for ext in ("json", "yaml"):
        first, again = tmp_path / f"a.{ext}", tmp_path / f"b.{ext}"
        assert (
            http_go("set", "image", "deploy/http-go", "http-go=gasbugs/http-go:v2").exit_code == 0
        )
        assert http_go("cluster", "export", "-o", str(first)).exit_code == 0
        r = http_go("cluster", "import", str(first), "--force")
        assert r.exit_code == 0, r.stderr
        assert http_go("cluster", "export", "-o", str(again)).exit_code == 0
        assert first.read_bytes() == again.read_bytes()
    r = http_go("cluster", "import", str(first), "--profile", "copy")
    assert r.exit_code == 0, r.stderr
    copy = yaml.safe_load(http_go("--profile", "copy", "cluster", "export").stdout)
    snap = yaml.safe_load(first.read_text())
    for doc in (copy, snap):  # the profile's own name is all that differs
        doc.pop("profile")
        doc["meta"].pop("profile")
    assert copy == snap
