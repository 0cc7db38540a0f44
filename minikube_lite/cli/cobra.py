"""What cobra (and kubectl's plugin lookup) say when the first word is not a command.

Ports of spf13/cobra ``command.go`` (stripFlags, SuggestionsFor, findSuggestions: a command is
suggested when its name is within Levenshtein distance 2 of the word, ignoring case, or starts
with it, or lists the word in SuggestFor), ``cobra.go`` (ld) and of kubectl ``cmd/cmd.go``
(HandlePluginCommand: a flag before an unknown first word is refused, because a plugin name must
come first).  Suggestions come from mkl's own commands, in the order kubectl adds its commands.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.cli.spec import Command, Flag

SUGGESTIONS_MINIMUM_DISTANCE = 2
# The order kubectl 1.37 adds its commands (NewKubectlCommand), which is the order cobra checks
# them for suggestions; mkl-only commands follow in table order.
KUBECTL_ORDER = (
    "create",
    "expose",
    "run",
    "set",
    "explain",
    "get",
    "edit",
    "delete",
    "rollout",
    "scale",
    "autoscale",
    "certificate",
    "cluster-info",
    "top",
    "cordon",
    "uncordon",
    "drain",
    "taint",
    "describe",
    "logs",
    "attach",
    "exec",
    "port-forward",
    "proxy",
    "cp",
    "auth",
    "debug",
    "events",
    "diff",
    "apply",
    "patch",
    "replace",
    "wait",
    "kustomize",
    "label",
    "annotate",
    "completion",
    "config",
    "plugin",
    "version",
    "api-versions",
    "api-resources",
    "options",
)
# cobra.Command.SuggestFor of kubectl's commands (observed with kubectl 1.37).
SUGGEST_FOR = {"get": ("list", "ls"), "delete": ("rm", "remove")}


def ld(s: str, t: str, ignore_case: bool = True) -> int:
    """Port of cobra.ld: the Levenshtein distance between ``s`` and ``t``."""
    if ignore_case:
        s, t = s.lower(), t.lower()
    prev = list(range(len(t) + 1))
    for i, cs in enumerate(s, 1):
        cur = [i]
        for j, ct in enumerate(t, 1):
            cost = 0 if cs == ct else 1
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost))
        prev = cur
    return prev[-1]


def strip_flags(args: list[str], flags: dict[str, Flag]) -> list[str]:
    """Port of cobra.stripFlags: the words of ``args`` that are not flags or flag values.

    A long flag without ``=`` takes the next word unless it is a known boolean; so does a bare
    two-character short flag (and with only one word left, stripping stops there).
    """
    words: list[str] = []
    rest = list(args)
    while rest:
        s = rest.pop(0)
        if s == "--":
            break
        long_value = s.startswith("--") and "=" not in s and not _is_bool(flags.get(s[2:]))
        short_value = (
            s.startswith("-") and "=" not in s and len(s) == 2 and not _is_bool(flags.get(s))
        )
        if long_value or short_value:
            if len(rest) <= 1:
                break
            rest.pop(0)
        elif s and not s.startswith("-"):
            words.append(s)
    return words


def _is_bool(f: Flag | None) -> bool:
    """A flag that takes no value; ``--help`` is not one yet when kubectl looks (cobra adds it
    only when the command runs), so ``kubectl -h foo`` shows the help."""
    return f is not None and f.no_opt is not None and f.name != "help"


def suggestions_for(root: Command, typed: str) -> list[str]:
    """Port of SuggestionsFor (cobra.Command) over the root's commands, in kubectl's order."""
    order = {name: i for i, name in enumerate(KUBECTL_ORDER)}
    names = sorted(root.children, key=lambda n: order.get(n, len(order)))
    out: list[str] = []
    for name in names:
        by_distance = ld(typed, name) <= SUGGESTIONS_MINIMUM_DISTANCE
        if by_distance or name.lower().startswith(typed.lower()):
            out.append(name)
        out.extend(name for s in SUGGEST_FOR.get(name, ()) if s.lower() == typed.lower())
    return out


def unknown_command(root: Command, word: str, prog: str) -> errors.MklError:
    """``error: unknown command "foo" for "kubectl"`` with findSuggestions' list."""
    text = f'error: unknown command "{word}" for "{prog}"'
    suggestions = suggestions_for(root, word)
    if suggestions:
        text += "\n\nDid you mean this?\n" + "".join(f"\t{s}\n" for s in suggestions)
    return errors.PlainError(text.rstrip("\n"))


def check_root_words(root: Command, argv: list[str], flags: dict[str, Flag], prog: str) -> None:
    """cobra's Find (legacyArgs) and kubectl's plugin lookup for a first word that is not a
    command: raise what kubectl prints; nothing when no such word was typed."""
    words = strip_flags(argv, flags)
    if not words or root.child(words[0]) is not None or words[0] == "help":
        return
    if argv[0].startswith("-"):
        raise errors.PlainError(f"Error: flags cannot be placed before plugin name: {argv[0]}")
    raise unknown_command(root, words[0], prog)


def help_topic(root: Command, words: list[str]) -> tuple[Command | None, list[str]]:
    """cobra's help command: the command ``words`` name (as deep as they go), or None when the
    first word is not a command."""
    cmd, path = root, list[str]()
    for w in words:
        nxt = cmd.child(w)
        if nxt is None:
            break
        cmd, path = nxt, [*path, w]
    return (cmd, path) if path or not words else (None, [])


def unknown_help_topic(words: list[str]) -> str:
    """``Unknown help topic [`foo`]`` (Go's %#q of the words)."""
    return "Unknown help topic [" + " ".join(f"`{w}`" for w in words) + "]\n"
