"""``dashboard [--port N] [--address IP] [--no-open] [--url]``: the cluster as a local web page.

minikube's ``dashboard``: the URL (with its random token) goes to stdout, alone with ``--url``;
otherwise a browser is opened on it unless ``--no-open``.  The page is served from this process
until Ctrl-C (exit 130).  The server lives in minikube_lite/dashboard/, imported only here.
"""

from __future__ import annotations

import signal
import threading

from minikube_lite import errors
from minikube_lite.cli.app import Invocation

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

POLL = 0.5  # wall seconds between two looks at the stop flag (keeps Ctrl-C responsive)


def dashboard(inv: Invocation) -> None:
    """``dashboard``: DashboardOptions (complete, validate), serve, announce, wait for Ctrl-C."""
    from minikube_lite.dashboard import server

    opts = server.DashboardOptions.complete(inv)
    errs = opts.validate()
    if errs:
        raise errs[0]
    board = server.Dashboard(inv.profile, opts.address, opts.port)
    previous = _on_signals()
    try:
        board.start()
        _announce(inv, board.url, opts)
        done = threading.Event()
        while not done.wait(POLL):
            pass
    except KeyboardInterrupt:
        raise errors.Interrupted() from None
    finally:
        board.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _announce(inv: Invocation, url: str, opts: Any) -> None:
    """The URL on stdout; with a browser to open, minikube's line on stderr, then open it."""
    from minikube_lite.dashboard import server

    inv.io.out(url + "\n")
    inv.io.flush()
    if opts.url_only:
        return
    tty = inv.io.tty
    if opts.open_browser:
        if server.open_browser(url, inv.io.env):
            inv.io.err(f"{'🎉  ' if tty else '* '}Opening {url} in your default browser...\n")
        else:
            inv.io.err(f"{'😿  ' if tty else '! '}No browser to open here: open the URL above.\n")
    inv.io.err(
        f"{'❗  ' if tty else '! '}Because minikube-lite serves the dashboard from this process, "
        "the terminal needs to be open to run it.\n"
    )


def _on_signals() -> dict[int, Any]:
    """SIGINT and SIGTERM stop the server, even when the shell started us with SIGINT ignored."""
    if threading.current_thread() is not threading.main_thread():
        return {}

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    return {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
