"""``wait``: which objects, which conditions, and whether an object meets one (pure checks).

Port of kubectl's ``staging/src/k8s.io/kubectl/pkg/cmd/wait/wait.go`` (WaitFlags.ToOptions,
conditionFuncFor, processJSONPathInput, splitJSONPathInput, extendErrWaitTimeout),
``staging/src/k8s.io/kubectl/pkg/cmd/wait/condition.go`` (ConditionalWait.checkCondition,
getObservedGeneration) and ``staging/src/k8s.io/kubectl/pkg/cmd/wait/json.go``
(JSONPathWait.checkCondition, verifyParsedJSONPath, compareResults).  The waiting itself (short
locked looks, a manual clock fast-forwarded, a real one slept on) is cli/cmd_wait.py's.
"""

from __future__ import annotations

from collections.abc import Callable

from minikube_lite import clock, errors
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.api.patch import govalue
from minikube_lite.ops import options, resources, targets
from minikube_lite.records import dataclass
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
else:
    Any = object  # read by the module-level type aliases below

WEEK = 168 * 3600.0  # a negative --timeout waits for a week
NO_MATCH = "no matching resources found"
TIMED_OUT = "timed out waiting for the condition"
JSONPATH_FORMAT = (
    "jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or "
    "--for=jsonpath='{.status.readyReplicas}'"
)
JSONPATH_VALUE = (
    "jsonpath wait has to have a value after equal sign, like "
    "--for=jsonpath='{.status.readyReplicas}'=3"
)

Relax = Callable[[str], str]  # RelaxedJSONPathExpression (printers' own, passed in by the cli)
Find = Callable[[str, Obj], list[list[Any]]]  # JSONPath.FindResults(template, object)


@dataclass(frozen=True, slots=True)
class Condition:
    """One ``--for``: create | delete | condition (name, value) | jsonpath (expr, value)."""

    kind: str
    name: str = ""
    value: str = ""
    expr: str = ""
    any_value: bool = False


def split_jsonpath_input(text: str) -> list[str]:
    """Port of splitJSONPathInput: split on single ``=`` (``==`` stays inside a part)."""
    out: list[str] = []
    cur: list[str] = []
    i = 0
    while i < len(text):
        if text[i] == "=":
            if i + 1 < len(text) and text[i + 1] == "=":
                cur.append("==")
                i += 2
                continue
            out.append("".join(cur))
            cur = []
        else:
            cur.append(text[i])
        i += 1
    out.append("".join(cur))
    return out


def parse_condition(text: str, relax: Relax) -> Condition:
    """Port of conditionFuncFor (and processJSONPathInput): one ``--for`` value."""
    low = text.lower()
    if low in ("delete", "create"):
        return Condition(low)
    if text.startswith("condition="):
        name, eq, value = text[len("condition=") :].partition("=")
        return Condition("condition", name=name, value=value if eq else "true")
    if text.startswith("jsonpath="):
        parts = split_jsonpath_input(text[len("jsonpath=") :])
        if not 1 <= len(parts) <= 2:
            raise errors.MklError(JSONPATH_FORMAT)
        expr = relax(parts[0])
        value = parts[1].strip("'\"") if len(parts) == 2 else ""
        if len(parts) == 2 and not value:
            raise errors.MklError(JSONPATH_VALUE)
        if not expr:
            raise errors.MklError("jsonpath expression cannot be empty")
        return Condition("jsonpath", value=value, expr=expr, any_value=len(parts) == 1)
    raise errors.MklError(f"unrecognized condition: {govalue.go_quote(text)}")


def _observed_generation(obj: Obj, cond: dict[str, Any]) -> int | None:
    """Port of getObservedGeneration: the condition's, else the status's."""
    g = cond.get("observedGeneration")
    if isinstance(g, int):
        return g
    g = (obj.get("status") or {}).get("observedGeneration")
    return g if isinstance(g, int) else None


def condition_met(obj: Obj, name: str, value: str) -> bool:
    """Port of ConditionalWait.checkCondition (case-folded; a stale generation is not met)."""
    for c in (obj.get("status") or {}).get("conditions") or []:
        if not isinstance(c, dict) or str(c.get("type", "")).casefold() != name.casefold():
            continue
        status = c.get("status")
        if not isinstance(status, str):
            continue
        gen = o.meta(obj).get("generation")
        seen = _observed_generation(obj, c)
        if isinstance(gen, int) and seen is not None and seen < gen:
            return False
        return status.casefold() == value.casefold()
    return False


