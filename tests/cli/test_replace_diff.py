"""Optimistic concurrency (a stale resourceVersion is the server's Conflict), ``replace`` and
``diff`` (issue 15 item 5)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import yaml

CONFLICT = (
    'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; '
    "please apply your changes to the latest version and try again"
)


def _web(manual: Any, tmp_path: Path) -> Path:
    assert manual("create", "deployment", "web", "--image=nginx").exit_code == 0
    f = tmp_path / "web.yaml"
    f.write_text(manual("get", "deploy", "web", "-o", "yaml").stdout)
    return f


def _rv(manual: Any) -> str:
    return str(manual("get", "deploy", "web", "-o", "jsonpath={.metadata.resourceVersion}").stdout)


def test_every_write_changes_the_resource_version(manual: Any, tmp_path: Path) -> None:
    _web(manual, tmp_path)
    seen = [_rv(manual)]
    for argv in (["annotate", "deploy/web", "a=1"], ["label", "deploy/web", "b=2"]):
        assert manual(*argv).exit_code == 0
        seen.append(_rv(manual))
    assert len(set(seen)) == 3 and [int(x) for x in seen] == sorted(int(x) for x in seen)


def test_a_stale_resource_version_is_a_conflict_everywhere(manual: Any, tmp_path: Path) -> None:
    f = _web(manual, tmp_path)
    stale = _rv(manual)
    assert manual("scale", "deploy/web", "--replicas=2").exit_code == 0  # someone else wrote
    r = manual("replace", "-f", str(f))
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == f'Error from server (Conflict): error when replacing "{f}": {CONFLICT}\n'
    patch = json.dumps({"metadata": {"resourceVersion": stale}, "spec": {"replicas": 5}})
    r = manual("patch", "deploy/web", "-p", patch)
    assert (r.exit_code, r.stderr) == (1, f"Error from server (Conflict): {CONFLICT}\n")
    r = manual("apply", "-f", str(f))
    assert r.exit_code == 1
    assert r.stderr.startswith("Error from server (Conflict): error when applying patch:\n{")
    assert r.stderr.endswith(f'for: "{f}": error when patching "{f}": {CONFLICT}\n')
    assert (
        'to:\nResource: "apps/v1, Resource=deployments", GroupVersionKind: "apps/v1, '
        'Kind=Deployment"\nName: "web", Namespace: "default"\n' in r.stderr
    )
    got = manual("get", "deploy", "web", "-o", "jsonpath={.spec.replicas}").stdout
    assert got == "2"  # none of them landed


def test_replace_puts_the_whole_object(manual: Any, tmp_path: Path) -> None:
    f = _web(manual, tmp_path)
    assert manual("label", "deploy/web", "extra=yes").exit_code == 0
    obj = yaml.safe_load(f.read_text())
    del obj["metadata"]["resourceVersion"]  # no precondition: the PUT is unconditional
    obj["spec"]["replicas"] = 3
    f.write_text(yaml.safe_dump(obj))
    r = manual("replace", "-f", str(f))
    assert (r.exit_code, r.stdout, r.stderr) == (0, "deployment.apps/web replaced\n", "")
    live = json.loads(manual("get", "deploy", "web", "-o", "json").stdout)
    assert live["spec"]["replicas"] == 3 and "extra" not in live["metadata"]["labels"]
    assert live["metadata"]["uid"] == obj["metadata"]["uid"]
    r = manual("replace", "-f", str(f), "-o", "name", "--dry-run=server")
    assert (r.exit_code, r.stdout) == (0, "deployment.apps/web\n")


def test_replace_of_something_missing_and_bad_flags(manual: Any, tmp_path: Path) -> None:
    f = tmp_path / "ns.yaml"
    f.write_text("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ghost\n")
    r = manual("replace", "-f", str(f))
    assert r.stderr == (
        f'Error from server (NotFound): error when replacing "{f}": namespaces "ghost" not found\n'
    )
    r = manual("replace", "-f", str(f), "--grace-period=5")
    assert r.stderr == "error: --grace-period must have --force specified\n"
    r = manual("replace")
    assert r.stderr.startswith("error: Must specify --filename to replace\n")


def test_replace_force_deletes_then_creates(manual: Any, tmp_path: Path) -> None:
    f = _web(manual, tmp_path)
    uid = json.loads(manual("get", "deploy", "web", "-o", "json").stdout)["metadata"]["uid"]
    r = manual("replace", "--force", "-f", str(f))
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == (
        'deployment.apps "web" deleted from default namespace\ndeployment.apps/web replaced\n'
    )
    new = json.loads(manual("get", "deploy", "web", "-o", "json").stdout)
    assert new["metadata"]["uid"] != uid


def _fake_diff(tmp_path: Path) -> Path:
    script = tmp_path / "mydiff"
    script.write_text('#!/bin/sh\necho "args: $1 $2 $3"\nls "$2" "$3"\nexit 1\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


MANIFEST = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "web"},
    "spec": {
        "replicas": 1,
        "selector": {"matchLabels": {"app": "web"}},
        "template": {
            "metadata": {"labels": {"app": "web"}},
            "spec": {"containers": [{"name": "nginx", "image": "nginx"}]},
        },
    },
}


def test_diff_shows_what_apply_would_change(manual: Any, tmp_path: Path) -> None:
    f = tmp_path / "web.yaml"
    f.write_text(yaml.safe_dump(MANIFEST))
    assert manual("apply", "-f", str(f)).exit_code == 0
    before = manual("get", "deploy", "web", "-o", "json").stdout
    r = manual("diff", "-f", str(f))
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "")  # nothing would change
    f.write_text(yaml.safe_dump({**MANIFEST, "spec": {**MANIFEST["spec"], "replicas": 4}}))
    r = manual("diff", "-f", str(f))
    assert r.exit_code == 1 and r.stderr == ""
    assert r.stdout.startswith("diff -u -N ") and "/LIVE-" in r.stdout and "/MERGED-" in r.stdout
    assert "-  replicas: 1\n+  replicas: 4\n" in r.stdout
    assert "-  generation: 1\n+  generation: 2\n" in r.stdout
    assert "apps.v1.Deployment.default.web" in r.stdout
    assert manual("get", "deploy", "web", "-o", "json").stdout == before  # nothing stored


def test_diff_of_a_new_object_and_an_external_program(manual: Any, tmp_path: Path) -> None:
    f = tmp_path / "ns.yaml"
    f.write_text("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: fresh\n")
    r = manual("diff", "-f", str(f))
    assert r.exit_code == 1 and "+  name: fresh\n" in r.stdout and "v1.Namespace..fresh" in r.stdout
    os.environ["KUBECTL_EXTERNAL_DIFF"] = f"{_fake_diff(tmp_path)} -N"
    try:
        r = manual("diff", "-f", str(f))
    finally:
        del os.environ["KUBECTL_EXTERNAL_DIFF"]
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert lines[0].startswith("args: -N ") and "/LIVE-" in lines[0] and "/MERGED-" in lines[0]
    assert "v1.Namespace..fresh" in lines  # the merged directory holds it
    assert "fresh" not in manual("get", "ns").stdout
