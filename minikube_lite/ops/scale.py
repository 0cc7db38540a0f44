"""``scale``: set ``spec.replicas`` through the scale subresource, with an optional precondition.

Port of kubectl ``cmd/scale/scale.go`` (RunScale) and ``pkg/scale/scale.go`` (ScalePrecondition,
Scaler.Scale), kubectl 1.34.  Scaling never creates a revision: only ``spec.replicas`` changes
(generation + 1), and ``--record`` writes the change-cause in a second, separate patch.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import timeline
from minikube_lite.ops import options, targets
from minikube_lite.records import dataclass
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster

SCALABLE = frozenset({"Deployment", "ReplicaSet", "ReplicationController", "StatefulSet"})


def no_objects(err: errors.MklError | None) -> errors.MklError:
    """``no objects passed to scale`` (1.33+ appends the lookup error with %w)."""
    if err is None:
        return errors.MklError("no objects passed to scale")
    return errors.MklError(f"no objects passed to scale {err.message}")


def scale(
    cluster: Cluster,
    k: kinds.Kind,
    obj: Obj,
    replicas: int,
    current_replicas: int = -1,
    cause: str | None = None,
    dry_run: str = "none",
    *,
    verb: str = "patch",
) -> Obj:
    """Scale one object; returns the object as stored (or as it would be, for a dry run).

    A client dry run sends nothing, so neither the scale subresource nor ``--current-replicas``
    is checked: kubectl sets ``spec.replicas`` on its copy (built-in kinds) and prints it.
    ``verb``: how the scale subresource is authorized (``update`` for an API server PUT).
    """
    if dry_run == "client":
        shown = o.deepcopy(obj)
        if k.group in ("", "apps"):
            shown.setdefault("spec", {})["replicas"] = replicas
        return shown
    if k.kind not in SCALABLE:
        raise errors.NotFoundError("the server could not find the requested resource")
    if current_replicas != -1 and o.spec_replicas(obj) != current_replicas:
        raise errors.MklError(
            f"Expected replicas to be {current_replicas}, was {o.spec_replicas(obj)}"
        )
    new = o.deepcopy(obj)
    new.setdefault("spec", {})["replicas"] = replicas
    stored, _ = apiserver.update(
        cluster, k.kind, new, dry_run=dry_run == "server", subresource="scale", verb=verb
    )
    if dry_run == "none" and k.kind == "Deployment":  # issue 7: a mark on the rollout timeline
        timeline.mark(cluster, stored, f"scale {o.spec_replicas(obj)} -> {replicas}")
    if (
        cause is not None
        and dry_run == "none"
        and o.annotations(stored).get(o.CHANGE_CAUSE_ANNOTATION) != cause
    ):
        recorded = o.deepcopy(stored)
        o.set_annotation(recorded, o.CHANGE_CAUSE_ANNOTATION, cause)
        stored, _ = apiserver.update(cluster, k.kind, recorded)
    return stored


@dataclass(frozen=True, slots=True)
class ScaleResult:
    """The objects scaled (as stored), the first request that failed, the lookups that failed."""

    scaled: tuple[Obj, ...]
    failure: errors.MklError | None
    missing: tuple[errors.MklError, ...]


@dataclass(frozen=True, slots=True)
class ScaleOptions:
    """Port of ScaleOptions after Complete (cmd/scale/scale.go)."""

    replicas: int
    current_replicas: int
    selector: str | None
    select_all: bool
    namespace: str | None
    cause: str | None
    dry_run: str

    @classmethod
    def complete(cls, flags: options.Flags, cause: str | None) -> ScaleOptions:
        """``--replicas`` is required (cobra's MarkFlagRequired), then ``--dry-run``."""
        if not flags.given("replicas"):
            raise errors.MklError('required flag(s) "replicas" not set')
        dry_run = options.dry_run(flags)
        return cls(
            replicas=int(flags.flag("replicas")),
            current_replicas=int(flags.flag("current-replicas")),
            selector=flags.flag("selector"),
            select_all=bool(flags.flag("all")),
            namespace=flags.flag("namespace"),
            cause=cause,
            dry_run=dry_run,
        )

    def validate(self) -> list[errors.MklError]:
        """Port of ScaleOptions.Validate, then the builder's --all / -l check."""
        errs: list[errors.MklError] = []
        if self.replicas < 0:
            errs.append(
                errors.MklError(
                    "The --replicas=COUNT flag is required, and COUNT must be greater than or "
                    "equal to 0"
                )
            )
        if self.current_replicas < -1:
            errs.append(
                errors.MklError("The --current-replicas must specify an integer of -1 or greater")
            )
        if self.select_all and self.selector:
            errs.append(
                errors.MklError(
                    f'found non-empty label selector "{self.selector}" with previously set '
                    "'all' parameter. "
                )
            )
        return errs

    def run(self, cluster: Cluster, sel: targets.Selection) -> ScaleResult:
        """Port of RunScale: stop at the first failed request, as kubectl does."""
        found, missing = targets.visit(cluster, sel, self.namespace)
        if not found:
            raise no_objects(targets.aggregate(missing) if missing else None)
        scaled: list[Obj] = []
        for f in found:
            try:
                scaled.append(
                    scale(
                        cluster,
                        f.kind,
                        f.obj,
                        self.replicas,
                        self.current_replicas,
                        self.cause,
                        self.dry_run,
                    )
                )
            except errors.MklError as e:
                return ScaleResult(tuple(scaled), e, tuple(missing))
        return ScaleResult(tuple(scaled), None, tuple(missing))
