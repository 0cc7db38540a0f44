"""``rollout history|undo|pause|resume|restart`` and the status text of ``rollout status``.

Ports of kubectl's polymorphichelpers: ``history.go`` (DeploymentHistoryViewer; StatefulSets'
in ``rollout_apps.py``),
``rollback.go`` (DeploymentRollbacker), ``objectpauser.go``, ``objectresumer.go``,
``objectrestarter.go`` and ``rollout_status.go`` (DeploymentStatusViewer), plus
``deploymentutil.GetAllReplicaSets``.  Functions work on an open Cluster and never print.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from minikube_lite import clock, errors
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import timeline
from minikube_lite.controllers.deployment import util
from minikube_lite.ops import options, resources, targets
from minikube_lite.records import dataclass
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster

TIMED_OUT_REASON = "ProgressDeadlineExceeded"
# Kinds with a history viewer, a rollbacker and a restarter (StatefulSets: ops/rollout_apps.py)
REVISIONED = ("Deployment", "StatefulSet")


@dataclass(frozen=True, slots=True)
class Revision:
    """One row of ``rollout history``: the revision, its change-cause and its pod template."""

    number: int
    change_cause: str | None
    template: Obj  # the RS template, with the RS's change-cause copied into its annotations
    replica_set: Obj  # what -o prints: the ReplicaSet, or the StatefulSet as of this revision


# ----- ReplicaSets of a Deployment --------------------------------------------------------------


def _without_hash(template: Obj) -> Obj:
    t = o.deepcopy(template)
    labels = t.get("metadata", {}).get("labels")
    if isinstance(labels, dict):
        labels.pop(o.POD_TEMPLATE_HASH_LABEL, None)
    return t


def replica_sets(cluster: Cluster, d: Obj) -> tuple[list[Obj], Obj | None]:
    """Port of deploymentutil.GetAllReplicaSets: (old RSes, new RS) controlled by ``d``."""
    ns = o.namespace(d)
    owned = [rs for rs in cluster.owned("ReplicaSet", o.uid(d), ns) if o.namespace(rs) == ns]
    new = util.find_new_replica_set(d, owned)
    return util.find_old_replica_sets(d, owned, new), new


def all_replica_sets(cluster: Cluster, d: Obj) -> list[Obj]:
    old, new = replica_sets(cluster, d)
    return old + ([new] if new is not None else [])


# ----- history -----------------------------------------------------------------------------------


def history(cluster: Cluster, d: Obj) -> list[Revision]:
    """Port of DeploymentHistoryViewer.ViewHistory's data: revisions ascending."""
    by_rev: dict[int, Revision] = {}
    for rs in all_replica_sets(cluster, d):
        v = util.revision(rs)
        if v is None:
            continue
        template = o.deepcopy(o.pod_template(rs))
        cause = o.annotations(rs).get(o.CHANGE_CAUSE_ANNOTATION) or None
        if cause:
            o.meta(template).setdefault("annotations", {})[o.CHANGE_CAUSE_ANNOTATION] = cause
        by_rev[v] = Revision(v, cause, template, rs)
    return [by_rev[k] for k in sorted(by_rev)]


def find_revision(revisions: list[Revision], number: int) -> Revision:
    for r in revisions:
        if r.number == number:
            return r
    raise errors.MklError("unable to find the specified revision")


# ----- undo ---------------------------------------------------------------------------------------


def revision_not_found(to_revision: int) -> errors.MklError:
    return errors.MklError(f"unable to find specified revision {to_revision} in history")


def rollback_target(cluster: Cluster, d: Obj, to_revision: int) -> Obj:
    """Port of rollback.go deploymentRevision: the RS to roll back to (0 = the previous one)."""
    latest: tuple[int, Obj | None] = (-1, None)
    previous: tuple[int, Obj | None] = (-1, None)
    for rs in all_replica_sets(cluster, d):
        v = util.revision(rs)
        if v is None:
            continue
        if to_revision == 0:
            if latest[0] < v:
                previous, latest = latest, (v, rs)
            elif previous[0] < v:
                previous = (v, rs)
        elif to_revision == v:
            return rs
    if to_revision > 0:
        raise revision_not_found(to_revision)
    if previous[1] is None:
        raise errors.MklError(f'no rollout history found for deployment "{o.name(d)}"')
    return previous[1]


