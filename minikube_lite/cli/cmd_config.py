"""``config view|get-contexts|current-context|set-context`` (one context per profile)."""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import session
from minikube_lite.store import persist


def _ctx_ns(cluster) -> str:  # type: ignore[no-untyped-def]
    return str(cluster.doc.get("config", {}).get("namespace") or "default")


def view(inv: Invocation) -> None:
    name = persist.profile_name(inv.profile)
    with session.open_cluster(inv.profile) as cluster:
        ns = _ctx_ns(cluster)
    ns_line = f"    namespace: {ns}\n" if ns != "default" else ""
    text = (
        "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority: DATA+OMITTED\n"
        f"    server: https://192.168.49.2:8443\n  name: {name}\ncontexts:\n- context:\n    cluster: {name}\n"
        f"{ns_line}    user: {name}\n  name: {name}\ncurrent-context: {name}\nkind: Config\npreferences: {{}}\n"
        f"users:\n- name: {name}\n  user:\n    client-certificate: REDACTED\n    client-key: REDACTED\n"
    )
    if inv.flag("output") == "json":
        import json

        doc = {
            "kind": "Config",
            "apiVersion": "v1",
            "preferences": {},
            "clusters": [
                {
                    "name": name,
                    "cluster": {
                        "server": "https://192.168.49.2:8443",
                        "certificate-authority-data": "DATA+OMITTED",
                    },
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
        text = json.dumps(doc, indent=4) + "\n"
    inv.io.out(text)


def get_contexts(inv: Invocation) -> None:
    name = persist.profile_name(inv.profile)
    with session.open_cluster(inv.profile) as cluster:
        ns = _ctx_ns(cluster)
    if inv.flag("output") == "name":
        inv.io.out(name + "\n")
        return
    from minikube_lite.printers import table

    rows = (
        [] if inv.flag("no-headers") else [["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"]]
    )
    rows.append(["*", name, name, name, ns if ns != "default" else "default"])
    inv.io.out(table.tabwrite(rows, 6, 3))


def current_context(inv: Invocation) -> None:
    inv.io.out(persist.profile_name(inv.profile) + "\n")


def set_context(inv: Invocation) -> None:
    name = persist.profile_name(inv.profile)
    if not inv.flag("current") and not inv.args:
        raise errors.MklError("you must specify a non-empty context name or --current")
    target = inv.args[0] if inv.args else name
    if inv.flag("current") and inv.args:
        raise errors.MklError("you cannot specify both a context name and --current")
    if target != name:
        raise errors.MklError(
            f'minikube-lite has one context per profile; to use profile "{target}" pass --profile={target} or set MKL_PROFILE'
        )
    with session.open_cluster(inv.profile) as cluster:
        if inv.given("namespace"):
            cluster.doc.setdefault("config", {})["namespace"] = inv.flag("namespace") or "default"
            cluster.dirty = True
    inv.io.out(f'Context "{name}" modified.\n')
