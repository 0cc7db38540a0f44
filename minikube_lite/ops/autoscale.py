"""``autoscale``: a HorizontalPodAutoscaler for a Deployment, ReplicaSet or ReplicationController.

Port of kubectl ``cmd/autoscale/autoscale.go`` (AutoscaleOptions: Validate, Run,
createHorizontalPodAutoscalerV2, parseResourceInput, parsePercentage), kubectl 1.37: the HPA is
autoscaling/v2 (mkl serves v2, so kubectl's fallback to autoscaling/v1 never happens here);
``--cpu``/``--memory`` take a percentage (a Utilization target) or a quantity (an AverageValue
target; a bare number is milliCPU or mebibytes); ``--cpu-percent`` is deprecated.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.api.quantity import QuantityError, parse_quantity
from minikube_lite.ops import options, targets
from minikube_lite.records import dataclass
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SCALABLE = frozenset({"Deployment", "ReplicaSet", "ReplicationController", "StatefulSet"})
_UNITS = {"cpu": "m", "memory": "Mi"}  # getDefaultUnitForResource
_INT32 = 2**31


def _go_g(value: float) -> str:
    """Go's ``%g`` of a float64 (strconv 'g', shortest repr)."""
    text = repr(value)
    if "e" in text or "E" in text:
        mant, _, exp = text.partition("e")
        mant = mant.removesuffix(".0")
        sign = "-" if exp.startswith("-") else "+"
        return f"{mant}e{sign}{abs(int(exp)):02d}"
    text = text.removesuffix(".0")
    if abs(value) >= 1e21:
        return f"{value:e}"
    return text


def parse_resource_input(text: str, resource: str) -> tuple[str, Any]:
    """Port of parseResourceInput: (``Utilization``, percent) or (``AverageValue``, quantity)."""
    text = text.strip()
    if not text:
        raise errors.MklError("empty input")
    if text.endswith("%"):  # parsePercentage (strconv.ParseInt base 10, 32 bits, >= 0)
        digits = text[:-1]
        body = digits[1:] if digits[:1] in "+-" else digits
        if not body.isdigit() or not -_INT32 <= int(digits) < _INT32 or int(digits) < 0:
            raise errors.MklError(f"invalid percentage value: {digits}")
        return "Utilization", int(digits)
    try:
        number = float(text)
    except ValueError:
        number = None
    if number is not None and text.lower() not in ("inf", "+inf", "-inf", "nan", "infinity"):
        try:
            return "AverageValue", str(parse_quantity(_go_g(number) + _UNITS[resource]))
        except QuantityError as e:
            raise errors.MklError(str(e)) from None
    try:
        return "AverageValue", str(parse_quantity(text))
    except QuantityError:
        raise errors.MklError(f"invalid resource {resource} value: {text}") from None


def _metric(resource: str, target_type: str, value: Any) -> Obj:
    key = "averageUtilization" if target_type == "Utilization" else "averageValue"
    target = {"type": target_type, key: value}
    return {"type": "Resource", "resource": {"name": resource, "target": target}}


