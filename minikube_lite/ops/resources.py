"""Resource arguments (``TYPE NAME``, ``TYPE/NAME``, ``TYPE1,TYPE2``, ``all``) and object lookup."""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.records import dataclass
from minikube_lite.store.cluster import Cluster

MIXED_FORMS = (
    "there is no need to specify a resource type as a separate argument when passing arguments in "
    "resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of "
    "'kubectl get resource resource/<resource_name>'"
)


@dataclass(frozen=True, slots=True)
class Ref:
    kind: kinds.Kind
    name: str | None  # None: every object of the kind


def kind_of(word: str) -> kinds.Kind:
    k = kinds.lookup(word)
    if k is None:
        raise errors.MklError(f'the server doesn\'t have a resource type "{word}"')
    return k


def parse_refs(args: list[str], *, allow_all: bool = True) -> list[Ref]:
    """kubectl's resource argument forms (builder.go ResourceTypeOrNameArgs)."""
    if not args:
        return []
    if any("/" in a for a in args):
        if not all("/" in a for a in args):
            raise errors.MklError(MIXED_FORMS)
        refs = []
        for a in args:
            t, _, n = a.partition("/")
            if not t or not n:
                raise errors.MklError(
                    "arguments in resource/name form must have a single resource and name"
                )
            refs.append(Ref(kind_of(t), n))
        return refs
    types = [t for t in args[0].split(",") if t]
    if not types:
        raise errors.MklError(f'the server doesn\'t have a resource type "{args[0]}"')
    ks: list[kinds.Kind] = []
    for t in types:
        if t.lower() == "all" and allow_all:
            ks.extend(kinds.KINDS[n] for n in kinds.ALL_KINDS)
        else:
            ks.append(kind_of(t))
    names = args[1:]
    if not names:
        return [Ref(k, None) for k in ks]
    if len(ks) > 1:
        raise errors.MklError("arguments in resource/name form may not have more than one slash")
    return [Ref(ks[0], n) for n in names]


def current_namespace(cluster: Cluster, flag: str | None) -> str:
    """-n > the context's namespace (config set-context) > default."""
    if flag:
        return flag
    return str(cluster.doc.get("config", {}).get("namespace") or "default")


def not_found(k: kinds.Kind, name: str) -> errors.NotFoundError:
    return errors.NotFoundError(f'{k.resource} "{name}" not found')


def authorize(
    cluster: Cluster, verb: str, k: kinds.Kind, ns: str | None, name: str | None = None
) -> None:
    """The read side of RBAC (get/list/watch); free for minikube's admin (no --as)."""
    if getattr(cluster, "user", None) is not None:
        from minikube_lite.store.rbac import rbac

        rbac.check(cluster, verb, k, ns, name)


def get_one(cluster: Cluster, k: kinds.Kind, ns: str, name: str) -> Obj:
    authorize(cluster, "get", k, ns, name)
    obj = cluster.get(k.kind, ns if k.namespaced else None, name)
    if obj is None:
        raise not_found(k, name)
    return obj


def list_kind(
    cluster: Cluster,
    k: kinds.Kind,
    ns: str | None,
    selector: str | None = None,
    field_selector: str | None = None,
) -> list[Obj]:
    """Objects of a kind in ``ns`` (None: all namespaces), filtered by a label selector string
    and a field selector string (the server's checks and errors, reworded as kubectl does)."""
    fsel = None
    if field_selector and field_selector.strip():
        from minikube_lite.api import fields

        try:
            fsel = fields.parse(field_selector.strip())
            fsel.check(k.kind)
        except errors.BadRequestError as e:
            gvr = f"{k.group}/{k.version}, Resource={k.plural}"
            raise fields.list_error(
                gvr, (selector or "").strip(), field_selector.strip(), e
            ) from None
    authorize(cluster, "list", k, ns)
    items = cluster.list(k.kind, ns if k.namespaced else None)
    if selector:
        from minikube_lite.api import labels

        sel = labels.parse_selector(selector)
        items = [x for x in items if sel.matches(o.labels(x))]
    if fsel is not None and not fsel.empty():
        items = [x for x in items if fsel.matches(k.kind, x, k.namespaced)]
    return items


def name_line(k: kinds.Kind, name: str, op: str = "") -> str:
    """The name printer: ``deployment.apps/web created``."""
    return f"{k.name_prefix}/{name}" + (f" {op}" if op else "")
