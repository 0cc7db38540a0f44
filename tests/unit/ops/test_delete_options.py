"""ops.delete.DeleteOptions: Complete fills defaults, Validate reports every problem at once."""

from __future__ import annotations

from typing import Any

import pytest

from minikube_lite import errors
from minikube_lite.ops import delete


class FakeFlags:
    def __init__(self, args: list[str], **flags: Any) -> None:
        self.args = args
        self.flags = {k.replace("_", "-"): v for k, v in flags.items()}

    def flag(self, name: str) -> Any:
        return self.flags.get(name)

    def given(self, name: str) -> bool:
        return name in self.flags

    def warn(self, where: str, msg: str) -> None:
        raise AssertionError(f"unexpected warning {where}: {msg}")


@pytest.mark.parametrize(
    ("flags", "grace", "force"),
    [
        pytest.param({}, -1, False, id="defaults"),
        pytest.param({"grace_period": 0}, 1, False, id="zero-without-force-means-1"),
        pytest.param({"force": True}, 0, True, id="force-alone-means-0"),
        pytest.param({"now": True}, 1, False, id="now-means-1"),
    ],
)
def test_complete_grace_period(flags: dict[str, Any], grace: int, force: bool) -> None:
    opts = delete.DeleteOptions.complete(FakeFlags(["pod", "x"], **flags))
    assert (opts.grace_period, opts.force, opts.dry_run) == (grace, force, "none")


def test_complete_now_and_grace_period() -> None:
    with pytest.raises(errors.MklError, match="--now and --grace-period"):
        delete.DeleteOptions.complete(FakeFlags([], now=True, grace_period=5))


def test_validate_reports_every_error() -> None:
    flags = FakeFlags([], output="json", force=True, grace_period=3)
    msgs = [e.message for e in delete.DeleteOptions.complete(flags).validate()]
    assert msgs == [
        "unexpected -o output mode: json. We only support '-o name'",
        "--force and --grace-period greater than 0 cannot be specified together",
    ]


@pytest.mark.parametrize(
    ("args", "flags", "message"),
    [
        (["pods"], {"all": True, "selector": "a=b"}, delete.ALL_WITH_SELECTOR),
        (["pods"], {"all": True, "field_selector": "a=b"}, delete.ALL_WITH_SELECTOR),
        (["pod", "x"], {"selector": "a=b"}, delete.NAME_WITH_SELECTOR),
        (["pod", "x"], {"all": True}, delete.NAME_WITH_SELECTOR),
    ],
)
def test_the_builders_errors_come_first(
    args: list[str], flags: dict[str, Any], message: str
) -> None:
    """kubectl 1.37: ``delete pods --all -l a=b`` -> setting 'all' parameter but found ..."""
    opts = delete.DeleteOptions.complete(FakeFlags(args, output="json", **flags))
    assert [e.message for e in opts.validate()] == [message]


@pytest.mark.parametrize(
    ("value", "policy", "warning"),
    [
        ("background", "Background", ""),
        ("foreground", "Foreground", ""),
        ("orphan", "Orphan", ""),
        (
            "false",
            "Orphan",
            "warning: --cascade=false is deprecated (boolean value) and can be replaced with "
            "--cascade=orphan.\n",
        ),
        (
            "True",
            "Background",
            "warning: --cascade=True is deprecated (boolean value) and can be replaced with "
            "--cascade=background.\n",
        ),
    ],
)
def test_cascading_strategy(value: str, policy: str, warning: str) -> None:
    assert delete.cascading_strategy(value) == (policy, warning)


def test_invalid_cascade() -> None:
    with pytest.raises(errors.MklError) as e:
        delete.DeleteOptions.complete(FakeFlags(["pod", "x"], cascade="bogus"))
    assert e.value.message == (
        'invalid cascade value (bogus). Must be "background", "foreground", or "orphan"'
    )


def test_selectors_default_ignore_not_found() -> None:
    assert delete.DeleteOptions.complete(FakeFlags(["pods"], all=True)).ignore_not_found
    assert not delete.DeleteOptions.complete(
        FakeFlags(["pods"], all=True, ignore_not_found=False)
    ).ignore_not_found
    assert not delete.DeleteOptions.complete(FakeFlags(["pod", "x"])).ignore_not_found
