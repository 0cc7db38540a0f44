"""``-o go-template=`` / ``template=`` / ``go-template-file=``: kubectl's GoTemplatePrinter
(cli-runtime printers/template.go) over this package's Go text/template port.

The object goes through JSON as kubectl's does (ints stay int64, floats float64); a parse error
is ``error parsing template T, template: output:L: MSG``; an execution error writes what was
rendered so far and kubectl's debugging block to stdout, then fails with
``error executing template "T": MSG``.
"""

from __future__ import annotations

import json

from minikube_lite.errors import MklError
from minikube_lite.printers.formats import gotemplate_exec, gotemplate_nodes, gotemplate_parse
from minikube_lite.printers.formats.gotemplate_fmt import fmt_v
from minikube_lite.printers.formats.gotemplate_lex import quote

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

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
        data = as_decoded(obj)
        try:
            return gotemplate_exec.execute(self.text, self.trees, data, not allow_missing_keys)
        except gotemplate_nodes.TemplateError as e:
            partial = getattr(e, "partial", "")
            debug = (
                f"Error executing template: {e.message}. Printing more information for "
                "debugging the template:\n"
                f"\ttemplate was:\n\t\t{self.text}\n"
                f"\traw data was:\n\t\t{marshal(data)}\n"
                f"\tobject given to template engine was:\n\t\t{fmt_v(data)}\n\n"
            )
            raise TemplateExecError(
                f"error executing template {quote(self.text)}: {e.message}", partial + debug
            ) from None


def render(template: str, obj: Any) -> str:
    """``template`` rendered on ``obj`` as kubectl's printer does; ``obj`` None: only parse it
    (kubectl builds the printer, and so reports a parse error, before it sends anything).  An
    execution error raises TemplateExecError, whose ``stdout`` is what kubectl writes first."""
    if not template:
        raise MklError("template format specified but no template given")
    t = Template(template)
    return "" if obj is None else t.render(obj)


def marshal(v: Any) -> str:
    """encoding/json.Marshal of decoded JSON: compact, sorted keys, HTML-safe, Go's floats."""
    if isinstance(v, dict):
        return "{" + ",".join(f"{_json_str(k)}:{marshal(v[k])}" for k in sorted(v)) + "}"
    if isinstance(v, list):
        return "[" + ",".join(marshal(x) for x in v) + "]"
    if isinstance(v, str):
        return _json_str(v)
    if isinstance(v, float):
        return _json_float(v)
    return json.dumps(v)


def _json_str(s: str) -> str:
    text = json.dumps(s, ensure_ascii=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(ch, esc)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _json_float(f: float) -> str:
    from minikube_lite.api.patch.govalue import go_float

    a = abs(f)
    if a != 0 and (a < 1e-6 or a >= 1e21):
        text = go_float(f, "e")
        if len(text) >= 4 and text[-4] == "e" and text[-3] == "-" and text[-2] == "0":
            text = text[:-2] + text[-1]
        return text
    return go_float(f, "f")


def as_decoded(v: Any) -> Any:
    """What kubectl's json.Marshal + json.Unmarshal (apimachinery's, numbers as int64 when they
    are integers) makes of a value: integral floats below 1e21 that fit become int64, integers
    beyond int64 become float64."""
    if isinstance(v, dict):
        return {k: as_decoded(x) for k, x in v.items()}
    if isinstance(v, list):
        return [as_decoded(x) for x in v]
    if isinstance(v, bool) or not isinstance(v, int | float):
        return v
    if isinstance(v, float) and not (v.is_integer() and abs(v) < 1e21):
        return v
    n = int(v)
    return n if -(2**63) <= n < 2**63 else float(v)


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
            why = (e.strerror or "").lower()
            raise MklError(f"error reading --template {arg}, open {arg}: {why}") from None
    if not arg:
        raise MklError("template format specified but no template given")
    return arg
