"""Which pod stream answers ``pods/P/{exec,attach,portforward,log}`` (one import for routes)."""

from __future__ import annotations

from minikube_lite.server import status
from minikube_lite.server.core import ApiServer, Request, Response
from minikube_lite.server.paths import Target


def pod_streams(api: ApiServer, req: Request, t: Target) -> Response:
    """``GET|POST .../pods/P/exec``, ``.../attach``, ``.../portforward``; ``GET .../log``."""
    if req.method not in ("GET", "POST") or (t.subresource == "log" and req.method != "GET"):
        return Response.status(
            status.status(405, "MethodNotAllowed", "the server does not allow this method")
        )
    if t.subresource == "log":
        from minikube_lite.server import podlogs

        return podlogs.logs_(api, req, t)
    if t.subresource == "portforward":
        from minikube_lite.server import portforward

        return portforward.portforward(api, req, t)
    from minikube_lite.server import podexec

    if t.subresource == "attach":
        return podexec.attach(api, req, t)
    return podexec.exec_(api, req, t)
