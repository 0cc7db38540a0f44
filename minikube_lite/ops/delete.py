"""``delete``: names, ``-f``, ``-l``, ``--field-selector``, ``--all``, ``--cascade``.

Port of kubectl ``staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go`` (DeleteOptions:
Complete, Validate, RunDelete, DeleteResult, PrintObj), ``delete_flags.go`` and
``cmdutil.GetCascadingStrategy``.  The cascade itself is the garbage collector's
(controllers/gc.py): background as the controllers run, orphan by releasing the dependents
before the DELETE, foreground through the ``foregroundDeletion`` finalizer.  ``--wait`` (waiting
until the objects are gone) is cli/cmd_delete.py's.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.ops import manifests, options, resources
from minikube_lite.records import dataclass
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster

FORCE_WARNING = (
    "Warning: Immediate deletion does not wait for confirmation that the running resource has "
    "been terminated. The resource may continue to run on the cluster indefinitely.\n"
)
SCOPE_WARNING = "Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n"
NO_RESOURCES = (
    "You must provide one or more resources by argument or filename.\n"
    "Example resource specifications include:\n"
    "   '-f rsrc.yaml'\n"
    "   '--filename=rsrc.json'\n"
    "   '<resource> <name>'\n"
    "   '<resource>'"
)

Target = tuple[kinds.Kind, str | None, str]  # kind, namespace (None: cluster-scoped), name

ALL_WITH_SELECTOR = "setting 'all' parameter but found a non empty selector. "


@dataclass(frozen=True, slots=True)
class DeleteResult:
    """What the command prints: stdout lines, stderr warnings, the errors to raise after."""

    lines: tuple[str, ...]
    warnings: tuple[str, ...]
    errors: tuple[errors.MklError, ...]
    deleted: tuple[tuple[Target, str], ...] = ()  # what --wait waits for: (target, uid)


@dataclass(frozen=True, slots=True)
class DeleteOptions:
    """Port of DeleteOptions after Complete: every flag the command reads, typed."""

    args: tuple[str, ...]
    filenames: tuple[str, ...]
    stdin: str | None  # standard input when ``-f -`` asks for it
    selector: str | None
    delete_all: bool
    all_namespaces: bool
    namespace: str | None  # -n as given
    grace_period: int  # -1: the object's own
    force: bool
    ignore_not_found: bool
    output: str | None
    dry_run: str  # none | client | server
    field_selector: str | None = None
    cascade: str = "Background"  # the propagation policy sent
    warnings: tuple[str, ...] = ()  # printed before anything else (the deprecated booleans)
    wait: bool = True
    timeout: float = 0.0  # --timeout seconds; 0: a week

    @classmethod
    def complete(cls, flags: options.Flags, stdin: str | None = None) -> DeleteOptions:
        """Port of DeleteOptions.Complete: --now, --grace-period and --force, then --dry-run.

        ``--grace-period=0`` without ``--force`` means 1; ``--force`` alone means 0.  With
        ``--all``, ``-l`` or ``--field-selector``, ``--ignore-not-found`` defaults to true.
        """
        raw_cascade = flags.flag("cascade")
        cascade, warning = cascading_strategy("background" if raw_cascade is None else raw_cascade)
        grace = flags.flag("grace-period")
        grace = -1 if grace is None else int(grace)
        force = bool(flags.flag("force"))
        if flags.flag("now"):
            if grace != -1:
                raise errors.MklError("--now and --grace-period cannot be specified together")
            grace = 1
        if grace == 0 and not force:
            grace = 1
        if force and grace < 0:
            grace = 0
        dry_run = options.dry_run(flags)
        field_selector = (flags.flag("field-selector") or "").strip() or None
        selector = flags.flag("selector")
        ignore = bool(flags.flag("ignore-not-found"))
        if not flags.given("ignore-not-found") and (
            flags.flag("all") or selector or field_selector
        ):
            ignore = True
        return cls(
            args=tuple(flags.args),
            filenames=tuple(flags.flag("filename") or ()),
            stdin=stdin,
            selector=flags.flag("selector"),
            delete_all=bool(flags.flag("all")),
            all_namespaces=bool(flags.flag("all-namespaces")),
            namespace=flags.flag("namespace"),
            grace_period=grace,
            force=force,
            ignore_not_found=ignore,
            output=flags.flag("output"),
            dry_run=dry_run,
            field_selector=field_selector,
            cascade=cascade,
            warnings=(warning,) if warning else (),
            wait=flags.flag("wait") is not False,
            timeout=_timeout(flags.flag("timeout"), getattr(flags, "command_path", None)),
        )

    @property
    def immediate(self) -> bool:
        """``--force`` with grace period 0: the FORCE_WARNING case."""
        return self.force and self.grace_period == 0

    def validate(self) -> list[errors.MklError]:
        """The builder's errors (Complete), then DeleteOptions.Validate's, in kubectl's order."""
        errs: list[errors.MklError] = []
        selecting = bool(self.selector or self.field_selector)
        if self.delete_all and selecting:
            return [errors.MklError(ALL_WITH_SELECTOR)]
        if (self.delete_all or selecting) and not self.filenames:
            refs = resources.parse_refs(list(self.args))
            if any(r.name is not None for r in refs):
                return [errors.MklError(NAME_WITH_SELECTOR)]
        if self.output and self.output != "name":
            errs.append(
                errors.MklError(
                    f"unexpected -o output mode: {self.output}. We only support '-o name'"
                )
            )
        if self.grace_period > 0 and self.force:
            errs.append(
                errors.MklError(
                    "--force and --grace-period greater than 0 cannot be specified together"
                )
            )
        return errs

    def run(self, cluster: Cluster) -> DeleteResult:
        """Port of RunDelete + DeleteResult.  A client dry run sends nothing: it prints a line
        for every object the builder visits (named ones are not even looked up), as kubectl does.
        """
        targets = self._targets(cluster, resources.current_namespace(cluster, self.namespace))
        warn_scope = bool(self.namespace) and not self.all_namespaces
        lines: list[str] = []
        warnings: list[str] = []
        errs: list[errors.MklError] = []
        gone: list[tuple[Target, str]] = []
        for t in targets:
            if warn_scope and not t[0].namespaced:
                warnings.append(SCOPE_WARNING)
                warn_scope = False
            if self.dry_run != "client":
                try:
                    obj = self._delete_one(cluster, t)
                except errors.MklError as e:
                    errs.append(e)
                    continue
                if obj is None:
                    continue
                gone.append((t, o.uid(obj)))
            lines.append(self._line(*t))
        if not targets and not errs:
            lines.append("No resources found\n")
        return DeleteResult(tuple(lines), tuple(warnings), tuple(errs), tuple(gone))

    def _targets(self, cluster: Cluster, ns: str) -> list[Target]:
        """What the builder visits: ``-f`` objects and named objects as given (no GET), and the
        objects a ``-l``/``--all`` list returns."""
        out: list[Target] = []
        if self.filenames:
            for source, objs in manifests.read(list(self.filenames), self.stdin):
                for raw in objs:
                    m = manifests.resolve(source, raw)
                    obj_ns = o.namespace(raw) or ns
                    out.append((m.kind, obj_ns if m.kind.namespaced else None, o.name(raw)))
            return out
        refs = resources.parse_refs(list(self.args))
        if not refs:
            raise errors.MklError(NO_RESOURCES)
        for ref in refs:
            if ref.name is not None:
                out.append((ref.kind, ns if ref.kind.namespaced else None, ref.name))
                continue
            if not self.delete_all and not self.selector and not self.field_selector:
                raise errors.MklError("resource(s) were provided, but no name was specified")
            list_ns = None if self.all_namespaces else ns
            found = resources.list_kind(
                cluster, ref.kind, list_ns, self.selector, self.field_selector
            )
            for obj in found:
                out.append((ref.kind, o.namespace(obj) or None, o.name(obj)))
        return out

    def _delete_one(self, cluster: Cluster, t: Target) -> Obj | None:
        """The DELETE request (with ``dryRun=All`` for a server dry run): every server-side
        check, nothing stored on a dry run.  None: not found and ignored."""
        grace = self.grace_period
        return delete_one(
            cluster,
            t,
            grace=None if grace < 0 else grace,
            force=self.immediate,
            dry_run=self.dry_run == "server",
            cascade=self.cascade,
            ignore_not_found=self.ignore_not_found,
        )

    def _line(self, k: kinds.Kind, ns: str | None, name: str) -> str:
        """Port of DeleteOptions.PrintObj.

        ``deployment.apps "web" deleted from default namespace``.
        """
        kind = f"{k.kind.lower()}.{k.group}" if k.group else k.kind.lower()
        if self.output == "name":
            return f"{kind}/{name}\n"
        op = "force deleted" if self.immediate else "deleted"
        if k.namespaced:
            op += f" from {ns} namespace"
        return f'{kind} "{name}" {options.op_suffix(op, self.dry_run)}\n'


