"""``cluster-info``, ``top pod|node`` (no metrics-server) and ``config use-context`` /
``config view --minify`` (issue 14, item 10)."""

from __future__ import annotations

import pytest

from tests.conftest import MklRunner, kubectl, needs_kubectl


def test_cluster_info_prints_the_control_plane(manual: MklRunner) -> None:
    r = manual("cluster-info")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == (
        "Kubernetes control plane is running at https://192.168.49.2:8443\n"
        "\nTo further debug and diagnose cluster problems, use 'mkl cluster-info dump'.\n"
    )


def test_cluster_info_lists_cluster_services_with_their_proxy_urls(
    manual: MklRunner, tmp_path
) -> None:
    svc = tmp_path / "dns.yaml"
    svc.write_text(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: kube-dns\n  namespace: kube-system\n"
        "  labels: {kubernetes.io/cluster-service: 'true', kubernetes.io/name: CoreDNS}\n"
        "spec:\n  selector: {k8s-app: kube-dns}\n  ports:\n  - {name: dns, port: 53, "
        "protocol: UDP}\n"
    )
    assert manual("create", "-f", str(svc)).exit_code == 0
    lines = manual("cluster-info", prog="kubectl").stdout.splitlines()
    assert lines[1] == (
        "CoreDNS is running at https://192.168.49.2:8443/api/v1/"
        "namespaces/kube-system/services/kube-dns:dns/proxy"
    )
    assert lines[-1] == (
        "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'."
    )


@pytest.mark.parametrize(
    ("argv", "stderr"),
    [
        (["top", "pods"], "error: Metrics API not available\n"),
        (["top", "node"], "error: Metrics API not available\n"),
        (["top", "po", "-A", "--containers"], "error: Metrics API not available\n"),
        (["top", "pod", "--sort-by=name"], "error: --sort-by accepts only cpu or memory\n"),
        (
            ["top", "pod", "web", "-l", "a=b"],
            "error: only one of NAME or selector can be provided\n",
        ),
    ],
)
def test_top_answers_as_a_cluster_without_metrics_server(
    mkl: MklRunner, argv: list[str], stderr: str
) -> None:
    r = mkl(*argv)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", stderr)


def test_top_without_a_subcommand_prints_help_and_exits_1(mkl: MklRunner) -> None:
    r = mkl("top")
    assert (r.exit_code, r.stdout) == (1, "")
    assert "Available Commands:\n  pod " in r.stderr


def test_config_use_context(manual: MklRunner) -> None:
    r = manual("config", "use-context", "minikube")
    assert (r.exit_code, r.stdout) == (0, 'Switched to context "minikube".\n')
    r = manual("config", "use-context", "nope")
    assert (r.exit_code, r.stderr) == (1, 'error: no context exists with the name: "nope"\n')
    assert manual("--profile", "other", "cluster", "start").exit_code == 0
    r = manual("config", "use-context", "other")
    assert r.exit_code == 1
    assert "pass --profile=other or set MKL_PROFILE" in r.stderr


def test_config_view_minify_jsonpath_namespace(manual: MklRunner) -> None:
    argv = ("config", "view", "--minify", "-o", "jsonpath={..namespace}")
    assert manual(*argv).stdout == ""
    manual("config", "set-context", "--current", "--namespace=dev")
    assert manual(*argv).stdout == "dev"
    assert manual("config", "view", "--minify").stdout == manual("config", "view").stdout


KUBECONFIG = """\
apiVersion: v1
kind: Config
clusters:
- name: minikube
  cluster: {server: "https://192.168.49.2:8443"}
contexts:
- name: minikube
  context: {cluster: minikube, user: minikube, namespace: default}
current-context: minikube
users:
- name: minikube
  user: {}
"""


@needs_kubectl
@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["config", "get-contexts", "x"], id="missing"),
        pytest.param(["config", "get-contexts", "x", "y"], id="two-missing"),
        pytest.param(["config", "get-contexts", "minikube", "x"], id="one-of-two"),
        pytest.param(["config", "get-contexts", "minikube"], id="found"),
        pytest.param(["config", "get-contexts", "-o", "name", "x"], id="name-missing"),
        pytest.param(["config", "use-context", "minikube"], id="use-context"),
        pytest.param(["config", "use-context", "nope"], id="use-context-missing"),
    ],
)
def test_config_matches_kubectl_on_the_same_kubeconfig(
    manual: MklRunner, tmp_path, argv: list[str]
) -> None:
    config = tmp_path / "kubeconfig"
    config.write_text(KUBECONFIG)
    want = kubectl(*argv, env={"KUBECONFIG": str(config)})
    got = manual(*argv, prog="kubectl")
    assert (got.exit_code, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr)
