"""batch/v1 validation of Jobs and CronJobs.

Port of pkg/apis/batch/validation/validation.go (ValidateJob, ValidateGeneratedSelector,
ValidateJobSpec, validateJobSpec, ValidateJobUpdate, ValidateJobSpecUpdate,
ValidateCronJobCreate, ValidateCronJobUpdate, validateCronJobSpec, validateScheduleFormat,
validateTimeZone, validateConcurrencyPolicy, ValidateJobTemplateSpec) for what mkl
simulates: the generated selector and labels, the counts, the restart policy and the immutable
fields (selector, template, completionMode, completions of a NonIndexed Job).
"""

from __future__ import annotations

from collections.abc import Mapping

from minikube_lite.api import batch
from minikube_lite.api import labels as L
from minikube_lite.api import names as N
from minikube_lite.api.objects import Obj
from minikube_lite.api.validation.field import Errs, invalid, not_supported, required
from minikube_lite.api.validation.meta import (
    IMMUTABLE,
    label_selector_json,
    meta_of,
    nonneg,
    spec_of,
    validate_label_selector,
    validate_object_meta,
    validate_object_meta_update,
)
from minikube_lite.api.validation.pod import validate_pod_template

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

RESTART_POLICIES = ["OnFailure", "Never"]
COMPLETION_MODES = ["NonIndexed", "Indexed"]
REPLACEMENT_POLICIES = ["Failed", "TerminatingOrFailed"]


def _has_label(tmeta: Mapping[str, Any], key: str, want: str) -> Errs:
    """ValidateHasLabel on the template's metadata."""
    path = f"spec.template.metadata.labels[{key}]"
    got = (tmeta.get("labels") or {}).get(key)
    if got is None:
        return [required(path, f"must be '{want}'")]
    if got != want:
        return [invalid(path, got, f"must be '{want}'")]
    return []


def validate_generated_selector(job: Obj) -> Errs:
    """ValidateGeneratedSelector (RequirePrefixedLabels): unless manualSelector, the template
    carries the uid and name labels and the selector selects them."""
    spec, meta = spec_of(job), meta_of(job)
    sel = spec.get("selector")
    if spec.get("manualSelector") is True or not isinstance(sel, Mapping):
        return []
    uid, name = str(meta.get("uid") or ""), str(meta.get("name") or "")
    errs: Errs = [] if uid else [required("metadata.uid")]
    tmeta = (spec.get("template") or {}).get("metadata") or {}
    expected = {}
    for key, want in (
        (batch.LEGACY_CONTROLLER_UID, uid),
        (batch.LEGACY_JOB_NAME, name),
        (batch.CONTROLLER_UID, uid),
        (batch.JOB_NAME, name),
    ):
        errs += _has_label(tmeta, key, want)
        expected[key] = want
    try:
        selector = L.from_label_selector(sel)
    except L.SelectorError:  # an invalid selector is validate_label_selector's to report
        return errs
    if not selector.matches(expected):
        errs.append(
            invalid("spec.selector", label_selector_json(sel), "`selector` not auto-generated")
        )
    return errs


def validate_job_spec(spec: Mapping[str, Any], path: str = "spec") -> Errs:
    """ValidateJobSpec: the counts, the completion mode, the selector and the template."""
    errs = _job_spec_common(spec, path)
    sel = spec.get("selector")
    if not isinstance(sel, Mapping):
        errs.append(required(f"{path}.selector"))
    else:
        errs += validate_label_selector(sel, f"{path}.selector")
    tpl = spec.get("template")
    tlabels = ((tpl if isinstance(tpl, Mapping) else {}).get("metadata") or {}).get("labels")
    if isinstance(sel, Mapping):
        try:
            matches = L.from_label_selector(sel).matches(tlabels or {})
        except L.SelectorError:
            matches = True
        if not matches:
            errs.append(
                invalid(
                    f"{path}.template.metadata.labels",
                    tlabels or {},
                    "`selector` does not match template `labels`",
                )
            )
    return errs + _job_template(spec, path)


def _job_spec_common(spec: Mapping[str, Any], path: str) -> Errs:
    """validateJobSpec's counts, completion mode and pod replacement policy."""
    errs: Errs = []
    for field in ("parallelism", "completions", "activeDeadlineSeconds", "backoffLimit"):
        errs += nonneg(spec.get(field), f"{path}.{field}")
    errs += nonneg(spec.get("ttlSecondsAfterFinished"), f"{path}.ttlSecondsAfterFinished")
    mode = spec.get("completionMode")
    if mode is not None and mode not in COMPLETION_MODES:
        errs.append(not_supported(f"{path}.completionMode", mode, COMPLETION_MODES))
    if mode == "Indexed" and spec.get("completions") is None:
        errs.append(required(f"{path}.completions", "when completion mode is Indexed"))
    policy = spec.get("podReplacementPolicy")
    if policy is not None and policy not in REPLACEMENT_POLICIES:
        errs.append(not_supported(f"{path}.podReplacementPolicy", policy, REPLACEMENT_POLICIES))
    return errs


