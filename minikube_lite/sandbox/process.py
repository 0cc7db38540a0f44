"""Running a process in a simulated container: ``argv`` as the runtime execs it, and its end.

``run_command()`` runs ``argv`` as the container runtime would exec it (no shell unless argv[0]
is one), sending output out as it is written; :func:`guarded` turns the ways a simulated process
ends into an exit code and a message.  How an exec ends when it hits a bound (kubectl then prints
``command terminated with exit code N``):

* a runaway loop or script (``MAX_LOOP`` iterations, ``MAX_STEPS`` commands or ``MAX_OUTPUT``
  characters of output since the last wall-clock sleep, nesting too deep, or too much sleeping on
  a manual clock): ``minikube-lite: the simulated shell stopped this command (...); it never runs
  forever``, exit 124 (``timeout``'s code);
* a value, argument list, pipe, ``$( )`` or the variables past their size: the shell's own
  out-of-memory error: busybox ``sh: out of memory``, dash ``sh: 1: Out of space``, bash
  ``bash: xmalloc: cannot allocate N bytes``, exit 2 (a program run directly: ``printf: out of
  memory`` / ``printf: memory exhausted``, exit 1);
* a file past its size or the writable layer full: ``No space left on device`` from the writer;
* the container stopping under it (:class:`ContainerGone`): exit 137, as the runtime SIGKILLs it.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Callable

from minikube_lite import errors
from minikube_lite.api.objects import Obj
from minikube_lite.records import dataclass
from minikube_lite.sandbox import SHELLS
from minikube_lite.sandbox.context import ContainerGone, ExecContext
from minikube_lite.sandbox.shell import Shell, ShellExit, shell_dialect
from minikube_lite.sandbox.shell_io import (
    Chunks,
    Emit,
    LoopLimit,
    OutOfMemory,
    Streams,
    check_size,
    collector,
)

LOOP_EXIT = 124
GONE_EXIT = 137  # the runtime SIGKILLs the exec'd process with its container


@dataclass
class ExecResult:
    code: int
    chunks: list[tuple[int, str]]


def exec_id(pod: Obj, now: float, argv: list[str]) -> str:
    uid = str(pod.get("metadata", {}).get("uid", ""))
    return hashlib.sha256(f"{uid}|{now}|{argv}".encode()).hexdigest()


def not_found_error(ctx: ExecContext, argv: list[str]) -> errors.MklError:
    """containerd's answer for a missing executable; kubectl prints it and exits 1."""
    arg0 = argv[0]
    if "/" in arg0:
        why = f'exec: "{arg0}": stat {arg0}: no such file or directory: unknown'
    else:
        why = f'exec: "{arg0}": executable file not found in $PATH: unknown'
    return errors.MklError(
        "Internal error occurred: error executing command in container: failed to exec "
        "in container: "
        f'failed to start exec "{exec_id(ctx.pod, ctx.now, argv)}": OCI runtime exec '
        "failed: exec failed: "
        f"unable to start container process: {why}"
    )


def run_command(
    ctx: ExecContext, argv: list[str], stdin: str = "", emit: Emit | None = None
) -> ExecResult:
    """Run ``argv`` as the runtime execs it: argv[0] must be an executable of the image.

    Output goes to ``emit(fd, text)`` as it is written; without ``emit`` it is kept in the result.
    """
    fn = ctx.executable(argv[0])
    if fn is None:
        raise not_found_error(ctx, argv)
    chunks: list[tuple[int, str]] = []
    emit = emit or collector(chunks)
    err_fd = 1 if ctx.tty else 2
    io = Streams(Chunks(emit, 1, ctx.budget), Chunks(emit, err_fd, ctx.budget), stdin)
    sh = Shell(ctx, argv[0], shell_dialect(ctx, argv[0]), dict(ctx.env))

    def body() -> int:
        check_size(len(stdin))
        return int(fn(sh, list(argv), io))

    return ExecResult(
        guarded(
            sh, body, lambda text: emit(err_fd, text), shell=posixpath.basename(argv[0]) in SHELLS
        ),
        chunks,
    )


def guarded(
    sh: Shell, body: Callable[[], int], err: Callable[[str], None], shell: bool = True
) -> int:
    """Run ``body`` and turn the ways a simulated process ends into its exit code and message."""
    try:
        return body()
    except ShellExit as e:
        return e.code
    except ContainerGone:
        return GONE_EXIT
    except (LoopLimit, RecursionError) as e:
        why = str(e) if isinstance(e, LoopLimit) else "commands nested too deeply"
        err(
            f"minikube-lite: the simulated shell stopped this command ({why}); it never "
            "runs forever\n"
        )
        return LOOP_EXIT
    except OutOfMemory as e:
        text, code = out_of_memory(sh, e.size, shell)
        err(text)
        return code


def out_of_memory(sh: Shell, size: int, shell: bool) -> tuple[str, int]:
    """What a shell (exit 2) or a program (exit 1) prints when an allocation fails."""
    if not shell:
        prog = posixpath.basename(sh.name)
        return (f"{prog}: out of memory\n" if sh.ctx.busybox else f"{prog}: memory exhausted\n"), 1
    if sh.dialect == "bash":
        return f"{sh.name}: xmalloc: cannot allocate {size + 1} bytes\n", 2
    if sh.dialect == "dash":
        return f"{sh.name}: 1: Out of space\n", 2
    return f"{sh.name}: out of memory\n", 2


def is_interactive_shell(argv: list[str]) -> bool:
    """``sh``, ``bash -il``, ``/bin/sh``: a shell that would read commands from stdin."""
    if not argv or posixpath.basename(argv[0]) not in SHELLS:
        return False
    rest = argv[1:]
    return all(a.startswith("-") and "c" not in a[1:] for a in rest)
