"""Built-in commands of the simulated exec shell (no host process, no host file, ever).

``SHELL_BUILTINS`` exist only inside a shell (``cd``, ``exit``, ``export``); ``EXECUTABLES`` are
what a container's ``$PATH`` offers (``echo``, ``cat``, ``env``, ``curl``…) and can also be exec'd
directly by ``mkl exec POD -- NAME``.  Messages follow busybox (alpine/busybox images) or GNU
coreutils (Debian-based images) wording, picked by ``ctx.busybox``.
"""

from __future__ import annotations

import re
import time

from minikube_lite.sandbox import SHELLS
from minikube_lite.sandbox.shell import (
    Command,
    LoopControl,
    Shell,
    ShellExit,
    shell_dialect,
)
from minikube_lite.sandbox.shell_io import Streams
from minikube_lite.sandbox.shell_text import (
    grep,
    head,
    printf,
    seq,
    sort,
    tail,
    test,
    unescape,
    uniq,
    wc,
)
from minikube_lite.sandbox.simfs import FsError


def echo(sh: Shell, argv: list[str], io: Streams) -> int:
    args, newline, escapes = argv[1:], True, sh.dialect == "dash"
    while (
        args
        and re.fullmatch(r"-[neE]+", args[0])
        and not (sh.dialect == "dash" and args[0] != "-n")
    ):
        newline = newline and "n" not in args[0]
        escapes = ("e" in args[0]) or (escapes and "E" not in args[0])
        args = args[1:]
    text = " ".join(args)
    go_on = True
    if escapes:
        text, go_on = unescape(text)
    io.out.write(text + ("\n" if newline and go_on else ""))
    return 0


def cat(sh: Shell, argv: list[str], io: Streams) -> int:
    status = 0
    for path in [a for a in argv[1:] if not a.startswith("-") or a == "-"] or ["-"]:
        if path == "-":
            io.out.write(io.stdin)
            continue
        try:
            io.out.write(sh.fs.read(path))
        except FsError as e:
            msg = (
                f"cat: can't open '{path}': {e.reason}"
                if sh.ctx.busybox
                else f"cat: {path}: {e.reason}"
            )
            io.err.write(msg + "\n")
            status = 1
    return status


def ls(sh: Shell, argv: list[str], io: Streams) -> int:
    flags = "".join(a[1:] for a in argv[1:] if a.startswith("-"))
    paths = [a for a in argv[1:] if not a.startswith("-")] or ["."]
    status, blocks = 0, []
    for path in paths:
        try:
            names = sh.fs.listdir(path)
        except FsError as e:
            msg = (
                f"ls: {path}: {e.reason}"
                if sh.ctx.busybox
                else f"ls: cannot access '{path}': {e.reason}"
            )
            io.err.write(msg + "\n")
            status = 1 if sh.ctx.busybox else 2
            continue
        if "a" in flags:
            names = [".", "..", *names]
        shown = [_long(sh, path, n) for n in names] if "l" in flags else names
        sep = "\n" if ("l" in flags or "1" in flags or not sh.ctx.tty) else "  "
        body = sep.join(shown) + ("\n" if shown else "")
        blocks.append((f"{path}:\n" if len(paths) > 1 else "") + body)
    io.out.write("\n".join(blocks))
    return status


def _long(sh: Shell, path: str, name: str) -> str:
    full = sh.fs.abspath(f"{path}/{name}")
    is_dir = sh.fs.is_dir(full)
    size = 4096 if is_dir else len(sh.fs.read(full)) if sh.fs.exists(full) else 0
    mode = "drwxr-xr-x" if is_dir else "-rw-r--r--"
    stamp = time.strftime("%b %e %H:%M", time.gmtime(sh.ctx.now))
    return f"{mode}    1 root     root     {size:>8} {stamp} {name}"


def env(sh: Shell, argv: list[str], io: Streams) -> int:
    args = argv[1:]
    extra: dict[str, str] = {}
    clear = False
    while args and (args[0] in ("-i", "-") or "=" in args[0]):
        if args[0] in ("-i", "-"):
            clear = True
        else:
            k, _, v = args[0].partition("=")
            extra[k] = v
        args = args[1:]
    if args:
        saved = dict(sh.vars)
        sh.vars = ({} if clear else dict(sh.vars)) | extra
        try:
            return sh.run(args, io)
        finally:
            sh.vars = saved
    values = ({} if clear else sh.vars) | extra
    io.out.write("".join(f"{k}={v}\n" for k, v in values.items()))
    return 0


