"""``-o go-template=`` / ``template=`` / ``go-template-file=``: kubectl's GoTemplatePrinter
(cli-runtime printers/template.go) over this package's Go text/template port.

The object goes through JSON as kubectl's does (ints stay int64, floats float64); a parse error
is ``error parsing template T, template: output:L: MSG``; an execution error writes what was
rendered so far and kubectl's debugging block to stdout, then fails with
``error executing template "T": MSG``.
"""

from __future__ import annotations

from typing import Any

from minikube_lite.errors import MklError
from minikube_lite.printers.formats import gotemplate_exec, gotemplate_nodes, gotemplate_parse
from minikube_lite.printers.formats.gotemplate_fmt import fmt_v
from minikube_lite.printers.formats.gotemplate_lex import quote

FORMATS = ("go-template", "go-template-file", "template", "templatefile")


class TemplateExecError(MklError):
    """Execution failed: ``stdout`` is what kubectl wrote to the output before failing."""

    def __init__(self, message: str, stdout: str) -> None:
        super().__init__(message)
        self.stdout = stdout


class Template:
    """A parsed template (parse once, render each object)."""

    def __init__(self, text: str) -> None:
        self.text = text
        try:
            self.trees = gotemplate_parse.parse(text)
        except gotemplate_nodes.TemplateError as e:
            raise MklError(f"error parsing template {text}, {e.message}") from None

    def render(self, obj: Any, allow_missing_keys: bool = True) -> str:
        from minikube_lite.api.patch.govalue import go_json

        try:
            return gotemplate_exec.execute(self.text, self.trees, obj, not allow_missing_keys)
        except gotemplate_nodes.TemplateError as e:
            partial = getattr(e, "partial", "")
            debug = (
                f"Error executing template: {e.message}. Printing more information for "
                "debugging the template:\n"
                f"\ttemplate was:\n\t\t{self.text}\n"
                f"\traw data was:\n\t\t{go_json(obj)}\n"
                f"\tobject given to template engine was:\n\t\t{fmt_v(obj)}\n\n"
            )
            raise TemplateExecError(
                f"error executing template {quote(self.text)}: {e.message}", partial + debug
            ) from None


def template_text(fmt: str, template_flag: str = "") -> str | None:
    """The template of an ``-o`` value (``go-template=T``, ``go-template-file=F``, or the bare
    format with ``--template``); None when ``fmt`` is not a template format."""
    name, eq, arg = fmt.partition("=")
    if name not in FORMATS:
        return None
    if not eq:
        arg = template_flag
    if name.endswith("file"):
        try:
            with open(arg, encoding="utf-8") as f:
                return f.read()
        except OSError as e:
            raise MklError(f"error reading --template {arg}, {e.strerror}") from None
    return arg
