"""``diff -f FILENAME``: ops.diff, exit status as the diff program's (kubectl's rule)."""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import diff, manifests, session


class DiffExit(errors.MklError):
    """1 when there are differences: no error line, as kubectl exits."""

    def __init__(self, code: int, text: str = "") -> None:
        super().__init__(text)
        self.exit_code = code

    def render(self) -> str:
        return self.message


def diff_(inv: Invocation) -> None:
    if inv.args:
        raise inv.usage_error(f"Unexpected args: [{' '.join(inv.args)}]")
    files = inv.flag("filename") or []
    if not files:
        raise errors.MklError("error: must specify one of -f and -k")
    sources = manifests.read(list(files), cli_targets.stdin_text(inv, files))
    with session.open_cluster(inv.profile) as cluster:
        found = diff.objects(cluster, sources, inv.flag("namespace"))
    from minikube_lite.printers.formats.yaml import to_yaml

    texts = [
        diff.Pair(f.name, "" if f.live is None else to_yaml(f.live), to_yaml(f.merged))
        for f in found
    ]
    ran = diff.run_diff(texts, dict(inv.io.env))
    inv.io.out(ran.out)
    if ran.err:
        inv.io.err(ran.err)
    if ran.code == 1:
        raise DiffExit(1)
    if ran.code:
        raise DiffExit(ran.code, f"error: exit status {ran.code}")