def printenv(sh: Shell, argv: list[str], io: Streams) -> int:
    if len(argv) == 1:
        io.out.write("".join(f"{k}={v}\n" for k, v in sh.vars.items()))
        return 0
    status = 0
    for name in argv[1:]:
        if name in sh.vars:
            io.out.write(sh.vars[name] + "\n")
        else:
            status = 1
    return status


def hostname(sh: Shell, argv: list[str], io: Streams) -> int:
    io.out.write((sh.ctx.pod_ip if "-i" in argv[1:] else sh.ctx.hostname) + "\n")
    return 0


def date(sh: Shell, argv: list[str], io: Streams) -> int:
    fmt = next((a[1:] for a in argv[1:] if a.startswith("+")), "%a %b %e %H:%M:%S UTC %Y")
    io.out.write(time.strftime(fmt, time.gmtime(int(sh.ctx.now))) + "\n")
    return 0


SLEEP_ARG = re.compile(r"(\d+(?:\.\d*)?|\.\d+)([smhd]?)")
SLEEP_UNIT = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def sleep(sh: Shell, argv: list[str], io: Streams) -> int:
    """Takes simulated time: the exec's world waits (real clock) or moves the clock (manual).

    Several arguments add up, as in coreutils and busybox; ``infinity`` sleeps until stopped.
    """
    if len(argv) < 2:
        io.err.write(
            "sleep: missing operand\n"
            if not sh.ctx.busybox
            else (
                "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n"
                "Usage: sleep [N]...\n"
            )
        )
        return 1
    total = 0.0
    for arg in argv[1:]:
        m = SLEEP_ARG.fullmatch(arg)
        if arg == "infinity":
            total = float("inf")
        elif m is None:
            io.err.write(
                f"sleep: invalid number '{arg}'\n"
                if sh.ctx.busybox
                else f"sleep: invalid time interval '{arg}'\n"
            )
            return 1
        else:
            total += float(m.group(1)) * SLEEP_UNIT[m.group(2)]
    sh.ctx.sleep(total)
    return 0


def which(sh: Shell, argv: list[str], io: Streams) -> int:
    status = 0
    for name in argv[1:]:
        if sh.ctx.executable(name) is not None and "/" not in name:
            io.out.write(f"/usr/bin/{name}\n" if name not in SHELLS else f"/bin/{name}\n")
        else:
            status = 1
    return status


def whoami(sh: Shell, argv: list[str], io: Streams) -> int:
    io.out.write("root\n")
    return 0


def id_(sh: Shell, argv: list[str], io: Streams) -> int:
    io.out.write("uid=0(root) gid=0(root) groups=0(root)\n")
    return 0


def uname(sh: Shell, argv: list[str], io: Streams) -> int:
    full = f"Linux {sh.ctx.hostname} 6.8.0-minikube-lite #1 SMP PREEMPT_DYNAMIC x86_64 GNU/Linux"
    io.out.write((full if "-a" in argv[1:] else "Linux") + "\n")
    return 0


def pwd(sh: Shell, argv: list[str], io: Streams) -> int:
    io.out.write(sh.fs.cwd + "\n")
    return 0


def true(sh: Shell, argv: list[str], io: Streams) -> int:
    return 0


def false(sh: Shell, argv: list[str], io: Streams) -> int:
    return 1


# ----- shell-only built-ins ----------------------------------------------------------------------


def cd(sh: Shell, argv: list[str], io: Streams) -> int:
    target = argv[1] if len(argv) > 1 else sh.vars.get("HOME", "/root")
    try:
        sh.fs.chdir(target)
    except FsError as e:
        msg = (
            f"{sh.prefix()}cd: can't cd to {target}: {e.reason}"
            if sh.dialect != "bash"
            else f"{sh.prefix()}cd: {target}: {e.reason}"
        )
        io.err.write(msg + "\n")
        return 1 if sh.dialect == "bash" else 2
    sh.vars["PWD"] = sh.fs.cwd
    return 0


def exit_(sh: Shell, argv: list[str], io: Streams) -> int:
    code = sh.status
    if len(argv) > 1:
        try:
            code = int(argv[1]) & 0xFF
        except ValueError:
            io.err.write(f"{sh.prefix()}exit: Illegal number: {argv[1]}\n")
            code = 2
    raise ShellExit(code)


def loop_control(sh: Shell, argv: list[str], io: Streams) -> int:
    """``break [N]`` and ``continue [N]``; outside a loop they do nothing (bash says so)."""
    levels = 1
    if len(argv) > 1:
        if not argv[1].isdigit() or int(argv[1]) < 1:
            if sh.dialect == "bash":
                io.err.write(f"{sh.prefix()}{argv[0]}: {argv[1]}: loop count out of range\n")
                return 1
            io.err.write(f"{sh.prefix()}{argv[0]}: Illegal number: {argv[1]}\n")
            raise ShellExit(2)  # an error in a special built-in ends a POSIX shell
        levels = int(argv[1])
    if sh.loops == 0:
        if sh.dialect == "bash":
            io.err.write(
                f"{sh.prefix()}{argv[0]}: only meaningful in a `for', `while', or `until' loop\n"
            )
        return 0
    raise LoopControl(argv[0], min(levels, sh.loops))


