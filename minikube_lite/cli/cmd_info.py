"""``api-resources``, ``version``, ``completion``."""

from __future__ import annotations

import json
import os

from minikube_lite import errors
from minikube_lite.cli.app import Invocation, root
from minikube_lite.ops import info


def api_resources(inv: Invocation) -> None:
    """``api-resources``: ops.info.ApiResourcesOptions (complete, validate, run), then print."""
    from minikube_lite.printers import table

    if inv.args:
        raise inv.usage_error(f"unexpected arguments: [{' '.join(inv.args)}]")
    opts = info.ApiResourcesOptions.complete(inv)
    errs = opts.validate()
    if errs:
        raise errs[0]
    rows = opts.run()
    if opts.output == "name":
        inv.io.out("".join(row[0] + "\n" for row in rows))
        return
    inv.io.out(table.tabwrite(rows, 6, 3))


def version(inv: Invocation) -> None:
    """``version``: ops.info.VersionOptions (complete, validate, run), then print."""
    if inv.args and not inv.flag("client"):  # Complete returns early for --client
        raise errors.MklError(f"extra arguments: [{' '.join(inv.args)}]")
    opts = info.VersionOptions.complete(inv)
    errs = opts.validate()
    if errs:
        raise errs[0]
    out = opts.run()
    if isinstance(out, str):
        inv.io.out(out)
    elif opts.output == "yaml":
        from minikube_lite.printers.formats.yaml import to_yaml

        inv.io.out(to_yaml(out))
    else:
        inv.io.out(json.dumps(out, indent=2) + "\n")


def completion(inv: Invocation) -> None:
    """``completion bash|zsh|fish``: bash and zsh ask ``__complete`` on every TAB (object names
    too); fish gets the command tree."""
    from minikube_lite.cli import completion as comp

    if len(inv.args) != 1:
        raise inv.usage_error("Shell not specified.")
    shell, prog = inv.args[0], inv.prog
    script = comp.script(shell, prog, comp.executable())
    if script is None and shell == "fish":
        script = _fish(prog, " ".join(comp_types()))
    if script is None:
        raise errors.MklError(f'Unsupported shell type "{shell}".')
    inv.io.out(script)


def comp_types() -> list[str]:
    from minikube_lite.ops import completion

    return completion.type_words()


def _fish(prog: str, resource_words: str) -> str:
    lines = [f"# fish completion for {prog} (minikube-lite)"]
    for name, c in root().children.items():
        lines.append(
            f"complete -c {prog} -n '__fish_use_subcommand' -a {name} -d {json.dumps(c.short)}"
        )
        for sub, sc in c.children.items():
            lines.append(
                f"complete -c {prog} -n '__fish_seen_subcommand_from {name}' -a {sub} "
                f"-d {json.dumps(sc.short)}"
            )
    lines.append(f"complete -c {prog} -a '{resource_words}'")
    return "\n".join(lines) + "\n"


def alias(inv: Invocation) -> None:
    """``alias NAME [--shell bash|zsh]``: the shell function and completion for ``eval``."""
    from minikube_lite.cli import completion as comp

    if len(inv.args) != 1:
        raise inv.usage_error(f"exactly one NAME is required, got {len(inv.args)}")
    shell = inv.flag("shell") or os.path.basename(inv.io.env.get("SHELL", "")) or "bash"
    inv.io.out(comp.alias(inv.args[0], shell, comp.executable()))


def api_versions(inv: Invocation) -> None:
    """``api-versions``: every served group/version, sorted as kubectl sorts them (byte order)."""
    if inv.args:
        raise inv.usage_error(f"unexpected arguments: [{' '.join(inv.args)}]")
    from minikube_lite.api import kinds

    inv.io.out("".join(gv + "\n" for gv in kinds.group_versions()))
