"""``rollout history`` text (kubectl/pkg/polymorphichelpers/history.go)."""

from __future__ import annotations

from typing import Any

from minikube_lite.printers.history import history_table, revision_detail


def rs(name: str, revision: str | None, image: str, cause: str | None = None) -> dict[str, Any]:
    annotations = {} if revision is None else {"deployment.kubernetes.io/revision": revision}
    if cause is not None:
        annotations["kubernetes.io/change-cause"] = cause
    labels = {"app": "web", "pod-template-hash": name.rsplit("-", 1)[1]}
    return {
        "metadata": {"name": name, "annotations": annotations},
        "spec": {
            "template": {
                "metadata": {"labels": labels},
                "spec": {
                    "containers": [
                        {
                            "name": "web",
                            "image": image,
                            "ports": [{"containerPort": 80, "protocol": "TCP"}],
                        }
                    ]
                },
            }
        },
    }


def test_table() -> None:
    revisions = [
        (3, "kubectl set image deployment/web web=nginx:1.25 --record=true"),
        (1, "kubectl create --filename=web.yaml --record=true"),
        (2, None),
    ]
    assert history_table("deployment.apps/web", revisions) == (
        "deployment.apps/web \n"
        "REVISION  CHANGE-CAUSE\n"
        "1         kubectl create --filename=web.yaml --record=true\n"
        "2         <none>\n"
        "3         kubectl set image deployment/web web=nginx:1.25 --record=true\n"
        "\n"
    )


def test_no_history() -> None:
    assert (
        history_table("deployment.apps/web", [])
        == "deployment.apps/web \nNo rollout history found.\n"
    )


def test_revision_detail_uses_literal_tabs() -> None:
    cause = "kubectl set image deployment/web web=nginx:1.16.1 --record=true"
    two = rs("web-6d4f8c5b7", "2", "nginx:1.16.1")["spec"]["template"]
    two["metadata"]["annotations"] = {"kubernetes.io/change-cause": cause}
    one = rs("web-7d9c6c9f5b", "1", "nginx:1.14.2")["spec"]["template"]
    assert revision_detail("deployment.apps/web with revision #2", two) == (
        "deployment.apps/web with revision #2\n"
        "Pod Template:\n"
        "  Labels:\tapp=web\n"
        "\tpod-template-hash=6d4f8c5b7\n"
        f"  Annotations:\tkubernetes.io/change-cause: {cause}\n"
        "  Containers:\n"
        "   web:\n"
        "    Image:\tnginx:1.16.1\n"
        "    Port:\t80/TCP\n"
        "    Host Port:\t0/TCP\n"
        "    Environment:\t<none>\n"
        "    Mounts:\t<none>\n"
        "  Volumes:\t<none>\n"
        "  Node-Selectors:\t<none>\n"
        "  Tolerations:\t<none>\n"
        "\n"
    )
    assert "Annotations" not in revision_detail("t", one)