def export(sh: Shell, argv: list[str], io: Streams) -> int:
    for a in argv[1:]:
        if a == "-p":
            io.out.write("".join(f"export {k}='{v}'\n" for k, v in sh.vars.items()))
        elif "=" in a:
            k, _, v = a.partition("=")
            sh.vars[k] = v
    sh.check_vars()
    return 0


def unset(sh: Shell, argv: list[str], io: Streams) -> int:
    for name in argv[1:]:
        if not name.startswith("-"):
            sh.vars.pop(name, None)
    return 0


def set_(sh: Shell, argv: list[str], io: Streams) -> int:
    args = argv[1:]
    if not args:
        io.out.write("".join(f"{k}='{v}'\n" for k, v in sh.vars.items()))
    elif args[0] == "--":
        sh.positional = args[1:]
        sh.check_vars()
    return 0


def exec_(sh: Shell, argv: list[str], io: Streams) -> int:
    if len(argv) < 2:
        return 0
    raise ShellExit(sh.run(argv[1:], io))


def command(sh: Shell, argv: list[str], io: Streams) -> int:
    if len(argv) > 2 and argv[1] in ("-v", "-V"):
        return which(sh, ["which", *argv[2:]], io)
    return sh.run(argv[1:], io) if len(argv) > 1 else 0


def shell(sh: Shell, argv: list[str], io: Streams) -> int:
    """``sh``/``bash`` as a program: ``-c SCRIPT [NAME [ARGS]]``, ``sh FILE``,
    or a script on stdin.
    """
    name = argv[0]
    args = argv[1:]
    child = sh.child(name, shell_dialect(sh.ctx, name))
    i = 0
    while i < len(args) and args[i].startswith("-") and args[i] not in ("-", "--"):
        opt = args[i]
        i += 1
        if "c" in opt[1:]:
            if i >= len(args):
                io.err.write(_needs_arg(child))
                return 2
            rest = args[i + 1 :]
            child.name = rest[0] if rest else name
            child.positional = rest[1:]
            return child.run_script(args[i], io)
    if i < len(args) and args[i] == "--":
        i += 1
    if i < len(args):
        return _run_file(child, args[i], args[i + 1 :], io)
    return child.run_script(io.stdin, io)


def _needs_arg(sh: Shell) -> str:
    if sh.dialect == "bash":
        return f"{sh.name}: -c: option requires an argument\n"
    if sh.dialect == "dash":
        return f"{sh.name}: 0: -c requires an argument\n"
    return f"{sh.name}: -c requires an argument\n"


def _run_file(sh: Shell, path: str, args: list[str], io: Streams) -> int:
    try:
        text = sh.fs.read(path)
    except FsError as e:
        if sh.dialect == "bash":
            io.err.write(f"{sh.name}: {path}: {e.reason}\n")
            return 127
        io.err.write(
            f"{sh.name}: 0: cannot open {path}: No such file\n"
            if sh.dialect == "dash"
            else f"{sh.name}: can't open '{path}': {e.reason}\n"
        )
        return 2
    sh.positional = args
    return sh.run_script(text, io)


SHELL_BUILTINS: dict[str, Command] = {
    "cd": cd,
    "exit": exit_,
    "break": loop_control,
    "continue": loop_control,
    "export": export,
    "unset": unset,
    "set": set_,
    "exec": exec_,
    "command": command,
    ":": true,
    "true": true,
    "false": false,
    "echo": echo,
    "printf": printf,
    "pwd": pwd,
    "test": test,
    "[": test,
}

EXECUTABLES: dict[str, Command] = {
    "echo": echo,
    "printf": printf,
    "cat": cat,
    "ls": ls,
    "env": env,
    "printenv": printenv,
    "hostname": hostname,
    "date": date,
    "sleep": sleep,
    "true": true,
    "false": false,
    "pwd": pwd,
    "seq": seq,
    "grep": grep,
    "head": head,
    "tail": tail,
    "wc": wc,
    "sort": sort,
    "uniq": uniq,
    "which": which,
    "test": test,
    "[": test,
    "whoami": whoami,
    "id": id_,
    "uname": uname,
    **dict.fromkeys(SHELLS, shell),
}
