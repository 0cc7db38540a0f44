"""Object metadata and label selector validation (api.validation.meta), exact 1.34 texts."""

from __future__ import annotations

from minikube_lite.api.validation.meta import validate_label_selector

VALUE_MSG = (
    "a valid label must be an empty string or consist of alphanumeric characters, '-', "
    "'_' or '.', and "
    "must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  "
    "or '12345', "
    "regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
)


def test_validate_label_selector_messages() -> None:
    errs = validate_label_selector(
        {
            "matchLabels": {"app": "-x"},
            "matchExpressions": [
                {"key": "a", "operator": "In"},
                {"key": "b", "operator": "Exists", "values": ["v"]},
                {"key": "c", "operator": "Has"},
            ],
        },
        "spec.selector",
    )
    assert [str(e) for e in errs] == [
        f'spec.selector.matchLabels: Invalid value: "-x": {VALUE_MSG}',
        "spec.selector.matchExpressions[0].values: Required value: must be specified "
        "when `operator` is 'In' or 'NotIn'",
        "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when "
        "`operator` is 'Exists' or 'DoesNotExist'",
        'spec.selector.matchExpressions[2].operator: Invalid value: "Has": not a valid '
        "selector operator",
    ]
