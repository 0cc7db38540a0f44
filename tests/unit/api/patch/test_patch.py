"""Pure unit tests of the patch engine (no kubectl needed): expected values written out by hand.

Strategic merge, RFC 7386 and RFC 6902 through their entry points, then ``kubectl patch``'s
parsing and dispatch (api.patch.patch).
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from minikube_lite.api.patch.errors import PatchError
from minikube_lite.api.patch.patch import apply_patch, json_patch, merge_patch, parse_patch
from minikube_lite.api.patch.strategicpatch.merge import strategic_merge
from minikube_lite.errors import MklError


def deployment() -> dict[str, Any]:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web", "labels": {"app": "web"}, "finalizers": ["a", "b", "c"]},
        "spec": {
            "replicas": 2,
            "selector": {"matchLabels": {"app": "web"}},
            "strategy": {
                "type": "RollingUpdate",
                "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"},
            },
            "template": {
                "metadata": {"labels": {"app": "web"}},
                "spec": {
                    "containers": [
                        {
                            "name": "web",
                            "image": "nginx:1.14.2",
                            "ports": [{"containerPort": 80, "protocol": "TCP"}],
                            "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
                        },
                        {"name": "side", "image": "busybox"},
                    ],
                    "volumes": [{"name": "data", "emptyDir": {}}],
                },
            },
        },
    }


def pod_spec(obj: dict[str, Any]) -> dict[str, Any]:
    return obj["spec"]["template"]["spec"]


def tpl(spec: dict[str, Any]) -> dict[str, Any]:
    return {"spec": {"template": {"spec": spec}}}


def names(items: list[dict[str, Any]]) -> list[str]:
    return [i["name"] for i in items]


# --- strategic merge -------------------------------------------------------------------------


def test_strategic_min_ready_seconds() -> None:
    out = strategic_merge(deployment(), {"spec": {"minReadySeconds": 10}}, "Deployment")
    expected = deployment()
    expected["spec"]["minReadySeconds"] = 10
    assert out == expected


def test_strategic_image_change_keeps_other_fields() -> None:
    out = strategic_merge(
        deployment(), tpl({"containers": [{"name": "web", "image": "nginx:1.16.1"}]}), "Deployment"
    )
    web = pod_spec(out)["containers"][0]
    assert web["image"] == "nginx:1.16.1"
    assert web["env"] == deployment()["spec"]["template"]["spec"]["containers"][0]["env"]
    assert names(pod_spec(out)["containers"]) == ["web", "side"]


def test_strategic_does_not_mutate_inputs() -> None:
    original = deployment()
    patch = tpl(
        {
            "$setElementOrder/containers": [{"name": "side"}, {"name": "web"}],
            "containers": [
                {
                    "name": "web",
                    "env": [{"name": "A", "$patch": "delete"}],
                    "$retainKeys": ["name", "env"],
                }
            ],
            "volumes": [{"name": "data", "$patch": "delete"}],
        }
    )
    before_o, before_p = copy.deepcopy(original), copy.deepcopy(patch)
    out = strategic_merge(original, patch, "Deployment")
    assert original == before_o and patch == before_p
    assert names(pod_spec(out)["containers"]) == ["side", "web"]
    assert pod_spec(out)["containers"][1] == {"name": "web", "env": [{"name": "B", "value": "2"}]}
    assert pod_spec(out)["volumes"] == []


def test_strategic_new_list_items_go_first() -> None:
    out = strategic_merge(
        deployment(), tpl({"containers": [{"name": "log", "image": "fluentd"}]}), "Deployment"
    )
    assert names(pod_spec(out)["containers"]) == ["log", "web", "side"]
    out = strategic_merge(deployment(), {"metadata": {"finalizers": ["d", "b"]}}, "Deployment")
    assert out["metadata"]["finalizers"] == ["d", "a", "b", "c"]


def test_strategic_env_add_change_delete() -> None:
    patch = tpl(
        {
            "containers": [
                {
                    "name": "web",
                    "env": [
                        {"name": "B", "value": "3"},
                        {"name": "C", "value": "4"},
                        {"name": "A", "$patch": "delete"},
                    ],
                }
            ]
        }
    )
    out = strategic_merge(deployment(), patch, "Deployment")
    assert pod_spec(out)["containers"][0]["env"] == [
        {"name": "B", "value": "3"},
        {"name": "C", "value": "4"},
    ]


def test_strategic_delete_container() -> None:
    out = strategic_merge(
        deployment(), tpl({"containers": [{"name": "web", "$patch": "delete"}]}), "Deployment"
    )
    assert pod_spec(out)["containers"] == [{"name": "side", "image": "busybox"}]


def test_strategic_replace_list_and_map() -> None:
    out = strategic_merge(
        deployment(),
        tpl({"containers": [{"name": "x", "image": "y"}, {"$patch": "replace"}]}),
        "Deployment",
    )
    assert pod_spec(out)["containers"] == [{"name": "x", "image": "y"}]
    out = strategic_merge(
        deployment(),
        {"spec": {"selector": {"$patch": "replace", "matchLabels": {"v": "2"}}}},
        "Deployment",
    )
    assert out["spec"]["selector"] == {"matchLabels": {"v": "2"}}
    out = strategic_merge(deployment(), {"spec": {"strategy": {"$patch": "delete"}}}, "Deployment")
    assert out["spec"]["strategy"] == {}


def test_strategic_retain_keys_on_strategy() -> None:
    patch = {"spec": {"strategy": {"$retainKeys": ["type"], "type": "Recreate"}}}
    assert strategic_merge(deployment(), patch, "Deployment")["spec"]["strategy"] == {
        "type": "Recreate"
    }
    plain = strategic_merge(
        deployment(), {"spec": {"strategy": {"type": "Recreate"}}}, "Deployment"
    )
    assert plain["spec"]["strategy"]["rollingUpdate"] == {
        "maxSurge": "25%",
        "maxUnavailable": "25%",
    }
    with pytest.raises(MklError, match=r"^invalid patch format of retainKeys$"):
        strategic_merge(
            deployment(),
            {"spec": {"strategy": {"$retainKeys": ["type"], "rollingUpdate": {}}}},
            "Deployment",
        )


def test_strategic_primitive_list_directives() -> None:
    out = strategic_merge(
        deployment(),
        {"metadata": {"$deleteFromPrimitiveList/finalizers": ["b", "zz"]}},
        "Deployment",
    )
    assert out["metadata"]["finalizers"] == ["a", "c"]
    out = strategic_merge(
        deployment(), {"metadata": {"$setElementOrder/finalizers": ["c", "a", "b"]}}, "Deployment"
    )
    assert out["metadata"]["finalizers"] == ["c", "a", "b"]
    with pytest.raises(PatchError, match="invalid patch format of primitive list"):
        strategic_merge(
            deployment(), {"metadata": {"$deleteFromPrimitiveList": ["b"]}}, "Deployment"
        )


def test_strategic_set_element_order_with_changes() -> None:
    patch = tpl(
        {
            "$setElementOrder/containers": [{"name": "side"}, {"name": "new"}, {"name": "web"}],
            "containers": [{"name": "new", "image": "n"}],
        }
    )
    out = strategic_merge(deployment(), patch, "Deployment")
    assert names(pod_spec(out)["containers"]) == ["side", "new", "web"]


def test_strategic_null_deletes() -> None:
    out = strategic_merge(
        deployment(),
        {"spec": {"replicas": None}, "metadata": {"labels": {"app": None, "x": "1"}}},
        "Deployment",
    )
    assert "replicas" not in out["spec"]
    assert out["metadata"]["labels"] == {"x": "1"}
    out = strategic_merge(deployment(), {"spec": {"new": {"a": 1, "b": None}}}, "Deployment")
    assert out["spec"]["new"] == {"a": 1}


def test_strategic_ports_merge_by_container_port() -> None:
    patch = tpl(
        {
            "containers": [
                {
                    "name": "web",
                    "ports": [{"containerPort": 80, "name": "http"}, {"containerPort": 8080}],
                }
            ]
        }
    )
    ports = pod_spec(strategic_merge(deployment(), patch, "Deployment"))["containers"][0]["ports"]
    assert ports == [
        {"containerPort": 80, "protocol": "TCP", "name": "http"},
        {"containerPort": 8080},
    ]


def test_strategic_service_ports_merge_by_port() -> None:
    svc = {
        "kind": "Service",
        "spec": {"ports": [{"port": 80, "targetPort": 8080}, {"port": 443, "targetPort": 8443}]},
    }
    out = strategic_merge(svc, {"spec": {"ports": [{"port": 443, "targetPort": 9443}]}}, "Service")
    assert out["spec"]["ports"] == [
        {"port": 80, "targetPort": 8080},
        {"port": 443, "targetPort": 9443},
    ]


def test_strategic_lists_without_merge_key_are_replaced() -> None:
    obj = deployment()
    pod_spec(obj)["tolerations"] = [{"key": "a", "operator": "Exists"}]
    pod_spec(obj)["containers"][0]["args"] = ["a", "b"]
    patch = tpl(
        {
            "tolerations": [{"key": "b", "operator": "Exists"}],
            "containers": [{"name": "web", "args": ["c"]}],
        }
    )
    out = strategic_merge(obj, patch, "Deployment")
    assert pod_spec(out)["tolerations"] == [{"key": "b", "operator": "Exists"}]
    assert pod_spec(out)["containers"][0]["args"] == ["c"]


def test_strategic_volumes_and_owner_references_and_conditions() -> None:
    obj = deployment()
    obj["metadata"]["ownerReferences"] = [{"uid": "u1", "name": "a"}]
    obj["status"] = {"conditions": [{"type": "Available", "status": "True"}]}
    patch = {
        "metadata": {
            "ownerReferences": [{"uid": "u1", "controller": True}, {"uid": "u2", "name": "b"}]
        },
        "status": {"conditions": [{"type": "Available", "status": "False"}]},
        **tpl(
            {
                "volumes": [
                    {
                        "name": "data",
                        "$retainKeys": ["name", "configMap"],
                        "configMap": {"name": "cm"},
                    }
                ]
            }
        ),
    }
    out = strategic_merge(obj, patch, "Deployment")
    assert out["metadata"]["ownerReferences"] == [
        {"uid": "u1", "name": "a", "controller": True},
        {"uid": "u2", "name": "b"},
    ]
    assert out["status"]["conditions"] == [{"type": "Available", "status": "False"}]
    assert pod_spec(out)["volumes"] == [{"name": "data", "configMap": {"name": "cm"}}]


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        (
            {"spec": {"strategy": {"$patch": "merge"}}},
            "unknown patch type: merge in map: map[$patch:merge]",
        ),
        (
            tpl({"containers": [{"name": "z", "$patch": "merge"}]}),
            "merging lists cannot yet be specified in the patch",
        ),
        (
            tpl({"containers": [{"$patch": "delete"}]}),
            "map: map[$patch:delete] does not contain declared merge key: name",
        ),
        (tpl({"containers": [{"name": "web"}, "x"]}), "list element types are not identical: "),
        (
            {"metadata": {"$setElementOrder/finalizers": ["c", "b"], "finalizers": ["b", "c"]}},
            "The order in patch list:\n[b c]\n doesn't match $setElementOrder list:\n[c b]",
        ),
    ],
)
def test_strategic_errors(patch: dict[str, Any], message: str) -> None:
    with pytest.raises(MklError) as info:
        strategic_merge(deployment(), patch, "Deployment")
    assert info.value.message.startswith(message)
    assert info.value.render() == "error: " + info.value.message
    if not message.endswith(": "):
        assert info.value.message == message


def test_strategic_list_of_lists() -> None:
    obj = {"kind": "Deployment", "metadata": {"finalizers": []}}
    with pytest.raises(MklError, match=r"^lists of lists are not supported$"):
        strategic_merge(obj, {"metadata": {"finalizers": [["x"]]}}, "Deployment")


def test_strategic_unknown_field_is_an_error_for_known_kinds_only() -> None:
    obj = deployment()
    obj["spec"]["foo"] = {"a": 1}
    with pytest.raises(
        MklError,
        match=r'^unable to find api field in struct DeploymentSpec for the json field "foo"$',
    ):
        strategic_merge(obj, {"spec": {"foo": {"b": 2}}}, "Deployment")
    crd = {"kind": "Widget", "spec": {"foo": {"a": 1}, "items": [{"name": "x", "v": 1}]}}
    out = strategic_merge(crd, {"spec": {"foo": {"b": 2}, "items": [{"name": "y"}]}}, "Widget")
    assert out["spec"] == {"foo": {"a": 1, "b": 2}, "items": [{"name": "y"}]}


def test_strategic_keeps_json_types_apart() -> None:
    """Go compares interface values: 80 and 80.0, 1 and true are different merge keys."""
    patch = tpl({"containers": [{"name": "web", "ports": [{"containerPort": 80.0, "name": "f"}]}]})
    ports = pod_spec(strategic_merge(deployment(), patch, "Deployment"))["containers"][0]["ports"]
    assert len(ports) == 2
    patch = tpl({"containers": [{"name": "web", "env": [{"name": 1, "value": "x"}]}]})
    obj = deployment()
    pod_spec(obj)["containers"][0]["env"] = [
        {"name": "1", "value": "a"},
        {"name": True, "value": "b"},
    ]
    env = pod_spec(strategic_merge(obj, patch, "Deployment"))["containers"][0]["env"]
    assert env == [
        {"name": 1, "value": "x"},
        {"name": "1", "value": "a"},
        {"name": True, "value": "b"},
    ]


# --- merge patch (RFC 7386 appendix A) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("original", "patch", "result"),
    [
        ({"a": "b"}, {"a": "c"}, {"a": "c"}),
        ({"a": "b"}, {"b": "c"}, {"a": "b", "b": "c"}),
        ({"a": "b"}, {"a": None}, {}),
        ({"a": "b", "b": "c"}, {"a": None}, {"b": "c"}),
        ({"a": ["b"]}, {"a": "c"}, {"a": "c"}),
        ({"a": "c"}, {"a": ["b"]}, {"a": ["b"]}),
        ({"a": {"b": "c"}}, {"a": {"b": "d", "c": None}}, {"a": {"b": "d"}}),
        ({"a": [{"b": "c"}]}, {"a": [1]}, {"a": [1]}),
        ({"e": None}, {"a": 1}, {"e": None, "a": 1}),
        ({}, {"a": {"bb": {"ccc": None}}}, {"a": {"bb": {}}}),
    ],
)
def test_merge_patch_rfc7386(original: Any, patch: Any, result: Any) -> None:
    assert merge_patch(original, patch) == result


def test_merge_patch_errors_and_no_mutation() -> None:
    original = deployment()
    patch = {"spec": {"template": None, "replicas": 3}}
    out = merge_patch(original, patch)
    assert original == deployment() and patch == {"spec": {"template": None, "replicas": 3}}
    assert "template" not in out["spec"] and out["spec"]["replicas"] == 3
    for bad in (None, "x", 5):
        with pytest.raises(MklError, match=r"^Invalid JSON Patch$"):
            merge_patch(original, bad)


# --- JSON patch (RFC 6902) -----------------------------------------------------------------------


def test_json_patch_all_ops() -> None:
    doc = {"kind": "ConfigMap", "a": {"b": 1, "c/d": 2, "e~f": 3}, "l": [1, 2, 3]}
    ops = [
        {"op": "test", "path": "/a/b", "value": 1},
        {"op": "add", "path": "/a/new", "value": {"x": 1}},
        {"op": "remove", "path": "/a/c~1d"},
        {"op": "replace", "path": "/a/e~0f", "value": 4},
        {"op": "move", "from": "/a/b", "path": "/moved"},
        {"op": "copy", "from": "/a/new", "path": "/copied"},
        {"op": "add", "path": "/l/-", "value": 4},
        {"op": "add", "path": "/l/0", "value": 0},
        {"op": "remove", "path": "/l/1"},
    ]
    out = json_patch(doc, ops)
    assert out == {
        "kind": "ConfigMap",
        "a": {"new": {"x": 1}, "e~f": 4},
        "moved": 1,
        "copied": {"x": 1},
        "l": [0, 2, 3, 4],
    }
    assert doc == {"kind": "ConfigMap", "a": {"b": 1, "c/d": 2, "e~f": 3}, "l": [1, 2, 3]}
    out["copied"]["x"] = 9
    assert out["a"]["new"]["x"] == 1  # copy is deep


@pytest.mark.parametrize(
    ("ops", "message"),
    [
        (
            [{"op": "test", "path": "/spec/replicas", "value": 3}],
            "testing value /spec/replicas failed: test failed",
        ),
        (
            [{"op": "remove", "path": "/spec/nope"}],
            "error in remove for path: '/spec/nope': Unable to remove nonexistent key: "
            "nope: missing value",
        ),
        (
            [{"op": "replace", "path": "/metadata/finalizers/5", "value": 1}],
            "Object to be patched is missing field (/metadata/finalizers/5: missing value)",
        ),
        ([{"op": "foo", "path": "/a"}], "Unexpected kind: foo"),
        ([{"path": "/a"}], "Unexpected kind: unknown"),
        (
            [{"op": "add", "path": "/x/y", "value": 1}],
            'add operation does not apply: doc is missing path: "/x/y": missing value',
        ),
        (
            [{"op": "add", "path": "/metadata/finalizers/9", "value": 1}],
            "error in add for path: '/metadata/finalizers/9': Unable to access invalid "
            "index: 9: invalid index referenced",
        ),
        (
            [{"op": "remove", "path": "/metadata/finalizers/-"}],
            "error in remove for path: '/metadata/finalizers/-': strconv.Atoi: parsing "
            '"-": invalid syntax',
        ),
        ({"op": "add"}, "json: cannot unmarshal object into Go value of type jsonpatch.Patch"),
        ([5], "json: cannot unmarshal number into Go value of type jsonpatch.Operation"),
    ],
)
def test_json_patch_errors(ops: Any, message: str) -> None:
    with pytest.raises(MklError) as info:
        json_patch(deployment(), ops)
    assert info.value.message == message


def test_json_patch_quirks() -> None:
    """json-patch v4: replace adds a missing key; negative indexes count from the end."""
    out = json_patch(deployment(), [{"op": "replace", "path": "/spec/paused", "value": True}])
    assert out["spec"]["paused"] is True
    out = json_patch(deployment(), [{"op": "add", "path": "/metadata/finalizers/-1", "value": "z"}])
    assert out["metadata"]["finalizers"] == ["a", "b", "c", "z"]
    out = json_patch(deployment(), [{"op": "test", "path": "/spec/missing", "value": None}])
    assert out == deployment()
    assert json_patch(deployment(), None) == deployment()


# --- parsing and dispatch -------------------------------------------------------------------


def test_parse_patch_json_and_yaml() -> None:
    assert parse_patch('{"spec": {"replicas": 3}}') == {"spec": {"replicas": 3}}
    assert parse_patch("spec:\n  replicas: 3\n") == {"spec": {"replicas": 3}}
    assert parse_patch("- op: remove\n  path: /a\n", "json") == [{"op": "remove", "path": "/a"}]
    yaml_scalars = parse_patch(
        "a: y\nb: 0x10\nc: 010\nd: 1e3\ne: '7'\nf: 2020-01-01\ng: ~\nh: 1.5\ni: Off\n"
    )
    assert yaml_scalars == {
        "a": True,
        "b": 16,
        "c": 8,
        "d": 1000,
        "e": "7",
        "f": "2020-01-01",
        "g": None,
        "h": 1.5,
        "i": False,
    }
    assert parse_patch("1: a\ntrue: b\n1.5: c\n") == {"1": "a", "true": "b", "1.5": "c"}
    assert parse_patch("spec:\n  replicas: 1\n---\nspec:\n  replicas: 2\n") == {
        "spec": {"replicas": 1}
    }
    assert parse_patch("  ") is None


@pytest.mark.parametrize(
    ("text", "ptype", "message"),
    [
        ("[", "strategic", 'unable to parse "[": yaml: line 1: did not find expected node content'),
        (
            "a: b: c",
            "strategic",
            'unable to parse "a: b: c": yaml: mapping values are not allowed in this context',
        ),
        (
            "a: b\n  c: d",
            "merge",
            'unable to parse "a: b\\n  c: d": yaml: line 2: mapping values are not '
            "allowed in this context",
        ),
        ("a: .inf", "strategic", 'unable to parse "a: .inf": json: unsupported value: +Inf'),
        ("{bad", "strategic", "invalid JSON document"),
        ("{bad", "merge", "Invalid JSON Patch"),
        ("{bad", "json", "invalid character 'b' looking for beginning of object key string"),
        ('{"a":1 "b":2}', "json", "invalid character '\"' after object key:value pair"),
        ('{"a":[1,', "json", "unexpected end of JSON input"),
    ],
)
def test_parse_patch_errors(text: str, ptype: str, message: str) -> None:
    with pytest.raises(MklError) as info:
        parse_patch(text, ptype)
    assert info.value.render() == "error: " + message


def test_apply_patch_dispatch() -> None:
    d = deployment()
    assert (
        apply_patch(d, '{"spec":{"replicas":3}}', "strategic", "Deployment")["spec"]["replicas"]
        == 3
    )
    assert apply_patch(d, {"spec": {"replicas": 4}}, "merge", "Deployment")["spec"]["replicas"] == 4
    assert (
        apply_patch(
            d, [{"op": "replace", "path": "/spec/replicas", "value": 5}], "JSON", "Deployment"
        )["spec"]["replicas"]
        == 5
    )
    assert apply_patch(d, "spec:\n  replicas: 6\n", "", "Deployment")["spec"]["replicas"] == 6
    merged = apply_patch(
        d, tpl({"containers": [{"name": "web", "image": "x"}]}), "merge", "Deployment"
    )
    assert pod_spec(merged)["containers"] == [{"name": "web", "image": "x"}]
    assert d == deployment()


@pytest.mark.parametrize(
    ("patch", "ptype", "message"),
    [
        ("{}", "foo", '--type must be one of [json merge strategic], not "foo"'),
        ('"str"', "strategic", "invalid JSON document"),
        (
            "[1]",
            "merge",
            "json: cannot unmarshal array into Go value of type unstructured.detector",
        ),
        (
            '{"kind": null}',
            "merge",
            'Object \'Kind\' is missing in \'{"apiVersion":"v1","metadata":{"name":"a\\u0026b"}}\'',
        ),
    ],
)
def test_apply_patch_errors(patch: str, ptype: str, message: str) -> None:
    obj = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a&b"}}
    with pytest.raises(MklError) as info:
        apply_patch(obj, patch, ptype, "ConfigMap")
    assert info.value.render() == "error: " + message


def test_results_are_plain_json() -> None:
    out = apply_patch(
        deployment(), "metadata:\n  annotations:\n    x: 1.0\n    n: 2\n", "strategic", "Deployment"
    )
    assert json.loads(json.dumps(out)) == out
    assert out["metadata"]["annotations"] == {"x": 1, "false": 2}  # YAML 1.1: a bare n is false
    assert isinstance(out["metadata"]["annotations"]["x"], int)
