"""``diff -f FILE``: what ``apply -f FILE`` would change, as a unified diff (cmd/diff/diff.go).

Each object is written twice as YAML, live (as stored, or nothing when it does not exist yet) and
merged (what a server-side dry run of the same apply returns), into the directories ``LIVE-*`` and
``MERGED-*`` under a file named ``GROUP.VERSION.KIND.NAMESPACE.NAME`` (``v1.Pod.default.p`` for
core kinds), with ``metadata.managedFields`` left out.  Then ``KUBECTL_EXTERNAL_DIFF`` (a
program and its flags) or ``diff -u -N`` compares the two directories on the host, as kubectl
runs it; its exit status is the command's (0: no differences, 1: differences, more: trouble).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile

from minikube_lite import errors
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.ops import create, manifests
from minikube_lite.ops.manifests import Manifest
from minikube_lite.records import dataclass
from minikube_lite.store.cluster import Cluster

Sources = list[tuple[str, list[Obj]]]
_EXTERNAL_OK = re.compile(r"[a-zA-Z0-9\-=_./]+")  # kubectl's allowed characters per word


@dataclass(frozen=True, slots=True)
class Objects:
    """One object's file name, live (None: it does not exist) and merged versions."""

    name: str
    live: Obj | None
    merged: Obj


@dataclass(frozen=True, slots=True)
class Pair:
    """One object's file name and its live and merged YAML ("" when absent)."""

    name: str
    live: str
    merged: str


def file_name(m: Manifest, obj: Obj) -> str:
    """InfoObject.Name: ``[GROUP.]VERSION.KIND.NAMESPACE.NAME``."""
    k = m.kind
    group = f"{k.group}." if k.group else ""
    return f"{group}{k.version}.{k.kind}.{o.namespace(obj) or ''}.{o.name(obj)}"


def shown(obj: Obj | None) -> Obj | None:
    """The object as diff shows it: without ``metadata.managedFields``."""
    if obj is None:
        return None
    out = o.deepcopy(obj)
    o.meta(out).pop("managedFields", None)
    return out


def objects(cluster: Cluster, sources: Sources, namespace: str | None) -> list[Objects]:
    """Live and merged versions of every object of the sources (nothing is stored)."""
    out = []
    for source, objs in sources:
        for raw in objs:
            m = manifests.resolve(source, raw)
            obj = create.target_namespace(cluster, m, namespace)
            k = m.kind
            live = cluster.get(
                k.kind, o.namespace(obj) or None if k.namespaced else None, o.name(obj)
            )
            merged, _, _ = create.apply_one(cluster, m, namespace, dry_run="server")
            out.append(Objects(file_name(m, obj), shown(live), shown(merged) or merged))
    return out


def program(env: dict[str, str]) -> list[str]:
    """The diff command: ``KUBECTL_EXTERNAL_DIFF`` split into words (each of kubectl's allowed
    characters), else ``diff -u -N``."""
    external = env.get("KUBECTL_EXTERNAL_DIFF", "")
    if external:
        words = external.split()
        for w in words[1:]:
            if not _EXTERNAL_OK.fullmatch(w):
                raise errors.MklError(
                    f'error: KUBECTL_EXTERNAL_DIFF argument "{w}" contains characters that are '
                    "not allowed"
                )
        return words
    return ["diff", "-u", "-N"]


@dataclass(frozen=True, slots=True)
class Ran:
    code: int
    out: str
    err: str


def run_diff(found: list[Pair], env: dict[str, str]) -> Ran:
    """Write the two directories, run the diff program over them, remove them."""
    argv = program(env)
    live_dir = tempfile.mkdtemp(prefix="LIVE-")
    merged_dir = tempfile.mkdtemp(prefix="MERGED-")
    try:
        for p in found:
            for d, text in ((live_dir, p.live), (merged_dir, p.merged)):
                if text:
                    with open(os.path.join(d, p.name), "w", encoding="utf-8") as fh:
                        fh.write(text)
        if shutil.which(argv[0], path=env.get("PATH")) is None:
            if argv[0] != "diff":
                raise errors.MklError(f'executable file not found in $PATH: "{argv[0]}"')
            return Ran(*_python_diff(found, live_dir, merged_dir))
        proc = subprocess.run(
            [*argv, live_dir, merged_dir], capture_output=True, text=True, env=env, check=False
        )
        return Ran(proc.returncode, proc.stdout, proc.stderr)
    finally:
        shutil.rmtree(live_dir, ignore_errors=True)
        shutil.rmtree(merged_dir, ignore_errors=True)


def _python_diff(found: list[Pair], live_dir: str, merged_dir: str) -> tuple[int, str, str]:
    """``diff -u -N`` of two directories where no ``diff`` is installed (difflib)."""
    import difflib

    chunks: list[str] = []
    for p in sorted(found, key=lambda p: p.name):
        if p.live == p.merged:
            continue
        a, b = os.path.join(live_dir, p.name), os.path.join(merged_dir, p.name)
        chunks.append(f"diff -u -N {a} {b}\n")
        lines = difflib.unified_diff(
            p.live.splitlines(keepends=True), p.merged.splitlines(keepends=True), a, b
        )
        chunks.extend(line if line.endswith("\n") else line + "\n" for line in lines)
    return (1 if chunks else 0), "".join(chunks), ""
