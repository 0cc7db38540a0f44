"""``edit`` and ``create --edit``: the editor, its temp file, and kubectl's edit loop.

Port of kubectl's ``staging/src/k8s.io/kubectl/pkg/cmd/util/editor/editor.go`` (Editor,
defaultEnvEditor, defaultEnvShell, Launch, LaunchTempFile) and of the loop in
``staging/src/k8s.io/kubectl/pkg/cmd/util/editor/editoptions.go`` (EditOptions.Run,
preservedFile).  The profile lock is never held while the editor runs: the objects are read
under one short hold (ops.edit.EditOptions.read), the edit is applied under another.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable

from minikube_lite import errors
from minikube_lite.api import objects as o
from minikube_lite.api.objects import Obj
from minikube_lite.cli import output
from minikube_lite.cli import targets as cli_targets
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import edit as ops
from minikube_lite.ops import manifests, session, targets
from minikube_lite.records import dataclass, field

_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


@dataclass(frozen=True, slots=True)
class Editor:
    """Port of editor.Editor: the command line, and whether it goes through ``$SHELL -c``."""

    args: tuple[str, ...]
    shell: bool = False

    @classmethod
    def from_env(cls, env: dict[str, str]) -> Editor:
        """Port of defaultEnvEditor: KUBE_EDITOR, then EDITOR, then ``vi``.

        A command with spaces is split on them; one with quotes or backslashes is handed to
        the user's shell (``$SHELL``, else ``/bin/bash``) with ``-c``.
        """
        editor = env.get("KUBE_EDITOR") or env.get("EDITOR") or "vi"
        if " " not in editor:
            return cls((editor,))
        if not any(c in editor for c in "\"'\\"):
            return cls(tuple(editor.split(" ")))
        return cls((env.get("SHELL") or "/bin/bash", "-c", editor), shell=True)

    def argv(self, path: str) -> list[str]:
        """Port of Editor.args: the path appended, or quoted into the shell's command."""
        if self.shell:
            return [*self.args[:-1], f"{self.args[-1]} {go_quote(path)}"]
        return [*self.args, path]

    def launch(self, path: str, env: dict[str, str]) -> None:
        """Port of Editor.Launch: run the editor on the terminal, wait for it."""
        import subprocess

        shown = " ".join(self.args)
        argv = self.argv(os.path.abspath(path))
        # as term.TTY.Safe: a Ctrl-C typed in the editor is the editor's, not ours (a handler,
        # not SIG_IGN, which the editor would inherit)
        old = _set_sigint(_ignore)
        try:
            code = subprocess.call(argv, env=env)  # the user's editor, as kubectl runs it
        except OSError:
            raise errors.MklError(f'unable to launch the editor "{shown}"') from None
        finally:
            _set_sigint(old)
        if code != 0:
            raise errors.MklError(f'there was a problem with the editor "{shown}"')

    def launch_temp(
        self, prefix: str, suffix: str, text: str, env: dict[str, str]
    ) -> tuple[str, str]:
        """Port of LaunchTempFile: write ``text`` to a new temp file, edit it, read it back.

        Returns (the edited text, the file's path); the file is left for the caller.
        """
        path = temp_file(prefix, suffix, env)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        self.launch(path, env)
        with open(path, encoding="utf-8", errors="replace", newline="") as f:
            return f.read(), path


def _ignore(signum: int, frame: object) -> None:
    """SIGINT while the editor runs: nothing (the editor got it too)."""


def _set_sigint(handler: object) -> object:
    """Install a SIGINT handler (main thread only); returns the previous one."""
    import signal

    if handler is None:
        return None
    try:
        return signal.signal(signal.SIGINT, handler)  # type: ignore[arg-type]
    except ValueError:  # not the main thread: leave signals alone
        return None


def go_quote(s: str) -> str:
    """Go's %q for a path (printable text: backslashes and double quotes escaped)."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def temp_file(prefix: str, suffix: str, env: dict[str, str]) -> str:
    """Port of editor.tempFile: ``$TMPDIR/<prefix><5 of a-z0-9><suffix>``, created 0600."""
    directory = env.get("TMPDIR") or "/tmp"  # os.TempDir
    for _ in range(10000):
        name = "".join(_LETTERS[b % len(_LETTERS)] for b in os.urandom(5))
        path = os.path.join(directory, prefix + name + suffix)
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        except OSError as e:
            raise errors.MklError(f"open {path}: {str(e.strerror).lower()}") from None
        os.close(fd)
        return path
    raise errors.MklError(f"open {directory}: could not create a temporary file")


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)


def preserved(inv: Invocation, err: errors.MklError, path: str) -> errors.MklError:
    """Port of preservedFile: say where the changes are kept (if that file exists)."""
    if path and os.path.exists(path):
        inv.io.err(f"A copy of your changes has been stored to {go_quote(path)}\n")
    return err


def render(opts: ops.EditOptions, objs: list[Obj]) -> str:
    """The objects as the editor shows them: one object, or a ``List`` of several."""
    from minikube_lite.printers.formats import json as jsonfmt

    shown: Obj = objs[0] if len(objs) == 1 else ops.edit_list(objs)
    shown = jsonfmt.omit_managed_fields(shown)
    if opts.output == "json":
        return jsonfmt.to_json(shown)
    from minikube_lite.printers.formats import yaml as yamlfmt

    return yamlfmt.to_yaml(shown)


@dataclass(slots=True)
class _Pass:
    """What the loop carries from one editor session to the next."""

    reasons: list[ops.Reason] = field(default_factory=list)
    file: str = ""
    contains_error: bool = False
    original: str = ""
    edited: str = ""


Apply = Callable[[list[manifests.Manifest]], ops.Applied]


def edit_loop(
    inv: Invocation, opts: ops.EditOptions, objs: list[Obj], namespace: str, apply: Apply
) -> None:
    """Port of EditOptions.Run's editFn: edit until applied, cancelled, or failed."""
    editor = Editor.from_env(inv.io.env)
    st = _Pass()
    while True:
        if not _edit_once(inv, opts, editor, objs, st):
            return
        try:
            docs = opts.parse(st.edited)
        except errors.MklError as e:
            st.contains_error = True
            msg = e.message.removeprefix("error: ")
            st.reasons = [ops.Reason(f"The edited file had a syntax error: {msg}")]
            continue
        st.contains_error = False
        try:
            opts.prepare(docs, namespace)
            result = apply(docs)
        except errors.MklError as e:
            raise preserved(inv, e, st.file) from None
        if not _report(inv, opts, result, st.file):
            return
        st.reasons, st.contains_error = result.reasons, bool(result.reasons)


