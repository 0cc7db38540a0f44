"""Field errors as the API server words them: field.Required, field.Invalid, ... and ErrorBody.

Port of k8s.io/apimachinery/pkg/util/validation/field/errors.go.  ``FieldError`` itself (a path
and the rendered detail) lives in ``minikube_lite.errors`` with ``InvalidError``; these helpers
build its text.  Bad values are rendered as 1.34's ErrorBody does: ints plain, strings
Go-quoted, everything else compact JSON (encoding/json).
"""

from __future__ import annotations

from minikube_lite.api.patch import govalue
from minikube_lite.api.patch.govalue import go_quote
from minikube_lite.api.quantity import Quantity
from minikube_lite.errors import FieldError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

Errs = list[FieldError]


class Raw(str):
    """A value already rendered (used for Go structs whose JSON field order matters)."""


def go_json(v: Any) -> str:
    """encoding/json.Marshal (govalue.go_json); a Raw value is already rendered."""
    if isinstance(v, Raw):
        return str(v)
    return govalue.go_json(str(v) if isinstance(v, Quantity) else v)


def render(v: Any) -> str:
    """How field.Error.ErrorBody prints a bad value in 1.34."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)) and not isinstance(v, Raw):
        return str(v)
    if isinstance(v, str) and not isinstance(v, Raw):
        return go_quote(v)
    return go_json(v)


def required(path: str, detail: str = "") -> FieldError:
    """field.Required."""
    return FieldError(path, "Required value" + (f": {detail}" if detail else ""))


def forbidden(path: str, detail: str) -> FieldError:
    """field.Forbidden."""
    return FieldError(path, f"Forbidden: {detail}")


def invalid(path: str, value: Any, detail: str) -> FieldError:
    """field.Invalid."""
    return FieldError(path, f"Invalid value: {render(value)}" + (f": {detail}" if detail else ""))


def not_supported(path: str, value: Any, valid: list[str]) -> FieldError:
    """field.NotSupported (valid values Go-quoted, in the given order)."""
    detail = "supported values: " + ", ".join(go_quote(v) for v in valid) if valid else ""
    return FieldError(
        path, f"Unsupported value: {render(value)}" + (f": {detail}" if detail else "")
    )


def duplicate(path: str, value: Any) -> FieldError:
    """field.Duplicate."""
    return FieldError(path, f"Duplicate value: {render(value)}")


def not_found(path: str, value: Any) -> FieldError:
    """field.NotFound."""
    return FieldError(path, f"Not found: {render(value)}")


def too_long(path: str, max_len: int) -> FieldError:
    """field.TooLong."""
    return FieldError(path, f"Too long: may not be more than {max_len} bytes")


def invalid_each(path: str, value: Any, msgs: list[str]) -> Errs:
    """One field.Invalid per message of a string check (``for _, msg := range IsXxx(v)``)."""
    return [invalid(path, value, m) for m in msgs]


def as_int(v: Any, default: int = 0) -> int:
    """A decoded JSON integer (never a bool), else ``default``."""
    return v if isinstance(v, int) and not isinstance(v, bool) else default
