"""``cluster-info`` and ``top pod|node`` (ops.clusterinfo)."""

from __future__ import annotations

from minikube_lite.api.objects import Obj
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import clusterinfo, session, targets


def cluster_info(inv: Invocation) -> None:
    """Words after ``cluster-info`` are ignored, as kubectl ignores them."""
    with session.open_cluster(inv.profile) as cluster:
        text = clusterinfo.cluster_info(cluster, inv.flag("namespace"), inv.prog)
    inv.io.out(text)


def _top(inv: Invocation, pods: bool) -> None:
    opts = clusterinfo.TopOptions.complete(inv)
    targets.raise_first(opts.validate(pods))
    opts.run()


def top_pod(inv: Invocation) -> None:
    _top(inv, True)


def top_node(inv: Invocation) -> None:
    _top(inv, False)


def dump(inv: Invocation) -> None:
    """``cluster-info dump``: to stdout, or the files under --output-directory."""
    from minikube_lite.ops import clusterinfo_dump

    opts = clusterinfo_dump.DumpOptions.complete(inv)
    with session.open_cluster(inv.profile) as cluster:
        chunks = opts.run(cluster)
    printer = _ListPrinter(opts.output, opts.show_managed_fields)
    texts = [(c.path, c.text if c.doc is None else printer.text(c.doc)) for c in chunks]
    if opts.to_stdout:
        inv.io.out("".join(t for _, t in texts))
        return
    for rel, text in texts:
        _write(opts.output_dir, rel, text)
    inv.io.out(f"Cluster info dumped to {opts.output_dir}\n")


class _ListPrinter:
    """One printer for the whole dump: -o yaml writes ``---`` before each List after the
    first, wherever it goes (a file or stdout), as kubectl's YAML printer counts its objects."""

    def __init__(self, fmt: str, show_managed_fields: bool) -> None:
        self.fmt = fmt
        self.show_managed_fields = show_managed_fields
        self.count = 0

    def text(self, doc: Obj) -> str:
        from minikube_lite.printers.formats.json import omit_managed_fields, to_json

        if not self.show_managed_fields:
            doc = omit_managed_fields(doc)
        self.count += 1
        if self.fmt != "yaml":  # the List's own fields in struct order, its items sorted
            return to_json({**doc, "items": [_sorted(x) for x in doc["items"]]}, ordered=True)
        from minikube_lite.printers.formats.yaml import to_yaml

        return ("---\n" if self.count > 1 else "") + to_yaml(doc)


def _sorted(v: object) -> object:
    """A copy whose maps insert their keys sorted (what ``to_json`` prints for a server's
    object), for a printer that otherwise keeps the insertion order."""
    if isinstance(v, dict):
        return {k: _sorted(v[k]) for k in sorted(v, key=str)}
    if isinstance(v, list):
        return [_sorted(x) for x in v]
    return v


def _write(root: str, rel: str, text: str) -> None:
    """Make the file's parent directories (0755), then create (truncate) the file."""
    import os

    from minikube_lite import errors

    path = os.path.join(root, rel)
    op = "mkdir"  # Go's *PathError: the operation, the path, the errno text
    try:
        os.makedirs(os.path.dirname(path), 0o755, exist_ok=True)
        op = "open"
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as e:
        where = e.filename or path
        why = "not a directory" if isinstance(e, FileExistsError) else e.strerror or str(e)
        raise errors.MklError(f"{op} {where}: {why.lower()}") from None
