"""``mkl serve``: the Kubernetes API of the current profile over HTTPS, for the real kubectl.

Binds loopback unless ``--address`` says otherwise (then a warning), writes
``$MKL_HOME/kubeconfig`` (0600) with a context named after the profile, a fresh bearer token and
the server's throw-away CA, prints the URL and serves until Ctrl-C (exit 130).  The server's
modules (``server/``) are imported only here.
"""

from __future__ import annotations

import ipaddress

from minikube_lite import errors
from minikube_lite.cli.app import Invocation


def _loopback(address: str) -> bool:
    if address == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        raise errors.MklError(f"invalid address {address!r}: must be an IP address") from None


def serve(inv: Invocation) -> None:
    if inv.args:
        raise inv.usage_error(f'unknown command "{inv.args[0]}" for "{inv.prog} serve"')
    address = str(inv.flag("address") or "127.0.0.1")
    port = int(inv.flag("port"))
    if not 0 <= port <= 65535:
        raise inv.usage_error(f"--port must be between 0 and 65535, got {port}")
    if not _loopback(address):
        inv.io.err(
            f"warning: serving on {address}: anyone who can reach this address and has the "
            "token controls the cluster\n"
        )
    from minikube_lite.server import kubeconfig, launch

    up = launch.prepare(inv.profile, address, port, verbose=bool(inv.flag("verbose")))
    name = up.api.profile
    inv.io.out(f'Serving the Kubernetes API of profile "{name}" on {up.url}\n')
    inv.io.out(f'kubeconfig: {up.kubeconfig_path} (context "{name}")\n')
    if inv.flag("merge-kubeconfig"):
        target = kubeconfig.user_config_path()
        kubeconfig.merge(target, up.kubeconfig)
        inv.io.out(f'merged context "{name}" into {target} and made it current\n')
    else:
        inv.io.out(f"  export KUBECONFIG={up.kubeconfig_path}\n")
    inv.io.flush()
    try:
        up.server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        raise errors.Interrupted() from None
    finally:
        up.api.close()
        up.server.server_close()
