"""One error hierarchy, rendered in one place (cli/app.py) as kubectl's CheckErr renders it.

Core code raises these; it never prints and never exits.  ``render()`` returns the exact text
kubectl writes to stderr (without the trailing newline); ``exit_code`` is the process status.
"""

from __future__ import annotations


class MklError(Exception):
    """Base: rendered as ``error: <msg>`` (kubectl helpers.go rule 4)."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def render(self) -> str:
        msg = self.message
        return msg if msg.startswith("error: ") else f"error: {msg}"


class UsageError(MklError):
    """A usage error; kubectl adds ``See '<cmd> -h' for help and examples``."""

    def __init__(
        self, message: str, command_path: str | None = None, flag_error: bool = False
    ) -> None:
        super().__init__(message)
        self.command_path = command_path
        self.flag_error = flag_error

    def render(self) -> str:
        text = super().render()
        if self.command_path:
            if self.flag_error:
                text += f"\nSee '{self.command_path} --help' for usage."
            else:
                text += f"\nSee '{self.command_path} -h' for help and examples"
        return text


class PlainError(MklError):
    """Printed exactly as given (kubectl prints some multi-line messages verbatim)."""

    def render(self) -> str:
        return self.message


class ServerError(MklError):
    """An API status error: ``Error from server (<Reason>): <msg>``."""

    reason = "InternalError"

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        if reason:
            self.reason = reason

    def render(self) -> str:
        return f"Error from server ({self.reason}): {self.message}"

    def with_source(self, source: str, verb: str = "creating") -> ServerError:
        """kubectl's cmdutil.AddSourceToErr: ``error when <verb> "<src>": ...``."""
        err = type(self).__new__(type(self))
        err.__dict__.update(self.__dict__)
        err.message = f'error when {verb} "{source}": {self.message}'
        err.args = (err.message,)
        return err


class UnknownServerError(ServerError):
    """A status with no reason (StatusReasonUnknown, e.g. etcd's errors):
    ``Error from server: <msg>``.
    """

    reason = ""

    def render(self) -> str:
        return f"Error from server: {self.message}"


class RequestEntityTooLargeError(ServerError):
    reason = "RequestEntityTooLarge"


class NotFoundError(ServerError):
    reason = "NotFound"


class AlreadyExistsError(ServerError):
    reason = "AlreadyExists"


class ConflictError(ServerError):
    reason = "Conflict"


class BadRequestError(ServerError):
    reason = "BadRequest"


class ForbiddenError(ServerError):
    reason = "Forbidden"


class TooManyRequestsError(ServerError):
    """429 (errors.NewTooManyRequests); ``details`` is the Status's details (its causes)."""

    reason = "TooManyRequests"

    def __init__(self, message: str, details: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.details = details


class FieldError:
    """One ``field.Error``: ``<path>: <body>``."""

    __slots__ = ("body", "path")

    def __init__(self, path: str, body: str) -> None:
        self.path = path
        self.body = body

    def __str__(self) -> str:
        return f"{self.path}: {self.body}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FieldError) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    def __repr__(self) -> str:
        return f"FieldError({str(self)!r})"


class InvalidError(ServerError):
    """HTTP 422: ``The <Kind> "<name>" is invalid: ...`` (one cause) or the ``* `` list."""

    reason = "Invalid"

    def __init__(self, kind: str, name: str, causes: list[FieldError]) -> None:
        self.kind = kind
        self.name = name
        uniq: list[FieldError] = []
        for c in causes:
            if c not in uniq:
                uniq.append(c)
        self.causes = uniq
        super().__init__(f'{kind} "{name}" is invalid: ' + ", ".join(str(c) for c in uniq))

    def render(self) -> str:
        head = f'The {self.kind} "{self.name}" is invalid: '
        if len(self.causes) == 1:
            return head + str(self.causes[0])
        return head + "\n" + "\n".join(f"* {c}" for c in self.causes)


class WaitTimeoutError(MklError):
    def __init__(self, message: str = "timed out waiting for the condition") -> None:
        super().__init__(message)


class AggregateError(MklError):
    """Several errors, each rendered on its own line, in order."""

    def __init__(self, errors: list[MklError]) -> None:
        self.errors = errors
        super().__init__("\n".join(e.message for e in errors))

    def render(self) -> str:
        return "\n".join(e.render() for e in self.errors)


class ExecExitError(MklError):
    """The remote command failed: ``command terminated with exit code N``, exit N."""

    def __init__(self, code: int) -> None:
        super().__init__(f"command terminated with exit code {code}")
        self.exit_code = code

    def render(self) -> str:
        return self.message


class StoreError(MklError):
    """The state file cannot be read or written."""


class Interrupted(MklError):
    """Ctrl-C: exit 130, no text."""

    exit_code = 130

    def __init__(self) -> None:
        super().__init__("")

    def render(self) -> str:
        return ""
