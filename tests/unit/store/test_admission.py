"""Pod admission: LimitRanger defaults and checks, ResourceQuota arithmetic, exact rejection texts.

Texts are upstream's (limitranger/admission.go, resourcequota/controller.go, quota evaluator
core/pods.go); see docs/failures.md.
"""

from __future__ import annotations

from typing import Any

import pytest

from minikube_lite import errors
from minikube_lite.api.quantity import parse_quantity
from minikube_lite.ops.sandbox import podenv
from minikube_lite.store import admission, apiserver, limitranger, quota
from minikube_lite.store.cluster import Cluster

Obj = dict[str, Any]


def pod(
    name: str = "web",
    requests: dict[str, str] | None = None,
    limits: dict[str, str] | None = None,
    **extra: Any,
) -> Obj:
    res: Obj = {}
    if requests:
        res["requests"] = dict(requests)
    if limits:
        res["limits"] = dict(limits)
    meta: Obj = {"generateName": "web-6d4f8c5b7-", "namespace": "default", **extra}
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": meta,
        "spec": {"containers": [{"name": name, "image": "nginx:1.16.1", "resources": res}]},
    }


def limit_range(cluster: Cluster, **item: Any) -> None:
    apiserver.create(
        cluster,
        "LimitRange",
        {
            "apiVersion": "v1",
            "kind": "LimitRange",
            "metadata": {"name": "limits", "namespace": "default"},
            "spec": {"limits": [{"type": "Container", **item}]},
        },
    )


def resource_quota(cluster: Cluster, name: str, **hard: str) -> None:
    apiserver.create(
        cluster,
        "ResourceQuota",
        {
            "apiVersion": "v1",
            "kind": "ResourceQuota",
            "metadata": {"name": name, "namespace": "default"},
            "spec": {"hard": {k.replace("_", "."): v for k, v in hard.items()}},
        },
    )


def refused(cluster: Cluster, p: Obj) -> str:
    with pytest.raises(errors.ForbiddenError) as e:
        apiserver.create(cluster, "Pod", p)
    assert e.value.render().startswith("Error from server (Forbidden): ")
    return e.value.message


# ----- LimitRanger --------------------------------------------------------------------------------


def test_limit_range_defaults_and_annotation(cluster: Cluster) -> None:
    limit_range(
        cluster,
        default={"cpu": "500m", "memory": "256Mi"},
        defaultRequest={"cpu": "250m", "memory": "128Mi"},
    )
    stored = apiserver.create(cluster, "Pod", pod())
    assert stored["spec"]["containers"][0]["resources"] == {
        "limits": {"cpu": "500m", "memory": "256Mi"},
        "requests": {"cpu": "250m", "memory": "128Mi"},
    }
    assert stored["metadata"]["annotations"]["kubernetes.io/limit-ranger"] == (
        "LimitRanger plugin set: cpu, memory request for container web; cpu, memory "
        "limit for container web"
    )
    assert stored["status"]["qosClass"] == "Burstable"


def test_limit_range_sets_only_what_is_missing(cluster: Cluster) -> None:
    limit_range(
        cluster,
        default={"cpu": "500m", "memory": "256Mi"},
        defaultRequest={"cpu": "250m", "memory": "128Mi"},
    )
    stored = apiserver.create(cluster, "Pod", pod(requests={"cpu": "100m"}, limits={"cpu": "200m"}))
    assert stored["spec"]["containers"][0]["resources"] == {
        "limits": {"cpu": "200m", "memory": "256Mi"},
        "requests": {"cpu": "100m", "memory": "128Mi"},
    }
    assert stored["metadata"]["annotations"]["kubernetes.io/limit-ranger"] == (
        "LimitRanger plugin set: memory request for container web; memory limit for container web"
    )


def test_limit_range_max_only_defaults_limit_and_request_to_max(cluster: Cluster) -> None:
    limit_range(
        cluster, max={"cpu": "500m"}
    )  # defaulting: default <- max, defaultRequest <- default
    stored = apiserver.create(cluster, "Pod", pod())
    assert stored["spec"]["containers"][0]["resources"] == {
        "limits": {"cpu": "500m"},
        "requests": {"cpu": "500m"},
    }


