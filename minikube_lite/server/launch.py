"""Start an API server for a profile: certificate, token, listener, kubeconfig.

``mkl serve`` calls ``prepare`` and then serves in the foreground; tests call it and serve on a
thread.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from minikube_lite import errors
from minikube_lite.ops import session
from minikube_lite.records import dataclass
from minikube_lite.server import http, kubeconfig, tlscert
from minikube_lite.server.core import ApiServer
from minikube_lite.store import persist


@dataclass(frozen=True, slots=True)
class Launched:
    server: Any  # http._Server: call serve_forever(), then shutdown() and server_close()
    api: ApiServer
    url: str
    kubeconfig: dict[str, Any]
    kubeconfig_path: Path


def prepare(profile: str | None, address: str, port: int, verbose: bool = False) -> Launched:
    """Bind the listener and write ``$MKL_HOME/kubeconfig``; the profile is created if missing."""
    name = persist.profile_name(profile)
    with session.open_cluster(name):  # create the profile on first use, as every command does
        pass
    api = ApiServer(name, secrets.token_hex(16))
    ca, cert, key = tlscert.make(sorted({address, "127.0.0.1", "::1", "localhost"}))
    keys = Path(persist.private_dir("serve"))
    persist.write_private(keys / f"{name}.crt", cert)
    persist.write_private(keys / f"{name}.key", key)
    tls = http.tls_context(keys / f"{name}.crt", keys / f"{name}.key")
    try:
        srv = http.make_server(api, address, port, tls, verbose=verbose)
    except OSError as e:
        raise errors.MklError(f"listen tcp {address}:{port}: {e.strerror or e}") from None
    host = f"[{address}]" if ":" in address else address
    url = f"https://{host}:{srv.server_address[1]}"
    doc = kubeconfig.document(name, url, api.token, ca)
    path = Path(persist.home()) / "kubeconfig"
    kubeconfig.write(path, doc)
    return Launched(srv, api, url, doc, path)