def rollback_annotations(d: Obj, rs: Obj) -> dict[str, str]:
    """The Deployment's annotations after undo: skip-list ones kept, the rest from the target RS."""
    ann = {k: v for k, v in o.annotations(d).items() if k in o.SKIP_COPY_ANNOTATIONS}
    ann.update({k: v for k, v in o.annotations(rs).items() if k not in o.SKIP_COPY_ANNOTATIONS})
    return ann


@dataclass(frozen=True, slots=True)
class UndoResult:
    """What ``rollout undo`` did: the operation for the name printer, or (client dry-run) the
    template it would restore."""

    operation: str
    dry_run_template: Obj | None = None


ROLLOUT_MANAGER = "kubectl-rollout"


def undo(
    cluster: Cluster, d: Obj, to_revision: int, dry_run: str = "none", prog: str = "kubectl"
) -> UndoResult:
    """Port of DeploymentRollbacker.Rollback (client-side rollback, kubectl >= 1.11).

    ``dry_run`` is none|client|server.  The Deployment's template and annotations are replaced
    by the target ReplicaSet's (skip-list annotations kept); the controller then reuses that RS
    and renumbers it.
    """
    if to_revision < 0:
        raise revision_not_found(to_revision)
    target = rollback_target(cluster, d, to_revision)
    if dry_run == "client":
        return UndoResult("", o.deepcopy(o.pod_template(target)))
    if d.get("spec", {}).get("paused"):
        raise errors.MklError(
            f"you cannot rollback a paused deployment; resume it first with '{prog} rollout "
            "resume' and try again"
        )
    if util.equal_ignore_hash(o.pod_template(target), o.pod_template(d)):
        return UndoResult(
            f"skipped rollback (current template already matches revision {to_revision})"
        )
    new = o.deepcopy(d)
    new["spec"]["template"] = _without_hash(o.pod_template(target))
    o.meta(new)["annotations"] = rollback_annotations(d, target)
    try:
        stored, _ = apiserver.update(cluster, "Deployment", new, dry_run=dry_run == "server")
    except errors.ServerError as e:
        raise errors.MklError(f"failed restoring revision {to_revision}: {e.message}") from None
    if dry_run == "none":  # issue 7: a mark on the rollout timeline
        timeline.mark(cluster, stored, f"undo to revision {util.revision(target)}")
    return UndoResult("rolled back")


# ----- pause / resume / restart ------------------------------------------------------------------


def _not_supported(k: kinds.Kind, obj: Obj, what: str) -> errors.MklError:
    return errors.MklError(f'error: {k.resource} "{o.name(obj)}" {what}')


def pause(cluster: Cluster, k: kinds.Kind, obj: Obj, manager: str = ROLLOUT_MANAGER) -> Obj:
    """Port of defaultObjectPauser + the pause patch; returns the stored Deployment."""
    if k.kind != "Deployment":
        raise _not_supported(k, obj, "pausing is not supported")
    if obj.get("spec", {}).get("paused"):
        raise _not_supported(k, obj, "is already paused")
    new = o.deepcopy(obj)
    new["spec"]["paused"] = True
    return timeline.marked(
        cluster, apiserver.update(cluster, "Deployment", new, manager=manager)[0], "pause"
    )


def resume(cluster: Cluster, k: kinds.Kind, obj: Obj, manager: str = ROLLOUT_MANAGER) -> Obj:
    """Port of defaultObjectResumer + the resume patch (``paused: null`` removes the field)."""
    if k.kind != "Deployment":
        raise _not_supported(k, obj, "resuming is not supported")
    if not obj.get("spec", {}).get("paused"):
        raise _not_supported(k, obj, "is not paused")
    new = o.deepcopy(obj)
    new["spec"].pop("paused", None)
    return timeline.marked(
        cluster, apiserver.update(cluster, "Deployment", new, manager=manager)[0], "resume"
    )


