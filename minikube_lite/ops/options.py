"""What a verb's ``complete(flags)`` reads: the parsed command line, seen through a protocol.

kubectl's commands are ``XxxOptions`` with ``Complete`` (flags and args -> a typed record),
``Validate`` (every problem at once) and ``Run`` (the work against the cluster)
(``staging/src/k8s.io/kubectl/pkg/cmd/rollout/rollout_pause.go``).  The ops layer never sees
the CLI's Invocation, only this protocol, which the Invocation satisfies.
"""

from __future__ import annotations

from minikube_lite import errors

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Protocol
else:
    Protocol = object  # structural typing is the type checker's; at run time a plain base


class Flags(Protocol):
    """The parsed words and flags of one command line."""

    @property
    def args(self) -> list[str]: ...

    def flag(self, name: str) -> Any: ...

    def given(self, name: str) -> bool: ...

    def warn(self, where: str, msg: str) -> None:
        """Print a klog warning now (``where``: the upstream file:line kubectl logs)."""
        ...


def field_manager(flags: Flags, default: str) -> str:
    """``--field-manager`` (kubectl's AddFieldManagerFlagVar; the verb's manager by default)."""
    return str(flags.flag("field-manager") or default)


# strconv.ParseBool's spellings: the deprecated boolean --dry-run values.
_TRUE = frozenset({"1", "t", "T", "TRUE", "true", "True"})
_FALSE = frozenset({"0", "f", "F", "FALSE", "false", "False"})

# value -> (mode, klog location, deprecation message)
_DEPRECATED = {
    **{
        v: (
            "client",
            "helpers.go:728",
            f"--dry-run={v} is deprecated (boolean value) and can be replaced with "
            "--dry-run=client.",
        )
        for v in _TRUE
    },
    **{
        v: (
            "none",
            "helpers.go:731",
            f"--dry-run={v} is deprecated (boolean value) and can be replaced with --dry-run=none.",
        )
        for v in _FALSE
    },
    "unchanged": (
        "client",
        "helpers.go:714",
        "--dry-run is deprecated and can be replaced with --dry-run=client.",
    ),
}


def dry_run_strategy(value: object) -> tuple[str, tuple[str, str] | None]:
    """``--dry-run``: (none|client|server, (klog location, warning) or None).

    Port of cmdutil.GetDryRunStrategy (staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go): a
    bare ``--dry-run`` (its NoOptDefVal ``unchanged``) and the boolean spellings still work,
    with a deprecation warning.
    """
    v = "none" if value is None else str(value)
    if v in _DEPRECATED:
        mode, where, msg = _DEPRECATED[v]
        return mode, (where, msg)
    if v not in ("none", "client", "server"):
        raise errors.MklError(
            f'Invalid dry-run value ({v}). Must be "none", "server", or "client".'
        )
    return v, None


def dry_run(flags: Flags) -> str:
    """``--dry-run`` of a command line; a deprecated spelling warns at once, as kubectl does."""
    mode, warning = dry_run_strategy(flags.flag("dry-run"))
    if warning:
        flags.warn(*warning)
    return mode


def op_suffix(op: str, dry: str) -> str:
    """The printer's operation with the dry-run marker: ``deleted (server dry run)``."""
    if dry == "client":
        return f"{op} (dry run)"
    if dry == "server":
        return f"{op} (server dry run)"
    return op
