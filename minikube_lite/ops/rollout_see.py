"""``rollout timeline`` and ``rollout explain``: the Deployments named, and what to show of them.

Options in kubectl's shape (``staging/src/k8s.io/kubectl/pkg/cmd/rollout/rollout_history.go``
is the model: Complete, Validate, Run over the builder's objects); both verbs are
minikube-lite's own (issue 7).  The charts are drawn by printers/timeline*.py in the cli.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.controllers import timeline as recorder
from minikube_lite.ops import explain, options, resources, targets
from minikube_lite.records import dataclass
from minikube_lite.store.cluster import Cluster

REQUIRED = "required resource not specified"


@dataclass(frozen=True, slots=True)
class Named:
    """The Deployments found, the lookup errors, the namespace (for "No resources found")."""

    deployments: tuple[Obj, ...]
    errors: tuple[errors.MklError, ...]
    namespace: str


def deployments(
    cluster: Cluster, sel: targets.Selection, namespace: str | None, verb: str
) -> Named:
    """The Deployments named on the command line (other kinds are an error, like other verbs)."""
    found, errs = targets.visit(cluster, sel, namespace)
    out = []
    for f in found:
        if f.kind.kind != "Deployment":
            group_kind = f"{f.kind.kind}.{f.kind.group}" if f.kind.group else f.kind.kind
            errs.append(errors.MklError(f"no {verb} has been implemented for {group_kind}"))
            continue
        out.append(f.obj)
    return Named(tuple(out), tuple(errs), resources.current_namespace(cluster, namespace))


def _required(args: tuple[str, ...], filenames: tuple[str, ...]) -> list[errors.MklError]:
    """The builder's error when nothing is named."""
    return [] if args or filenames else [errors.MklError(REQUIRED)]


@dataclass(frozen=True, slots=True)
class TimelineResult:
    named: Named
    series: tuple[tuple[str, recorder.Series], ...]  # (deployment name, its recorded series)
    now: float


@dataclass(frozen=True, slots=True)
class TimelineOptions:
    """``rollout timeline (TYPE NAME | TYPE/NAME) [--svg FILE]``."""

    args: tuple[str, ...]
    filenames: tuple[str, ...]
    namespace: str | None
    svg: str | None  # a file, "-" for stdout, None: a text chart

    @classmethod
    def complete(cls, flags: options.Flags) -> TimelineOptions:
        return cls(
            args=tuple(flags.args),
            filenames=tuple(flags.flag("filename") or ()),
            namespace=flags.flag("namespace"),
            svg=flags.flag("svg") or None,
        )

    def validate(self) -> list[errors.MklError]:
        return _required(self.args, self.filenames)

    def run(self, cluster: Cluster, sel: targets.Selection) -> TimelineResult:
        named = deployments(cluster, sel, self.namespace, "timeline viewer")
        series = tuple((o.name(d), recorder.series(cluster, d)) for d in named.deployments)
        return TimelineResult(named, series, cluster.now)


@dataclass(frozen=True, slots=True)
class ExplainOptions:
    """``rollout explain (TYPE NAME | TYPE/NAME) [-o json]``."""

    args: tuple[str, ...]
    filenames: tuple[str, ...]
    namespace: str | None
    output: str | None
    prog: str  # the commands the findings suggest are spelled with it

    @classmethod
    def complete(cls, flags: options.Flags, prog: str) -> ExplainOptions:
        return cls(
            args=tuple(flags.args),
            filenames=tuple(flags.flag("filename") or ()),
            namespace=flags.flag("namespace"),
            output=flags.flag("output"),
            prog=prog,
        )

    def validate(self) -> list[errors.MklError]:
        errs: list[errors.MklError] = []
        if self.output not in (None, "", "json"):
            errs.append(
                errors.MklError(
                    "unable to match a printer suitable for the output format "
                    f'"{self.output}", allowed formats are: json'
                )
            )
        return errs + _required(self.args, self.filenames)

    def run(
        self, cluster: Cluster, sel: targets.Selection
    ) -> tuple[Named, list[tuple[str, explain.Explanation]]]:
        named = deployments(cluster, sel, self.namespace, "rollout explainer")
        found = [
            (o.name(d), explain.explain_deployment(cluster, d, self.prog))
            for d in named.deployments
        ]
        return named, found
