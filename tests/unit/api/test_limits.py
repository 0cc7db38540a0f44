"""Bounded decoding of user YAML/JSON: alias bombs, nesting, surrogates, invalid UTF-8."""

from __future__ import annotations

import pytest

from minikube_lite.api import limits
from minikube_lite.api.patch import decode

BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{n}: &{n} [{','.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)


def _yaml_error(text: str) -> str:
    with pytest.raises(decode.YAMLToJSONError) as e:
        decode.yaml_documents(text)
    return e.value.detail


def test_billion_laughs_is_rejected_as_go_yaml_rejects_it() -> None:
    assert len(BOMB) < 600
    assert _yaml_error(BOMB) == "yaml: document contains excessive aliasing"


def test_alias_bomb_in_a_later_document_is_rejected() -> None:
    assert _yaml_error("a: 1\n---\n" + BOMB) == "yaml: document contains excessive aliasing"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "base: &b {x: 1, y: 2}\n" + "".join(f"k{i}: *b\n" for i in range(100)), id="100-aliases"
        ),
        pytest.param(
            "base: &b [1, 2, 3]\n" + "".join(f"k{i}: {{<<: {{z: 1}}, v: *b}}\n" for i in range(50)),
            id="merge-like-reuse",
        ),
        pytest.param("d: &d {a: 1}\nm: {<<: *d, b: 2}\n", id="merge-key"),
    ],
)
def test_ordinary_aliases_pass(text: str) -> None:
    (doc,) = decode.yaml_documents(text)
    assert isinstance(doc, dict)


@pytest.mark.parametrize(
    ("merge", "aliases", "ok"),
    [
        pytest.param("", 199, True, id="199-ok"),
        pytest.param("", 200, False, id="200-too-many"),
        pytest.param("c: {<<: *a}\n", 200, True, id="merge-key-not-counted-200-ok"),
        pytest.param("c: {<<: *a}\n", 201, False, id="merge-201-too-many"),
    ],
)
def test_alias_ratio_threshold_is_go_yamls(merge: str, aliases: int, ok: bool) -> None:
    """The exact thresholds kubectl 1.37 shows for ``patch --local -p`` of these documents."""
    items = ", ".join(f"k{i}: 1" for i in range(100)) if merge else ", ".join(["1"] * 200)
    anchor = f"a: &a {{{items}}}\n" if merge else f"a: &a [{items}]\n"
    text = anchor + merge + "b: [" + ", ".join(["*a"] * aliases) + "]\n"
    if ok:
        assert len(decode.yaml_documents(text)[0]["b"]) == aliases
    else:
        assert _yaml_error(text) == "yaml: document contains excessive aliasing"


def test_allowed_alias_ratio_scales_down_between_400k_and_4m() -> None:
    assert limits.allowed_alias_ratio(1000) == 0.99
    assert limits.allowed_alias_ratio(400_000) == 0.99
    assert limits.allowed_alias_ratio(2_200_000) == pytest.approx(0.545)
    assert limits.allowed_alias_ratio(4_000_000) == 0.10


def test_anchor_containing_itself() -> None:
    assert _yaml_error("x: &a [1, *a]\n") == "yaml: anchor 'a' value contains itself"


def _flow(levels: int) -> str:
    return "[" * levels + "]" * levels


def test_yaml_depth_limit_counts_collections() -> None:
    ok = "x: " + _flow(limits.MAX_DEPTH - 1) + "\n"  # the top-level map is one level
    assert decode.yaml_documents(ok)
    msg = f"yaml: line 3: exceeded max depth of {limits.MAX_DEPTH}"
    assert _yaml_error("a: 1\nb: 2\nx: " + _flow(limits.MAX_DEPTH) + "\n") == msg


def test_yaml_depth_on_the_first_line_has_no_line_number() -> None:
    # go-yaml's parser.fail() prints a line only when its 0-based mark line is not 0.
    assert _yaml_error("x: " + _flow(5000)) == f"yaml: exceeded max depth of {limits.MAX_DEPTH}"


def test_yaml_block_nesting_is_bounded() -> None:
    text = "".join(" " * i + "a:\n" for i in range(1500)) + " " * 1500 + "b\n"
    assert (
        _yaml_error(text)
        == f"yaml: line {limits.MAX_DEPTH + 1}: exceeded max depth of {limits.MAX_DEPTH}"
    )


def test_yaml_depth_counts_alias_expansion() -> None:
    half = limits.MAX_DEPTH // 2 + 1
    text = "a: &a " + _flow(half) + "\nb: " + "[" * half + "*a" + "]" * half + "\n"
    assert _yaml_error(text) == f"yaml: line 2: exceeded max depth of {limits.MAX_DEPTH}"


def test_json_depth_offset_matches_encoding_json() -> None:
    # kubectl 1.37: `create -f` of this file prints
    # error parsing f.json: json: offset 10076: invalid character '[' exceeded max depth
    text = (
        '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":{},"x":'
        + _flow(10000)
        + "}"
    )
    assert limits.json_too_deep(text, limit=10000) == (10076, "[")
    assert limits.json_too_deep(text, limit=10001) is None


def test_json_depth_ignores_brackets_in_strings_and_counts_bytes() -> None:
    text = '{"é": "[[[[[[", "x": [[["\\"[["]]]}'
    assert limits.json_too_deep(text, limit=4) is None
    assert limits.json_too_deep(text, limit=3) == (len('{"é": "[[[[[[", "x": [[['.encode()), "[")


def test_loads_json_rejects_depth_before_decoding() -> None:
    with pytest.raises(decode.JSONDepthError) as e:
        decode.loads_json('{"a":' + _flow(100_000) + "}")
    assert str(e.value) == "invalid character '[' exceeded max depth"


def test_loads_json_turns_lone_surrogates_into_replacement_characters() -> None:
    doc = decode.loads_json(
        '{"a": "\\ud800x", "\\udfff": "\\ud83d\\ude00", "l": ["\\udc00\\ud800"]}'
    )
    assert doc == {"a": "\ufffdx", "\ufffd": "\U0001f600", "l": ["\ufffd\ufffd"]}


@pytest.mark.parametrize(
    ("data", "text"),
    [
        pytest.param(b"x\xedy", "x\ufffdy", id="lone-lead-byte"),
        pytest.param(b"\xe2\x82A", "\ufffd\ufffdA", id="truncated-sequence-one-per-byte"),
        pytest.param(b"\xed\xa0\x80", "\ufffd\ufffd\ufffd", id="encoded-surrogate"),
        pytest.param("ok é".encode(), "ok é", id="valid"),
    ],
)
def test_go_text_replaces_each_invalid_byte(data: bytes, text: str) -> None:
    assert limits.go_text(data) == text


def test_go_string_fixes_argv_surrogates() -> None:
    assert limits.go_string("a=x\udcedy") == "a=x\ufffdy"
    assert limits.go_string("plain") == "plain"
