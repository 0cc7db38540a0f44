"""``proxy [--port=8001] [--address=127.0.0.1] [--api-prefix=/] [--accept-hosts=...]``.

Port of kubectl ``cmd/proxy/proxy.go`` (ProxyOptions Complete/Validate/RunProxy): the cluster's
API on plain HTTP without credentials (server/proxy.py), ``Starting to serve on HOST:PORT``,
until Ctrl-C (exit 130).
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.cli.app import Invocation

FILTER_DISABLED = (
    "Request filter disabled, your proxy is vulnerable to XSRF attacks, please be cautious"
)


def proxy(inv: Invocation) -> None:
    if inv.args:
        raise inv.usage_error(f'unknown command "{inv.args[0]}" for "{inv.prog} proxy"')
    port = int(inv.flag("port"))
    if not 0 <= port <= 65535:
        raise errors.MklError(f"listen tcp: address {port}: invalid port")
    from minikube_lite.server import proxy as server_proxy
    from minikube_lite.store import persist

    filt = None
    if inv.flag("disable-filter"):
        inv.io.err(f"W0000 proxy.go] {FILTER_DISABLED}\n")
    else:
        filt = server_proxy.Filter(
            accept_paths=server_proxy.make_regexp_array(str(inv.flag("accept-paths"))),
            reject_paths=server_proxy.make_regexp_array(str(inv.flag("reject-paths"))),
            accept_hosts=server_proxy.make_regexp_array(str(inv.flag("accept-hosts"))),
            reject_methods=server_proxy.make_regexp_array(str(inv.flag("reject-methods"))),
        )
    name = persist.profile_name(inv.profile)
    from minikube_lite.ops import session

    with session.open_cluster(name):  # create the profile on first use, as every command does
        pass
    up = server_proxy.start(
        name, str(inv.flag("address")), port, str(inv.flag("api-prefix") or "/"), filt
    )
    inv.io.out(f"Starting to serve on {up.address}\n")
    inv.io.flush()
    try:
        up.server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        raise errors.Interrupted() from None
    finally:
        up.close()
