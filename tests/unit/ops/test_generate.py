"""The generators' pure pieces (ops/generate*.py), table-driven.

The objects as a whole are compared with the real kubectl in tests/cli/test_generator_parity.py;
these are the parts kubectl makes random or that need a case of their own.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from minikube_lite import errors
from minikube_lite.ops import generate, generate_data, generate_rbac


@pytest.mark.parametrize(
    ("image", "name"),
    [
        ("nginx", "nginx"),
        ("gasbugs/http-go:v1", "http-go"),
        ("registry.example:5000/team/app@sha256:abc", "app"),
        ("Registry.io/My_Img:1", None),  # sanitizeAndUniquify: '_' and '.' -> '-' + suffix
        ("a/b.c", None),
    ],
)
def test_container_names_follow_build_pod_spec(image: str, name: str | None) -> None:
    got = generate.container_name(image)
    if name is not None:
        assert got == name
        return
    base = image.split("/")[-1].split(":")[0].replace("_", "-").replace(".", "-")
    assert re.fullmatch(re.escape(base) + "-[bcdfghjklmnpqrstvwxz2456789]{5}", got)
    assert generate.container_name(image) == got  # the same command prints the same name


@pytest.mark.parametrize(
    ("text", "parsed"),
    [("80", (80, 80)), ("80:8080", (80, 8080)), ("443:https", (443, "https")), ("0", (0, 0))],
)
def test_parse_port(text: str, parsed: tuple[int, int | str]) -> None:
    assert generate.parse_port(text) == parsed


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x", 'strconv.ParseUint: parsing "x": invalid syntax'),
        ("-1", 'strconv.ParseUint: parsing "-1": invalid syntax'),
        ("65536", 'strconv.ParseUint: parsing "65536": value out of range'),
        ("80:0", "must be between 1 and 65535, inclusive"),
        ("80:Bad_Name", "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"),
    ],
)
def test_parse_port_errors(text: str, message: str) -> None:
    with pytest.raises(errors.MklError) as e:
        generate.parse_port(text)
    assert message in e.value.message


def test_name_hash_is_kubectls() -> None:
    """hash.ConfigMapHash / SecretHash: values taken from kubectl 1.37 --append-hash."""
    cm = generate_data.configmap_object("c", generate_data.Sources(literals=("a=1",)), True, {})
    assert cm["metadata"]["name"] == "c-9dtcmmmm5t"
    secret = generate_data.secret_object(
        "s", "foo", generate_data.Sources(literals=("a=1",)), True, {}
    )
    assert secret["metadata"]["name"] == "s-74597m7f4h"


def test_env_file_lines(tmp_path: Path) -> None:
    """AddFromEnvFile: a BOM on the first line, CRLF, comments, indentation, values from the
    environment for a bare key, '=' inside values."""
    env = tmp_path / "app.env"
    env.write_bytes(b"\xef\xbb\xbfA=1\r\n# note\n\n   B=x=y\nC\n")
    cm = generate_data.configmap_object(
        "c", generate_data.Sources(env_files=(str(env),)), False, {"C": "from env"}
    )
    assert cm["data"] == {"A": "1", "B": "x=y", "C": "from env"}


def test_binary_files_go_to_binary_data(tmp_path: Path) -> None:
    (tmp_path / "bin").write_bytes(b"\xff\x00")
    (tmp_path / "text").write_text("ok\n")
    cm = generate_data.configmap_object(
        "c", generate_data.Sources(files=(str(tmp_path),)), False, {}
    )
    assert cm["data"] == {"text": "ok\n"}
    assert cm["binaryData"] == {"bin": "/wA="}


def test_role_rules_group_resources_by_api_group() -> None:
    role = generate_rbac.role_object(
        "r", ["get", "get", "list"], ["pods", "deploy", "rs.apps/scale", "pods"], ["a", "a"]
    )
    assert role["rules"] == [
        {
            "verbs": ["get", "list"],
            "apiGroups": [""],
            "resources": ["pods"],
            "resourceNames": ["a"],
        },
        {
            "verbs": ["get", "list"],
            "apiGroups": ["apps"],
            "resources": ["deployments", "replicasets/scale"],
            "resourceNames": ["a"],
        },
    ]


def test_unknown_resources_print_as_the_server_says() -> None:
    with pytest.raises(errors.PlainError) as e:
        generate_rbac.role_object("r", ["get"], ["networkpolicies.networking.k8s.io"], [])
    assert e.value.render() == (
        'the server doesn\'t have a resource type "networkpolicies" in group "networking.k8s.io"'
    )
