"""``get``: tables, ``-o json|yaml|name|wide|jsonpath=|custom-columns=|go-template=``, ``-w``."""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api.objects import Obj
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import get as get_op
from minikube_lite.ops import session

_NO_PRINTER = (
    'unable to match a printer suitable for the output format "{fmt}", allowed formats are: '
    "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,"
    "jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,wide,yaml"
)
NO_TYPE = (
    'You must specify the type of resource to get. Use "{prog} api-resources" for a complete '
    "list of supported resources.\n\n"
)


def _no_type_error(inv: Invocation) -> errors.MklError:
    inv.io.err(NO_TYPE.format(prog=inv.prog))
    return errors.PlainError(
        "error: Required resource not specified.\n"
        f'Use "{inv.prog} explain <resource>" for a detailed description of that resource (e.g. '
        f"{inv.prog} explain pods).\n"
        f"See '{inv.prog} get -h' for help and examples"
    )


def get(inv: Invocation) -> None:
    if not inv.args and not inv.flag("filename"):
        raise _no_type_error(inv)
    opts = get_op.GetOptions.complete(inv)
    errs = opts.validate()
    if errs:
        raise errs[0]
    with session.open_cluster(inv.profile) as cluster:
        result = opts.run(cluster)
    if opts.watch:
        if result.errors:
            raise result.errors[0]
        from minikube_lite.cli import watch

        watch.get_watch(inv, list(opts.refs), result.groups, result.namespace, result.now)
        return
    groups = result.groups
    generic = opts.output not in ("", "wide", "name")
    if generic and opts.single and result.errors and not any(lst for _, lst in groups):
        # printGeneric: one named object that failed is its error alone, no empty List
        errs = result.errors
        raise errs[0] if len(errs) == 1 else errors.AggregateError(errs)
    _print(
        inv,
        opts,
        groups,
        result.namespace,
        result.now,
        multi_kind=len({k for k, _ in groups}) > 1 or _is_all(inv) or opts.show_kind,
    )
    errs = result.errors
    if errs:
        raise errs[0] if len(errs) == 1 else errors.AggregateError(errs)


def _is_all(inv: Invocation) -> bool:
    return bool(inv.args) and "all" in inv.args[0].lower().split(",")


def _print(
    inv: Invocation,
    opts: get_op.GetOptions,
    groups: list[tuple[kinds.Kind, list[Obj]]],
    ns: str | None,
    now: float,
    multi_kind: bool,
) -> None:
    fmt = _aliased(opts.output)
    items = [x for _, lst in groups for x in lst]
    if opts.sort_by:
        from minikube_lite.printers import sortby

        if fmt in ("", "wide"):  # one TableSorter per table
            groups = [(k, sortby.sort_objects(lst, opts.sort_by)) for k, lst in groups]
        else:  # one RuntimeSorter over every object
            items = sortby.sort_objects(items, opts.sort_by, table=False)
    if not items and opts.ignore_not_found and fmt != "name":
        return  # printGeneric/humanreadable print nothing (not even an empty List)
    if fmt in ("json", "yaml", "kyaml") or fmt.startswith(
        ("jsonpath", "custom-columns", "go-template")
    ):
        _print_generic(inv, opts, fmt, items)
        return
    if fmt == "name":
        from minikube_lite.printers.formats.name import name_line

        inv.io.out("".join(name_line(x) + "\n" for x in items))
        return
    if fmt not in ("", "wide"):
        raise errors.MklError(_NO_PRINTER.format(fmt=fmt))
    _tables(inv, opts, groups, ns, now, multi_kind)


def _print_generic(inv: Invocation, opts: get_op.GetOptions, fmt: str, items: list[Obj]) -> None:
    """The generic printers (-o json, yaml, kyaml, templates): one object for a single name,
    else a List, as kubectl's get does."""
    from minikube_lite.printers.formats.json import list_object, omit_managed_fields, to_json

    doc: Obj = items[0] if opts.single and len(items) == 1 else list_object(items)
    if fmt in ("json", "yaml", "kyaml") and not inv.optional_flag("show-managed-fields"):
        doc = omit_managed_fields(doc)  # JSONYamlPrintFlags: templates still see them
    if fmt == "json":
        inv.io.out(to_json(doc))
    elif fmt == "yaml":
        from minikube_lite.printers.formats.yaml import to_yaml

        inv.io.out(to_yaml(doc))
    elif fmt == "kyaml":
        from minikube_lite.printers.formats.kyaml import to_kyaml

        inv.io.out(to_kyaml(doc))
    elif fmt.startswith("jsonpath"):
        from minikube_lite.printers.formats.jsonpath import jsonpath

        inv.io.out(jsonpath(_template(fmt), doc))
    elif fmt.startswith("custom-columns"):
        from minikube_lite.printers.formats.customcolumns import custom_columns

        inv.io.out(custom_columns(_template(fmt), items, no_headers=opts.no_headers))
    elif not _print_template(inv, fmt, doc):
        raise errors.MklError(_NO_PRINTER.format(fmt=fmt))


def _aliased(fmt: str) -> str:
    """kubectl's aliases: ``template`` is ``go-template``, ``templatefile`` ``go-template-file``."""
    name, eq, arg = fmt.partition("=")
    full = {"template": "go-template", "templatefile": "go-template-file"}.get(name)
    return full + eq + arg if full else fmt


def _print_template(inv: Invocation, fmt: str, doc: Obj) -> bool:
    from minikube_lite.cli.template_out import print_template

    return print_template(inv, fmt, doc)


def _template(fmt: str) -> str:
    _, _, t = fmt.partition("=")
    return t


def _tables(
    inv: Invocation,
    opts: get_op.GetOptions,
    groups: list[tuple[kinds.Kind, list[Obj]]],
    ns: str | None,
    now: float,
    multi_kind: bool,
) -> None:
    from minikube_lite.printers import columns

    chunks = []
    for k, lst in groups:
        if not lst:
            continue
        chunks.append(
            columns.get_table(
                k.kind,
                lst,
                now,
                wide=opts.output == "wide",
                namespace_column=ns is None and k.namespaced,
                show_labels=opts.show_labels,
                no_headers=opts.no_headers,
                name_prefix=k.name_prefix if multi_kind else None,
                extra={"label_columns": list(opts.label_columns)} if opts.label_columns else None,
            )
        )
    if chunks:
        inv.io.out("\n".join(chunks))
    elif not _named(inv) and not opts.ignore_not_found:
        where = "" if ns is None else f" in {ns} namespace"
        inv.io.err(f"No resources found{where}.\n")


def _named(inv: Invocation) -> bool:
    return len(inv.args) > 1 or any("/" in a for a in inv.args)
