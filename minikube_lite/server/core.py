"""What every part of the API server shares: the request, the answer, the server's state.

``ApiServer.look`` runs one ``ops.session`` cycle under the profile's lock and also serialises
this process's threads (a cycle owns process-wide state such as the garbage collector's policy).
Streams (watch, exec, port-forward, ``logs -f``) take it only for each look and write without it.
"""

from __future__ import annotations

import hmac
import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from minikube_lite import errors
from minikube_lite.ops import session
from minikube_lite.server import status

JSON = "application/json"
PROTOBUF = "application/vnd.kubernetes.protobuf"
_JSON_TYPES = frozenset({"", JSON, "*/*"})
_YAML_TYPES = frozenset({"application/yaml", "application/x-yaml", "text/yaml"})
# The media types a body may be sent in (negotiation: what the API server lists in its 415).
BODY_TYPES = ("application/json", "application/yaml", "application/vnd.kubernetes.protobuf")


def unsupported_media_type(accepted: tuple[str, ...]) -> errors.ServerError:
    """negotiation.NewUnsupportedMediaTypeError: 415 with the types the request could use."""
    return errors.ServerError(
        "the body of the request was in an unknown format - accepted media types include: "
        + ", ".join(accepted),
        "UnsupportedMediaType",
    )


class Response:
    """An answer with a body; ``Response.streamed()`` when the handler wrote it itself."""

    __slots__ = ("body", "code", "content_type", "headers")

    def __init__(
        self, code: int, content_type: str, body: bytes, headers: dict[str, str] | None = None
    ) -> None:
        self.code, self.content_type, self.body = code, content_type, body
        self.headers = headers or {}

    @classmethod
    def json(cls, doc: Any, content_type: str = JSON, code: int = 200) -> Response:
        return cls(code, content_type, json.dumps(doc, separators=(",", ":")).encode())

    @classmethod
    def status(cls, doc: dict[str, Any]) -> Response:
        return cls.json(doc, code=int(doc.get("code", 500)))

    @classmethod
    def streamed(cls) -> Response:
        return cls(0, "", b"")


class Request:
    """One HTTP request, parsed."""

    __slots__ = ("body", "handler", "headers", "method", "path", "query")

    def __init__(
        self, method: str, target: str, headers: Any, body: bytes, handler: BaseHTTPRequestHandler
    ) -> None:
        parts = urlsplit(target)
        self.method = method
        self.path = parts.path
        self.query = parse_qs(parts.query, keep_blank_values=True)
        self.headers = headers
        self.body = body
        self.handler = handler  # for streams: the socket, rfile and wfile

    def param(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[-1] if values else default

    def flag(self, name: str) -> bool:
        return (self.param(name) or "").lower() in ("true", "1")

    @property
    def accept(self) -> str:
        return str(self.headers.get("Accept") or "")

    @property
    def content_type(self) -> str:
        return str(self.headers.get("Content-Type") or "").split(";")[0].strip()

    def document(self) -> Any:
        """The body as a JSON value: JSON (``application/json``, ``*+json``) or YAML
        (``application/yaml``) or protobuf (kubectl's typed clients; ``server/protobuf.py``) by
        Content-Type, with the API server's decode errors (400) and 415 for other media types."""
        ctype = self.content_type.lower()
        if ctype == PROTOBUF:
            from minikube_lite.server import protobuf

            return protobuf.decode(self.body)
        text = self.body.decode("utf-8", "replace")
        if ctype in _YAML_TYPES or ctype.endswith("+yaml"):
            from minikube_lite.api.patch import decode

            try:
                docs = decode.yaml_documents(text, first_only=True)
            except decode.YAMLToJSONError as e:
                raise errors.BadRequestError(f"error converting YAML to JSON: {e.detail}") from None
            return docs[0] if docs else None
        if ctype in _JSON_TYPES or ctype.endswith("+json"):
            from minikube_lite.api.patch import decode, gojson

            try:
                return decode.loads_json(text)
            except ValueError:
                raise errors.BadRequestError(
                    "couldn't get version/kind; json parse error: " + gojson.go_json_error(text)
                ) from None
        raise unsupported_media_type(BODY_TYPES)

    def impersonation(self) -> tuple[str | None, list[str]]:
        user = self.headers.get("Impersonate-User") or None
        groups = self.headers.get_all("Impersonate-Group") or []
        return user, [str(g) for g in groups]


Handler = Callable[["ApiServer", Request], Response]


class ApiServer:
    """What the request threads share: the profile, the token, the lock over cycles."""

    def __init__(self, profile: str, token: str, address: str = "127.0.0.1:0") -> None:
        self.profile = profile
        self.token = token
        self.address = address
        self.cycle_lock = threading.RLock()
        self.stop = threading.Event()
        self.hub: Any = None  # server.hub.Hub: the watch event log, made by the first list/watch
        self.threads: list[threading.Thread] = []  # the tick thread and the poller (ticker.start)

    def close(self, timeout: float = 10.0) -> None:
        """Stop the background threads: set ``stop``, wake the tick thread, wait for both."""
        self.stop.set()
        if self.hub is not None:
            self.hub.kick.set()
        for t in self.threads:
            t.join(timeout)

    def look(
        self, fn: Callable[[Any], Response], *, save: bool = True, advance: bool = True
    ) -> Response:
        """Run ``fn(cluster)`` in one session cycle; errors become Status answers.

        With a hub, every write of the cycle (clock catch-up, ``fn``, settle) becomes a watch
        event once the cycle saved.
        """
        hub = self.hub
        try:
            with self.cycle_lock:
                with session.open_cluster(
                    self.profile,
                    create=False,
                    save=save,
                    advance=advance,
                    on_load=None if hub is None else hub.on_load,
                ) as c:
                    resp = fn(c)
                if hub is not None:
                    hub.commit(c)
                return resp
        except errors.MklError as e:
            return Response.status(status.from_error(e))

    def authorized(self, req: Request) -> bool:
        got = str(req.headers.get("Authorization") or "")
        return hmac.compare_digest(got.encode(), f"Bearer {self.token}".encode())