def delete_one(
    cluster: Cluster,
    t: Target,
    *,
    grace: int | None,
    force: bool,
    dry_run: bool,
    cascade: str,
    ignore_not_found: bool = False,
) -> Obj | None:
    """The API server's DELETE of one object (kubectl's and ``mkl serve``'s): authorize, look
    up, orphan the dependents first for ``Orphan``, then delete with ``cascade`` as the
    propagation policy.  Returns the object as it was found; None: not found and ignored."""
    k, ns, name = t
    # the server authorizes before it looks the object up
    resources.authorize(cluster, "delete", k, ns, name)
    obj = cluster.get(k.kind, ns, name)
    if obj is None:
        if ignore_not_found:
            return None
        raise resources.not_found(k, name)
    if cascade == "Orphan" and not dry_run and not o.is_deleting(obj):
        apiserver.delete(cluster, k.kind, obj, dry_run=True)  # every check first
        from minikube_lite.controllers import gc

        gc.orphan_dependents(cluster, obj)
    apiserver.delete(
        cluster, k.kind, obj, grace=grace, force=force, dry_run=dry_run, propagation=cascade
    )
    return obj


def _timeout(raw: object, command_path: str | None) -> float:
    """--timeout (a Go duration flag, 0: wait for a week, as kubectl does)."""
    if not raw:
        return 0.0
    from minikube_lite import clock

    try:
        return float(clock.parse_duration(str(raw)))
    except ValueError as e:
        raise errors.UsageError(
            f'invalid argument "{raw}" for "--timeout" flag: {e}', command_path, flag_error=True
        ) from None


NAME_WITH_SELECTOR = "name cannot be provided when a selector is specified"
CASCADE_VALUES = {"background": "Background", "foreground": "Foreground", "orphan": "Orphan"}
# strconv.ParseBool's spellings: the deprecated boolean --cascade values
_TRUE = frozenset({"1", "t", "T", "TRUE", "true", "True"})
_FALSE = frozenset({"0", "f", "F", "FALSE", "false", "False"})


def cascading_strategy(value: str) -> tuple[str, str]:
    """GetCascadingStrategy: (propagation policy, deprecation warning or "")."""
    if value in _TRUE or value in _FALSE:
        repl = "background" if value in _TRUE else "orphan"
        return CASCADE_VALUES[repl], (
            f"warning: --cascade={value} is deprecated (boolean value) and can be replaced "
            f"with --cascade={repl}.\n"
        )
    if value not in CASCADE_VALUES:
        raise errors.MklError(
            f'invalid cascade value ({value}). Must be "background", "foreground", or "orphan"'
        )
    return CASCADE_VALUES[value], ""
