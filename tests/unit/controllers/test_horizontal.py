"""The HorizontalPodAutoscaler: autoscale's object, defaults and validation, the controller
ported from horizontal.go on a cluster without a metrics API, and get/describe."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import MklRunner

FAILED_CPU = (
    "failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch "
    "metrics from resource metrics API: the server could not find the requested resource "
    "(get pods.metrics.k8s.io)"
)


@pytest.fixture
def web(manual: MklRunner) -> MklRunner:
    for argv in (
        ["create", "deployment", "web", "--image=nginx"],
        ["clock", "advance", "10s"],
    ):
        r = manual(*argv)
        assert r.exit_code == 0, (argv, r.stderr)
    return manual


def _hpa(mkl: MklRunner, name: str = "web") -> dict:  # type: ignore[type-arg]
    r = mkl("get", "hpa", name, "-o", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def test_autoscale_creates_a_v2_hpa_with_defaults(web: MklRunner) -> None:
    r = web("autoscale", "deployment", "web", "--max=5")
    assert (r.exit_code, r.stdout, r.stderr) == (
        0,
        "horizontalpodautoscaler.autoscaling/web autoscaled\n",
        "",
    )
    hpa = _hpa(web)
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["minReplicas"] == 1  # SetDefaults_HorizontalPodAutoscaler
    assert hpa["status"] == {"currentMetrics": None, "desiredReplicas": 0}  # PrepareForCreate
    assert hpa["spec"]["metrics"] == [
        {
            "type": "Resource",
            "resource": {
                "name": "cpu",
                "target": {"type": "Utilization", "averageUtilization": 80},
            },
        }
    ]
    got = web("get", "hpa")
    assert got.stdout == (
        "NAME   REFERENCE        TARGETS              MINPODS   MAXPODS   REPLICAS   AGE\n"
        "web    Deployment/web   cpu: <unknown>/80%   1         5         0          0s\n"
    )


def test_cpu_percent_is_deprecated_and_cpu_memory_make_targets(web: MklRunner) -> None:
    r = web("autoscale", "deploy/web", "--max=3", "--cpu-percent=50", "--name=a")
    assert r.stderr.startswith("Flag --cpu-percent has been deprecated, Use --cpu with")
    r = web("autoscale", "deploy/web", "--max=3", "--cpu=500", "--memory=60%", "--name=b")
    assert r.exit_code == 0, r.stderr
    metrics = _hpa(web, "b")["spec"]["metrics"]
    assert [m["resource"]["target"] for m in metrics] == [
        {"type": "AverageValue", "averageValue": "500m"},
        {"type": "Utilization", "averageUtilization": 60},
    ]
    assert "cpu: <unknown>/500m, memory: <unknown>/60%" in web("get", "hpa", "b").stdout


@pytest.mark.parametrize(
    "flags,message",
    [
        (["--max=0"], "error: --max=MAXPODS is required and must be at least 1, max: 0\n"),
        (
            ["--max=2", "--min=3"],
            "error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 2, min: 3\n",
        ),
        (["--max=2", "--cpu=x%"], "error: invalid percentage value: x\n"),
        (["--max=2", "--memory=lots"], "error: invalid resource memory value: lots\n"),
        (
            ["--max=2", "--cpu=5%", "--cpu-percent=5"],
            "error: --cpu-percent and --cpu are mutually exclusive\n",
        ),
        ([], 'error: required flag(s) "max" not set\n'),
    ],
)
def test_autoscale_validation_errors(web: MklRunner, flags: list[str], message: str) -> None:
    r = web("autoscale", "deployment", "web", *flags)
    assert r.exit_code == 1
    assert r.stderr.endswith(message)


def test_autoscale_errors_for_missing_and_unscalable_targets(web: MklRunner) -> None:
    r = web("autoscale", "deployment", "nope", "--max=2")
    assert r.stderr == 'Error from server (NotFound): deployments.apps "nope" not found\n'
    web("create", "configmap", "cm")
    r = web("autoscale", "configmap", "cm", "--max=2")
    assert r.stderr.startswith("error: cannot autoscale a ConfigMap: could not find scale")


def test_api_validation_of_a_manifest(web: MklRunner, tmp_path: Path) -> None:
    bad = tmp_path / "hpa.yaml"
    bad.write_text(
        "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: x}\n"
        "spec:\n  minReplicas: 3\n  maxReplicas: 2\n  scaleTargetRef: {kind: Deployment}\n"
    )
    r = web("create", "-f", str(bad))
    assert r.exit_code == 1
    assert "spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`" in (
        r.stderr
    )
    assert "spec.scaleTargetRef.name: Required value" in r.stderr


def test_controller_scales_to_min_then_fails_to_get_metrics(web: MklRunner) -> None:
    web("autoscale", "deployment", "web", "--min=2", "--max=5", "--cpu=50%")
    web("clock", "advance", "14s")  # the first sync waits one resync period (15 s)
    assert "replicas" not in json.dumps(_hpa(web)["status"])
    web("clock", "advance", "1s")
    st = _hpa(web)["status"]
    assert (st["currentReplicas"], st["desiredReplicas"]) == (1, 2)
    assert [(c["type"], c["reason"]) for c in st["conditions"]] == [
        ("AbleToScale", "SucceededRescale")
    ]
    deploy = json.loads(web("get", "deploy", "web", "-o", "json").stdout)
    assert deploy["spec"]["replicas"] == 2
    events = web("events", "--for", "hpa/web").stdout
    assert (
        "SuccessfulRescale   HorizontalPodAutoscaler/web   New size: 2; reason: Current number "
        "of replicas below Spec.MinReplicas" in events
    )
    web("clock", "advance", "15s")
    st = _hpa(web)["status"]
    assert (st["currentReplicas"], st["desiredReplicas"], st["currentMetrics"]) == (
        2,
        2,
        [{"type": ""}],
    )
    assert [(c["type"], c["status"], c["reason"]) for c in st["conditions"]] == [
        ("AbleToScale", "True", "SucceededGetScale"),
        ("ScalingActive", "False", "FailedGetResourceMetric"),
    ]
    assert st["conditions"][1]["message"] == (
        f"the HPA was unable to compute the replica count: {FAILED_CPU}"
    )
    described = web("describe", "hpa", "web").stdout
    assert "  resource cpu on pods  (as a percentage of request):  <unknown> / 50%\n" in described
    assert "Deployment pods:                                       2 current / 2 desired\n" in (
        described
    )
    assert f"horizontal-pod-autoscaler  {FAILED_CPU}\n" in described
    assert (
        "FailedComputeMetricsReplicas  0s    horizontal-pod-autoscaler  invalid metrics (1 invalid "
        f"out of 1), first error is: failed to get cpu resource metric value: {FAILED_CPU}\n"
    ) in described
    web("clock", "advance", "30s")  # repeats aggregate: (x3 over 30s)
    assert "(x3 over 30s)" in web("describe", "hpa", "web").stdout


def test_controller_scales_down_to_max_and_disables_at_zero(web: MklRunner) -> None:
    web("scale", "deployment", "web", "--replicas=4")
    web("autoscale", "deployment", "web", "--max=2")
    web("clock", "advance", "15s")
    assert json.loads(web("get", "deploy", "web", "-o", "json").stdout)["spec"]["replicas"] == 2
    assert (
        "reason: Current number of replicas above Spec.MaxReplicas"
        in web("events", "--for", "hpa/web").stdout
    )
    web("scale", "deployment", "web", "--replicas=0")
    web("clock", "advance", "15s")
    st = _hpa(web)["status"]
    assert st["conditions"][-1]["reason"] == "ScalingDisabled"
    assert json.loads(web("get", "deploy", "web", "-o", "json").stdout)["spec"]["replicas"] == 0


def test_missing_target_is_failed_get_scale(manual: MklRunner) -> None:
    manual(
        "create",
        "-f",
        "-",
        stdin="apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\n"
        "spec:\n  maxReplicas: 2\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, "
        "name: gone}\n",
    )
    manual("clock", "advance", "15s")
    cond = _hpa(manual, "h")["status"]["conditions"][0]
    assert (cond["type"], cond["status"], cond["reason"]) == (
        "AbleToScale",
        "False",
        "FailedGetScale",
    )
    assert cond["message"] == (
        "the HPA controller was unable to get the target's current scale: "
        'deployments.apps "gone" not found'
    )


def test_get_all_lists_hpas_and_delete_removes_them(web: MklRunner) -> None:
    web("autoscale", "deployment", "web", "--max=2")
    assert "horizontalpodautoscaler.autoscaling/web   Deployment/web" in web("get", "all").stdout
    r = web("delete", "hpa", "web")
    assert r.stdout == 'horizontalpodautoscaler.autoscaling "web" deleted from default namespace\n'
    web("clock", "advance", "1m")  # its timer finds it gone
    assert web("get", "hpa").stderr == "No resources found in default namespace.\n"


STATEFULSET = """\
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 1
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: db
        image: nginx
"""


def test_a_statefulset_is_a_scale_target(manual: MklRunner, tmp_path: Path) -> None:
    """StatefulSets have the scale subresource, so autoscale and the controller take them."""
    f = tmp_path / "db.yaml"
    f.write_text(STATEFULSET)
    assert manual("apply", "-f", str(f)).exit_code == 0
    r = manual("autoscale", "statefulset", "db", "--min=2", "--max=3")
    assert (r.exit_code, r.stdout) == (0, "horizontalpodautoscaler.autoscaling/db autoscaled\n")
    manual("clock", "advance", "15s")
    sts = json.loads(manual("get", "sts", "db", "-o", "json").stdout)
    assert sts["spec"]["replicas"] == 2
    hpa = _hpa(manual, "db")
    assert hpa["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "StatefulSet",
        "name": "db",
    }
    assert (hpa["status"]["currentReplicas"], hpa["status"]["desiredReplicas"]) == (1, 2)
    manual("clock", "advance", "60s")
    assert manual("get", "pods", "-o", "name").stdout == "pod/db-0\npod/db-1\n"
