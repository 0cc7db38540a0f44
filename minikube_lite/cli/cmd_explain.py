"""``explain`` (ops.explain_api)."""

from __future__ import annotations

from minikube_lite.cli.app import Invocation
from minikube_lite.ops import explain_api, targets


def explain(inv: Invocation) -> None:
    opts = explain_api.ExplainOptions.complete(inv, inv.prog)
    targets.raise_first(opts.validate())
    result = opts.run()
    inv.io.out(result.text)
    if result.error is not None:
        raise result.error
