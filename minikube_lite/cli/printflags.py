"""kubectl's PrintFlags for verbs that print the objects they wrote: which ``-o`` formats they
take, the check run before anything is sent, and the template printers (jsonpath, go-template).

Kept apart from cli/output.py so cli/app.py can check ``-o`` before a handler runs without an
import cycle.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api.objects import Obj

# genericclioptions.PrintFlags of the mutating verbs: JSON/YAML, name and the template printers
# (custom-columns and wide are get's only), kyaml among them since 1.37.
TEMPLATE_FORMATS = (
    "go-template",
    "go-template-file",
    "jsonpath",
    "jsonpath-as-json",
    "jsonpath-file",
    "template",
    "templatefile",
)
ALLOWED = (
    "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,"
    "template,templatefile,yaml"
)


# The handlers whose -o is this module's printer (checked before they touch the cluster).
OBJECT_PRINTERS = frozenset(
    {"cmd_create", "cmd_create_gen", "cmd_meta", "cmd_patch", "cmd_scale", "cmd_set"}
    | {"cmd_replace", "cmd_expose", "cmd_run"}
    | {"cmd_rollout:undo", "cmd_rollout:pause", "cmd_rollout:resume", "cmd_rollout:restart"}
    | {"cmd_rollout:history"}
)


def prints_objects(handler: str) -> bool:
    return handler in OBJECT_PRINTERS or handler.split(":", 1)[0] in OBJECT_PRINTERS


def check(fmt: str | None) -> None:
    """PrintFlags.ToPrinter in Complete: an unknown format, a template that does not parse or a
    template file that cannot be read fails before anything is sent (kubectl's order)."""
    if not fmt or fmt in ("json", "yaml", "kyaml", "name"):
        return
    kind, _, template = fmt.partition("=")
    if kind not in TEMPLATE_FORMATS:
        raise errors.MklError(
            f'unable to match a printer suitable for the output format "{fmt}", allowed formats '
            f"are: {ALLOWED}"
        )
    text = _template_text(kind, template)
    if kind.startswith("jsonpath"):
        from minikube_lite.printers.formats import jsonpath

        jsonpath.jsonpath(text, {})  # parse errors are kubectl's
    else:
        go_template(text, None)


def _template_text(kind: str, template: str) -> str:
    if not kind.endswith("file"):
        return template
    try:
        with open(template, encoding="utf-8") as fh:
            return fh.read()
    except OSError as e:
        raise errors.MklError(
            f"error reading --template {template}, open {template}: "
            f"{(e.strerror or str(e)).lower()}"
        ) from None


def template_output(fmt: str, obj: Obj) -> str:
    """``-o jsonpath=T`` and the other template printers for one object (kubectl's
    TemplatePrintFlags / JSONPathPrintFlags: a ``-file`` format reads the template first)."""
    kind, _, template = fmt.partition("=")
    template = _template_text(kind, template)
    if kind.startswith("jsonpath"):
        from minikube_lite.printers.formats import jsonpath

        if kind == "jsonpath-as-json":
            return jsonpath.jsonpath_as_json(template, obj)
        return jsonpath.jsonpath(template, obj)
    return go_template(template, obj)


def go_template(template: str, obj: Obj | None) -> str:
    """``-o go-template=T`` (and ``template=``): Go's text/template, as kubectl runs it
    (``obj`` None: only parse it)."""
    from minikube_lite.printers.formats import gotemplate

    return str(gotemplate.render(template, obj))
