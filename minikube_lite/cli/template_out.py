"""``-o go-template=|go-template-file=|template=|templatefile=`` for ``get`` and the verbs that
print what they wrote: render with the Go template port; on an execution error write what
kubectl writes to stdout (the output so far and its debugging block) before failing."""

from __future__ import annotations

from minikube_lite.api.objects import Obj
from minikube_lite.cli.app import Invocation

FORMATS = ("go-template", "go-template-file", "template", "templatefile")


def print_template(inv: Invocation, fmt: str, doc: Obj) -> bool:
    """Render ``doc`` with the template of ``fmt`` (or ``--template``); False when ``fmt`` is
    not a template format."""
    if fmt.partition("=")[0] not in FORMATS:
        return False
    from minikube_lite.printers.formats import gotemplate

    text = gotemplate.template_text(fmt, inv.optional_flag("template") or "")
    allow = inv.optional_flag("allow-missing-template-keys") is not False
    try:
        inv.io.out(gotemplate.Template(str(text)).render(doc, allow))
    except gotemplate.TemplateExecError as e:
        inv.io.out(e.stdout)
        raise
    return True
