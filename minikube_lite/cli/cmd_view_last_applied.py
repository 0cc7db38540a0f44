"""``apply view-last-applied (TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME)``."""

from __future__ import annotations

from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import session, targets
from minikube_lite.ops.view_last_applied import ViewLastAppliedOptions, indent_json


def view_last_applied(inv: Invocation) -> None:
    opts = ViewLastAppliedOptions.complete(inv, inv.command_path)
    sel = cli_targets.selection(inv)
    with session.open_cluster(inv.profile) as cluster:
        texts, errs = opts.run(cluster, sel)
    targets.raise_first(errs)
    targets.raise_first(opts.validate())  # kubectl checks -o only when printing
    for text in texts:
        if opts.output == "json":
            inv.io.out(indent_json(text))
        else:
            import json

            from minikube_lite.printers.formats.yaml import to_yaml

            inv.io.out(to_yaml(json.loads(text)))
