"""``--help`` text in kubectl's layout, generated from the command table."""

from __future__ import annotations

from minikube_lite.cli.spec import Command, Flag


def render(cmd: Command, path: list[str], prog: str, global_flags: tuple[Flag, ...]) -> str:
    full = " ".join([prog, *path])
    out: list[str] = []
    out.append(
        (cmd.long or cmd.short) + ("." if not (cmd.long or cmd.short).endswith(".") else "") + "\n"
    )
    if cmd.examples:
        out.append("\nExamples:\n" + cmd.examples.replace("mkl ", prog + " ") + "\n")
    if cmd.children:
        out.append(_children(cmd, prog, bool(path)))
    if cmd.flags:
        out.append("\nOptions:\n" + "".join(_flag(f) for f in cmd.flags if not f.hidden))
    if cmd.handler:
        out.append(f"\nUsage:\n  {full} {cmd.usage}".rstrip() + "\n")
    elif cmd.children:
        out.append(f"\nUsage:\n  {full} [command] [flags]\n")
    out.append("\nGlobal options:\n" + "".join(_flag(f) for f in global_flags))
    if cmd.children:
        out.append(f'\nUse "{full} <command> --help" for more information about a given command.\n')
    return "".join(out)


def _children(cmd: Command, prog: str, nested: bool) -> str:
    if nested:
        width = max(len(n) for n in cmd.children) + 2
        return "\nAvailable Commands:\n" + "".join(
            f"  {n.ljust(width)}{c.short}\n" for n, c in cmd.children.items()
        )
    groups: dict[str, list[Command]] = {}
    for c in cmd.children.values():
        groups.setdefault(c.group or "Other Commands", []).append(c)
    width = max(len(n) for n in cmd.children) + 2
    text = "\nminikube-lite runs kubectl's commands against a simulated cluster kept in one file.\n"
    for g, cs in groups.items():
        text += f"\n{g}:\n" + "".join(f"  {c.name.ljust(width)}{c.short}\n" for c in cs)
    return text


def _flag(f: Flag) -> str:
    short = f"-{f.short}, " if f.short else ""
    default = f.default
    if f.kind == "bool":
        dv = "true" if default else "false"
    elif f.kind in ("list", "slice"):
        dv = "[]"
    elif default is None:
        dv = "''"
    else:
        dv = str(default)
    return f"    {short}--{f.name}={dv}:\n\t{f.help}\n\n"
