"""The apimachinery string format checks (api.names), with exact upstream texts."""

from __future__ import annotations

import pytest

from minikube_lite.api import names as N
from tests.builders import QNAME_BODY, VALUE_MSG

LABEL_MSG = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or "
    "'-', and must "
    "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
    "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
)
SUBDOMAIN_MSG = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
    "'-' or '.', and "
    "must start and end with an alphanumeric character (e.g. 'example.com', regex used "
    "for validation "
    "is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
)


NAMES = [
    (N.is_dns1123_label, "web", []),
    (N.is_dns1123_label, "Dev", [LABEL_MSG]),
    (N.is_dns1123_label, "a.b", ["must not contain dots"]),
    (N.is_dns1123_label, "a" * 64, ["must be no more than 63 characters"]),
    (N.is_dns1123_subdomain, "web.example", []),
    (N.is_dns1123_subdomain, "Web_App", [SUBDOMAIN_MSG]),
    (N.is_dns1123_subdomain, "a" * 254, ["must be no more than 253 characters"]),
    (N.is_dns1123_subdomain, "A" * 254, ["must be no more than 253 characters", SUBDOMAIN_MSG]),
    (N.is_qualified_name, "app.kubernetes.io/name", []),
    (N.is_qualified_name, "-app", ["name part " + QNAME_BODY]),
    (N.is_qualified_name, "/app", ["prefix part must be non-empty"]),
    (N.is_qualified_name, "Example.com/app", ["prefix part " + SUBDOMAIN_MSG]),
    (N.is_qualified_name, "a/", ["name part must be non-empty", "name part " + QNAME_BODY]),
    (N.is_qualified_name, "a" * 64, ["name part must be no more than 63 characters"]),
    (
        N.is_qualified_name,
        "a/b/c",
        [
            "a qualified name "
            + QNAME_BODY
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
        ],
    ),
    (N.is_valid_label_value, "", []),
    (N.is_valid_label_value, "v1.2_x", []),
    (N.is_valid_label_value, "web app", [VALUE_MSG]),
    (N.is_valid_label_value, "x" * 64, ["must be no more than 63 characters"]),
    (N.is_valid_label_value, "-" * 64, ["must be no more than 63 characters", VALUE_MSG]),
]


@pytest.mark.parametrize(("fn", "value", "want"), NAMES)
def test_name_validators(fn, value: str, want: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert fn(value) == want


def test_dns1035_label() -> None:
    assert N.is_dns1035_label("web") == []
    assert N.is_dns1035_label("1web") == [
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
        "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  "
        "or 'abc-123', "
        "regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
    ]
