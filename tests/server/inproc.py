"""Requests straight to routes.dispatch, without sockets or TLS (a helper, not a test module)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator, Sequence
from email.message import Message
from typing import Any

from minikube_lite.server import routes
from minikube_lite.server.core import ApiServer, Request
from minikube_lite.store import persist

D = "/apis/apps/v1/namespaces/default/deployments"
SMP = "application/strategic-merge-patch+json"
MERGE = "application/merge-patch+json"
JSONPATCH = "application/json-patch+json"
Call = Callable[..., tuple[int, Any, dict[str, str]]]


@contextlib.contextmanager
def caller(profile: str | None = None) -> Iterator[Call]:
    """``call(method, path, body, content_type, headers=[(k, v)])`` -> (code, doc, headers),
    for an API server of ``profile`` (which must exist), closed at the end of the block (a
    watch starts the tick thread and the poller: left running, they would go on opening
    cycles on the next tests' profiles)."""
    api = ApiServer(persist.profile_name(profile), "t0ken")

    def run(
        method: str,
        path: str,
        body: Any = None,
        content_type: str = "application/json",
        headers: Sequence[tuple[str, str]] = (),
    ) -> tuple[int, Any, dict[str, str]]:
        h = Message()
        h["Authorization"] = "Bearer t0ken"
        if content_type:
            h["Content-Type"] = content_type
        for k, v in headers:
            h[k] = v
        raw = (
            body if isinstance(body, bytes) else b"" if body is None else json.dumps(body).encode()
        )
        resp = routes.dispatch(api, Request(method, path, h, raw, None))  # type: ignore[arg-type]
        return resp.code, json.loads(resp.body), resp.headers

    try:
        yield run
    finally:
        api.close()
