"""Client-side ``kubectl apply``: three_way_patch (CreateThreeWayMergePatch) and three_way_apply.

Pure tests; test_patch_oracle.py additionally checks that kubectl applying these patches agrees.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from minikube_lite.api.patch.patch import last_applied_configuration
from minikube_lite.api.patch.strategicpatch.diff import (
    three_way_apply,
    three_way_patch,
    two_way_patch,
)

WEB = {
    "name": "web",
    "image": "nginx:1",
    "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
}
SIDE = {"name": "side", "image": "busybox"}


def manifest(*containers: dict[str, Any], **spec: Any) -> dict[str, Any]:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web", "labels": {"app": "web"}},
        "spec": {
            "selector": {"matchLabels": {"app": "web"}},
            "template": {
                "metadata": {"labels": {"app": "web"}},
                "spec": {"containers": [copy.deepcopy(c) for c in containers]},
            },
            **spec,
        },
    }


def live_of(m: dict[str, Any]) -> dict[str, Any]:
    """What the server holds after creating m: defaults and status added."""
    live = copy.deepcopy(m)
    live["metadata"].update(uid="u-1", resourceVersion="7", generation=1)
    live["spec"].setdefault("replicas", 1)
    live["spec"].setdefault(
        "strategy",
        {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}},
    )
    for c in live["spec"]["template"]["spec"]["containers"]:
        c.setdefault("imagePullPolicy", "IfNotPresent")
    live["status"] = {"observedGeneration": 1, "replicas": 1}
    return live


def containers(obj: dict[str, Any]) -> list[dict[str, Any]]:
    return obj["spec"]["template"]["spec"]["containers"]


V1 = manifest(WEB, SIDE, replicas=2)


def test_unchanged_manifest_gives_empty_patch() -> None:
    assert three_way_patch(V1, V1, live_of(V1), "Deployment") == {}
    assert three_way_apply(V1, V1, live_of(V1), "Deployment") == live_of(V1)


def test_image_change_patch_is_what_kubectl_sends() -> None:
    v2 = manifest({**WEB, "image": "nginx:2"}, SIDE, replicas=2)
    patch = three_way_patch(V1, v2, live_of(V1), "Deployment")
    assert patch == {
        "spec": {
            "template": {
                "spec": {
                    "$setElementOrder/containers": [{"name": "web"}, {"name": "side"}],
                    "containers": [{"image": "nginx:2", "name": "web"}],
                }
            }
        }
    }
    live = three_way_apply(V1, v2, live_of(V1), "Deployment")
    assert containers(live)[0]["image"] == "nginx:2"
    assert containers(live)[0]["imagePullPolicy"] == "IfNotPresent"  # server default kept
    assert live["status"] == {"observedGeneration": 1, "replicas": 1}


def test_removed_fields_are_deleted_server_fields_kept() -> None:
    v2 = manifest(WEB, SIDE)  # replicas dropped from the manifest
    v2["metadata"]["labels"] = {}
    patch = three_way_patch(V1, v2, live_of(V1), "Deployment")
    assert patch == {"metadata": {"labels": {"app": None}}, "spec": {"replicas": None}}
    live = three_way_apply(V1, v2, live_of(V1), "Deployment")
    assert "replicas" not in live["spec"]
    assert live["metadata"]["labels"] == {}
    assert live["metadata"]["uid"] == "u-1" and "strategy" in live["spec"]


def test_container_removed_and_added() -> None:
    log = {"name": "log", "image": "fluentd"}
    v2 = manifest(WEB, log, replicas=2)
    patch = three_way_patch(V1, v2, live_of(V1), "Deployment")
    assert patch["spec"]["template"]["spec"] == {
        "$setElementOrder/containers": [{"name": "web"}, {"name": "log"}],
        "containers": [{"name": "log", "image": "fluentd"}, {"name": "side", "$patch": "delete"}],
    }
    assert [c["name"] for c in containers(three_way_apply(V1, v2, live_of(V1), "Deployment"))] == [
        "web",
        "log",
    ]


def test_env_removed_and_changed() -> None:
    v2 = manifest({**WEB, "env": [{"name": "B", "value": "3"}]}, SIDE, replicas=2)
    live = three_way_apply(V1, v2, live_of(V1), "Deployment")
    assert containers(live)[0]["env"] == [{"name": "B", "value": "3"}]


def test_items_added_by_others_survive() -> None:
    current = live_of(V1)
    containers(current).append({"name": "proxy", "image": "envoy"})
    current["metadata"]["annotations"] = {"team": "x"}
    v2 = manifest({**WEB, "image": "nginx:2"}, SIDE, replicas=2)
    live = three_way_apply(V1, v2, current, "Deployment")
    assert [c["name"] for c in containers(live)] == ["web", "side", "proxy"]
    assert live["metadata"]["annotations"] == {"team": "x"}


def test_manifest_value_wins_over_live_change() -> None:
    current = live_of(V1)
    current["spec"]["replicas"] = 5  # kubectl scale
    assert three_way_patch(V1, V1, current, "Deployment") == {"spec": {"replicas": 2}}
    unmanaged = manifest(WEB, SIDE)
    current_u = live_of(unmanaged)
    current_u["spec"]["replicas"] = 5
    assert three_way_patch(unmanaged, unmanaged, current_u, "Deployment") == {}


def test_strategy_switch_uses_retain_keys() -> None:
    v2 = manifest(WEB, SIDE, replicas=2, strategy={"type": "Recreate"})
    patch = three_way_patch(V1, v2, live_of(V1), "Deployment")
    assert patch == {"spec": {"strategy": {"$retainKeys": ["type"], "type": "Recreate"}}}
    assert three_way_apply(V1, v2, live_of(V1), "Deployment")["spec"]["strategy"] == {
        "type": "Recreate"
    }


def test_no_last_applied_deletes_nothing() -> None:
    v2 = manifest(WEB, replicas=3)
    live = three_way_apply(None, v2, live_of(V1), "Deployment")
    assert [c["name"] for c in containers(live)] == ["web", "side"]
    assert live["spec"]["replicas"] == 3


def test_lists_without_merge_key_and_primitive_merge_lists() -> None:
    last = manifest({**WEB, "args": ["a", "b"]}, replicas=1)
    last["metadata"]["finalizers"] = ["f1", "f2"]
    new = manifest({**WEB, "args": ["c"]}, replicas=1)
    new["metadata"]["finalizers"] = ["f2", "f3"]
    current = live_of(last)
    current["metadata"]["finalizers"] = ["f1", "f2", "other"]
    patch = three_way_patch(last, new, current, "Deployment")
    assert patch["metadata"] == {
        "$deleteFromPrimitiveList/finalizers": ["f1"],
        "$setElementOrder/finalizers": ["f2", "f3"],
        "finalizers": ["f3"],
    }
    live = three_way_apply(last, new, current, "Deployment")
    assert containers(live)[0]["args"] == ["c"]
    assert live["metadata"]["finalizers"] == ["f2", "f3", "other"]


def test_three_way_does_not_mutate_inputs() -> None:
    last, new, current = copy.deepcopy(V1), manifest(WEB, replicas=4), live_of(V1)
    snapshot = copy.deepcopy((last, new, current))
    three_way_apply(last, new, current, "Deployment")
    assert (last, new, current) == snapshot


def test_two_way_patch() -> None:
    v2 = manifest({**WEB, "image": "nginx:2"}, replicas=2)
    patch = two_way_patch(V1, v2, "Deployment")
    assert patch["spec"]["template"]["spec"] == {
        "$setElementOrder/containers": [{"name": "web"}],
        "containers": [{"image": "nginx:2", "name": "web"}, {"name": "side", "$patch": "delete"}],
    }


def test_last_applied_configuration() -> None:
    m = manifest(WEB, replicas=1)
    obj, text = last_applied_configuration(m)
    assert text.endswith("}\n") and "\n" not in text[:-1]
    assert json.loads(text)["metadata"]["annotations"] == {}
    assert text.startswith(
        '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels"'
    )
    assert obj["metadata"]["annotations"] == {
        "kubectl.kubernetes.io/last-applied-configuration": text
    }
    again, text2 = last_applied_configuration(obj)
    assert text2 == text and again == obj
    assert "annotations" not in m["metadata"]
