"""Request paths of the Kubernetes REST API, parsed as the API server's RequestInfoFactory does.

``/api/v1/namespaces/{ns}/{resource}/{name}/{subresource}``, ``/apis/{group}/{version}/...``;
``/api/v1/namespaces/{name}`` is the Namespace itself, ``/api/v1/{resource}`` a cluster-scoped
resource or a list across all namespaces.
"""

from __future__ import annotations

from minikube_lite.api import kinds
from minikube_lite.records import dataclass


@dataclass(frozen=True, slots=True)
class Target:
    """What a resource request names.  ``kind`` is None when the resource is not served."""

    group: str
    version: str
    resource: str
    namespace: str | None = None
    name: str | None = None
    subresource: str | None = None
    kind: kinds.Kind | None = None


_BY_RESOURCE: dict[tuple[str, str, str], kinds.Kind] = {
    (k.group, k.version, k.plural): k for k in kinds.KINDS.values()
}


def group_version(parts: list[str]) -> tuple[str, str, list[str]] | None:
    """``["api", "v1", ...]`` / ``["apis", "apps", "v1", ...]`` -> (group, version, rest)."""
    if len(parts) >= 2 and parts[0] == "api":
        return "", parts[1], parts[2:]
    if len(parts) >= 3 and parts[0] == "apis":
        return parts[1], parts[2], parts[3:]
    return None


def parse(path: str) -> Target | None:
    """A resource request's target; None for anything that is not one (discovery, /version)."""
    parts = [p for p in path.split("/") if p]
    gv = group_version(parts)
    if gv is None or not gv[2]:
        return None
    group, version, rest = gv
    namespace = None
    if rest[0] == "namespaces" and len(rest) >= 3:
        namespace, rest = rest[1], rest[2:]
    if len(rest) > 3:
        return None
    resource = rest[0]
    name = rest[1] if len(rest) > 1 else None
    sub = rest[2] if len(rest) > 2 else None
    kind = _BY_RESOURCE.get((group, version, resource))
    return Target(group, version, resource, namespace, name, sub, kind)