def restart(cluster: Cluster, k: kinds.Kind, obj: Obj, manager: str = ROLLOUT_MANAGER) -> Obj:
    """Port of defaultObjectRestarter.

    Stamp ``kubectl.kubernetes.io/restartedAt`` on the template.
    """
    if k.kind not in REVISIONED:
        raise _not_supported(k, obj, "restarting is not supported")
    if obj.get("spec", {}).get("paused"):
        raise _not_supported(k, obj, "can't restart paused deployment (run rollout resume first)")
    new = o.deepcopy(obj)
    tmeta = o.meta(new["spec"].setdefault("template", {}))
    stamp = clock.rfc3339_local(cluster.now)
    if tmeta.get("annotations", {}).get(o.RESTARTED_AT_ANNOTATION) == stamp:
        raise errors.MklError(
            f"failed to create patch for {o.name(obj)}: if restart has already been triggered "
            "within the past "
            "second, please wait before attempting to trigger another"
        )
    tmeta.setdefault("annotations", {})[o.RESTARTED_AT_ANNOTATION] = stamp
    stored = apiserver.update(cluster, k.kind, new, manager=manager)[0]
    return timeline.marked(cluster, stored, "restart") if k.kind == "Deployment" else stored


# ----- status -------------------------------------------------------------------------------------


def deployment_status(d: Obj, revision: int = 0) -> tuple[str, bool]:
    """Port of DeploymentStatusViewer.Status: (message without newline, done); raises on failure."""
    name = o.name(d)
    if revision > 0:
        current = util.revision(d)
        if current is None:
            raise errors.MklError(f'cannot get the revision of deployment "{name}"')
        if revision != current:
            raise errors.MklError(
                f"desired revision ({revision}) is different from the running revision ({current})"
            )
    st = d.get("status") or {}
    if o.generation(d) <= int(st.get("observedGeneration") or 0):
        cond = o.condition(d, "Progressing")
        if cond is not None and cond.get("reason") == TIMED_OUT_REASON:
            raise errors.MklError(f'deployment "{name}" exceeded its progress deadline')
        spec = o.spec_replicas(d)
        updated, replicas = int(st.get("updatedReplicas") or 0), int(st.get("replicas") or 0)
        available = int(st.get("availableReplicas") or 0)
        prefix = f'Waiting for deployment "{name}" rollout to finish: '
        if updated < spec:
            return f"{prefix}{updated} out of {spec} new replicas have been updated...", False
        if replicas > updated:
            return f"{prefix}{replicas - updated} old replicas are pending termination...", False
        if available < updated:
            return f"{prefix}{available} of {updated} updated replicas are available...", False
        return f'deployment "{name}" successfully rolled out', True
    return "Waiting for deployment spec update to be observed...", False


def statefulset_status(sts: Obj, revision: int = 0) -> tuple[str, bool]:
    """Port of StatefulSetStatusViewer.Status (``revision`` is ignored, as upstream)."""
    spec, st = sts.get("spec") or {}, sts.get("status") or {}
    strategy = spec.get("updateStrategy") or {}
    if strategy.get("type") != "RollingUpdate":
        raise errors.MklError("rollout status is only available for RollingUpdate strategy type")
    observed = int(st.get("observedGeneration") or 0)
    if observed == 0 or o.generation(sts) > observed:
        return "Waiting for statefulset spec update to be observed...", False
    replicas, ready = spec.get("replicas"), int(st.get("readyReplicas") or 0)
    if replicas is not None and ready < int(replicas):
        return f"Waiting for {int(replicas) - ready} pods to be ready...", False
    updated = int(st.get("updatedReplicas") or 0)
    ru = strategy.get("rollingUpdate")
    if ru is not None:
        partition = ru.get("partition")
        if replicas is not None and partition is not None:
            wanted = int(replicas) - int(partition)
            if updated < wanted:
                return (
                    "Waiting for partitioned roll out to finish: "
                    f"{updated} out of {wanted} new pods have been updated...",
                    False,
                )
        return f"partitioned roll out complete: {updated} new pods have been updated...", True
    update, current = st.get("updateRevision", ""), st.get("currentRevision", "")
    if update != current:
        return (
            f"waiting for statefulset rolling update to complete {updated} pods at revision "
            f"{update}...",
            False,
        )
    return (
        f"statefulset rolling update complete {int(st.get('currentReplicas') or 0)} pods at "
        f"revision {current}...",
        True,
    )


def object_status(kind: str, obj: Obj, revision: int = 0) -> tuple[str, bool]:
    """StatusViewerFor(kind).Status."""
    if kind == "StatefulSet":
        return statefulset_status(obj, revision)
    return deployment_status(obj, revision)


