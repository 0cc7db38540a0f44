"""``metav1.Status`` answers: what the API server sends for an error, and its HTTP code.

kubectl prints ``Error from server (<reason>): <message>`` from these, so an mkl error raised by
the shared write path reaches a real kubectl with the text mkl's own CLI prints.
"""

from __future__ import annotations

from typing import Any

from minikube_lite import errors

# reason -> HTTP code (apimachinery's pkg/api/errors constructors)
CODES = {
    "BadRequest": 400,
    "Unauthorized": 401,
    "Forbidden": 403,
    "NotFound": 404,
    "MethodNotAllowed": 405,
    "NotAcceptable": 406,
    "AlreadyExists": 409,
    "Conflict": 409,
    "Gone": 410,
    "RequestEntityTooLarge": 413,
    "UnsupportedMediaType": 415,
    "Invalid": 422,
    "TooManyRequests": 429,
    "InternalError": 500,
    "Timeout": 504,
}


def status(
    code: int, reason: str, message: str, details: dict[str, Any] | None = None
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Failure",
        "message": message,
    }
    if reason:
        doc["reason"] = reason
    if details:
        doc["details"] = details
    doc["code"] = code
    return doc


def from_error(err: errors.MklError) -> dict[str, Any]:
    """The Status for an error raised while serving a request."""
    if isinstance(err, errors.InvalidError):
        causes = [
            {"reason": "FieldValueInvalid", "message": c.body, "field": c.path} for c in err.causes
        ]
        return status(
            422, "Invalid", err.message, {"name": err.name, "kind": err.kind, "causes": causes}
        )
    if isinstance(err, errors.ServerError):
        reason = err.reason
        return status(CODES.get(reason, 500), reason, err.message, getattr(err, "details", None))
    return status(400, "BadRequest", err.message.removeprefix("error: "))


def not_found_path() -> dict[str, Any]:
    """A path nothing serves: the text kubectl prints as 'the server could not find ...'."""
    return status(404, "NotFound", "the server could not find the requested resource", {})