def _edit_once(
    inv: Invocation, opts: ops.EditOptions, editor: Editor, objs: list[Obj], st: _Pass
) -> bool:
    """One editor session; False when the edit ends here (no change, empty file)."""
    buf = opts.header(st.reasons)
    if not st.contains_error:
        st.original = buf = buf + render(opts, objs)
    else:
        buf += ops.manual_strip(st.edited)
    if opts.windows_line_endings:
        buf = buf.replace("\n", "\r\n")
    previous = st.edited
    try:
        st.edited, path = editor.launch_temp(f"{inv.prog}-edit-", opts.ext, buf, inv.io.env)
    except errors.MklError as e:
        raise preserved(inv, e, st.file) from None
    if st.contains_error and ops.strip_comments(previous) == ops.strip_comments(st.edited):
        raise preserved(inv, errors.MklError(ops.NO_VALID_CHANGES), path)
    if st.file:
        _remove(st.file)
    ended = ""
    if ops.strip_comments(st.original) == ops.strip_comments(st.edited):
        ended = ops.NO_CHANGES
    elif not ops.has_lines(st.edited):
        ended = ops.EMPTY
    if ended:
        _remove(path)
        inv.io.err(ended + "\n")
        return False
    st.file, st.reasons = path, []
    return True


def _report(inv: Invocation, opts: ops.EditOptions, result: ops.Applied, path: str) -> bool:
    """Print each object's outcome; True when the file must be edited again (invalid objects)."""
    for s in result.steps:
        if s.patch is not None:
            from minikube_lite.printers.formats import json as jsonfmt

            inv.io.out(f"Patch: {jsonfmt.json_compact(s.patch)}\n")
        if s.error:
            inv.io.err(s.error + "\n")
        elif s.obj is not None:
            output.emit(inv, s.obj, s.op)
    if result.retryable:
        inv.io.err(f"You can run `{inv.prog} replace -f {path}` to try this update again.\n")
        raise errors.PlainError("")
    if result.notfound:
        inv.io.err(f"The edits you made on deleted resources have been saved to {go_quote(path)}\n")
        raise errors.PlainError("")
    if not result.invalid:
        _remove(path)
        return False
    return True


def edit(inv: Invocation) -> None:
    """``edit (RESOURCE/NAME | -f FILENAME)``: read, release the lock, edit, lock, patch."""
    opts = ops.EditOptions.complete(inv, inv.change_cause(), create_mode=False)
    targets.raise_first(opts.validate())
    sel = cli_targets.selection(inv, allow_empty_selector=True)
    with session.open_cluster(inv.profile) as cluster:
        original = opts.read(cluster, sel)

    def apply(docs: list[manifests.Manifest]) -> ops.Applied:
        with session.open_cluster(inv.profile) as cluster:
            return opts.apply(cluster, original, docs)

    objs = [obj for _, obj in original.objects]
    edit_loop(inv, opts, objs, original.namespace, apply)


def create_with_edit(inv: Invocation) -> None:
    """``create --edit -f FILE``: each object of the files is edited, then created."""
    opts = ops.EditOptions.complete(inv, inv.change_cause(), create_mode=True)
    targets.raise_first(opts.validate())
    files = list(opts.filenames)
    if not files:
        raise errors.MklError("must specify one of -f and -k")
    docs = targets.load_docs(files, cli_targets.stdin_text(inv, files))
    with session.open_cluster(inv.profile) as cluster:
        from minikube_lite.ops import resources

        namespace = resources.current_namespace(cluster, opts.namespace)
    original = ops.Original((), namespace)

    def apply(edited: list[manifests.Manifest]) -> ops.Applied:
        with session.open_cluster(inv.profile) as cluster:
            return opts.apply(cluster, original, edited)

    for m in docs:
        obj = o.deepcopy(m.obj)
        ops.require_namespace(manifests.Manifest(m.source, obj, m.kind), namespace)
        edit_loop(inv, opts, [obj], namespace, apply)


def edit_last_applied(inv: Invocation) -> None:
    """``apply edit-last-applied (RESOURCE/NAME | -f FILENAME)``: the last-applied annotations in
    the editor; on save each changed one is patched back (ops/edit_last_applied.py)."""
    from minikube_lite.ops import edit_last_applied as ela

    opts = ops.EditOptions.complete(inv, None, create_mode=False, apply_mode=True)
    targets.raise_first(opts.validate())
    sel = cli_targets.selection(inv, allow_empty_selector=True)
    with session.open_cluster(inv.profile) as cluster:
        original = opts.read(cluster, sel)
    shown = ela.annotations_of(original)

    def apply(docs: list[manifests.Manifest]) -> ops.Applied:
        with session.open_cluster(inv.profile) as cluster:
            return ela.apply(cluster, shown, docs, original.namespace, opts.manager)

    edit_loop(inv, opts, shown, original.namespace, apply)
