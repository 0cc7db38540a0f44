"""``rollout timeline`` and ``rollout explain`` (issue 7: see the rollout; minikube-lite only).

``timeline`` draws the series the reconcile loop recorded (controllers/timeline.py) as a text
chart, or writes it as SVG with ``--svg FILE`` (``-`` for stdout).  ``explain`` prints where the
rollout stands and which rule holds it back (ops/explain.py), or its findings with ``-o json``.
"""

from __future__ import annotations

import json
import shutil

from minikube_lite import errors
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import rollout_see as ops
from minikube_lite.ops import session, targets

PIPE_WIDTH = 64


def _plot_width(inv: Invocation) -> int:
    if not inv.io.tty:
        return PIPE_WIDTH
    columns = shutil.get_terminal_size((PIPE_WIDTH + 8, 24)).columns
    return max(24, min(120, columns - 10))


def timeline(inv: Invocation) -> None:
    """``rollout timeline``: ops.rollout_see.TimelineOptions (complete, validate, run), then the
    text chart or the SVG."""
    from minikube_lite.printers import timeline as chart
    from minikube_lite.printers import timeline_svg

    opts = ops.TimelineOptions.complete(inv)
    errs = opts.validate()
    if errs:
        raise errs[0]
    with session.open_cluster(inv.profile) as cluster:
        result = opts.run(cluster, cli_targets.selection(inv, allow_empty_selector=True))
    svg_path, named = opts.svg, result.named
    texts = [
        (
            name,
            timeline_svg.svg(s, result.now)
            if svg_path
            else chart.chart(s, result.now, _plot_width(inv)),
        )
        for name, s in result.series
    ]
    if not named.deployments and not named.errors:
        inv.io.err(f"No resources found in {named.namespace} namespace.\n")
    several = len(texts) > 1
    for name, text in texts:
        if not svg_path or svg_path == "-":
            inv.io.out(text)
        else:
            _write(svg_path, text, several, name)
            written = _target(svg_path, several, name)
            inv.io.out(f"deployment.apps/{name} timeline written to {written}\n")
    targets.raise_all(list(named.errors))


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
    """``rollout explain``: ops.rollout_see.ExplainOptions (complete, validate, run), then the
    sentences or ``-o json``."""
    opts = ops.ExplainOptions.complete(inv, inv.prog)
    errs = opts.validate()
    if errs:
        raise errs[0]
    with session.open_cluster(inv.profile) as cluster:
        named, results = opts.run(cluster, cli_targets.selection(inv, allow_empty_selector=True))
    if not named.deployments and not named.errors:
        inv.io.err(f"No resources found in {named.namespace} namespace.\n")
    for name, ex in results:
        if opts.output == "json":
            doc = {"deployment": name, **ex.to_dict()}
            inv.io.out(json.dumps(doc, indent=4, ensure_ascii=False) + "\n")
        else:
            inv.io.out("\n".join(ex.sentences) + "\n")
    targets.raise_all(list(named.errors))
