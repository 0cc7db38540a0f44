"""``meta.k8s.io/v1`` Table answers, for the Accept header every human ``kubectl get`` sends.

The server formats the cells (Age, Ready, ...); kubectl prints them verbatim, adds the
``NAMESPACE`` column (``-A``) and the ``kind/`` prefix from each row's ``object.metadata``, and
shows the columns of priority 1 only with ``-o wide``.  This module answers every kind with the
API server's default table (``Name`` and ``Created At``, as for kinds without a printer).
"""

from __future__ import annotations

from typing import Any

from minikube_lite.api.objects import Obj

CONTENT_TYPE = "application/json;as=Table;v=v1;g=meta.k8s.io"

_NAME_DOC = (
    "Name must be unique within a namespace. Is required when creating resources, although some "
    "resources may allow a client to request the generation of an appropriate name "
    "automatically. Name is primarily intended for creation idempotence and configuration "
    "definition. Cannot be updated."
)
_CREATED_DOC = (
    "CreationTimestamp is a timestamp representing the server time when this object was "
    "created. It is not guaranteed to be set in happens-before order across separate "
    "operations. Clients may not set this value. It is represented in RFC3339 form and is in "
    "UTC."
)


def wants_table(accept: str) -> bool:
    return "as=Table" in accept


def column(name: str, type_: str, fmt: str, doc: str, priority: int = 0) -> dict[str, Any]:
    return {"name": name, "type": type_, "format": fmt, "description": doc, "priority": priority}


def partial_metadata(obj: Obj) -> dict[str, Any]:
    """The row's ``object`` under the default ``includeObject=Metadata``."""
    return {
        "kind": "PartialObjectMetadata",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": obj.get("metadata", {}),
    }


def table(objs: list[Obj], resource_version: str, with_columns: bool = True) -> dict[str, Any]:
    """The default table for any kind (``Name``, ``Created At``)."""
    columns = (
        [
            column("Name", "string", "name", _NAME_DOC),
            column("Created At", "date", "", _CREATED_DOC),
        ]
        if with_columns
        else []
    )
    rows = [
        {
            "cells": [
                obj.get("metadata", {}).get("name", ""),
                obj.get("metadata", {}).get("creationTimestamp", ""),
            ],
            "object": partial_metadata(obj),
        }
        for obj in objs
    ]
    return {
        "kind": "Table",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": {"resourceVersion": resource_version},
        "columnDefinitions": columns,
        "rows": rows,
    }
