"""``api-resources``, ``version``, ``completion``."""

from __future__ import annotations

import json

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.cli.app import Invocation, root
from minikube_lite.cli.spec import Command
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


def _words(cmd: Command) -> list[str]:
    return sorted(cmd.children)


def _flag_words(cmd: Command) -> str:
    return " ".join("--" + f.name for f in cmd.flags)


def _tree(cmd: Command, prefix: str = "") -> list[tuple[str, Command]]:
    out = [(prefix, cmd)]
    for name, child in cmd.children.items():
        out += _tree(child, f"{prefix} {name}".strip())
    return out


def completion(inv: Invocation) -> None:
    if len(inv.args) != 1:
        raise inv.usage_error("Shell not specified.")
    shell = inv.args[0]
    prog = inv.prog
    resource_words = " ".join(
        sorted({n for k in kinds.KINDS.values() for n in (k.plural, k.singular, *k.short_names)})
    )
    tree = _tree(root())
    if shell == "bash":
        fn = _ident(prog)
        cases = "\n".join(
            f'    "{path}") echo "{" ".join(_words(c))} {_flag_words(c)}";;' for path, c in tree
        )
        script = f"""# bash completion for {prog} (minikube-lite)
__{fn}_words() {{
  case "$1" in
{cases}
    *) return 1;;
  esac
}}
_{fn}_complete() {{
  local cur="${{COMP_WORDS[COMP_CWORD]}}" path="" w i
  for ((i=1; i<COMP_CWORD; i++)); do
    w="${{COMP_WORDS[i]}}"
    case "$w" in -*) continue;; esac
    if __{fn}_words "${{path:+$path }}$w" >/dev/null; then path="${{path:+$path }}$w"; fi
  done
  COMPREPLY=( $(compgen -W "$(__{fn}_words "$path") {resource_words}" -- "$cur") )
}}
complete -F _{fn}_complete {prog}
"""
    elif shell == "zsh":
        top = " ".join(_words(root()))
        script = f"""#compdef {prog}
# zsh completion for {prog} (minikube-lite)
_{_ident(prog)}() {{
  local -a words_
  words_=({top} {resource_words})
  _describe 'command' words_
}}
compdef _{_ident(prog)} {prog}
"""
    elif shell == "fish":
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
        script = "\n".join(lines) + "\n"
    else:
        raise errors.MklError(f'Unsupported shell type "{shell}".')
    inv.io.out(script)


def _ident(prog: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in prog)
