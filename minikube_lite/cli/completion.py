"""Shell completion that knows the cluster, and ``alias NAME`` (issue 14, item 9).

The bash and zsh scripts ask the hidden ``__complete`` entry on every TAB, as cobra's scripts
do: ``mkl __complete WORD... CURRENT`` prints one candidate per line for the last word
(commands, flags, resource types, the names of objects, namespaces after ``-n``).  It reads
the state as last saved (no clock catch-up, no save) and imports only the command table and
the store, so a TAB costs what ``mkl get`` costs.

``eval "$(mkl alias kubectl)"`` defines a shell function ``kubectl`` that runs mkl with
``MKL_PROG=kubectl`` (the name messages and change-causes use) and installs the completion
for it.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from collections.abc import Callable
from types import ModuleType

from minikube_lite.cli import parser
from minikube_lite.cli.spec import Command, Flag

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
else:
    Any = object  # read by the module-level type aliases below

Reader = Callable[[Any, ModuleType], list[str]]  # (cluster, ops.completion) -> words

# Commands whose first argument is a pod (or TYPE/NAME); the others in TYPED take TYPE NAME.
POD_FIRST = frozenset({"logs", "exec", "port-forward", "attach"})
NODE_FIRST = frozenset({"cordon", "uncordon", "drain"})  # ValidArgsFunction: node names
TYPED = frozenset(
    {
        "get",
        "describe",
        "delete",
        "edit",
        "label",
        "annotate",
        "scale",
        "patch",
        "expose",
        "wait",
        "set image",
        "set env",
        "set resources",
        "set selector",
        "set serviceaccount",
        "rollout history",
        "rollout undo",
        "rollout pause",
        "rollout resume",
        "rollout status",
        "rollout restart",
        "rollout timeline",
        "rollout explain",
    }
)
OUTPUTS = ("json", "yaml", "name", "wide", "jsonpath=", "custom-columns=", "go-template=")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def candidates(root: Command, global_flags: tuple[Flag, ...], words: list[str]) -> list[str]:
    """The completions of ``words[-1]`` after ``words[:-1]`` (words after the program name)."""
    if len(words) >= 3 and words[-2] == "=" and words[-3].startswith("-"):
        words = [*words[:-2], words[-1]]  # bash's ``--namespace = d``: complete the value only
    *done, cur = [*_joined(words[:-1]), words[-1]] if words else [""]
    gmap = {f.name: f for f in global_flags} | {"-" + f.short: f for f in global_flags if f.short}
    cmd, path = parser.find_command(root, done, gmap)
    flags = {
        **gmap,
        **{f.name: f for f in cmd.flags},
        **{"-" + f.short: f for f in cmd.flags if f.short},
    }
    values = _flag_values(done, flags)
    args = _positionals(done, flags)[len(path) :]
    prev = done[-1] if done else ""
    pending = _flag(prev, flags) if prev.startswith("-") and "=" not in prev else None
    if pending is not None and pending.kind != "bool":
        return _prefixed(_value_words(pending, values, args), cur)
    if cur.startswith("--") and "=" in cur:
        f = flags.get(cur[2:].split("=", 1)[0])
        head = cur.split("=", 1)[0] + "="
        return (
            [head + v for v in _value_words(f, values, args) if (head + v).startswith(cur)]
            if f
            else []
        )
    if cur.startswith("-"):
        words_ = [f"--{f.name}" for f in (*cmd.flags, *global_flags) if not f.hidden]
        return _prefixed(sorted(set(words_)), cur)
    if cmd.children and not args:
        return _prefixed(sorted(cmd.children), cur)
    return _prefixed(_argument_words(" ".join(path), args, cur, values), cur)


def _joined(words: list[str]) -> list[str]:
    """bash splits ``--namespace=dev`` at ``=`` (COMP_WORDBREAKS): join it back."""
    out: list[str] = []
    for w in words:
        if out and (w == "=" or out[-1].endswith("=")) and out[-1].startswith("-"):
            out[-1] += w
        else:
            out.append(w)
    return out


def _flag(tok: str, flags: dict[str, Flag]) -> Flag | None:
    if tok.startswith("--"):
        return flags.get(tok[2:].split("=", 1)[0])
    return flags.get(tok[:2]) if len(tok) == 2 else None


def _flag_values(done: list[str], flags: dict[str, Flag]) -> dict[str, str]:
    """The values typed so far for flags (``-n dev``, ``--namespace=dev``, ``--profile p``)."""
    out: dict[str, str] = {}
    for i, tok in enumerate(done):
        f = _flag(tok, flags) if tok.startswith("-") else None
        if f is None or f.kind == "bool":
            continue
        if "=" in tok:
            out[f.name] = tok.split("=", 1)[1]
        elif i + 1 < len(done):
            out[f.name] = done[i + 1]
    return out


def _positionals(done: list[str], flags: dict[str, Flag]) -> list[str]:
    """The words that are not flags or flag values (the command path first, then arguments)."""
    out: list[str] = []
    skip = False
    for tok in done:
        if skip:
            skip = False
        elif tok.startswith("-") and tok != "-":
            f = _flag(tok, flags)
            skip = f is not None and f.kind != "bool" and "=" not in tok
        else:
            out.append(tok)
    return out


def _prefixed(words: list[str], cur: str) -> list[str]:
    return [w for w in words if w.startswith(cur)]


def _value_words(f: Flag | None, values: dict[str, str], args: list[str]) -> list[str]:
    if f is None:
        return []
    if f.name == "container" and args:  # exec POD -c <TAB>: that pod's containers
        pod, ns = args[0], values.get("namespace")
        return _from_cluster(values, lambda c, m: m.containers(c, pod, ns))
    if f.name == "namespace":
        return _from_cluster(values, lambda c, m: m.namespaces(c))
    if f.name == "output":
        return list(OUTPUTS)
    if f.name == "profile":
        from minikube_lite.store import persist

        return persist.profiles()
    return []


def _argument_words(key: str, args: list[str], cur: str, values: dict[str, str]) -> list[str]:
    """Types first, then names of that type; ``TYPE/`` completes names too."""
    from minikube_lite.ops import completion as ops

    ns = values.get("namespace")
    if "/" in cur and (key in POD_FIRST or key in TYPED):
        kind_word = cur.split("/", 1)[0]
        names = _from_cluster(values, lambda c, m: m.names(c, kind_word, ns))
        return [f"{kind_word}/{n}" for n in names]
    if key in POD_FIRST and not args:
        return _from_cluster(values, lambda c, m: m.names(c, "pods", ns))
    if (key in NODE_FIRST and not args) or (key == "taint" and len(args) == 1):
        return _from_cluster(values, lambda c, m: m.names(c, "nodes", None))
    if key == "taint" and not args:
        return ["node"]
    if key in TYPED and not args:
        return ops.type_words()
    if key in TYPED and "/" not in args[0] and "," not in args[0]:
        return _from_cluster(values, lambda c, m: m.names(c, args[0], ns))
    return []


def _from_cluster(values: dict[str, str], read: Reader) -> list[str]:
    """``read(cluster, ops.completion)`` on the profile as last saved; [] when there is none."""
    from minikube_lite import errors
    from minikube_lite.ops import completion as ops
    from minikube_lite.ops import session

    try:
        with session.open_cluster(values.get("profile"), create=False, advance=False) as c:
            return list(read(c, ops))
    except errors.MklError:
        return []


# ----- the scripts ------------------------------------------------------------------------------


def executable() -> str:
    """The mkl that runs now, as a path a shell function can call from anywhere."""
    exe = sys.argv[0] if sys.argv and sys.argv[0] else "mkl"
    base = os.path.basename(exe)
    if "/" in exe and not base.endswith(".py") and os.path.isfile(exe):
        return os.path.abspath(exe)
    return "mkl"


def _ident(prog: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in prog)


def script(shell: str, prog: str, exe: str) -> str | None:
    """The completion script of ``prog`` (run as ``exe``) for bash or zsh; None for others."""
    fn, run = _ident(prog), f"MKL_PROG={shlex.quote(prog)} {shlex.quote(exe)} __complete"
    if shell == "bash":
        return f"""# bash completion for {prog} (minikube-lite)
