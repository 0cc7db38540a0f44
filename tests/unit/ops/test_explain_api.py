"""``explain`` (ops/explain_api.py, api/field_docs.py): kubectl's plaintext layout over mkl's
struct table, with the project's own descriptions."""

from __future__ import annotations

import pytest

from minikube_lite import errors
from minikube_lite.api import field_docs, field_types, kinds, schema
from minikube_lite.ops import explain_api
from tests.conftest import MklRunner


@pytest.mark.parametrize(
    ("text", "width", "wrapped"),
    [
        pytest.param("a b c", 3, "a b\nc", id="break-at-space"),
        pytest.param("aaaa bb", 3, "aaaa\nbb", id="long-word-stays-whole"),
        pytest.param("ab  cd", 3, "ab\ncd", id="spaces-before-a-break-dropped"),
        pytest.param("ab\ncd", 80, "ab\ncd", id="newline-kept"),
        pytest.param("abc de\nf", 4, "abc\nde\nf", id="newline-restarts-the-count"),
        pytest.param("ab ", 2, "ab", id="trailing-space-past-the-limit-dropped"),
    ],
)
def test_wrap_string_is_go_wordwrap(text: str, width: int, wrapped: str) -> None:
    assert explain_api.wrap_string(text, width) == wrapped


def test_explain_deployment_strategy_recursive(mkl: MklRunner) -> None:
    r = mkl("explain", "deployment.spec.strategy", "--recursive")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == (
        "GROUP:      apps\n"
        "KIND:       Deployment\n"
        "VERSION:    v1\n"
        "\n"
        "FIELD: strategy <DeploymentStrategy>\n"
        "\n"
        "\n"
        "DESCRIPTION:\n"
        "    How old pods are replaced by new ones: RollingUpdate (default) or Recreate.\n"
        "    How a Deployment replaces old pods with new ones.\n"
        "    \n"
        "FIELDS:\n"
        "  rollingUpdate\t<RollingUpdateDeployment>\n"
        "    maxSurge\t<IntOrString>\n"
        "    maxUnavailable\t<IntOrString>\n"
        "  type\t<string>\n"
        "  enum: Recreate, RollingUpdate\n"
        "\n"
    )


def test_explain_a_field_with_an_enum_and_a_required_one(mkl: MklRunner) -> None:
    out = mkl("explain", "deploy.spec.strategy.type").stdout
    assert out.split("DESCRIPTION:")[0].endswith(
        "FIELD: type <string>\nENUM:\n    Recreate\n    RollingUpdate\n\n"
    )
    out = mkl("explain", "deploy.spec").stdout
    assert "  selector\t<LabelSelector> -required-\n    Which pods belong" in out
    assert "  replicas\t<integer>\n    How many pods to run. Defaults to 1.\n\n" in out


def test_explain_a_core_kind_has_no_group_line_and_lists_through_arrays(mkl: MklRunner) -> None:
    out = mkl("explain", "pods.spec.containers.ports").stdout
    assert out.startswith("KIND:       Pod\nVERSION:    v1\n\nFIELD: ports <[]ContainerPort>\n")
    assert "  containerPort\t<integer> -required-\n" in out
    assert "  protocol\t<string>\n  enum: SCTP, TCP, UDP\n" in out


@pytest.mark.parametrize(
    ("argv", "stderr"),
    [
        (
            ["explain"],
            'error: You must specify the type of resource to explain. Use "mkl api-resources" '
            "for a complete list of supported resources.\n",
        ),
        (["explain", "a", "b"], "error: We accept only this format: explain RESOURCE\n"),
        (["explain", "foo"], 'the server doesn\'t have a resource type "foo"\n'),
    ],
)
def test_explain_errors(mkl: MklRunner, argv: list[str], stderr: str) -> None:
    r = mkl(*argv)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", stderr)


def test_a_missing_field_is_reported_after_the_head(mkl: MklRunner) -> None:
    r = mkl("explain", "deploy.spec.replicas.x")
    assert (r.exit_code, r.stderr) == (1, 'error: field "x" does not exist\n')
    assert r.stdout == "GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\n"


@pytest.mark.parametrize("kind", sorted(kinds.KINDS))
def test_every_served_kind_explains_with_its_own_description(kind: str) -> None:
    k = kinds.KINDS[kind]
    opts = explain_api.ExplainOptions((k.plural,), recursive=True, api_version="", prog="mkl")
    out = opts.run().text
    assert f"KIND:       {kind}\n" in out
    assert "<empty>" not in out
    assert field_docs.KINDS[kind].split()[0] in out


def test_every_documented_field_exists() -> None:
    """A typo in api/field_docs.py would silently document nothing."""
    for key in [*field_docs.FIELDS, *field_types.REQUIRED, *field_types.ENUMS]:
        struct, _, name = key.partition(".")
        if struct == "*":
            continue
        assert name in explain_api.fields(struct), key
    assert set(field_docs.TYPES) <= set(schema._RAW) | set(field_types.STRUCTS)
    for key, typ in field_types.TYPE_OF.items():
        struct, _, name = key.partition(".")
        assert schema.fields_of(struct)[name] in ("any", "[]any"), key  # loosely decoded only
        assert explain_api.struct_of(typ) in field_types.STRUCTS, key


def test_api_version_must_be_the_served_one() -> None:
    opts = explain_api.ExplainOptions(("deploy",), recursive=False, api_version="v1", prog="mkl")
    with pytest.raises(errors.MklError, match='resource type "deploy"'):
        opts.run()