def test_limit_range_single_violation(cluster: Cluster) -> None:
    limit_range(cluster, max={"cpu": "500m"})
    assert refused(cluster, pod(limits={"cpu": "1"})) == (
        'pods "web-6d4f8c5b7-" is forbidden: maximum cpu usage per Container is 500m, '
        "but limit is 1"
    )


def test_limit_range_several_violations_are_bracketed(cluster: Cluster) -> None:
    limit_range(cluster, max={"cpu": "500m", "memory": "512Mi"})
    assert refused(cluster, pod(limits={"cpu": "1", "memory": "1Gi"})) == (
        'pods "web-6d4f8c5b7-" is forbidden: [maximum cpu usage per Container is 500m, '
        "but limit is 1, "
        "maximum memory usage per Container is 512Mi, but limit is 1Gi]"
    )


def test_limit_range_min_texts_have_two_spaces(cluster: Cluster) -> None:
    lr = {"spec": {"limits": [{"type": "Container", "min": {"cpu": "100m"}}]}}
    assert limitranger.validate_one(lr, pod()) == [
        "minimum cpu usage per Container is 100m.  No request is specified"
    ]
    assert limitranger.validate_one(lr, pod(requests={"cpu": "50m"})) == [
        "minimum cpu usage per Container is 100m, but request is 50m"
    ]
    assert limitranger.validate_one(lr, pod(requests={"cpu": "200m"}, limits={"cpu": "50m"})) == [
        "minimum cpu usage per Container is 100m, but limit is 50m"
    ]
    lr = {"spec": {"limits": [{"type": "Container", "max": {"memory": "1Gi"}}]}}
    assert limitranger.validate_one(lr, pod()) == [
        "maximum memory usage per Container is 1Gi.  No limit is specified"
    ]
    assert limitranger.validate_one(
        lr, pod(requests={"memory": "2Gi"}, limits={"memory": "1Gi"})
    ) == ["maximum memory usage per Container is 1Gi, but request is 2Gi"]


def test_limit_range_ratio(cluster: Cluster) -> None:
    lr = {"spec": {"limits": [{"type": "Container", "maxLimitRequestRatio": {"cpu": "2"}}]}}
    assert limitranger.validate_one(lr, pod(requests={"cpu": "250m"}, limits={"cpu": "1"})) == [
        "cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000"
    ]
    assert limitranger.validate_one(lr, pod(requests={"cpu": "300m"}, limits={"cpu": "1"})) == [
        "cpu max limit to request ratio per Container is 2, but provided ratio is 3.333333"
    ]
    assert limitranger.validate_one(lr, pod(requests={"cpu": "500m"}, limits={"cpu": "1"})) == []
    assert limitranger.validate_one(lr, pod(limits={"cpu": "1"})) == [
        "cpu max limit to request ratio per Container is 2, but no request is specified "
        "or request is 0"
    ]


def test_limit_range_pod_type_uses_pod_sums() -> None:
    lr = {"spec": {"limits": [{"type": "Pod", "max": {"cpu": "1"}}]}}
    p = pod(limits={"cpu": "600m"})
    p["spec"]["containers"].append(
        {"name": "side", "image": "busybox", "resources": {"limits": {"cpu": "600m"}}}
    )
    assert limitranger.validate_one(lr, p) == ["maximum cpu usage per Pod is 1, but limit is 1200m"]


def test_aggregate_deduplicates() -> None:
    assert limitranger.aggregate(["a", "a"]) == "a"
    assert limitranger.aggregate(["a", "b", "a"]) == "[a, b]"


# ----- ResourceQuota ------------------------------------------------------------------------------


def test_quota_exceeded_text_and_arithmetic(cluster: Cluster) -> None:
    resource_quota(cluster, "compute-quota", requests_cpu="1")
    for _ in range(3):
        apiserver.create(cluster, "Pod", pod(requests={"cpu": "300m"}))
    assert refused(cluster, pod(requests={"cpu": "300m"})) == (
        'pods "web-6d4f8c5b7-" is forbidden: exceeded quota: compute-quota, requested: '
        "requests.cpu=300m, "
        "used: requests.cpu=900m, limited: requests.cpu=1"
    )
    apiserver.create(cluster, "Pod", pod(requests={"cpu": "100m"}))  # exactly 1: allowed (<=)


