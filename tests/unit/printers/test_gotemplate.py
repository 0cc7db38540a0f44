"""``-o go-template``: the Go text/template port rendered byte for byte as the real kubectl 1.37
renders the same objects (the corpus in gotemplate_corpus.py, recorded in
tests/golden/gotemplate.json), a live re-check against kubectl when it is installed, and the
``get`` / mutating-verb wiring."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from minikube_lite.errors import MklError
from minikube_lite.printers.formats.gotemplate import Template, TemplateExecError, template_text
from tests.conftest import KUBECTL, needs_kubectl
from tests.unit.printers import gotemplate_corpus as corpus

GOLDEN: dict[str, list[Any]] = json.loads(corpus.GOLDEN.read_text())


def ours(obj: dict[str, Any], template: str) -> list[Any]:
    """stdout, stderr and exit code as the CLI prints them."""
    try:
        text = template_text("go-template=" + template)
        return [Template(str(text)).render(obj), "", 0]
    except TemplateExecError as e:
        return [e.stdout, e.render() + "\n", 1]
    except MklError as e:
        return ["", e.render() + "\n", 1]


@pytest.mark.parametrize(("obj", "template"), corpus.cases())
def test_matches_kubectl(obj: str, template: str) -> None:
    assert ours(corpus.OBJECTS[obj], template) == GOLDEN[corpus.key(obj, template)]


def test_corpus_is_recorded() -> None:
    assert set(GOLDEN) == {corpus.key(o, t) for o, t in corpus.cases()}


@needs_kubectl
def test_live_sample_against_kubectl(tmp_path: Path) -> None:
    """The recording still holds: a spread of the corpus through the installed kubectl."""
    path = tmp_path / "obj.json"
    path.write_text(json.dumps(corpus.OBJECTS["values"]))
    for template in corpus.TEMPLATES[::12]:
        got = corpus.run_kubectl(str(KUBECTL), path, template)
        assert got == ours(corpus.OBJECTS["values"], template), template


def test_missing_keys_error_when_not_allowed() -> None:
    with pytest.raises(TemplateExecError) as exc:
        Template("{{.kind}}{{.zz}}").render({"kind": "Pod"}, allow_missing_keys=False)
    assert exc.value.stdout.startswith("PodError executing template: ")
    assert exc.value.render() == (
        'error: error executing template "{{.kind}}{{.zz}}": template: output:1:11: executing '
        '"output" at <.zz>: map has no entry for key "zz"'
    )


def test_template_text_forms(tmp_path: Path) -> None:
    f = tmp_path / "t.tmpl"
    f.write_text("{{.kind}}\n")
    assert template_text("go-template={{.a}}") == "{{.a}}"
    assert template_text("template={{.a}}") == "{{.a}}"
    assert template_text("go-template", "{{.b}}") == "{{.b}}"
    assert template_text(f"go-template-file={f}") == "{{.kind}}\n"
    assert template_text("templatefile", str(f)) == "{{.kind}}\n"
    assert template_text("jsonpath={.a}") is None
    with pytest.raises(MklError, match=r"^template format specified but no template given$"):
        template_text("go-template=")
    with pytest.raises(MklError) as exc:
        template_text("go-template-file=/nonexistent/t")
    assert exc.value.message == (
        "error reading --template /nonexistent/t, open /nonexistent/t: no such file or directory"
    )


def test_render_hook_parses_before_anything_is_sent() -> None:
    """cli/printflags (main) calls render(T, None) in Complete, then render(T, obj) per object."""
    from minikube_lite.printers.formats.gotemplate import render

    assert render("{{.a}}", None) == ""
    assert render("{{.a}} {{.b}}", {"a": 1.0}) == "1 <no value>"
    with pytest.raises(MklError, match=r"^template format specified but no template given$"):
        render("", None)
    with pytest.raises(MklError) as exc:
        render("{{.a", None)
    assert exc.value.message == "error parsing template {{.a, template: output:1: unclosed action"
