"""Which objects a mutating verb acts on: cli-runtime's resource Builder, reduced to mkl's needs.

Mirrors ``resource.Builder`` as the rollout, set, patch, annotate, label and scale commands use it
(``ResourceTypeOrNameArgs``, ``LabelSelectorParam``, ``FilenameParam``, ``Latest``,
``ContinueOnError``): arguments in every form (``deploy/x``, ``deployment x``,
``deployments.apps/x``), ``-l``, ``--all``, ``-f``.  Builder errors are raised at once; objects
that are missing become NotFound errors returned next to the objects found, so the verb can keep
going and report them at the end (kubectl's ContinueOnError).
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.ops import resources
from minikube_lite.records import dataclass, field
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:  # read only with -f: its YAML/JSON decoding stays off the other commands' path
    from minikube_lite.ops import manifests

MISSING_RESOURCE = (
    "You must provide one or more resources by argument or filename.\n"
    "Example resource specifications include:\n"
    "   '-f rsrc.yaml'\n"
    "   '--filename=rsrc.json'\n"
    "   '<resource> <name>'\n"
    "   '<resource>'"
)
LOCAL_RESOURCE = (
    "error: you must specify resources by --filename when --local is set.\n"
    "Example resource specifications include:\n"
    "   '-f rsrc.yaml'\n"
    "   '--filename=rsrc.json'"
)


@dataclass(frozen=True, slots=True)
class Selection:
    """What the user named: positional resource words, -f documents, -l, --all."""

    args: list[str] = field(default_factory=list)
    docs: list[manifests.Manifest] = field(default_factory=list)
    has_files: bool = False
    selector: str | None = None
    select_all: bool = False
    allow_empty_selector: bool = False  # `rollout ... deployment` means every deployment


@dataclass(frozen=True, slots=True)
class Found:
    kind: kinds.Kind
    obj: Obj


def load_docs(files: list[str], stdin_text: str | None) -> list[manifests.Manifest]:
    """Read ``-f`` sources into manifests (kubectl's FilenameParam)."""
    from minikube_lite.ops import manifests

    out: list[manifests.Manifest] = []
    for source, objs in manifests.read(files, stdin_text):
        out.extend(manifests.resolve(source, raw) for raw in objs)
    return out


def file_namespace(cluster: Cluster | None, m: manifests.Manifest, ns_flag: str | None) -> str:
    """The namespace of an object read from a file (-n must agree with the file's)."""
    file_ns = o.meta(m.obj).get("namespace")
    if file_ns and ns_flag and file_ns != ns_flag:
        raise errors.MklError(
            f'the namespace from the provided object "{file_ns}" does not match the namespace '
            f'"{ns_flag}". '
            f"You must pass '--namespace={file_ns}' to perform this operation."
        )
    if file_ns:
        return str(file_ns)
    return (
        resources.current_namespace(cluster, ns_flag)
        if cluster is not None
        else (ns_flag or "default")
    )


def check(sel: Selection) -> None:
    """Builder errors that need no server (visitorResult's checks, in its order)."""
    if sel.has_files:
        if sel.args:
            raise errors.MklError(
                "when paths, URLs, or stdin is provided as input, you may not specify resource "
                "arguments as well"
            )
        return
    refs = resources.parse_refs(sel.args) if sel.args else []
    named = any(r.name is not None for r in refs)
    selecting = (
        sel.selector is not None
        or sel.select_all
        or (sel.allow_empty_selector and len(sel.args) == 1 and "/" not in sel.args[0])
    )
    if selecting and refs:
        if named and "/" in sel.args[0]:
            raise errors.MklError(
                "selectors and the all flag cannot be used when passing resource/name arguments"
            )
        if named:
            raise errors.MklError("name cannot be provided when a selector is specified")
        return
    if not refs:
        if sel.selector is not None or sel.select_all:
            raise errors.MklError("at least one resource must be specified to use a selector")
        raise errors.MklError(MISSING_RESOURCE)
    if not named:
        raise errors.MklError("resource(s) were provided, but no name was specified")


def visit(
    cluster: Cluster, sel: Selection, ns_flag: str | None
) -> tuple[list[Found], list[errors.MklError]]:
    """The objects selected, in kubectl's order, and the NotFound errors met on the way."""
    check(sel)
    found: list[Found] = []
    errs: list[errors.MklError] = []
    if sel.has_files:
        for m in sel.docs:
            ns = file_namespace(cluster, m, ns_flag)
            _get(cluster, m.kind, ns, o.name(m.obj), found, errs)
        return found, errs
    ns = resources.current_namespace(cluster, ns_flag)
    refs = resources.parse_refs(sel.args)
    if all(r.name is None for r in refs):
        selector = "" if sel.select_all else (sel.selector or "")
        for r in refs:
            items = resources.list_kind(cluster, r.kind, ns, selector or None)
            found.extend(Found(r.kind, x) for x in items)
        return found, errs
    for r in refs:
        _get(cluster, r.kind, ns, str(r.name), found, errs)
    return found, errs


def _get(
    cluster: Cluster,
    k: kinds.Kind,
    ns: str,
    name: str,
    found: list[Found],
    errs: list[errors.MklError],
) -> None:
    try:
        resources.authorize(cluster, "get", k, ns, name)
    except errors.ForbiddenError as e:
        errs.append(e)
        return
    obj = cluster.get(k.kind, ns if k.namespaced else None, name)
    if obj is None:
        errs.append(resources.not_found(k, name))
    else:
        found.append(Found(k, obj))


def status_message(e: errors.ServerError) -> str:
    """``err.Error()`` of an API status error (what ``%v`` prints when kubectl wraps it)."""
    if isinstance(e, errors.InvalidError):
        k = kinds.KINDS.get(e.kind)
        qualified = f"{e.kind}.{k.group}" if k and k.group else e.kind
        causes = [str(c) for c in e.causes]
        body = causes[0] if len(causes) == 1 else "[" + ", ".join(causes) + "]"
        return f'{qualified} "{e.name}" is invalid: {body}'
    return e.message


def message_for_error(e: errors.MklError) -> str:
    """Port of cmdutil.messageForError: one line of a multi-error report (no ``error: `` added)."""
    if isinstance(e, errors.InvalidError):
        return f"Error from server (Invalid): {status_message(e)}"
    if isinstance(e, errors.ServerError):
        return e.render()
    return e.message


def aggregate(errs: list[errors.MklError]) -> errors.MklError:
    """utilerrors.NewAggregate as CheckErr prints it: one error as itself, several one per line."""
    if len(errs) == 1:
        e = errs[0]
        if type(e) is errors.MklError and e.message.endswith("\n"):
            return errors.MklError(e.message[:-1])  # fatal() adds no second newline
        return e
    # MultipleErrors: each message on its own line (one that ends in a newline leaves a gap)
    return errors.PlainError("\n".join(message_for_error(e) for e in errs))


def raise_first(errs: list[errors.MklError]) -> None:
    """An Options.validate() list as kubectl's Validate returns it: the first error."""
    if errs:
        raise errs[0]


def raise_all(errs: list[errors.MklError]) -> None:
    if errs:
        raise aggregate(errs)


def split_pairs(args: list[str], pair_type: str) -> tuple[list[str], list[str]]:
    """Port of cmdutil.GetResourcesAndPairs: resource words first, then KEY=VALUE / KEY- pairs."""
    resources_: list[str] = []
    pairs: list[str] = []
    found_pair = False
    for s in args:
        non_resource = ("=" in s and not s.startswith("=")) or (s.endswith("-") and s != "-")
        if non_resource:
            found_pair = True
            pairs.append(s)
        elif found_pair:
            raise errors.MklError(
                f"all resources must be specified before {pair_type} changes: {s}"
            )
        else:
            resources_.append(s)
    return resources_, pairs


def parse_pairs(
    pair_args: list[str], pair_type: str, support_remove: bool
) -> tuple[dict[str, str], list[str]]:
    """Port of cmdutil.ParsePairs: ``KEY=VALUE`` (and ``KEY-`` when removal is supported)."""
    new: dict[str, str] = {}
    remove: list[str] = []
    invalid: list[str] = []
    for p in pair_args:
        if "=" in p and not p.startswith("="):
            k, _, v = p.partition("=")
            new[k] = v
        elif support_remove and p.endswith("-") and p != "-":
            remove.append(p[:-1])
        else:
            invalid.append(p)
    if invalid:
        raise errors.MklError(f"invalid {pair_type} format: {', '.join(invalid)}")
    return new, remove
