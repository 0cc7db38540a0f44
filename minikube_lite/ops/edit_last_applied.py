"""``apply edit-last-applied``: edit the last-applied-configuration annotations, patch only them.

Port of kubectl's ApplyEditMode (``staging/src/k8s.io/kubectl/pkg/cmd/util/editor/editoptions.go``:
EditOptions.Run's ApplyEditMode branch, visitToApplyEditPatch, annotationPatch, GetApplyPatch;
``staging/src/k8s.io/kubectl/pkg/cmd/apply/apply_edit_last_applied.go``).  The editor shows each
object's annotation decoded as an object (YAML by default, ``-o json``); on save, every edited
object that differs from the original is sent back as a JSON merge patch that sets only the
annotation (its text: the edited object as compact JSON), under ``--field-manager``
(``kubectl-client-side-apply``).  The rest of the loop (comments, no change, empty file, syntax
errors, invalid objects) is edit's (ops/edit.py).
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.ops import manifests, resources
from minikube_lite.ops.edit import Applied, Original, Step
from minikube_lite.store.cluster import Cluster

MANAGER = "kubectl-client-side-apply"
# The message names `kubectl` whatever the program is called (a literal in editoptions.go).
NO_ANNOTATION = (
    "no last-applied-configuration annotation found on resources, to create the annotation, "
    "use command `kubectl apply set-last-applied --create-annotation`"
)
_SOURCE = "edited-file"


def annotations_of(original: Original) -> list[Obj]:
    """Each object's annotation decoded (objects without one are skipped); none at all is
    kubectl's error."""
    out: list[Obj] = []
    for _, obj in original.objects:
        text = o.annotations(obj).get(o.LAST_APPLIED_ANNOTATION)
        if text is None:
            continue
        docs = manifests.parse_text(text, _SOURCE)
        if docs:
            out.append(manifests.resolve(_SOURCE, docs[0]).obj)
    if not out:
        raise errors.MklError(NO_ANNOTATION)
    return out


def annotation_text(obj: Obj) -> str:
    """GetApplyPatch's beforeJSON: the edited object as encoding/json writes it."""
    from minikube_lite.api.patch.govalue import go_json

    return go_json(obj)


def apply(
    cluster: Cluster,
    shown: list[Obj],
    edited: list[manifests.Manifest],
    namespace: str,
    manager: str = MANAGER,
) -> Applied:
    """Port of visitToApplyEditPatch: "skipped" when unchanged, else the annotation patched.

    Objects are matched to the shown ones by uid, as kubectl does; the annotations carry none,
    so every edited object is compared with the first one shown (kubectl's behaviour)."""
    out = Applied()
    for m in edited:
        before = next((s for s in shown if o.uid(s) == o.uid(m.obj)), None)
        if before is None:
            raise errors.MklError(f"no original object found for {m.kind.kind} {o.name(m.obj)!r}")
        if before == m.obj:
            out.steps.append(Step(obj=m.obj, op="skipped"))
            continue
        try:
            patch_annotation(cluster, m.kind, m.obj, namespace, manager)
        except errors.MklError as e:
            out.add_error(e, m.kind, o.name(m.obj))
            continue
        out.steps.append(Step(obj=m.obj, op="edited"))
    return out


def patch_annotation(
    cluster: Cluster, k: kinds.Kind, edited: Obj, namespace: str, manager: str
) -> Obj:
    """annotationPatch: a merge patch of the live object (in the command's namespace) that sets
    the annotation to the edited object's JSON."""
    from minikube_lite.store import apiserver

    name = o.name(edited)
    live = cluster.get(k.kind, namespace if k.namespaced else None, name)
    if live is None:
        raise resources.not_found(k, name)
    new = o.deepcopy(live)
    o.set_annotation(new, o.LAST_APPLIED_ANNOTATION, annotation_text(edited))
    stored, _ = apiserver.update(cluster, k.kind, new, manager=manager)
    return stored