def status_viewer_check(k: kinds.Kind) -> None:
    """polymorphichelpers.StatusViewerFor: Deployments and StatefulSets have a status viewer."""
    if k.kind not in ("Deployment", "StatefulSet"):
        group_kind = f"{k.kind}.{k.group}" if k.group else k.kind
        raise errors.MklError(f"no status viewer has been implemented for {group_kind}")


@contextlib.contextmanager
def observe(cluster: Cluster, kind: str, namespace: str, name: str) -> Iterator[list[Obj | None]]:
    """Record every write to one object while the block runs (a watch on a single object).

    Each write appends a deep copy of the object as written; a delete appends None.
    """
    key = f"{namespace}/{name}" if namespace else name
    versions = cluster.watch(kind, key)
    try:
        yield versions
    finally:
        cluster.unwatch(kind, key)


# ----- the Options shape (staging/src/k8s.io/kubectl/pkg/cmd/rollout/rollout_<verb>.go) --------


def group_kind(k: kinds.Kind) -> str:
    """schema.GroupKind.String(): ``Pod``, ``ReplicaSet.apps``."""
    return f"{k.kind}.{k.group}" if k.group else k.kind


def revision_errors(value: int) -> list[errors.MklError]:
    """The --revision check of history and status."""
    if value < 0:
        return [errors.MklError(f"revision must be a positive integer: {value}")]
    return []


@dataclass(frozen=True, slots=True)
class HistoryView:
    """One object's history as the printer needs it: the revisions chosen for ``--revision``."""

    title: str  # deployment.apps/web
    revisions: tuple[Revision, ...]


@dataclass(frozen=True, slots=True)
class HistoryOptions:
    """Port of RolloutHistoryOptions after Complete (rollout_history.go)."""

    revision: int
    output: str | None
    namespace: str | None

    @classmethod
    def complete(cls, flags: options.Flags) -> HistoryOptions:
        return cls(
            revision=int(flags.flag("revision") or 0),
            output=flags.flag("output"),
            namespace=flags.flag("namespace"),
        )

    def validate(self) -> list[errors.MklError]:
        return revision_errors(self.revision)

    def run(
        self, cluster: Cluster, sel: targets.Selection
    ) -> tuple[list[HistoryView | errors.MklError], list[errors.MklError]]:
        """Per object (in order) its view or its error; and the lookups that failed."""
        found, missing = targets.visit(cluster, sel, self.namespace)
        out: list[HistoryView | errors.MklError] = []
        for f in found:
            try:
                out.append(self._view(cluster, f))
            except errors.MklError as e:
                out.append(e)
        return out, missing

    def _view(self, cluster: Cluster, f: targets.Found) -> HistoryView:
        """HistoryViewerFor + ViewHistory: every revision, or the one ``--revision`` names."""
        if f.kind.kind not in REVISIONED:
            raise errors.MklError(
                f'no history viewer has been implemented for "{group_kind(f.kind)}"'
            )
        revisions = _history_of(cluster, f)
        if self.revision > 0 and (self.output or revisions):
            revisions = [find_revision(revisions, self.revision)]
        return HistoryView(f"{f.kind.name_prefix}/{o.name(f.obj)}", tuple(revisions))


@dataclass(frozen=True, slots=True)
class UndoOptions:
    """Port of UndoOptions after Complete (rollout_undo.go)."""

    to_revision: int
    namespace: str | None
    prog: str
    dry_run: str

    @classmethod
    def complete(cls, flags: options.Flags, prog: str) -> UndoOptions:
        dry_run = options.dry_run(flags)
        return cls(
            to_revision=int(flags.flag("to-revision") or 0),
            namespace=flags.flag("namespace"),
            prog=prog,
            dry_run=dry_run,
        )

    def validate(self) -> list[errors.MklError]:
        return []  # a negative --to-revision is the rollbacker's "unable to find" error

    def run(
        self, cluster: Cluster, sel: targets.Selection
    ) -> tuple[list[tuple[Obj, UndoResult]], list[errors.MklError]]:
        """Port of RunUndo: each object rolled back (or not), errors collected."""
        found, errs = targets.visit(cluster, sel, self.namespace)
        done: list[tuple[Obj, UndoResult]] = []
        for f in found:
            if f.kind.kind not in REVISIONED:
                errs.append(
                    errors.MklError(
                        f'no rollbacker has been implemented for "{group_kind(f.kind)}"'
                    )
                )
                continue
            try:
                done.append((f.obj, self._undo(cluster, f)))
            except errors.MklError as e:
                errs.append(e)
        return done, errs

    def _undo(self, cluster: Cluster, f: targets.Found) -> UndoResult:
        """RollbackerFor(kind).Rollback."""
        if f.kind.kind == "Deployment":
            return undo(cluster, f.obj, self.to_revision, self.dry_run, self.prog)
        from minikube_lite.ops import rollout_apps

        return UndoResult(*rollout_apps.undo(cluster, f.obj, self.to_revision, self.dry_run))