def _job_template(spec: Mapping[str, Any], path: str) -> Errs:
    """validateJobSpec's pod template: its own rules and a restart policy of Never|OnFailure."""
    tpl = spec.get("template")
    tpl = tpl if isinstance(tpl, Mapping) else {}
    errs = validate_pod_template(tpl, f"{path}.template")
    restart = (tpl.get("spec") or {}).get("restartPolicy") or ""
    if restart not in RESTART_POLICIES:
        errs.append(not_supported(f"{path}.template.spec.restartPolicy", restart, RESTART_POLICIES))
    return errs


def validate_job(job: Obj) -> Errs:
    """ValidateJob (create): metadata (a ReplicationController's name rules), the generated
    selector, the spec."""
    errs = validate_object_meta(meta_of(job), True, N.is_dns1123_subdomain)
    return errs + validate_generated_selector(job) + validate_job_spec(spec_of(job))


def validate_job_update(job: Obj, old: Obj) -> Errs:
    """ValidateJobUpdate: metadata update rules, the spec's rules, and the immutable fields
    (ValidateJobSpecUpdate)."""
    errs = validate_object_meta_update(meta_of(job), meta_of(old))
    spec, old_spec = spec_of(job), spec_of(old)
    errs += validate_generated_selector(job) + validate_job_spec(spec)
    if spec.get("selector") != old_spec.get("selector"):
        errs.append(invalid("spec.selector", label_selector_json(spec.get("selector")), IMMUTABLE))
    if spec.get("template") != old_spec.get("template"):
        errs.append(invalid("spec.template", spec.get("template"), IMMUTABLE))
    if spec.get("completionMode") != old_spec.get("completionMode"):
        errs.append(invalid("spec.completionMode", spec.get("completionMode"), IMMUTABLE))
    if spec.get("completionMode") != "Indexed" and spec.get("completions") != old_spec.get(
        "completions"
    ):
        errs.append(invalid("spec.completions", spec.get("completions"), IMMUTABLE))
    return errs


CONCURRENCY_POLICIES = ["Allow", "Forbid", "Replace"]


def validate_cronjob(cj: Obj) -> Errs:
    """ValidateCronJobCreate: a ReplicationController's name rules, at most 52 characters (the
    controller appends ``-<minutes>`` to make a Job's name), and the spec."""
    meta = meta_of(cj)
    errs = validate_object_meta(meta, True, N.is_dns1123_subdomain)
    errs += validate_cronjob_spec(spec_of(cj), None)
    name = str(meta.get("name") or "")
    if len(name) > 52:
        errs.append(invalid("metadata.name", name, "must be no more than 52 characters"))
    return errs


def validate_cronjob_update(cj: Obj, old: Obj) -> Errs:
    """ValidateCronJobUpdate: metadata update rules and the spec's."""
    errs = validate_object_meta_update(meta_of(cj), meta_of(old))
    return errs + validate_cronjob_spec(spec_of(cj), spec_of(old))


def validate_cronjob_spec(spec: Mapping[str, Any], old: Mapping[str, Any] | None) -> Errs:
    """validateCronJobSpec: the schedule (robfig/cron's standard syntax, no TZ in it), the time
    zone, the concurrency policy, the job template and the history limits."""
    from minikube_lite.api import cron

    errs: Errs = []
    schedule = str(spec.get("schedule") or "")
    if not schedule:
        errs.append(required("spec.schedule"))
    else:
        try:
            cron.parse(schedule)
        except cron.CronError as e:
            errs.append(invalid("spec.schedule", schedule, e.message))
        if "TZ" in schedule and not (old and "TZ" in str(old.get("schedule") or "")):
            errs.append(
                invalid(
                    "spec.schedule",
                    schedule,
                    "cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
                )
            )
    errs += nonneg(spec.get("startingDeadlineSeconds"), "spec.startingDeadlineSeconds")
    errs += _time_zone(spec.get("timeZone"))
    policy = spec.get("concurrencyPolicy") or ""
    if not policy:
        errs.append(required("spec.concurrencyPolicy"))
    elif policy not in CONCURRENCY_POLICIES:
        errs.append(not_supported("spec.concurrencyPolicy", policy, CONCURRENCY_POLICIES))
    errs += validate_job_template_spec(spec.get("jobTemplate") or {}, "spec.jobTemplate")
    for field in ("successfulJobsHistoryLimit", "failedJobsHistoryLimit"):
        errs += nonneg(spec.get(field), f"spec.{field}")
    return errs


def _time_zone(tz: Any) -> Errs:
    """validateTimeZone: an IANA name the zone database knows."""
    if tz is None:
        return []
    if not tz:
        return [invalid("spec.timeZone", tz, "unknown time zone ")]
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(str(tz))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return [invalid("spec.timeZone", tz, f"unknown time zone {tz}")]
    return []


def validate_job_template_spec(jt: Mapping[str, Any], path: str) -> Errs:
    """ValidateJobTemplateSpec: the Job's spec, whose selector is always generated."""
    spec = jt.get("spec") if isinstance(jt.get("spec"), Mapping) else {}
    assert isinstance(spec, Mapping)
    errs = _job_spec_common(spec, f"{path}.spec") + _job_template(spec, f"{path}.spec")
    if spec.get("selector") is not None:
        errs.append(
            invalid(
                f"{path}.spec.selector",
                label_selector_json(spec["selector"]),
                "`selector` will be auto-generated",
            )
        )
    if spec.get("manualSelector") is True:
        errs.append(not_supported(f"{path}.spec.manualSelector", True, ["nil", "false"]))
    return errs
