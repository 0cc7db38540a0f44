"""Resource quantities: parsing, canonical strings, arithmetic, upstream error texts."""

from __future__ import annotations

from fractions import Fraction

import pytest

from minikube_lite.api.quantity import (
    BINARY_SI,
    DECIMAL_SI,
    FORMAT_WRONG,
    SUFFIX_WRONG,
    Quantity,
    QuantityError,
    canonicalize,
    number_text,
    parse_quantity,
    quantity_sum,
)

CANONICAL = [
    ("500m", "500m"),
    ("1", "1"),
    ("1.5", "1500m"),
    ("0.5", "500m"),
    ("0.1", "100m"),
    ("1000m", "1"),
    ("1500m", "1500m"),
    ("2000", "2k"),
    ("1k", "1k"),
    ("1G", "1G"),
    ("1e3", "1e3"),
    ("12e6", "12e6"),
    ("128Mi", "128Mi"),
    ("1Gi", "1Gi"),
    ("1024Mi", "1Gi"),
    ("0.5Gi", "512Mi"),
    ("1.5Gi", "1536Mi"),
    ("100Ki", "100Ki"),
    ("8Ki", "8Ki"),
    ("1.5Ki", "1536"),
    ("0.5Ki", "512"),
    ("0.1Ki", "102400m"),
    ("0", "0"),
    ("0Mi", "0"),
    ("-1", "-1"),
    ("0.0000000001", "1n"),
    ("1.0", "1"),
    ("250M", "250M"),
    (0.5, "500m"),
    (3, "3"),
    (1.0, "1"),
    (2.5, "2500m"),
]


@pytest.mark.parametrize(("text", "want"), CANONICAL)
def test_canonical(text: str | float, want: str) -> None:
    assert canonicalize(text) == want


BAD = [
    ("", FORMAT_WRONG),
    ("abc", FORMAT_WRONG),
    ("5Mb", FORMAT_WRONG),
    ("1.2.3", FORMAT_WRONG),
    ("true", FORMAT_WRONG),
    ("1mi", SUFFIX_WRONG),
    ("1e", SUFFIX_WRONG),
    ("1ki", SUFFIX_WRONG),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_invalid(text: str, message: str) -> None:
    with pytest.raises(QuantityError) as err:
        parse_quantity(text)
    assert str(err.value) == message


def test_format_wrong_text() -> None:
    assert FORMAT_WRONG == (
        "quantities must match the regular expression '^([+-]?[0-9."
        "]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    )


VALUES = [
    ("500m", Fraction(1, 2)),
    ("128Mi", 128 * 2**20),
    ("1G", 10**9),
    ("1e3", 1000),
    ("1.5", Fraction(3, 2)),
]


@pytest.mark.parametrize(("text", "value"), VALUES)
def test_exact_value(text: str, value: Fraction | int) -> None:
    assert parse_quantity(text).value == value


def test_compare_across_formats() -> None:
    assert parse_quantity("1Gi") > parse_quantity("1G")
    assert parse_quantity("1000m") == parse_quantity("1")
    assert parse_quantity("300m") < parse_quantity("1")
    assert sorted([parse_quantity("2"), parse_quantity("500m")]) == [
        parse_quantity("500m"),
        parse_quantity("2"),
    ]


ARITH = [
    (["300m", "300m", "300m"], "900m"),
    (["300m", "300m", "300m", "300m", "300m"], "1500m"),
    (["128Mi", "128Mi", "128Mi"], "384Mi"),
    (["512Mi", "512Mi"], "1Gi"),
    (["1", "500m"], "1500m"),
    (["500m", "500m"], "1"),
]


@pytest.mark.parametrize(("items", "want"), ARITH)
def test_sum_formats_like_quota_usage(items: list[str], want: str) -> None:
    assert str(quantity_sum([parse_quantity(i) for i in items])) == want


def test_add_keeps_left_format_and_sub() -> None:
    total = parse_quantity("1Gi") + parse_quantity("1G")
    assert total.fmt == BINARY_SI
    assert str(parse_quantity("1") - parse_quantity("300m")) == "700m"
    assert (Quantity(0) + parse_quantity("1Mi")).fmt == BINARY_SI
    assert str(-parse_quantity("2")) == "-2"


def test_milli_and_int_value_round_up() -> None:
    assert parse_quantity("1500m").milli_value() == 1500
    assert parse_quantity("1500m").int_value() == 2
    assert parse_quantity("1n").milli_value() == 1
    assert parse_quantity("128Mi").int_value() == 134217728


def test_quantity_defaults_to_decimal_si() -> None:
    assert Quantity(Fraction(3, 2)).fmt == DECIMAL_SI
    assert str(Quantity(Fraction(3, 2))) == "1500m"


NUMBERS = [
    (3, "3"),
    (3.0, "3"),
    (2.5, "2.5"),
    (1e-07, "1e-7"),
    (1e21, "1e+21"),
    (0.00001, "0.00001"),
]


@pytest.mark.parametrize(("n", "want"), NUMBERS)
def test_number_text_is_go_json(n: float, want: str) -> None:
    assert number_text(n) == want
