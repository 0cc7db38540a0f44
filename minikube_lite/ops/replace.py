"""``replace -f FILE [--force]``: PUT each object of the files (kubectl's cmd/replace/replace.go).

A ``metadata.resourceVersion`` in the file is a precondition (a stale one is the server's
Conflict); without one the PUT is unconditional, as kubectl's resource.Helper.Replace(overwrite)
makes it.  ``--force`` deletes every object first (immediately: grace period 0, as kubectl's
DeleteOptions with ForceDeletion), then creates them again.  Errors carry the source as
AddSourceToErr writes it (``error when replacing "F": ...``).
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.ops import create, manifests, options
from minikube_lite.ops.manifests import Manifest
from minikube_lite.records import dataclass
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster

Sources = list[tuple[str, list[Obj]]]


@dataclass(frozen=True, slots=True)
class Replaced:
    """What to print, in order: ``deleted`` objects (``--force``) then ``replaced`` ones."""

    deleted: tuple[Obj, ...]
    replaced: tuple[Obj, ...]
    errors: tuple[errors.MklError, ...]


@dataclass(frozen=True, slots=True)
class ReplaceOptions:
    """Port of ReplaceOptions after Complete (cmd/replace/replace.go)."""

    filenames: tuple[str, ...]
    stdin: str | None
    namespace: str | None
    cause: str | None
    save_config: bool
    force: bool
    grace_given: bool
    dry_run: str
    command_path: str
    manager: str = "kubectl-replace"  # --field-manager

    @classmethod
    def complete(
        cls, flags: options.Flags, cause: str | None, stdin: str | None, command_path: str
    ) -> ReplaceOptions:
        return cls(
            filenames=tuple(flags.flag("filename") or ()),
            stdin=stdin,
            namespace=flags.flag("namespace"),
            cause=cause,
            save_config=bool(flags.flag("save-config")),
            force=bool(flags.flag("force")),
            grace_given=int(flags.flag("grace-period")) >= 0,
            dry_run=options.dry_run(flags),
            command_path=command_path,
            manager=options.field_manager(flags, "kubectl-replace"),
        )

    def validate(self) -> list[errors.MklError]:
        """Validate: --grace-period needs --force; -f is required."""
        if self.grace_given and not self.force:
            return [errors.MklError("--grace-period must have --force specified")]
        if not self.filenames:
            return [errors.UsageError("Must specify --filename to replace", self.command_path)]
        if self.force and self.dry_run != "none":
            return [errors.MklError("--dry-run can not be used with --force")]
        return []

    def read(self) -> Sources:
        return manifests.read(list(self.filenames), self.stdin)

    def run(self, cluster: Cluster, sources: Sources) -> Replaced:
        items: list[tuple[Manifest, Obj]] = []
        errs: list[errors.MklError] = []
        for source, objs in sources:
            for raw in objs:
                try:
                    m = manifests.resolve(source, raw)
                    items.append((m, self._prepared(cluster, m)))
                except errors.MklError as e:
                    errs.append(e)
        if self.force:
            return self._force(cluster, items, errs)
        done = []
        for m, obj in items:
            try:
                done.append(self._put(cluster, m, obj))
            except errors.MklError as e:
                errs.append(e)
        return Replaced((), tuple(done), tuple(errs))

    def _prepared(self, cluster: Cluster, m: Manifest) -> Obj:
        obj = create.target_namespace(cluster, m, self.namespace)
        if self.save_config:
            o.set_annotation(obj, o.LAST_APPLIED_ANNOTATION, create.last_applied(obj))
        if self.cause is not None:
            o.set_annotation(obj, o.CHANGE_CAUSE_ANNOTATION, self.cause)
        return obj

    def _put(self, cluster: Cluster, m: Manifest, obj: Obj) -> Obj:
        if self.dry_run == "client":
            return obj
        try:
            create.strict_check(m.kind.kind, obj)
            stored, _ = apiserver.update(  # a PUT: RBAC's verb is update
                cluster,
                m.kind.kind,
                obj,
                dry_run=self.dry_run == "server",
                verb="update",
                manager=self.manager,
            )
        except errors.InvalidError:
            raise
        except errors.ServerError as e:
            raise e.with_source(m.source, "replacing") from None
        return stored

    def _force(
        self, cluster: Cluster, items: list[tuple[Manifest, Obj]], errs: list[errors.MklError]
    ) -> Replaced:
        """forceReplace: delete each (a missing one is fine), then create them all again."""
        deleted = []
        for m, obj in items:
            k = m.kind
            live = cluster.get(
                k.kind, o.namespace(obj) or None if k.namespaced else None, o.name(obj)
            )
            if live is None:
                continue
            apiserver.delete(cluster, k.kind, live, grace=0, force=True)
            deleted.append(live)
        replaced = []
        for m, obj in items:
            try:
                replaced.append(
                    apiserver.create(cluster, m.kind.kind, o.deepcopy(obj), manager=self.manager)
                )
            except errors.InvalidError as e:
                errs.append(e)
            except errors.ServerError as e:
                errs.append(e.with_source(m.source, "creating"))
        if not items and not errs:
            errs.append(errors.MklError("no objects passed to replace"))
        return Replaced(tuple(deleted), tuple(replaced), tuple(errs))
