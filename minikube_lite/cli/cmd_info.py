"""``api-resources``, ``version``, ``completion``."""

from __future__ import annotations

import json

from minikube_lite import __version__, errors
from minikube_lite.api import kinds
from minikube_lite.cli.app import Invocation, root
from minikube_lite.cli.spec import Command


def api_resources(inv: Invocation) -> None:
    from minikube_lite.printers import table

    ks = sorted(kinds.KINDS.values(), key=lambda k: (k.group, k.plural))
    if inv.given("namespaced"):
        ks = [k for k in ks if k.namespaced == bool(inv.flag("namespaced"))]
    if inv.flag("output") == "name":
        inv.io.out("".join((f"{k.plural}.{k.group}" if k.group else k.plural) + "\n" for k in ks))
        return
    rows = (
        []
        if inv.flag("no-headers")
        else [["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]]
    )
    rows += [
        [k.plural, ",".join(k.short_names), k.api_version, str(k.namespaced).lower(), k.kind]
        for k in ks
    ]
    inv.io.out(table.tabwrite(rows, 6, 3))


def version(inv: Invocation) -> None:
    client = {
        "gitVersion": "v1.34.0",
        "major": "1",
        "minor": "34",
        "platform": "linux/amd64",
        "minikubeLite": __version__,
    }
    if inv.flag("output") == "json":
        doc: dict[str, object] = {"clientVersion": client, "kustomizeVersion": "v5.7.1"}
        if not inv.flag("client"):
            doc["serverVersion"] = {k: v for k, v in client.items() if k != "minikubeLite"}
        inv.io.out(json.dumps(doc, indent=2) + "\n")
        return
    if inv.flag("output") not in (None, ""):
        raise errors.MklError("--output must be 'yaml' or 'json'")
    text = f"Client Version: v1.34.0 (minikube-lite {__version__})\nKustomize Version: v5.7.1\n"
    if not inv.flag("client"):
        text += "Server Version: v1.34.0 (simulated)\n"
    inv.io.out(text)


def _words(cmd: Command) -> list[str]:
    return sorted(cmd.children)


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
            f'    "{path}") echo "{" ".join(_words(c))} {" ".join("--" + f.name for f in c.flags)}";;'
            for path, c in tree
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
                    f"complete -c {prog} -n '__fish_seen_subcommand_from {name}' -a {sub} -d {json.dumps(sc.short)}"
                )
        lines.append(f"complete -c {prog} -a '{resource_words}'")
        script = "\n".join(lines) + "\n"
    else:
        raise errors.MklError(f'Unsupported shell type "{shell}".')
    inv.io.out(script)


def _ident(prog: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in prog)
