"""Routing: which handler answers a request (method, path), after the token check.

Discovery and ``/version`` are answered here; resource requests go to the module of their verb
(``reads`` for GET).  Errors raised anywhere become ``metav1.Status`` answers.
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.ops import session
from minikube_lite.server import (
    auth,
    discovery,
    paths,
    reads,
    status,
    subresources,
    ticker,
    writes,
)
from minikube_lite.server.core import ApiServer, Request, Response


def version() -> dict[str, str]:
    """``GET /version``: the server version mkl's ``version`` command reports."""
    return {
        "major": "1",
        "minor": "34",
        "gitVersion": "v1.34.0",
        "gitCommit": "0000000000000000000000000000000000000000",
        "gitTreeState": "clean",
        "buildDate": "2025-08-27T00:00:00Z",
        "goVersion": "go1.24.6",
        "compiler": "gc",
        "platform": "linux/amd64",
    }


def _discovery(api: ApiServer, req: Request) -> Response | None:
    path = req.path.rstrip("/") or "/"
    if path in ("/api", "/apis"):
        if "as=APIGroupDiscoveryList" in req.accept and "v=v2" in req.accept:
            return Response.json(discovery.aggregated(path == "/api"), discovery.AGGREGATED)
        if path == "/api":
            return Response.json(discovery.api_versions(api.address))
        return Response.json(discovery.api_group_list())
    parts = [p for p in path.split("/") if p]
    gv = paths.group_version(parts)
    if gv is not None and not gv[2]:
        doc = discovery.resource_list(gv[0], gv[1])
        return Response.json(doc) if doc is not None else Response.status(status.not_found_path())
    return None


def _resource(api: ApiServer, req: Request) -> Response:
    if req.path.rstrip("/") == ticker.CLOCK_PATH:  # mkl's own: GET/POST the clock
        return ticker.clock_endpoint(api, req)
    t = paths.parse(req.path)
    if t is None:
        return Response.status(status.not_found_path())
    if req.method in ("GET", "HEAD") and t.subresource is None:
        return reads.get(api, req, t)
    if t.resource == "pods" and t.subresource in ("exec", "attach", "log", "portforward"):
        from minikube_lite.server import pods

        return pods.pod_streams(api, req, t)
    # writes, the scale and status subresources, the self-reviews (server/writes.py, auth.py)
    if auth.is_review(t):
        return auth.review(api, req, t)
    written = subresources.handle(api, req, t) if t.subresource else writes.handle(api, req, t)
    if written is not None:
        return written
    return Response.status(
        status.status(
            405,
            "MethodNotAllowed",
            "the server does not allow this method on the requested resource",
        )
    )


def dispatch(api: ApiServer, req: Request) -> Response:
    """Answer one request."""
    if not api.authorized(req):
        return Response.status(status.status(401, "Unauthorized", "Unauthorized"))
    if req.path.startswith("/openapi/"):
        from minikube_lite.server import openapi  # built on first use

        return openapi.serve(req)
    if req.path.rstrip("/") == "/version":
        return Response.json(version())
    try:
        user, groups, _ = auth.impersonation(req)
        with session.acting_as(user, groups):
            return _discovery(api, req) or _resource(api, req)
    except errors.MklError as e:
        return Response.status(status.from_error(e))