def test_quota_pods_count(cluster: Cluster) -> None:
    resource_quota(cluster, "pod-quota", pods="3")
    for _ in range(3):
        apiserver.create(cluster, "Pod", pod())
    assert refused(cluster, pod()) == (
        'pods "web-6d4f8c5b7-" is forbidden: exceeded quota: pod-quota, requested: '
        "pods=1, used: pods=3, limited: pods=3"
    )


def test_quota_lists_only_exceeded_resources_sorted(cluster: Cluster) -> None:
    resource_quota(
        cluster, "q", pods="10", requests_memory="1Gi", limits_memory="1Gi", requests_cpu="10"
    )
    apiserver.create(
        cluster, "Pod", pod(requests={"cpu": "1", "memory": "768Mi"}, limits={"memory": "768Mi"})
    )
    assert refused(
        cluster, pod(requests={"cpu": "1", "memory": "384Mi"}, limits={"memory": "384Mi"})
    ) == (
        'pods "web-6d4f8c5b7-" is forbidden: exceeded quota: q, requested: '
        "limits.memory=384Mi,requests.memory=384Mi, "
        "used: limits.memory=768Mi,requests.memory=768Mi, limited: "
        "limits.memory=1Gi,requests.memory=1Gi"
    )


def test_quota_must_specify(cluster: Cluster) -> None:
    resource_quota(cluster, "compute-quota", requests_cpu="2", limits_cpu="4")
    assert refused(cluster, pod()) == (
        'pods "web-6d4f8c5b7-" is forbidden: failed quota: compute-quota: must specify '
        "limits.cpu for: web; requests.cpu for: web"
    )
    # A LimitRange's defaults run first (mutating admission), so the same pod is then admitted.
    limit_range(cluster, default={"cpu": "500m"}, defaultRequest={"cpu": "250m"})
    apiserver.create(cluster, "Pod", pod())


def test_quota_ignores_terminal_and_expired_pods(cluster: Cluster) -> None:
    resource_quota(cluster, "pod-quota", pods="1")
    first = apiserver.create(cluster, "Pod", pod())
    first["status"]["phase"] = "Succeeded"
    apiserver.create(cluster, "Pod", pod())
    second = cluster.list("Pod", "default")[-1]
    second["metadata"]["deletionTimestamp"] = "2024-01-01T00:00:00Z"
    second["metadata"]["deletionGracePeriodSeconds"] = 30
    assert refused(cluster, pod()).endswith(
        "requested: pods=1, used: pods=1, limited: pods=1"
    )  # still in its grace
    cluster.now += 61  # deletionTimestamp + grace has passed: QuotaV1Pod stops charging it
    apiserver.create(cluster, "Pod", pod())


def test_quota_counts_other_kinds(cluster: Cluster) -> None:
    resource_quota(cluster, "objects", **{"count/deployments_apps": "1", "services": "1"})
    dep = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "a", "namespace": "default"},
        "spec": {
            "selector": {"matchLabels": {"app": "a"}},
            "template": {
                "metadata": {"labels": {"app": "a"}},
                "spec": {"containers": [{"name": "a", "image": "nginx"}]},
            },
        },
    }
    apiserver.create(cluster, "Deployment", dep)
    dep2 = {**dep, "metadata": {"name": "b", "namespace": "default"}}
    with pytest.raises(errors.ForbiddenError) as e:
        apiserver.create(cluster, "Deployment", dep2)
    assert e.value.message == (
        'deployments.apps "b" is forbidden: exceeded quota: objects, requested: '
        "count/deployments.apps=1, "
        "used: count/deployments.apps=1, limited: count/deployments.apps=1"
    )
    # the default namespace already holds the "kubernetes" Service
    svc = {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": "s", "namespace": "default"},
        "spec": {"selector": {"app": "a"}, "ports": [{"port": 80}]},
    }
    with pytest.raises(errors.ForbiddenError) as e:
        apiserver.create(cluster, "Service", svc)
    assert e.value.message.endswith("requested: services=1, used: services=1, limited: services=1")


