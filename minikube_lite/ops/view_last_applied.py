"""``apply view-last-applied``: the last-applied-configuration annotations of the objects named
(staging/src/k8s.io/kubectl/pkg/cmd/apply/apply_view_last_applied.go).

An object without the annotation is skipped silently when it was named on the command line: its
error goes through AddSourceToErr with no source and a nil error, which Go returns as nil.  From a
file it fails with that function's text, ``<nil>`` included.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.api import objects as o
from minikube_lite.ops import options, targets
from minikube_lite.records import dataclass
from minikube_lite.store.cluster import Cluster


@dataclass(frozen=True, slots=True)
class ViewLastAppliedOptions:
    """Port of ViewLastAppliedOptions after Complete."""

    output: str
    namespace: str | None
    command_path: str

    @classmethod
    def complete(cls, flags: options.Flags, command_path: str) -> ViewLastAppliedOptions:
        return cls(
            output=flags.flag("output") or "yaml",
            namespace=flags.flag("namespace"),
            command_path=command_path,
        )

    def validate(self) -> list[errors.MklError]:
        if self.output not in ("yaml", "json"):
            return [
                errors.UsageError(
                    f"Unexpected -o output mode: {self.output}, the flag 'output' must be one of "
                    "yaml|json",
                    self.command_path,
                )
            ]
        return []

    def run(
        self, cluster: Cluster, sel: targets.Selection
    ) -> tuple[list[str], list[errors.MklError]]:
        """The annotations' texts, in kubectl's order, and the errors met."""
        found, errs = targets.visit(cluster, sel, self.namespace)
        texts: list[str] = []
        sources = {o.name(m.obj): m.source for m in sel.docs}
        for f in found:
            text = o.annotations(f.obj).get(o.LAST_APPLIED_ANNOTATION)
            if text is not None:
                texts.append(text)
            elif sel.has_files:
                name = o.name(f.obj)
                errs.append(
                    errors.MklError(
                        "error when no last-applied-configuration annotation found on resource: "
                        f'{name}\n "{sources.get(name, "")}": <nil>'
                    )
                )
                break
        return texts, errs


def indent_json(text: str) -> str:
    """Go's json.Indent(dst, src, "", "  "): the text re-indented, keys and numbers as written;
    leading whitespace dropped, trailing kept."""
    src = text.lstrip(" \t\r\n")
    body = src.rstrip(" \t\r\n")
    out: list[str] = []
    depth = 0
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == '"':
            j = i + 1
            while body[j] != '"':
                j += 2 if body[j] == "\\" else 1
            out.append(body[i : j + 1])
            i = j + 1
            continue
        if ch in "{[":
            close = "}" if ch == "{" else "]"
            if i + 1 < len(body) and body[i + 1] == close:
                out.append(ch + close)
                i += 2
                continue
            depth += 1
            out.append(ch + "\n" + "  " * depth)
        elif ch in "}]":
            depth -= 1
            out.append("\n" + "  " * depth + ch)
        elif ch == ",":
            out.append(",\n" + "  " * depth)
        elif ch == ":":
            out.append(": ")
        elif ch not in " \t\r\n":
            out.append(ch)
        i += 1
    return "".join(out) + src[len(body) :]
