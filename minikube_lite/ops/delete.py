"""``delete``: names, ``-f``, ``-l``, ``--all``; cascades are the controllers' job.

Port of kubectl ``staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go`` (DeleteOptions:
Complete, Validate, RunDelete, DeleteResult, PrintObj) and ``delete_flags.go``.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
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

    @classmethod
    def complete(cls, flags: options.Flags, stdin: str | None = None) -> DeleteOptions:
        """Port of DeleteOptions.Complete: --now, --grace-period and --force, then --dry-run.

        ``--grace-period=0`` without ``--force`` means 1; ``--force`` alone means 0.
        """
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
            ignore_not_found=bool(flags.flag("ignore-not-found")),
            output=flags.flag("output"),
            dry_run=dry_run,
        )

    @property
    def immediate(self) -> bool:
        """``--force`` with grace period 0: the FORCE_WARNING case."""
        return self.force and self.grace_period == 0

    def validate(self) -> list[errors.MklError]:
        """Port of DeleteOptions.Validate: every problem, in kubectl's order."""
        errs: list[errors.MklError] = []
        if self.output and self.output != "name":
            errs.append(
                errors.MklError(
                    f"unexpected -o output mode: {self.output}. We only support '-o name'"
                )
            )
        if self.delete_all and self.selector:  # the builder's SelectAllParam (kubectl 1.37)
            errs.append(errors.MklError(ALL_WITH_SELECTOR))
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
        for t in targets:
            if warn_scope and not t[0].namespaced:
                warnings.append(SCOPE_WARNING)
                warn_scope = False
            if self.dry_run != "client":
                try:
                    if not self._delete_one(cluster, t):
                        continue
                except errors.MklError as e:
                    errs.append(e)
                    continue
            lines.append(self._line(*t))
        if not targets and not errs:
            lines.append("No resources found\n")
        return DeleteResult(tuple(lines), tuple(warnings), tuple(errs))

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
            if not self.delete_all and not self.selector:
                raise errors.MklError("resource(s) were provided, but no name was specified")
            list_ns = None if self.all_namespaces else ns
            for obj in resources.list_kind(cluster, ref.kind, list_ns, self.selector):
                out.append((ref.kind, o.namespace(obj) or None, o.name(obj)))
        return out

    def _delete_one(self, cluster: Cluster, t: Target) -> bool:
        """The DELETE request (with ``dryRun=All`` for a server dry run): every server-side
        check, nothing stored on a dry run.  False: not found and ignored."""
        k, ns, name = t
        # the server authorizes before it looks the object up
        resources.authorize(cluster, "delete", k, ns, name)
        obj = cluster.get(k.kind, ns, name)
        if obj is None:
            if self.ignore_not_found:
                return False
            raise resources.not_found(k, name)
        grace = self.grace_period
        apiserver.delete(
            cluster,
            k.kind,
            obj,
            grace=None if grace < 0 else grace,
            force=self.immediate,
            dry_run=self.dry_run == "server",
        )
        return True

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
