"""Insufficient permissions: --as users, RBAC Roles/RoleBindings, ``auth can-i`` (docs/failures.md).

Forbidden texts follow responsewriters.forbiddenMessage + apierrors.NewForbidden: the named form
``<resource>.<group> "<name>" is forbidden: ...``, the collection form ``<resource> is forbidden``,
``in the namespace "<ns>"`` or ``at the cluster scope``, and API group ``""`` for the core group.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PERMISSIONS = str(ROOT / "manifests" / "failures" / "permissions.yaml")
FORBIDDEN = "Error from server (Forbidden): "


def jane_msg(verb: str, resource: str, group: str = "", ns: str | None = "default") -> str:
    where = f'in the namespace "{ns}"' if ns else "at the cluster scope"
    return f'User "jane" cannot {verb} resource "{resource}" in API group "{group}" {where}'


@pytest.fixture
def cluster(manual: Any) -> Any:
    assert manual("apply", "-f", PERMISSIONS).exit_code == 0
    r = manual("create", "deployment", "web", "--image=nginx:1.16.1", "--replicas=2")
    assert r.exit_code == 0, r.stderr
    manual("clock", "advance", "30s")
    return manual


def test_admin_is_allowed_everything(cluster: Any) -> None:
    assert cluster("auth", "can-i", "*", "*").stdout == "yes\n"
    assert cluster("auth", "can-i", "delete", "nodes").stdout == "yes\n"
    assert cluster("get", "secrets").exit_code == 0


def test_allowed_reads(cluster: Any) -> None:
    r = cluster("get", "deploy", "--as", "jane")
    assert r.exit_code == 0 and r.stdout.startswith("NAME   READY")
    assert (
        cluster("get", "deploy", "web", "--as", "jane", "-o", "name").stdout
        == "deployment.apps/web\n"
    )
    r = cluster("get", "pods", "--as", "jane")
    assert r.exit_code == 0 and r.stdout.count("Running") == 2
    assert cluster("describe", "deploy", "web", "--as", "jane").exit_code == 0
    pod = cluster("get", "pods", "-o", "name").stdout.split()[0]
    assert cluster("logs", pod, "--as", "jane").exit_code == 0


def test_forbidden_writes(cluster: Any) -> None:
    r = cluster("patch", "deployment", "web", "-p", '{"spec":{"replicas":3}}', "--as", "jane")
    assert r.exit_code == 1
    assert (
        r.stderr
        == FORBIDDEN
        + 'deployments.apps "web" is forbidden: '
        + jane_msg("patch", "deployments", "apps")
        + "\n"
    )
    r = cluster(
        "set", "image", "deployment/web", "nginx=nginx:1.25", "--as", "jane"
    )  # set_image.go wraps the error
    assert r.stderr == (
        'error: failed to patch image update to pod template: deployments.apps "web" is forbidden: '
        + jane_msg("patch", "deployments", "apps")
        + "\n"
    )
    r = cluster("delete", "deployment", "web", "--as", "jane")
    assert (
        r.stderr
        == FORBIDDEN
        + 'deployments.apps "web" is forbidden: '
        + jane_msg("delete", "deployments", "apps")
        + "\n"
    )
    r = cluster(
        "delete", "deployment", "nope", "--as", "jane"
    )  # Forbidden before NotFound, as on a server
    assert (
        r.stderr
        == FORBIDDEN
        + 'deployments.apps "nope" is forbidden: '
        + jane_msg("delete", "deployments", "apps")
        + "\n"
    )
    r = cluster("scale", "deployment", "web", "--replicas=3", "--as", "jane")
    assert (
        r.stderr
        == FORBIDDEN
        + 'deployments.apps "web" is forbidden: '
        + jane_msg("patch", "deployments/scale", "apps")
        + "\n"
    )
    r = cluster("create", "deployment", "api", "--image=nginx", "--as", "jane")
    assert (  # the generator wraps the server's error (create_deployment.go Run)
        r.stderr
        == "error: failed to create deployment: "
        + "deployments.apps is forbidden: "
        + jane_msg("create", "deployments", "apps")
        + "\n"
    )
    # nothing changed
    assert (
        cluster(
            "get", "deploy", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}"
        ).stdout
        == "nginx:1.16.1"
    )
    assert cluster("get", "deploy", "-o", "name").stdout == "deployment.apps/web\n"


def test_forbidden_reads(cluster: Any) -> None:
    r = cluster("get", "secrets", "--as", "jane")
    assert (r.exit_code, r.stderr) == (
        1,
        FORBIDDEN + "secrets is forbidden: " + jane_msg("list", "secrets") + "\n",
    )
    r = cluster("get", "nodes", "--as", "jane")
    assert (
        r.stderr == FORBIDDEN + "nodes is forbidden: " + jane_msg("list", "nodes", ns=None) + "\n"
    )
    r = cluster("get", "pods", "-A", "--as", "jane")
    assert r.stderr == FORBIDDEN + "pods is forbidden: " + jane_msg("list", "pods", ns=None) + "\n"
    r = cluster("get", "deploy", "-n", "kube-system", "--as", "jane")
    assert (
        r.stderr
        == FORBIDDEN
        + "deployments.apps is forbidden: "
        + jane_msg("list", "deployments", "apps", "kube-system")
        + "\n"
    )
    r = cluster("get", "namespace", "default", "--as", "jane")
    assert (
        r.stderr
        == FORBIDDEN + 'namespaces "default" is forbidden: ' + jane_msg("get", "namespaces") + "\n"
    )
    r = cluster("get", "service", "kubernetes", "--as", "jane")
    assert (
        r.stderr
        == FORBIDDEN + 'services "kubernetes" is forbidden: ' + jane_msg("get", "services") + "\n"
    )


def test_can_i_yes_and_no(cluster: Any) -> None:
    for args, answer in [
        (("get", "deployments"), "yes"),
        (("list", "pods"), "yes"),
        (("get", "pods/whatever"), "yes"),
        (("get", "pods", "--subresource=log"), "yes"),
        (("patch", "deployments.apps/web"), "no"),
        (("delete", "pods"), "no"),
        (("list", "secrets"), "no"),
        (("get", "deploy", "-n", "kube-system"), "no"),
        (("create", "selfsubjectaccessreviews.authorization.k8s.io"), "yes"),
        (("create", "jobs.batch"), "no"),
        (("list", "cj"), "no"),
    ]:
        r = cluster("auth", "can-i", *args, "--as", "jane")
        assert (r.stdout, r.exit_code) == (answer + "\n", 0 if answer == "yes" else 1), args
        assert r.stderr == (
            ""
            if args[1] != "selfsubjectaccessreviews.authorization.k8s.io"
            else (
                "Warning: resource 'selfsubjectaccessreviews' is not namespace scoped in "
                "group 'authorization.k8s.io'\n\n"
            )
        )


def test_can_i_quiet_warnings_and_usage(cluster: Any) -> None:
    r = cluster("auth", "can-i", "patch", "deploy", "-q", "--as", "jane")
    assert (r.exit_code, r.stdout) == (1, "")
    r = cluster("auth", "can-i", "list", "nodes", "--as", "jane")
    assert (r.exit_code, r.stdout, r.stderr) == (
        1,
        "no\n",
        "Warning: resource 'nodes' is not namespace scoped\n\n",
    )
    r = cluster("auth", "can-i", "get", "widgets", "--as", "jane")
    assert r.stderr == "Warning: the server doesn't have a resource type 'widgets'\n\n"
    r = cluster("auth", "can-i", "get")
    assert r.exit_code == 1
    assert r.stderr == (
        "error: you must specify two arguments: verb resource or verb resource/resourceName.\n"
        "See 'mkl auth can-i -h' for help and examples.\n"
    )
    assert cluster("auth", "can-i", "get", "/healthz", "--as", "jane").stdout == "yes\n"


def test_can_i_list(cluster: Any) -> None:
    r = cluster("auth", "can-i", "--list", "--as", "jane")
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["Resources", "Non-Resource", "URLs", "Resource", "Names", "Verbs"]
    rows = {tuple(line.split()) for line in lines[1:]}
    assert ("deployments.apps", "[]", "[]", "[get", "list", "watch]") in rows
    assert ("pods/log", "[]", "[]", "[get", "list", "watch]") in rows
    assert ("selfsubjectaccessreviews.authorization.k8s.io", "[]", "[]", "[create]") in rows
    assert not any(row[0].startswith("secrets") for row in rows)


def test_fix_by_binding_edit(cluster: Any) -> None:
    binding = (
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n"
        "  name: jane-edit\n"
        "subjects:\n- kind: User\n  name: jane\nroleRef:\n  kind: ClusterRole\n"
        "  name: edit\n  apiGroup: rbac.authorization.k8s.io\n"
    )
    assert cluster("apply", "-f", "-", stdin=binding).exit_code == 0
    assert cluster("auth", "can-i", "patch", "deployments", "--as", "jane").stdout == "yes\n"
    r = cluster("set", "image", "deployment/web", "nginx=nginx:1.25", "--as", "jane")
    assert (r.exit_code, r.stdout) == (0, "deployment.apps/web image updated\n")
    # the controllers act as themselves even while jane's command waits on the rollout
    r = cluster("rollout", "status", "deployment/web", "--as", "jane")
    assert r.exit_code == 0, r.stderr
    assert cluster("auth", "can-i", "list", "secrets", "--as", "jane").stdout == "yes\n"
    assert (
        cluster("auth", "can-i", "create", "roles", "--as", "jane").stdout == "no\n"
    )  # edit is not admin


def test_groups_service_accounts_and_masters(cluster: Any) -> None:
    binding = (
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n"
        "  name: devs\nsubjects:\n"
        "- kind: Group\n  name: devs\n- kind: ServiceAccount\n  name: ci\n"
        "roleRef:\n  kind: ClusterRole\n  name: view\n  apiGroup: rbac.authorization.k8s.io\n"
    )
    assert cluster("apply", "-f", "-", stdin=binding).exit_code == 0
    assert cluster("auth", "can-i", "list", "pods", "--as", "bob").stdout == "no\n"
    assert (
        cluster("auth", "can-i", "list", "pods", "--as", "bob", "--as-group", "devs").stdout
        == "yes\n"
    )
    assert (
        cluster("auth", "can-i", "list", "pods", "--as", "system:serviceaccount:default:ci").stdout
        == "yes\n"
    )
    assert (
        cluster("auth", "can-i", "list", "pods", "--as", "system:serviceaccount:other:ci").stdout
        == "no\n"
    )
    assert (
        cluster(
            "auth", "can-i", "delete", "nodes", "--as", "bob", "--as-group", "system:masters"
        ).stdout
        == "yes\n"
    )
    r = cluster("get", "pods", "--as-group", "devs")
    assert (r.exit_code, r.stderr) == (
        1,
        'error: requesting uid, groups or user-extra for "minikube" without impersonating a user\n',
    )


def test_binding_to_missing_role_reports_rbac_reason(cluster: Any) -> None:
    binding = (
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n"
        "  name: ghost\nsubjects:\n- kind: User\n  name: tom\n"
        "roleRef:\n  kind: Role\n  name: pod-reader\n  apiGroup: rbac.authorization.k8s.io\n"
    )
    assert cluster("apply", "-f", "-", stdin=binding).exit_code == 0
    r = cluster("get", "pods", "--as", "tom")
    assert r.stderr == (
        FORBIDDEN + 'pods is forbidden: User "tom" cannot list resource "pods" in API group "" in '
        'the namespace "default": '
        'RBAC: role.rbac.authorization.k8s.io "pod-reader" not found\n'
    )
    r = cluster("auth", "can-i", "list", "pods", "--as", "tom")
    assert r.stdout == 'no - RBAC: role.rbac.authorization.k8s.io "pod-reader" not found\n'


def test_bootstrap_roles_are_listed(cluster: Any) -> None:
    r = cluster("get", "clusterroles", "-o", "name")
    for name in ("admin", "cluster-admin", "edit", "view"):
        assert f"clusterrole.rbac.authorization.k8s.io/{name}\n" in r.stdout
    r = cluster("get", "clusterrolebinding", "cluster-admin", "-o", "jsonpath={.subjects[0].name}")
    assert r.stdout == "system:masters"


def test_controllers_act_as_themselves_while_a_user_waits(cluster: Any) -> None:
    """jane may only look; the rollout she watches still creates and deletes pods
    (as the controllers).
    """
    assert cluster("set", "image", "deployment/web", "nginx=nginx:1.25").exit_code == 0
    r = cluster("rollout", "status", "deployment/web", "--as", "jane")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout.endswith('deployment "web" successfully rolled out\n')
    assert "forbidden" not in cluster("describe", "rs").stdout


def test_replace_is_authorized_as_an_update(manual: Any, tmp_path: Path) -> None:
    """kubectl replace PUTs: RBAC's verb is ``update``, which ``patch`` does not grant."""
    from tests import builders

    assert manual("create", "deployment", "web", "--image=nginx", "--replicas=1").exit_code == 0
    r = manual("create", "role", "patcher", "--verb=get,patch", "--resource=deployments")
    assert r.exit_code == 0, r.stderr
    r = manual("create", "rolebinding", "jane-patcher", "--role=patcher", "--user=jane")
    assert r.exit_code == 0, r.stderr
    path = builders.write(tmp_path / "web.yaml", builders.deployment("web", 2, "nginx"))
    r = manual("replace", "-f", path, "--as", "jane")
    assert r.exit_code == 1
    assert r.stderr == (
        FORBIDDEN
        + f'error when replacing "{path}": deployments.apps "web" is forbidden: '
        + jane_msg("update", "deployments", "apps")
        + "\n"
    )
    assert (
        manual("patch", "deploy", "web", "-p", '{"spec":{"replicas":2}}', "--as", "jane").exit_code
        == 0
    )
