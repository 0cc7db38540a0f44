"""The kubeconfig ``mkl serve`` writes: one context, named after the profile, with a bearer token.

``$MKL_HOME/kubeconfig`` (mode 0600) holds only mkl's context; ``--merge-kubeconfig`` also puts
it into the user's kubeconfig (the first file of ``$KUBECONFIG``, else ``~/.kube/config``) and
makes it current, replacing entries of the same name, as ``minikube start`` does.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any


def document(
    name: str, url: str, token: str, ca_pem: bytes, namespace: str = "default"
) -> dict[str, Any]:
    ca = base64.b64encode(ca_pem).decode()
    return {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": name, "cluster": {"server": url, "certificate-authority-data": ca}}],
        "users": [{"name": name, "user": {"token": token}}],
        "contexts": [
            {"name": name, "context": {"cluster": name, "user": name, "namespace": namespace}}
        ],
        "current-context": name,
        "preferences": {},
    }


def _write(path: Path, doc: dict[str, Any]) -> None:
    import yaml

    from minikube_lite.store import persist

    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(doc, default_flow_style=False, sort_keys=False)
    persist.write_private(path, text.encode())


def write(path: Path, doc: dict[str, Any]) -> None:
    """Write mkl's own kubeconfig, readable by the user only."""
    _write(path, doc)


def user_config_path() -> Path:
    env = os.environ.get("KUBECONFIG", "")
    first = next((p for p in env.split(os.pathsep) if p), "")
    return Path(first) if first else Path.home() / ".kube" / "config"


def _merge_named(entries: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    names = {e["name"] for e in new}
    return [e for e in entries if e.get("name") not in names] + new


def merge(path: Path, doc: dict[str, Any]) -> None:
    """Merge ``doc``'s cluster, user and context into the kubeconfig at ``path``, made current."""
    import yaml

    try:
        current = yaml.safe_load(path.read_text()) or {}
    except FileNotFoundError:
        current = {}
    if not isinstance(current, dict):
        current = {}
    current.setdefault("apiVersion", "v1")
    current.setdefault("kind", "Config")
    for key in ("clusters", "users", "contexts"):
        entries = current.get(key)
        current[key] = _merge_named(entries if isinstance(entries, list) else [], doc[key])
    current["current-context"] = doc["current-context"]
    current.setdefault("preferences", {})
    _write(path, current)
