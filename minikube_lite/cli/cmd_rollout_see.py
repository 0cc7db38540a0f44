"""``rollout timeline`` and ``rollout explain`` (issue 7: see the rollout; minikube-lite only).

``timeline`` draws the series the reconcile loop recorded (controllers/timeline.py) as a text
chart, or writes it as SVG with ``--svg FILE`` (``-`` for stdout).  ``explain`` prints where the
rollout stands and which rule holds it back (ops/explain.py), or its findings with ``-o json``.
"""

from __future__ import annotations

import json
import shutil
from typing import Any

from minikube_lite import errors
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import resources, session, targets

PIPE_WIDTH = 64


def _selection(inv: Invocation) -> targets.Selection:
    if not inv.args and not inv.flag("filename"):
        raise errors.MklError("required resource not specified")
    return cli_targets.selection(inv, allow_empty_selector=True)


def _deployments(
    inv: Invocation, cluster: Any, verb: str
) -> tuple[list[Obj], list[errors.MklError], str]:
    """The Deployments named on the command line (other kinds are an error, like the other verbs)."""
    found, errs = targets.visit(cluster, _selection(inv), inv.flag("namespace"))
    out = []
    for f in found:
        if f.kind.kind != "Deployment":
            group_kind = f"{f.kind.kind}.{f.kind.group}" if f.kind.group else f.kind.kind
            errs.append(errors.MklError(f"no {verb} has been implemented for {group_kind}"))
            continue
        out.append(f.obj)
    return out, errs, resources.current_namespace(cluster, inv.flag("namespace"))


def _plot_width(inv: Invocation) -> int:
    if not inv.io.tty:
        return PIPE_WIDTH
    columns = shutil.get_terminal_size((PIPE_WIDTH + 8, 24)).columns
    return max(24, min(120, columns - 10))


def timeline(inv: Invocation) -> None:
    """``rollout timeline (TYPE NAME | TYPE/NAME) [--svg FILE]``."""
    from minikube_lite.controllers import timeline as recorder
    from minikube_lite.printers import timeline as chart
    from minikube_lite.printers import timeline_svg

    svg_path = inv.flag("svg")
    texts: list[tuple[str, str]] = []
    with session.open_cluster(inv.profile) as cluster:
        ds, errs, ns = _deployments(inv, cluster, "timeline viewer")
        for d in ds:
            series = recorder.series(cluster, d)
            if svg_path:
                texts.append((o.name(d), timeline_svg.svg(series, cluster.now)))
            else:
                texts.append((o.name(d), chart.chart(series, cluster.now, _plot_width(inv))))
    if not ds and not errs:
        inv.io.err(f"No resources found in {ns} namespace.\n")
    for name, text in texts:
        if not svg_path or svg_path == "-":
            inv.io.out(text)
        else:
            _write(svg_path, text, len(texts) > 1, name)
            inv.io.out(
                f"deployment.apps/{name} timeline written to {_target(svg_path, len(texts) > 1, name)}\n"
            )
    targets.raise_all(errs)


def _target(path: str, several: bool, name: str) -> str:
    """With several Deployments, ``out.svg`` becomes ``out-NAME.svg``."""
    if not several:
        return path
    stem, dot, ext = path.rpartition(".")
    return f"{stem}-{name}.{ext}" if dot else f"{path}-{name}"


def _write(path: str, text: str, several: bool, name: str) -> None:
    target = _target(path, several, name)
    try:
        with open(target, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except OSError as e:
        raise errors.MklError(f"cannot write {target}: {e.strerror}") from None


def explain(inv: Invocation) -> None:
    """``rollout explain (TYPE NAME | TYPE/NAME) [-o json]``."""
    from minikube_lite.ops import explain as ops

    fmt = inv.flag("output")
    if fmt not in (None, "", "json"):
        raise errors.MklError(
            f'unable to match a printer suitable for the output format "{fmt}", allowed formats are: json'
        )
    results = []
    with session.open_cluster(inv.profile) as cluster:
        ds, errs, ns = _deployments(inv, cluster, "rollout explainer")
        results = [(o.name(d), ops.explain_deployment(cluster, d, inv.prog)) for d in ds]
    if not ds and not errs:
        inv.io.err(f"No resources found in {ns} namespace.\n")
    for name, ex in results:
        if fmt == "json":
            inv.io.out(
                json.dumps({"deployment": name, **ex.to_dict()}, indent=4, ensure_ascii=False)
                + "\n"
            )
        else:
            inv.io.out("\n".join(ex.sentences) + "\n")
    targets.raise_all(errs)