_{fn}_mkl_complete() {{
  local IFS=$'\\n'
  COMPREPLY=( $({run} "${{COMP_WORDS[@]:1:COMP_CWORD}}" 2>/dev/null) )
}}
complete -o default -F _{fn}_mkl_complete {prog}
"""
    if shell == "zsh":
        return f"""#compdef {prog}
# zsh completion for {prog} (minikube-lite)
_{fn}_mkl() {{
  local -a reply
  reply=("${{(@f)$({run} "${{(@)words[2,CURRENT]}}" 2>/dev/null)}}")
  (( ${{#reply}} )) && compadd -- "${{reply[@]}}" || _files
}}
# compdef comes with compinit (autoload -Uz compinit && compinit, before this)
if (( $+functions[compdef] )); then compdef _{fn}_mkl {prog}; fi
"""
    return None


def alias(name: str, shell: str, exe: str) -> str:
    """``eval "$(mkl alias NAME)"``: a function ``NAME`` running mkl as NAME, and its completion."""
    from minikube_lite import errors

    if not _NAME.fullmatch(name):
        raise errors.MklError(f'invalid alias name "{name}": use letters, digits, "_" and "-"')
    comp = script(shell, name, exe)
    if comp is None:
        raise errors.MklError(f'Unsupported shell type "{shell}".')
    return (
        f"# {name}: minikube-lite under the name {name} "
        f'(eval "$(mkl alias {name})" in ~/.{shell}rc)\n'
        f'{name}() {{ MKL_PROG={shlex.quote(name)} {shlex.quote(exe)} "$@"; }}\n' + comp
    )