def jsonpath_met(results: list[list[Any]], cond: Condition) -> bool:
    """Port of JSONPathWait.checkCondition over FindResults' output."""
    if not results or not results[0]:
        return False
    if len(results) > 1:
        raise errors.MklError("given jsonpath expression matches more than one list")
    if len(results[0]) > 1:
        raise errors.MklError("given jsonpath expression matches more than one value")
    if cond.any_value:
        return True
    v = results[0][0]
    if isinstance(v, (dict, list)):
        raise errors.MklError("jsonpath leads to a nested object or list which is not supported")
    return govalue.go_fmt(v).strip() == cond.value.strip()


def met(cond: Condition, obj: Obj, find: Find) -> bool:
    """Whether a present object meets a condition or jsonpath ``--for``."""
    if cond.kind == "condition":
        return condition_met(obj, cond.name, cond.value)
    return jsonpath_met(find(cond.expr, obj), cond)


@dataclass(frozen=True, slots=True)
class Target:
    """One object waited on: where it is, and which one it was (its uid, for --for=delete)."""

    kind: kinds.Kind
    namespace: str | None
    name: str
    uid: str

    def get(self, cluster: Cluster) -> Obj | None:
        return cluster.get(
            self.kind.kind, self.namespace if self.kind.namespaced else None, self.name
        )

    @property
    def object_name(self) -> str:
        """Info.ObjectName: ``deployments/web``."""
        return f"{self.kind.plural}/{self.name}"

    def timed_out(self) -> errors.MklError:
        """Port of extendErrWaitTimeout."""
        return errors.WaitTimeoutError(f"{TIMED_OUT} on {self.object_name}")

    def not_met(self) -> errors.MklError:
        return errors.MklError(f"condition not met for {self.object_name}")


@dataclass(frozen=True, slots=True)
class WaitOptions:
    """Port of WaitFlags / WaitOptions after ToOptions."""

    args: tuple[str, ...]
    filenames: tuple[str, ...]
    namespace: str | None
    selector: str | None
    select_all: bool
    all_namespaces: bool
    fors: tuple[str, ...]
    timeout_text: str

    @classmethod
    def complete(cls, flags: options.Flags) -> WaitOptions:
        return cls(
            args=tuple(flags.args),
            filenames=tuple(flags.flag("filename") or ()),
            namespace=flags.flag("namespace"),
            selector=flags.flag("selector"),
            select_all=bool(flags.flag("all")),
            all_namespaces=bool(flags.flag("all-namespaces")),
            fors=tuple(flags.flag("for") or ()),
            timeout_text=flags.flag("timeout") or "30s",
        )

    def validate(self) -> list[errors.MklError]:
        try:
            clock.parse_duration(self.timeout_text)
        except ValueError as e:
            return [
                errors.UsageError(
                    f'invalid argument "{self.timeout_text}" for "--timeout" flag: {e}',
                    "mkl wait",
                    flag_error=True,
                )
            ]
        return []

    @property
    def timeout(self) -> float:
        """Seconds (zero: check once; negative: a week)."""
        t = clock.parse_duration(self.timeout_text)
        return WEEK if t < 0 else t

    def conditions(self, relax: Relax) -> list[Condition]:
        """Every ``--for``, ``create`` first (none: kubectl's error for an empty list)."""
        if not self.fors:
            raise errors.MklError("unrecognized condition: []")
        conds = [parse_condition(f, relax) for f in self.fors]
        return sorted(conds, key=lambda c: c.kind != "create")

    def find(
        self, cluster: Cluster, sel: targets.Selection, deleting: bool
    ) -> tuple[list[Target], list[errors.MklError]]:
        """The objects to wait on, and the lookup errors (NotFound is no error for delete)."""
        errs: list[errors.MklError] = []
        if self.all_namespaces and not sel.has_files and all("/" not in a for a in sel.args):
            found = _all_namespaces(cluster, sel)
        else:
            found, errs = targets.visit(cluster, sel, self.namespace)
        if deleting:
            errs = [e for e in errs if not isinstance(e, errors.NotFoundError)]
        out = [
            Target(f.kind, o.namespace(f.obj) or None, o.name(f.obj), o.uid(f.obj)) for f in found
        ]
        return out, errs


def _all_namespaces(cluster: Cluster, sel: targets.Selection) -> list[targets.Found]:
    """``-A`` with a type (``wait --for=... pods -A``): that kind in every namespace."""
    targets.check(sel)
    selector = "" if sel.select_all else (sel.selector or "")
    found: list[targets.Found] = []
    for r in resources.parse_refs(sel.args):
        found.extend(
            targets.Found(r.kind, x)
            for x in resources.list_kind(cluster, r.kind, None, selector or None)
        )
    return found


def deleted(target: Target, cluster: Cluster) -> bool:
    """Gone, or replaced by another object of the same name (another uid)."""
    cur = target.get(cluster)
    return cur is None or o.uid(cur) != target.uid
