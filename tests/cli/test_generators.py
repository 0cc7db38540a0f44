"""The create generators and set resources|serviceaccount against the simulated API server.

Their client-side output is compared with the real kubectl in test_generator_parity.py; here:
what reaches the store, the server's refusals as each generator wraps them, and RBAC working
end to end with the objects the generators make.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

from tests.conftest import MklRunner


def _get(mkl: MklRunner, *argv: str) -> dict[str, object]:
    r = mkl("get", *argv, "-o", "json")
    assert r.exit_code == 0, r.stderr
    out: dict[str, object] = json.loads(r.stdout)
    return out


def test_configmap_and_secret_are_stored(manual: MklRunner, tmp_path: Path) -> None:
    (tmp_path / "app.conf").write_text("mode=blue\n")
    r = manual("create", "configmap", "cfg", f"--from-file={tmp_path / 'app.conf'}")
    assert (r.exit_code, r.stdout) == (0, "configmap/cfg created\n")
    assert _get(manual, "cm", "cfg")["data"] == {"app.conf": "mode=blue\n"}
    r = manual("create", "secret", "generic", "db", "--from-literal=password=s3cr3t")
    assert r.stdout == "secret/db created\n"
    secret = _get(manual, "secret", "db")
    assert secret["type"] == "Opaque"  # the server's default for an unset type
    assert secret["data"] == {"password": base64.b64encode(b"s3cr3t").decode()}


def test_server_refusals_are_wrapped_as_kubectl_does(manual: MklRunner) -> None:
    assert manual("create", "configmap", "cfg", "--from-literal=a=1").exit_code == 0
    r = manual("create", "configmap", "cfg", "--from-literal=a=1")
    assert r.stderr == 'error: failed to create configmap: configmaps "cfg" already exists\n'
    r = manual("create", "quota", "q", "--hard=pods=2", "-n", "nope")
    assert r.stderr == 'error: failed to create quota: namespaces "nope" not found\n'
    r = manual("create", "secret", "generic", "s", "-n", "nope")
    assert r.stderr == 'error: failed to create secret namespaces "nope" not found\n'
    r = manual("create", "service", "externalname", "x", "--external-name=a.b", "-n", "nope")
    assert r.stderr == (
        'error: failed to create ExternalName service: namespaces "nope" not found\n'
    )
    assert manual("create", "role", "r", "--verb=get", "--resource=pods").exit_code == 0
    r = manual("create", "role", "r", "--verb=get", "--resource=pods")
    assert r.stderr == (  # create_role.go returns the server's error as it is
        'Error from server (AlreadyExists): roles.rbac.authorization.k8s.io "r" already exists\n'
    )


def test_rbac_generators_grant_what_they_say(manual: MklRunner) -> None:
    for argv in (
        ("create", "namespace", "dev"),
        ("create", "role", "pod-reader", "--verb=get,list", "--resource=pods", "-n", "dev"),
        ("create", "rolebinding", "jane-reads", "--role=pod-reader", "--user=jane", "-n", "dev"),
        ("create", "serviceaccount", "bot", "-n", "dev"),
        (
            "create",
            "clusterrolebinding",
            "bot-views",
            "--clusterrole=view",
            "--serviceaccount=dev:bot",
        ),
    ):
        r = manual(*argv)
        assert r.exit_code == 0, (argv, r.stderr)
    assert manual("auth", "can-i", "list", "pods", "-n", "dev", "--as", "jane").stdout == "yes\n"
    assert manual("auth", "can-i", "delete", "pods", "-n", "dev", "--as", "jane").stdout == "no\n"
    sa = "system:serviceaccount:dev:bot"
    assert manual("auth", "can-i", "list", "deployments", "-A", "--as", sa).stdout == "yes\n"


def test_kinds_not_simulated_say_so(manual: MklRunner) -> None:
    for argv, kinds in ((["token", "bot", "--duration=10m"], "service account tokens"),):
        r = manual("create", *argv)
        assert r.exit_code == 1
        assert f"mkl does not simulate {kinds}" in r.stderr


def test_set_resources_and_serviceaccount(manual: MklRunner) -> None:
    assert manual("create", "deployment", "web", "--image=nginx").exit_code == 0
    r = manual("set", "resources", "deploy", "web", "--limits=cpu=0.2", "--requests=cpu=100m")
    assert r.stdout == "deployment.apps/web resource requirements updated\n"
    spec = _get(manual, "deploy", "web")["spec"]
    assert isinstance(spec, dict)
    pod = spec["template"]["spec"]
    assert pod["containers"][0]["resources"] == {
        "limits": {"cpu": "200m"},
        "requests": {"cpu": "100m"},
    }
    r = manual("set", "resources", "deploy", "web", "--limits=cpu=200m")
    assert (r.exit_code, r.stdout) == (0, "")  # nothing changes: no patch, no line
    r = manual("set", "resources", "deploy", "web", "-c", "nope", "--limits=cpu=1")
    assert (r.exit_code, r.stderr) == (1, "error: unable to find container named nope\n")
    for _ in range(2):  # kubectl sends (and prints) the service account every time
        r = manual("set", "sa", "deploy", "web", "bot")
        assert r.stdout == "deployment.apps/web serviceaccount updated\n"
    spec = _get(manual, "deploy", "web")["spec"]
    assert isinstance(spec, dict)
    assert spec["template"]["spec"]["serviceAccountName"] == "bot"


def test_quota_scopes_are_validated_by_the_server(manual: MklRunner) -> None:
    """validateResourceQuotaScopes, and the generator's wrap of a 422 (the Go error's text)."""
    r = manual("create", "quota", "q", "--hard=pods=2", "--scopes=Bogus")
    assert r.stderr == (
        'error: failed to create quota: ResourceQuota "q" is invalid: spec.scopes: Invalid '
        'value: ["Bogus"]: unsupported scope\n'
    )
    r = manual("create", "quota", "q", "--hard=cpu=1", "--scopes=BestEffort,NotBestEffort")
    assert r.stderr == (
        'error: failed to create quota: ResourceQuota "q" is invalid: [spec.scopes: Invalid '
        'value: ["BestEffort","NotBestEffort"]: unsupported scope applied to resource, '
        'spec.scopes: Invalid value: ["BestEffort","NotBestEffort"]: conflicting scopes]\n'
    )
    r = manual("create", "quota", "best-effort", "--hard=pods=10", "--scopes=BestEffort")
    assert r.stdout == "resourcequota/best-effort created\n"
