"""``config view|get-contexts|set-context``: the kubeconfig of one profile (one context each).

Ports of kubectl ``staging/src/k8s.io/kubectl/pkg/cmd/config/view.go`` (ViewOptions),
``get_contexts.go`` (GetContextsOptions) and ``set_context.go`` (setContextOptions); the
context's namespace is the profile's ``config.namespace``.
"""

from __future__ import annotations

import json

from minikube_lite import errors
from minikube_lite.ops import options
from minikube_lite.records import dataclass
from minikube_lite.store.cluster import Cluster

SERVER = "https://192.168.49.2:8443"
HEADERS = ["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"]


def context_namespace(cluster: Cluster) -> str:
    """The namespace of the profile's context ("default" when none was set)."""
    return str(cluster.doc.get("config", {}).get("namespace") or "default")


@dataclass(frozen=True, slots=True)
class ViewOptions:
    """Port of ViewOptions after Complete (``-o json``, else YAML)."""

    name: str  # the profile: cluster, context and user are all named after it
    output: str | None

    @classmethod
    def complete(cls, flags: options.Flags, name: str) -> ViewOptions:
        return cls(name=name, output=flags.flag("output"))

    def validate(self) -> list[errors.MklError]:
        return []

    def run(self, cluster: Cluster) -> str:
        """The kubeconfig as kubectl prints it, credentials redacted."""
        ns = context_namespace(cluster)
        if self.output == "json":
            return json.dumps(self._doc(ns), indent=4) + "\n"
        name = self.name
        ns_line = f"    namespace: {ns}\n" if ns != "default" else ""
        return (
            "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority: DATA+OMITTED\n"
            f"    server: {SERVER}\n  name: {name}\ncontexts:\n- context:\n"
            f"    cluster: {name}\n{ns_line}    user: {name}\n  name: {name}\n"
            f"current-context: {name}\nkind: Config\npreferences: {{}}\n"
            f"users:\n- name: {name}\n  user:\n    client-certificate: REDACTED\n"
            "    client-key: REDACTED\n"
        )

    def document(self, cluster: Cluster) -> dict[str, object]:
        """The kubeconfig as an object (what ``-o jsonpath=`` walks)."""
        return self._doc(context_namespace(cluster))

    def _doc(self, ns: str) -> dict[str, object]:
        name = self.name
        return {
            "kind": "Config",
            "apiVersion": "v1",
            "preferences": {},
            "clusters": [
                {
                    "name": name,
                    "cluster": {"server": SERVER, "certificate-authority-data": "DATA+OMITTED"},
                }
            ],
            "users": [
                {
                    "name": name,
                    "user": {"client-certificate-data": "REDACTED", "client-key-data": "REDACTED"},
                }
            ],
            "contexts": [
                {
                    "name": name,
                    "context": {
                        "cluster": name,
                        "user": name,
                        **({"namespace": ns} if ns != "default" else {}),
                    },
                }
            ],
            "current-context": name,
        }


@dataclass(frozen=True, slots=True)
class GetContextsOptions:
    """Port of GetContextsOptions after Complete."""

    name: str
    output: str | None
    no_headers: bool
    names: tuple[str, ...] = ()  # the contexts asked for; empty: all

    @classmethod
    def complete(cls, flags: options.Flags, name: str) -> GetContextsOptions:
        return cls(
            name=name,
            output=flags.flag("output"),
            no_headers=bool(flags.flag("no-headers")),
            names=tuple(flags.args),
        )

    def validate(self) -> list[errors.MklError]:
        return []

    def missing(self) -> list[errors.MklError]:
        """``context X not found`` for every name asked for that is not this profile's."""
        return [errors.MklError(f"context {n} not found") for n in self.names if n != self.name]

    def run(self, cluster: Cluster) -> list[list[str]]:
        """The rows to print (``-o name``: the one context's name); the header stays when no
        asked-for context exists."""
        shown = not self.names or self.name in self.names
        if self.output == "name":
            return [[self.name]] if shown else []
        ns = context_namespace(cluster)
        rows = [] if self.no_headers else [HEADERS]
        if shown:
            rows.append(["*", self.name, self.name, self.name, ns])
        return rows


@dataclass(frozen=True, slots=True)
class SetContextOptions:
    """Port of setContextOptions after Complete: only the profile's own context, only -n."""

    name: str
    context: str  # the name given, or the profile's with --current
    current: bool
    args: tuple[str, ...]
    namespace: str | None  # None: -n not given

    @classmethod
    def complete(cls, flags: options.Flags, name: str) -> SetContextOptions:
        return cls(
            name=name,
            context=flags.args[0] if flags.args else name,
            current=bool(flags.flag("current")),
            args=tuple(flags.args),
            namespace=(flags.flag("namespace") or "default") if flags.given("namespace") else None,
        )

    def validate(self) -> list[errors.MklError]:
        errs: list[errors.MklError] = []
        if not self.current and not self.args:
            errs.append(errors.MklError("you must specify a non-empty context name or --current"))
        if self.current and self.args:
            errs.append(errors.MklError("you cannot specify both a context name and --current"))
        if self.context != self.name:
            errs.append(errors.MklError(ONE_CONTEXT.format(self.context)))
        return errs

    def run(self, cluster: Cluster) -> str:
        """Set the context's namespace; the line the command prints."""
        if self.namespace is not None:
            cluster.doc.setdefault("config", {})["namespace"] = self.namespace
            cluster.dirty = True
        return f'Context "{self.name}" modified.\n'


ONE_CONTEXT = (
    'minikube-lite has one context per profile; to use profile "{0}" pass --profile={0} or set '
    "MKL_PROFILE"
)


@dataclass(frozen=True, slots=True)
class UseContextOptions:
    """Port of useContextOptions (cmd/config/use_context.go): the context must exist."""

    name: str  # the profile, whose context is the only one
    context: str
    exists: bool  # a profile of that name has a state file

    def validate(self) -> list[errors.MklError]:
        if not self.context:
            return [errors.MklError("empty context names are not allowed")]
        if self.context == self.name:
            return []
        if self.exists:
            return [errors.MklError(ONE_CONTEXT.format(self.context))]
        return [errors.MklError(f'no context exists with the name: "{self.context}"')]

    def run(self) -> str:
        return f'Switched to context "{self.context}".\n'
