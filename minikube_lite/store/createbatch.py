"""A controller's pods from one template, created at the cost of copying the first one.

The ReplicaSet and ReplicationController controllers create a sync's pods from one template:
every request is the same object and only the name the server generates differs
(``apiserver.create(checked=True)``).  What the create path does with such a request is
deterministic in it and in a few cluster objects: decoding, defaulting and validation are pure
functions of the request; the field manager gives the batch the first pod's entries
(``fieldmanager.batch_entries``); admission reads the namespace's LimitRanges and
ResourceQuotas and the pod's ServiceAccount.  So the first pod, as admitted and before it is
stored, is kept on the Cluster with its request; a later request equal to it (``==``: the
controller builds each from the template by the same code, so the key order is the same too)
is created as a copy of it, when the cluster objects admission reads are as they were then (no
LimitRange, no ResourceQuota in the namespace, the ServiceAccount present: checked again for
every pod), with the two values drawn per pod, in the full path's order: the generated name,
then the token volume's name (where the ServiceAccount plugin put it).  Anything else (a user,
a dry run, a big request, admission that read other objects) takes the full path.
"""

from __future__ import annotations

import marshal
import math

from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.store import fieldmanager

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    Maker = Callable[[str, str, list[Obj]], Obj]

_MEMO = "store.createbatch"  # the Cluster.memo holding the last remembered pod, as "last"


class Batch:
    """A pod create's request and its outcome before storage (managedFields left out)."""

    __slots__ = (
        "account",
        "admitted",
        "automount",
        "blob",
        "make",
        "request",
        "size",
        "token_volume",
        "uses",
    )

    def __init__(self, request: Obj, admitted: Obj, size: int, token_volume: str | None) -> None:
        self.request = request
        self.admitted = admitted
        # The copy each pod starts from, serialised once: marshal keeps the key order and the
        # exact JSON types, and loading it is several times cheaper than a deep copy.
        self.blob = marshal.dumps(admitted)
        self.size = size
        self.token_volume = token_volume
        self.account = str(admitted.get("spec", {}).get("serviceAccountName", ""))
        self.automount: object = None  # the ServiceAccount's automountServiceAccountToken then
        # After a few copies, the function that builds one (``builder``): False until then,
        # None when the pod has a value it cannot write.
        self.make: Maker | bool | None = False
        self.uses = 0


def remember(cluster: Any, request: Obj, pod: Obj, size: int, token_volume: str | None) -> None:
    """Keep ``pod`` (admitted, not yet stored) as the outcome of ``request`` (as sent), when
    admission read nothing but the ServiceAccount."""
    cluster.memo(_MEMO).pop("last", None)
    if not pod["metadata"].get("managedFields"):  # the batch's entries take their place
        return
    if not _admission_read_nothing_else(cluster, o.namespace(pod)):
        return
    admitted = {**pod, "metadata": {**pod["metadata"], "managedFields": None}}
    try:
        batch = Batch(request, o.deepcopy(admitted), size, token_volume)
    except ValueError:  # a value marshal cannot hold (never in a JSON object): no batch
        return
    account = cluster.get("ServiceAccount", o.namespace(pod), batch.account) or {}
    batch.automount = account.get("automountServiceAccountToken")
    cluster.memo(_MEMO)["last"] = batch


def _admission_read_nothing_else(cluster: Any, ns: str) -> bool:
    """No LimitRange and no ResourceQuota in ``ns`` (the plugins that read them are no-ops)."""
    for kind in ("LimitRange", "ResourceQuota"):
        if cluster.objects.get(kind) and cluster.list(kind, ns):
            return False
    return True


def lookup(cluster: Any, request: Obj, manager: str) -> tuple[Batch, list[Obj]] | None:
    """The remembered pod and the batch's managedFields entries when ``request`` repeats it
    and the cluster objects its admission read are unchanged; else None."""
    b: Batch | None = cluster.memo(_MEMO).get("last")
    if b is None or getattr(cluster, "user", None) is not None or request != b.request:
        return None
    ns = o.namespace(b.admitted)
    nso = cluster.get("Namespace", None, ns)
    if nso is None or nso.get("status", {}).get("phase") == "Terminating":
        return None
    if not _admission_read_nothing_else(cluster, ns):
        return None
    account = cluster.get("ServiceAccount", ns, b.account)
    if account is None or account.get("automountServiceAccountToken") != b.automount:
        return None  # (the plugin reads the account's automountServiceAccountToken)
    entries = fieldmanager.batch_entries(cluster, "Pod", b.admitted, manager)
    return None if entries is None else (b, entries)


class Run:
    """One caller's creates of a batch's pods, back to back, each from the same request: between
    two of them only those pods and their Events are written, at the same instant, by the same
    user (a controller's sync: ReplicaSet slowStartBatch), so nothing ``lookup`` reads changes
    and what it found for the first serves them all (the entries list copied per pod, as
    ``fieldmanager.batch_entries`` gives it).  Lives for one such loop."""

    __slots__ = ("found",)

    def __init__(self) -> None:
        self.found: tuple[Batch, list[Obj]] | None = None

    def entries(self) -> list[Obj]:
        assert self.found is not None
        return list(self.found[1])


