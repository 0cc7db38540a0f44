"""``mkl cluster start|status|delete|reset`` (simulator-only verbs)."""

from __future__ import annotations

import os

from minikube_lite import clock, errors
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import profile, session
from minikube_lite.store import persist


def start(inv: Invocation) -> None:
    """``cluster start``: ops.profile.StartOptions (complete, validate, run), then print."""
    opts = profile.StartOptions.complete(inv, inv.profile, inv.command_path)
    errs = opts.validate()
    if errs:
        raise errs[0]
    cluster, created = opts.run()
    name = persist.profile_name(inv.profile)
    c = cluster.clock_state
    if not created:
        inv.io.out(
            f'* Cluster "{name}" is already running ({c.mode} clock, seed '
            f"{cluster.doc.get('seed')}).\n"
        )
        return
    inv.io.out(
        f'* Starting simulated Kubernetes v1.34.0 cluster "{name}" ({c.mode} clock, speed '
        f"{_fmt(c.speed)}x, seed {cluster.doc['seed']})\n"
        f'* Done! {inv.prog} is now configured to use "{name}" cluster and "default" namespace '
        "by default\n"
    )


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def status(inv: Invocation) -> None:
    name = persist.profile_name(inv.profile)
    path = persist.state_path(name)
    if not os.path.exists(path):
        inv.io.out(f'* Profile "{name}" not found. Run "{inv.prog} cluster start" to create it\n')
        raise SystemExitCode(7)
    with session.open_cluster(inv.profile) as cluster:
        c = cluster.clock_state
        pods = cluster.count("Pod")
        inv.io.out(
            f"{name}\ntype: Control Plane\nhost: Running\nkubelet: Running\napiserver: "
            "Running\nkubeconfig: Configured\n"
            f"clock: {c.mode} (speed {_fmt(c.speed)}x, now {clock.rfc3339(cluster.now)})\n"
            f"objects: {sum(len(v) for v in cluster.objects.values())} ({pods} pods), timers "
            f"pending: {len(cluster.timers)}\n"
            f"state file: {path}\n"
        )


class SystemExitCode(errors.MklError):
    """A non-zero exit without an error line (minikube status exits 7 when stopped)."""

    def __init__(self, code: int) -> None:
        super().__init__("")
        self.exit_code = code

    def render(self) -> str:
        return ""


def delete_(inv: Invocation) -> None:
    name = persist.profile_name(inv.profile)
    with persist.locked(name):
        existed = persist.delete(name)
    if existed:
        inv.io.out(f'* Deleted cluster "{name}".\n')
    else:
        inv.io.out(f'* Profile "{name}" not found. Nothing to delete.\n')


def reset(inv: Invocation) -> None:
    """Start again with the same clock mode, speed and seed (if the old file is readable)."""
    cluster = session.reset_profile(inv.profile)
    mode = cluster.clock_state.mode
    inv.io.out(
        f'* Reset cluster "{cluster.doc["profile"]}" ({mode} clock, seed {cluster.doc["seed"]}).\n'
    )


def export(inv: Invocation) -> None:
    """``cluster export [-o FILE]``: the whole cluster as one JSON (or YAML, by the file's
    extension or ``--format``) document."""
    from minikube_lite.ops import snapshot

    if inv.args:
        raise inv.usage_error(f"unexpected arguments: {' '.join(inv.args)}")
    target = inv.flag("output") or "-"
    fmt = inv.flag("format") or ("yaml" if target.endswith((".yaml", ".yml")) else "json")
    if fmt not in ("json", "yaml"):
        raise inv.usage_error(f'--format must be "json" or "yaml", got "{fmt}"')
    text = snapshot.encode(snapshot.export(inv.profile), fmt == "yaml")
    if target == "-":
        inv.io.out(text)
        return
    try:
        with open(target, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as e:
        raise errors.MklError(f"cannot write {target}: {e.strerror or e}") from None
    name = persist.profile_name(inv.profile)
    inv.io.out(f'* Exported cluster "{name}" to {target}\n')


def import_(inv: Invocation) -> None:
    """``cluster import FILE [--profile P] [--force]``: restore a snapshot exactly."""
    from minikube_lite.ops import snapshot

    if len(inv.args) != 1:
        raise inv.usage_error("exactly one FILE is required (- for stdin)")
    source = inv.args[0]
    try:
        if source == "-":
            text = inv.io.stdin.read(snapshot.MAX_BYTES + 1)
        else:
            with open(source, encoding="utf-8", errors="replace") as fh:
                text = fh.read(snapshot.MAX_BYTES + 1)
    except OSError as e:
        raise errors.MklError(f"cannot read {source}: {e.strerror or e}") from None
    if len(text) > snapshot.MAX_BYTES:
        raise errors.MklError(f"cannot import {source}: larger than {snapshot.MAX_BYTES} bytes")
    data = snapshot.parse(text, source)
    name = snapshot.restore(inv.profile, data, source, bool(inv.flag("force")))
    inv.io.out(f'* Imported cluster "{name}" from {source}\n')
