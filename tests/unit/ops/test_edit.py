"""ops/edit.py: kubectl edit's header, comment stripping and patch rules (editoptions.go)."""

from __future__ import annotations

import pytest

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.ops import edit
from tests import builders
from tests.conftest import KUBECTL, needs_kubectl

KUBECTL_HEADER = (
    "# Please edit the object below. Lines beginning with a '#' will be ignored,\n"
    "# and an empty file will abort the edit. If an error occurs while saving this file will be\n"
    "# reopened with the relevant failures.\n"
    "#\n"
)


def test_header_is_kubectls_and_lists_the_reasons() -> None:
    assert edit.header([]) == KUBECTL_HEADER
    reasons = [
        edit.Reason('deployments.apps "web" was not valid', ("spec.replicas: Invalid value: -1",)),
        edit.Reason("The edited file had a syntax error: line 1\nline 2"),
    ]
    assert edit.header(reasons) == KUBECTL_HEADER + (
        '# deployments.apps "web" was not valid:\n'
        "# * spec.replicas: Invalid value: -1\n"
        "#\n"
        "# The edited file had a syntax error: line 1\n"
        "# line 2\n"
        "#\n"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a\n# c\n  # d\nb\n", "a\nb\n", id="comments-and-indented-comments"),
        pytest.param("#!keep\nx", "#!keep\nx", id="shebang-kept"),
        pytest.param("x\n#", "x\n", id="last-line-comment"),
    ],
)
def test_manual_strip(text: str, expected: str) -> None:
    assert edit.manual_strip(text) == expected


def test_strip_comments_compares_data_not_layout() -> None:
    a = "# header\nb: 1\na: [x]\n"
    assert edit.strip_comments(a) == edit.strip_comments("a:\n- x\nb: 1\n")
    assert edit.strip_comments("a: [\n# x\n") == "a: [\n"  # a syntax error: ManualStrip


def test_has_lines() -> None:
    assert not edit.has_lines("# only\n\n   \n  # comments\n")
    assert edit.has_lines("# c\nx: 1\n")


def test_two_way_patch_refuses_identity_changes() -> None:
    k = kinds.KINDS["Deployment"]
    d = builders.deployment("web")
    renamed = builders.deployment("web2")
    with pytest.raises(errors.MklError, match=edit.CHANGED_IDENTITY):
        edit.two_way_patch(k, d, renamed)
    scaled = builders.deployment("web", replicas=5)
    assert edit.two_way_patch(k, d, scaled) == {"spec": {"replicas": 5}}


def test_add_error_counts_as_kubectl() -> None:
    k = kinds.KINDS["Deployment"]
    out = edit.Applied()
    invalid = errors.InvalidError(
        "Deployment", "web", [errors.FieldError("spec.replicas", "Invalid value: -1: bad")]
    )
    out.add_error(invalid, k, "web")
    out.add_error(errors.NotFoundError('deployments.apps "web" not found'), k, "web")
    out.add_error(errors.ConflictError("Operation cannot be fulfilled"), k, "web")
    assert (out.invalid, out.notfound, out.retryable) == (1, 1, 1)
    assert [s.error for s in out.steps] == [
        'error: deployments.apps "web" is invalid',
        'error: deployments.apps "web" could not be found on the server',
        'error: deployments.apps "web" could not be patched: Operation cannot be fulfilled',
    ]
    assert out.reasons == [
        edit.Reason(
            'deployments.apps "web" was not valid', ("spec.replicas: Invalid value: -1: bad",)
        )
    ]


@needs_kubectl
def test_texts_are_kubectls_byte_for_byte() -> None:
    """The header and the loop's messages are compiled into kubectl 1.37: find them there."""
    assert KUBECTL is not None
    binary = KUBECTL.read_bytes()
    texts = [edit.HEADER, edit.NO_CHANGES, edit.EMPTY, edit.NO_VALID_CHANGES]
    texts += [edit.CHANGED_IDENTITY, "edit cancelled, no objects found", "%s %q was not valid"]
    assert [t for t in texts if t.encode() not in binary] == []
