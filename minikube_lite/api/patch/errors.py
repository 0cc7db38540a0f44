"""The patch engine's error: its message is the Go error text kubectl prints after ``error: ``.

``err_*`` are k8s.io/apimachinery/pkg/util/mergepatch/errors.go (ErrBadArgType, ErrNoMergeKey,
ErrBadPatchType), which strategicpatch raises.
"""

from __future__ import annotations

from minikube_lite.api.patch.govalue import go_fmt, go_fmt_s, go_type
from minikube_lite.errors import MklError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class PatchError(MklError):
    """A patch could not be applied; the message is the Go error text kubectl prints."""

    def __init__(self, message: str) -> None:
        super().__init__(message.rstrip("\n"))


def err_bad_arg_type(expected: str, actual: Any) -> PatchError:
    """mergepatch.ErrBadArgType."""
    return PatchError(f"expected a {expected}, but received a {go_type(actual)}")


def err_no_merge_key(m: dict[str, Any], key: str) -> PatchError:
    """mergepatch.ErrNoMergeKey."""
    return PatchError(f"map: {go_fmt(m)} does not contain declared merge key: {key}")


def err_bad_patch_type(t: Any, m: dict[str, Any]) -> PatchError:
    """mergepatch.ErrBadPatchType."""
    return PatchError(f"unknown patch type: {go_fmt_s(t)} in map: {go_fmt(m)}")
