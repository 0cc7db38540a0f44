"""``api-resources`` and ``version``: what the client and the simulated server know.

Ports of kubectl ``staging/src/k8s.io/kubectl/pkg/cmd/apiresources/apiresources.go``
(APIResourceOptions) and ``staging/src/k8s.io/kubectl/pkg/cmd/version/version.go``
(Options).  Neither reads the cluster's state.
"""

from __future__ import annotations

from minikube_lite import __version__, errors
from minikube_lite.api import kinds
from minikube_lite.ops import options
from minikube_lite.records import dataclass

HEADERS = ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]


@dataclass(frozen=True, slots=True)
class ApiResourcesOptions:
    """Port of APIResourceOptions after Complete."""

    namespaced: bool | None  # None: --namespaced not given (both kinds)
    output: str | None
    no_headers: bool

    @classmethod
    def complete(cls, flags: options.Flags) -> ApiResourcesOptions:
        return cls(
            namespaced=bool(flags.flag("namespaced")) if flags.given("namespaced") else None,
            output=flags.flag("output"),
            no_headers=bool(flags.flag("no-headers")),
        )

    def validate(self) -> list[errors.MklError]:
        return []

    def run(self) -> list[list[str]]:
        """The rows to print (``-o name``: one cell per row, the resource.group name)."""
        ks = sorted(kinds.KINDS.values(), key=lambda k: (k.group, k.plural))
        if self.namespaced is not None:
            ks = [k for k in ks if k.namespaced == self.namespaced]
        if self.output == "name":
            return [[f"{k.plural}.{k.group}" if k.group else k.plural] for k in ks]
        rows = [] if self.no_headers else [HEADERS]
        rows += [
            [k.plural, ",".join(k.short_names), k.api_version, str(k.namespaced).lower(), k.kind]
            for k in ks
        ]
        return rows


@dataclass(frozen=True, slots=True)
class VersionOptions:
    """Port of version.Options after Complete."""

    output: str | None
    client_only: bool

    @classmethod
    def complete(cls, flags: options.Flags) -> VersionOptions:
        return cls(output=flags.flag("output"), client_only=bool(flags.flag("client")))

    def validate(self) -> list[errors.MklError]:
        if self.output not in (None, "", "json", "yaml"):
            return [errors.MklError("--output must be 'yaml' or 'json'")]
        return []

    def run(self) -> str | dict[str, object]:
        """The text the command prints, or for ``-o json|yaml`` the document to print."""
        client = {
            "gitVersion": "v1.34.0",
            "major": "1",
            "minor": "34",
            "platform": "linux/amd64",
            "minikubeLite": __version__,
        }
        if self.output in ("json", "yaml"):
            doc: dict[str, object] = {"clientVersion": client, "kustomizeVersion": "v5.7.1"}
            if not self.client_only:
                doc["serverVersion"] = {k: v for k, v in client.items() if k != "minikubeLite"}
            return doc
        text = f"Client Version: v1.34.0 (minikube-lite {__version__})\nKustomize Version: v5.7.1\n"
        if not self.client_only:
            text += "Server Version: v1.34.0 (simulated)\n"
        return text