def _history_of(cluster: Cluster, f: targets.Found) -> list[Revision]:
    """HistoryViewerFor(kind)'s revisions."""
    if f.kind.kind == "Deployment":
        return history(cluster, f.obj)
    from minikube_lite.ops import rollout_apps

    return [Revision(*r) for r in rollout_apps.history(cluster, f.obj)]


@dataclass(frozen=True, slots=True)
class PatchVerbResult:
    """pause / resume / restart: the objects patched, the errors, and the namespace looked in."""

    patched: tuple[Obj, ...]
    errors: tuple[errors.MklError, ...]
    namespace: str
    found_any: bool


@dataclass(frozen=True, slots=True)
class PatchVerbOptions:
    """Port of PauseOptions / ResumeOptions / RestartOptions after Complete."""

    verb: Callable[[Cluster, kinds.Kind, Obj, str], Obj]  # pause | resume | restart
    namespace: str | None
    manager: str = ROLLOUT_MANAGER  # --field-manager

    @classmethod
    def complete(
        cls, flags: options.Flags, verb: Callable[[Cluster, kinds.Kind, Obj, str], Obj]
    ) -> PatchVerbOptions:
        return cls(
            verb=verb,
            namespace=flags.flag("namespace"),
            manager=options.field_manager(flags, ROLLOUT_MANAGER),
        )

    def validate(self) -> list[errors.MklError]:
        return []

    def run(self, cluster: Cluster, sel: targets.Selection) -> PatchVerbResult:
        """RunPause / RunResume / RunRestart: patch each object, errors at the end."""
        current_ns = resources.current_namespace(cluster, self.namespace)
        found, errs = targets.visit(cluster, sel, self.namespace)
        patched: list[Obj] = []
        for f in found:
            try:
                patched.append(self.verb(cluster, f.kind, f.obj, self.manager))
            except errors.MklError as e:
                errs.append(e)
        return PatchVerbResult(tuple(patched), tuple(errs), current_ns, bool(found))


@dataclass(frozen=True, slots=True)
class StatusOptions:
    """Port of RolloutStatusOptions after Complete (rollout_status.go)."""

    revision: int
    timeout_text: str  # --timeout as typed (a Go duration)
    watch: bool
    plain: bool  # kubectl's lines only, even on a terminal (minikube-lite)
    namespace: str | None
    command_path: str  # for the flag error's "See '... -h'" line

    @classmethod
    def complete(cls, flags: options.Flags, command_path: str) -> StatusOptions:
        return cls(
            revision=int(flags.flag("revision") or 0),
            timeout_text=flags.flag("timeout") or "0s",
            watch=flags.flag("watch") is not False,
            plain=bool(flags.flag("plain")),
            namespace=flags.flag("namespace"),
            command_path=command_path,
        )

    @property
    def timeout(self) -> float:
        """Seconds; 0 waits for ever (validate() has checked the text)."""
        return max(0.0, clock.parse_duration(self.timeout_text))

    def validate(self) -> list[errors.MklError]:
        errs = revision_errors(self.revision)
        try:
            clock.parse_duration(self.timeout_text)
        except ValueError as e:
            errs.append(
                errors.UsageError(
                    f'invalid argument "{self.timeout_text}" for "--timeout" flag: {e}',
                    self.command_path,
                    flag_error=True,
                )
            )
        return errs

    def run(
        self, cluster: Cluster, sel: targets.Selection
    ) -> tuple[str, list[targets.Found], list[errors.MklError]]:
        """(namespace looked in, the objects to watch, the lookups that failed)."""
        ns = resources.current_namespace(cluster, self.namespace)
        found, errs = targets.visit(cluster, sel, self.namespace)
        return ns, found, errs