@dataclass(frozen=True, slots=True)
class AutoscaleOptions:
    """Port of AutoscaleOptions after Complete."""

    name: str
    min: int
    max: int
    cpu_percent: int
    cpu: str
    memory: str
    namespace: str | None
    cause: str | None
    dry_run: str
    manager: str = "kubectl-autoscale"
    save_config: bool = False

    @classmethod
    def complete(cls, flags: options.Flags, cause: str | None) -> AutoscaleOptions:
        """``--max`` is required (cobra's MarkFlagRequired), then ``--dry-run``."""
        if not flags.given("max"):
            raise errors.MklError('required flag(s) "max" not set')
        return cls(
            name=str(flags.flag("name") or ""),
            min=int(flags.flag("min")),
            max=int(flags.flag("max")),
            cpu_percent=int(flags.flag("cpu-percent")),
            cpu=str(flags.flag("cpu") or ""),
            memory=str(flags.flag("memory") or ""),
            namespace=flags.flag("namespace"),
            cause=cause,
            dry_run=options.dry_run(flags),
            manager=options.field_manager(flags, "kubectl-autoscale"),
            save_config=bool(flags.flag("save-config")),
        )

    def validate(self) -> list[errors.MklError]:
        """Port of AutoscaleOptions.Validate (it stops at the first problem)."""
        if self.max < 1:
            return [
                errors.MklError(
                    f"--max=MAXPODS is required and must be at least 1, max: {self.max}"
                )
            ]
        if self.max < self.min:
            return [
                errors.MklError(
                    "--max=MAXPODS must be larger or equal to --min=MINPODS, "
                    f"max: {self.max}, min: {self.min}"
                )
            ]
        if self.cpu_percent > 0 and self.cpu:
            return [errors.MklError("--cpu-percent and --cpu are mutually exclusive")]
        try:
            for text, resource in ((self.cpu, "cpu"), (self.memory, "memory")):
                if text:
                    parse_resource_input(text, resource)
        except errors.MklError as e:
            return [e]
        return []

    def hpa_for(self, k: kinds.Kind, ref_name: str) -> Obj:
        """Port of createHorizontalPodAutoscalerV2, in the Go struct's field order."""
        spec: dict[str, Any] = {
            "scaleTargetRef": {"kind": k.kind, "name": ref_name, "apiVersion": k.api_version}
        }
        if self.min > 0:
            spec["minReplicas"] = self.min
        spec["maxReplicas"] = self.max
        metrics: list[Obj] = []
        if self.cpu_percent > 0:
            metrics.append(_metric("cpu", "Utilization", self.cpu_percent))
        for text, resource in ((self.cpu, "cpu"), (self.memory, "memory")):
            if text:
                metrics.append(_metric(resource, *parse_resource_input(text, resource)))
        if metrics:
            spec["metrics"] = metrics
        meta: dict[str, Any] = {"name": self.name or ref_name}
        if self.cause:
            meta["annotations"] = {o.CHANGE_CAUSE_ANNOTATION: self.cause}
        return {
            "kind": "HorizontalPodAutoscaler",
            "apiVersion": "autoscaling/v2",
            "metadata": meta,
            "spec": spec,
            "status": {"desiredReplicas": 0, "currentMetrics": None},
        }

    def run(self, cluster: Cluster, sel: targets.Selection) -> list[Obj]:
        """Port of Run: one HPA per object (a client dry run prints the first one only)."""
        if sel.has_files:  # FilenameParam: the objects as the files hold them (no GET)
            found = [targets.Found(m.kind, m.obj) for m in sel.docs]
            errs: list[errors.MklError] = []
        else:
            found, errs = targets.visit(cluster, sel, self.namespace)
        if errs:
            raise errs[0]
        results: list[Obj] = []
        for f in found:
            if f.kind.kind not in SCALABLE:
                raise errors.MklError(
                    f"cannot autoscale a {f.kind.kind}: could not find scale subresource for "
                    f"{f.kind.group}/{f.kind.version}, Resource={f.kind.plural} in discovery "
                    "information"
                )
            hpa = self.hpa_for(f.kind, o.name(f.obj))
            if self.dry_run == "client":
                return [hpa]
            results.append(self._create(cluster, hpa))
        if not results:
            raise errors.MklError("no objects passed to autoscale")
        return results

    def _create(self, cluster: Cluster, hpa: Obj) -> Obj:
        if self.save_config:  # util.CreateOrUpdateAnnotation
            from minikube_lite.ops import create as ops_create

            o.set_annotation(hpa, o.LAST_APPLIED_ANNOTATION, ops_create.last_applied(hpa))
        o.meta(hpa)["namespace"] = cluster_namespace(cluster, self.namespace)
        return apiserver.create(
            cluster,
            "HorizontalPodAutoscaler",
            hpa,
            dry_run=self.dry_run == "server",
            manager=self.manager,
        )


def cluster_namespace(cluster: Cluster, ns_flag: str | None) -> str:
    from minikube_lite.ops import resources

    return resources.current_namespace(cluster, ns_flag)