# Copies made by loading the blob before the batch's builder is compiled (a compile costs
# about as much as a dozen loads: a batch of a few pods is not worth one).
_LOADS_BEFORE_BUILDING = 8


def instantiate(cluster: Any, b: Batch, name: str, entries: list[Obj]) -> Obj:
    """The remembered pod named ``name``, with its own token volume name (drawn here, as the
    ServiceAccount plugin draws it: after the name) and the batch's entries."""
    volume = "kube-api-access-" + cluster.rng.suffix(5)
    make = b.make
    if make is False:
        b.uses += 1
        if b.uses > _LOADS_BEFORE_BUILDING:
            # from the blob: the builder gives what loading it gives, whatever reads admitted
            make = b.make = builder(marshal.loads(b.blob), b.token_volume)
    if make:
        pod: Obj = make(name, volume, entries)  # type: ignore[operator]
        return pod
    pod = marshal.loads(b.blob)
    meta = pod["metadata"]
    meta["name"] = name
    meta["managedFields"] = entries
    drawn = b.token_volume
    if drawn is not None:  # the plugin appended the volume, and a mount of it where one was due
        spec = pod["spec"]
        spec["volumes"][-1]["name"] = volume
        for c in _containers(spec):
            for m in c.get("volumeMounts") or ():
                if m.get("name") == drawn:
                    m["name"] = volume
    return pod


def _containers(spec: Obj) -> list[Obj]:
    return [c for field in ("initContainers", "containers") for c in spec.get(field) or ()]


# The JSON scalars a literal writes as they are (a float only when finite: repr(nan) is a name).
_LITERAL_SCALARS = frozenset({str, int, bool, type(None)})
_MAX_DEPTH = 64  # the parser's nesting limit is 200
_MAX_SOURCE = 1 << 18  # a bigger pod is loaded: its builder would cost more than it saves


def builder(admitted: Obj, drawn: str | None) -> Maker | None:
    """A function ``(name, volume, entries)`` returning what ``instantiate``'s load-and-set
    returns: the remembered pod written out as one Python literal, compiled, with the name, the
    token volume's name (in the volume and in the mounts of ``drawn``) and the managedFields
    entries as its parameters.  Every call builds new dicts and lists, key for key in the same
    order, the scalars being the (immutable) ones of ``admitted``; nothing is shared between two
    pods but str/int/float/bool/None values.  None when ``admitted`` holds something a literal
    does not give back as it is (a subclass, a non-str key, a non-finite float, deep nesting)."""
    meta, spec = admitted.get("metadata"), admitted.get("spec")
    if type(meta) is not dict or "name" not in meta or "managedFields" not in meta:
        return None
    params: dict[int, dict[str, str]] = {id(meta): {"name": "n", "managedFields": "e"}}
    if drawn is not None:
        try:
            last = spec["volumes"][-1]  # type: ignore[index]
            mounts = [m for c in _containers(spec) for m in c.get("volumeMounts") or ()]  # type: ignore[arg-type]
            named = [m for m in mounts if m.get("name") == drawn]
        except (AttributeError, IndexError, KeyError, TypeError):
            return None
        if type(last) is not dict or "name" not in last:
            return None
        for d in [last, *named]:
            if type(d) is not dict:
                return None
            params.setdefault(id(d), {})["name"] = "v"
    parts: list[str] = []
    if not _write(admitted, params, parts, 0):
        return None
    source = "lambda n, v, e: " + "".join(parts)
    if len(source) > _MAX_SOURCE:
        return None
    made = _BUILT.get(source)  # a function of its source alone: a ReplicaSet's next sync's
    if made is None:
        try:
            code = compile(source, "<createbatch>", "eval")
        except (RecursionError, SyntaxError, MemoryError):
            return None
        made = eval(code, {"__builtins__": {}})  # the literal above: names n, v, e only
        if len(_BUILT) >= _BUILT_KEPT:
            del _BUILT[next(iter(_BUILT))]
        _BUILT[source] = made
    return made


# Compiled builders by source, the last few (the process's batches: a ReplicaSet's syncs)
_BUILT: dict[str, Maker] = {}
_BUILT_KEPT = 16


def _write(v: object, params: dict[int, dict[str, str]], out: list[str], depth: int) -> bool:
    """Append ``v`` as a literal to ``out`` (a dict in ``params`` takes those keys' values
    from the parameters named there); False when it cannot be written as one."""
    t = type(v)
    if t in _LITERAL_SCALARS or (t is float and math.isfinite(v)):  # type: ignore[arg-type]
        out.append(repr(v))
        return True
    if depth > _MAX_DEPTH:
        return False
    if t is dict:
        subs = params.get(id(v), {})
        out.append("{")
        for k, x in v.items():  # type: ignore[attr-defined]
            if type(k) is not str:
                return False
            out.append(repr(k))
            out.append(":")
            if k in subs:
                out.append(subs[k])
            elif not _write(x, params, out, depth + 1):
                return False
            out.append(",")
        out.append("}")
        return True
    if t is list:
        out.append("[")
        for x in v:  # type: ignore[attr-defined]
            if not _write(x, params, out, depth + 1):
                return False
            out.append(",")
        out.append("]")
        return True
    return False
