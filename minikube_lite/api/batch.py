"""batch/v1 Jobs: the well-known labels and finalizer, and the registry strategy's generated
selector.

Port of ``pkg/registry/batch/job/strategy.go`` (generateSelector, called from PrepareForCreate
unless ``spec.manualSelector`` is true) with the names of ``staging/src/k8s.io/api/batch/v1/
types.go``.  A Job's pods carry its uid and name under both the ``batch.kubernetes.io/`` keys and
the legacy unprefixed ones; its selector matches the prefixed uid only.
"""

from __future__ import annotations

from minikube_lite.api.objects import Obj

CONTROLLER_UID = "batch.kubernetes.io/controller-uid"
JOB_NAME = "batch.kubernetes.io/job-name"
LEGACY_CONTROLLER_UID = "controller-uid"
LEGACY_JOB_NAME = "job-name"
TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking"


def generate_selector(job: Obj) -> None:
    """Port of generateSelector: the template gets the job-name and controller-uid labels
    (prefixed and legacy; labels already there are kept) and the selector matches the prefixed
    controller-uid.  A selector the user wrote that does not select that uid fails validation
    (``selector`` not auto-generated)."""
    meta = job.get("metadata") or {}
    spec = job.setdefault("spec", {})
    if not isinstance(spec, dict) or spec.get("manualSelector") is True:
        return
    uid, name = str(meta.get("uid") or ""), str(meta.get("name") or "")
    tpl = spec.get("template")
    if not isinstance(tpl, dict):
        tpl = spec["template"] = {}
    tmeta = tpl.get("metadata")
    if not isinstance(tmeta, dict):
        tmeta = tpl["metadata"] = {}
    lbls = tmeta.get("labels")
    if not isinstance(lbls, dict):
        lbls = tmeta["labels"] = {}
    for key, value in (
        (LEGACY_JOB_NAME, name),
        (JOB_NAME, name),
        (LEGACY_CONTROLLER_UID, uid),
        (CONTROLLER_UID, uid),
    ):
        lbls.setdefault(key, value)
    tmeta["labels"] = dict(sorted(lbls.items()))  # as Go serializes a map
    sel = spec.get("selector")
    if not isinstance(sel, dict):
        sel = spec["selector"] = {}
    ml = sel.get("matchLabels")
    if not isinstance(ml, dict):
        ml = sel["matchLabels"] = {}
    ml.setdefault(CONTROLLER_UID, uid)


def is_finished(job: Obj) -> str:
    """util.IsJobFinished: ``Complete`` or ``Failed`` when that condition is True, else ``""``."""
    for c in (job.get("status") or {}).get("conditions") or ():
        if c.get("type") in ("Complete", "Failed") and c.get("status") == "True":
            return str(c["type"])
    return ""