def test_quota_pod_usage_init_container_max() -> None:
    p = pod(requests={"cpu": "200m"})
    p["spec"]["initContainers"] = [
        {"name": "init", "image": "busybox", "resources": {"requests": {"cpu": "500m"}}}
    ]
    usage = quota.pod_usage(p, 0.0)
    assert str(usage["requests.cpu"]) == "500m" and str(usage["cpu"]) == "500m"
    assert usage["pods"] == parse_quantity("1") and usage["count/pods"] == parse_quantity("1")
    assert "limits.cpu" not in usage


def test_admission_order_service_account_before_limit_checks(cluster: Cluster) -> None:
    """Mutating plugins (ServiceAccount.Admit) refuse before validating ones
    (LimitRanger.Validate).
    """
    limit_range(cluster, max={"cpu": "500m"})
    p = pod(limits={"cpu": "1"})
    p["spec"]["serviceAccountName"] = "build-robot"
    assert refused(cluster, p) == (
        'pods "web-6d4f8c5b7-" is forbidden: error looking up service account '
        'default/build-robot: serviceaccount "build-robot" not found'
    )


def test_dry_run_does_not_consume_quota(cluster: Cluster) -> None:
    resource_quota(cluster, "pod-quota", pods="1")
    apiserver.create(cluster, "Pod", pod(), dry_run=True)
    apiserver.create(cluster, "Pod", pod())


# ----- ServiceAccount: the token volume (serviceaccount admission: mountServiceAccountToken) -----


def _created(cluster: Cluster, p: Obj) -> Obj:
    spec: Obj = apiserver.create(cluster, "Pod", p)["spec"]
    return spec


def _mounts(spec: Obj) -> dict[str, list[tuple[str, str]]]:
    return {
        c["name"]: [(m["name"], m["mountPath"]) for m in c.get("volumeMounts") or ()]
        for c in (spec.get("initContainers") or []) + spec["containers"]
    }


@pytest.mark.parametrize(
    ("pod_value", "account_value", "mounted"),
    [
        (None, None, True),
        (False, None, False),
        (None, False, False),
        (True, False, True),  # the pod's field wins over the account's
        (False, True, False),
    ],
)
def test_automount_service_account_token(
    cluster: Cluster, pod_value: bool | None, account_value: bool | None, mounted: bool
) -> None:
    if account_value is not None:
        account = cluster.get("ServiceAccount", "default", "default")
        account["automountServiceAccountToken"] = account_value
        cluster.touch("ServiceAccount", account)
    p = pod()
    if pod_value is not None:
        p["spec"]["automountServiceAccountToken"] = pod_value
    spec = _created(cluster, p)
    assert ("volumes" in spec) is mounted
    assert bool(_mounts(spec)["web"]) is mounted
    # what an exec into that container finds
    stored = {"metadata": {"name": "web-x", "namespace": "default"}, "spec": spec}
    fs = podenv.context(cluster, stored, spec["containers"][0]).fs
    assert fs.exists(f"{admission.TOKEN_PATH}/token") is mounted


def test_token_mounted_in_init_containers_unless_the_path_is_taken(cluster: Cluster) -> None:
    p = pod()
    spec_in = p["spec"]
    spec_in["initContainers"] = [{"name": "init", "image": "busybox"}]
    spec_in["containers"].append(
        {
            "name": "own",
            "image": "busybox",
            "volumeMounts": [{"name": "mine", "mountPath": admission.TOKEN_PATH}],
        }
    )
    spec_in["volumes"] = [{"name": "mine", "emptyDir": {}}]
    spec = _created(cluster, p)
    token = spec["volumes"][-1]["name"]
    assert token.startswith("kube-api-access-") and len(spec["volumes"]) == 2
    path = admission.TOKEN_PATH
    assert _mounts(spec) == {
        "init": [(token, path)],
        "web": [(token, path)],
        "own": [("mine", path)],
    }


def test_an_existing_token_volume_is_mounted_not_added_again(cluster: Cluster) -> None:
    """A pod re-created from `get -o yaml` keeps its kube-api-access volume; containers without
    a mount at the token path mount that one."""
    p = pod()
    p["spec"]["volumes"] = [{"name": "kube-api-access-abcde", "emptyDir": {}}]
    spec = _created(cluster, p)
    assert [v["name"] for v in spec["volumes"]] == ["kube-api-access-abcde"]
    assert _mounts(spec) == {"web": [("kube-api-access-abcde", admission.TOKEN_PATH)]}
