"""minikube's ``service NAME [--url] [-n NS]``: a URL on this machine that reaches the Service.

Like minikube with the Docker driver on macOS/Windows: open a tunnel on a free 127.0.0.1 port per
Service port, print the URL(s) and keep serving until Ctrl-C.  The tunnel goes through the
Service: every new connection is sent to one of its ready endpoints at that moment, picked at
random like kube-proxy (ops/forward.py), so a curl loop watches a rolling update happen.  If
another ``mkl service`` already tunnels to the Service, its URL is printed and the command exits
at once (a ``port-forward svc/NAME`` does not count: it is tied to one pod).
"""

from __future__ import annotations

from minikube_lite import errors
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import forward, session

EX_SVC_NOT_FOUND = 115


class MinikubeExit(errors.PlainError):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.exit_code = code


def _not_found(inv: Invocation, name: str, ns: str) -> MinikubeExit:
    mark = "❌  " if inv.io.tty else "X "
    return MinikubeExit(
        f"\n{mark}Exiting due to SVC_NOT_FOUND: Service '{name}' was not found in '{ns}' "
        "namespace.\n"
        f"You may select another namespace by using '{inv.prog} service {name} -n <namespace>'. "
        f"Or list out all the services using '{inv.prog} service list'\n",
        EX_SVC_NOT_FOUND,
    )


def service(inv: Invocation) -> None:
    """``service``: ops.forward.ServiceOptions (complete, validate, run), then the tunnel."""
    opts = forward.ServiceOptions.complete(inv, inv.command_path)
    errs = opts.validate()
    if errs:
        raise errs[0]
    if opts.listing:
        _list(inv, opts)
        return
    name = opts.name
    with session.open_cluster(inv.profile) as cluster:
        plan = opts.run(cluster)
        if plan.tunnel is None:
            raise _not_found(inv, name, plan.namespace)
    fwd, ns = plan.tunnel, plan.namespace
    from minikube_lite.cli.cmd_portforward import serve, session_profile

    urls = forward.service_urls(session_profile(inv), ns, name)
    if urls:
        inv.io.out("".join(u + "\n" for u in urls))
        return
    if not fwd.ports:
        mark = "😿  " if inv.io.tty else "* "
        inv.io.err(f"{mark}service {ns}/{name} has no ports\n")
        return
    serve(
        inv,
        fwd,
        [("127.0.0.1", "all")],
        announce=lambda bound: _announce(inv, bound),
        seed=plan.seed,
    )


def _announce(inv: Invocation, bound: list[tuple[str, int]]) -> None:
    """The URL lines (stdout) and minikube's keep-the-terminal-open notice (stderr)."""
    inv.io.out("".join(f"http://{ip}:{port}\n" for ip, port in bound))
    inv.io.flush()
    mark = "❗  " if inv.io.tty else "! "
    inv.io.err(
        f"{mark}Because minikube-lite serves the cluster from this process, the terminal needs "
        "to be open to run it.\n"
    )


def _list(inv: Invocation, opts: forward.ServiceOptions) -> None:
    """``service list``: minikube's table; URL = the loopback URL of a running tunnel, if any."""
    from minikube_lite.cli.cmd_portforward import session_profile

    with session.open_cluster(inv.profile) as cluster:
        services = opts.services(cluster)
    rows = [["NAMESPACE", "NAME", "TARGET PORT", "URL"]]
    for svc in services:
        meta, spec = svc["metadata"], svc.get("spec", {})
        ports = spec.get("ports") or []
        if spec.get("type") in ("NodePort", "LoadBalancer") and ports:
            target = "\n".join(
                f"{p['name']}/{p['port']}" if p.get("name") else str(p["port"]) for p in ports
            )
        else:
            target = "No node port"
        urls = forward.service_urls(session_profile(inv), meta.get("namespace", ""), meta["name"])
        rows.append(
            [meta.get("namespace", ""), meta["name"], target.split("\n")[0], " ".join(urls)]
        )
    inv.io.out(_table(rows))


def _table(rows: list[list[str]]) -> str:
    """olekukonko/tablewriter as minikube uses it: centered header, ``|-…-|`` rules."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|\n"

    def center(text: str, w: int) -> str:
        pad = w - len(text)
        return " " * (pad // 2) + text + " " * (pad - pad // 2)

    head = "|" + "|".join(f" {center(c, w)} " for c, w in zip(rows[0], widths, strict=True)) + "|\n"
    body = "".join(
        "|" + "|".join(f" {c:<{w}} " for c, w in zip(r, widths, strict=True)) + "|\n"
        for r in rows[1:]
    )
    return rule + head + rule + body + rule
