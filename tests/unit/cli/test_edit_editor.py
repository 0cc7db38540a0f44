"""cli/cmd_edit.py's Editor: which editor, and how its command line is split (editor.go)."""

from __future__ import annotations

import re

import pytest

from minikube_lite.cli import cmd_edit


@pytest.mark.parametrize(
    ("env", "argv"),
    [
        pytest.param({}, ["vi", "/f"], id="default-vi"),
        pytest.param(
            {"EDITOR": "nano", "KUBE_EDITOR": "code -w"}, ["code", "-w", "/f"], id="kube-first"
        ),
        pytest.param({"EDITOR": "emacs -nw"}, ["emacs", "-nw", "/f"], id="split-on-spaces"),
        pytest.param(
            {"EDITOR": "vim -c 'set ft=yaml'", "SHELL": "/bin/zsh"},
            ["/bin/zsh", "-c", "vim -c 'set ft=yaml' \"/f\""],
            id="quotes-go-to-the-shell",
        ),
        pytest.param(
            {"EDITOR": "ed 'x'"}, ["/bin/bash", "-c", "ed 'x' \"/f\""], id="default-shell"
        ),
    ],
)
def test_editor_from_env(env: dict[str, str], argv: list[str]) -> None:
    assert cmd_edit.Editor.from_env(env).argv("/f") == argv


def test_temp_file_is_kubectls_pattern(tmp_path) -> None:
    path = cmd_edit.temp_file("kubectl-edit-", ".yaml", {"TMPDIR": str(tmp_path)})
    assert re.fullmatch(re.escape(str(tmp_path)) + r"/kubectl-edit-[a-z0-9]{5}\.yaml", path)
    assert (tmp_path / path.rsplit("/", 1)[1]).stat().st_mode & 0o777 == 0o600
