"""The Makefile's editable installs stay on the fast start-up path.

A plain ``pip install -e`` (setuptools' strict mode) installs an import finder that every Python
process of the venv runs at start-up (it imports pathlib, importlib.util and fnmatch: ~16 ms per
command, measured with ``python -X importtime -m minikube_lite get deploy -o json``); the
``compat`` mode is a one-line path entry, as a non-editable install is.
"""

from __future__ import annotations

import re
from pathlib import Path

MAKEFILE = Path(__file__).resolve().parents[3] / "Makefile"


def test_every_editable_install_is_in_compat_mode() -> None:
    lines = [ln for ln in MAKEFILE.read_text().splitlines() if re.search(r"pip install.* -e ", ln)]
    assert len(lines) >= 3  # install, dev, lint
    for line in lines:
        assert "--config-settings editable_mode=compat" in line, line
