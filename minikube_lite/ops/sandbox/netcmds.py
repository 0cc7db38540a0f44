"""``curl``, ``wget`` and ``nslookup`` for the simulated exec shell, over ops/traffic.py.

Each request is one short look at the cluster as it is now (``world.look()``), so a loop of them
sees a rollout progress.  Messages and exit codes follow curl 8 (``curl: (7) Failed to connect
to … after 0 ms: Couldn't connect to server``, 6 for an unknown host, 22 with ``-f``, 28 for a
timeout) and busybox wget.
"""

from __future__ import annotations

import functools
import re

from minikube_lite.ops.sandbox import traffic
from minikube_lite.ops.sandbox.world import World
from minikube_lite.records import dataclass, field
from minikube_lite.sandbox.shell import Command, Shell
from minikube_lite.sandbox.shell_io import Streams

CURL_AGENT = "curl/8.5.0"
CURL_HINT = "curl: try 'curl --help' or 'curl --manual' for more information\n"
URL_RE = re.compile(
    r"^(?:(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://)?(?:[^@/]*@)?(?P<host>\[[^\]]*\]|[^:/?#]*)(?::(?P<port>[^/?#]*))?(?P<path>[^?#]*)(?P<query>\?[^#]*)?"
)
FLAGS = {
    "s": "silent",
    "S": "show_error",
    "i": "include",
    "I": "head",
    "f": "fail",
    "v": "verbose",
    "L": "location",
    "k": "insecure",
    "4": "ipv4",
    "6": "ipv6",
    "N": "no_buffer",
}
VALUED = {
    "o": "output",
    "w": "write_out",
    "m": "max_time",
    "X": "request",
    "H": "header",
    "d": "data",
    "A": "user_agent",
    "u": "user",
    "e": "referer",
    "x": "proxy",
}
LONG_FLAGS = {
    "silent",
    "show-error",
    "include",
    "head",
    "fail",
    "verbose",
    "location",
    "insecure",
    "http1.1",
    "http1.0",
    "compressed",
    "no-buffer",
    "fail-with-body",
    "no-progress-meter",
}
LONG_VALUED = {
    "output",
    "write-out",
    "max-time",
    "connect-timeout",
    "request",
    "header",
    "data",
    "data-raw",
    "user-agent",
    "retry",
    "retry-delay",
    "noproxy",
    "user",
    "referer",
    "resolve",
    "proxy",
    "cacert",
}


class UsageProblem(Exception):
    pass


@dataclass
class CurlOpts:
    flags: set[str] = field(default_factory=set)
    values: dict[str, str] = field(default_factory=dict)
    urls: list[str] = field(default_factory=list)

    def has(self, name: str) -> bool:
        return name in self.flags


def parse_curl(args: list[str]) -> CurlOpts:
    opts, i = CurlOpts(), 0
    while i < len(args):
        a = args[i]
        i += 1
        if a.startswith("--") and len(a) > 2:
            name, eq, val = a[2:].partition("=")
            if name in LONG_FLAGS:
                opts.flags.add(name.replace("-", "_"))
            elif name in LONG_VALUED:
                if not eq:
                    if i >= len(args):
                        raise UsageProblem(f"curl: option {a}: requires parameter\n")
                    val, i = args[i], i + 1
                opts.values[name.replace("-", "_")] = val
            else:
                raise UsageProblem(f"curl: option {a}: is unknown\n")
        elif a.startswith("-") and len(a) > 1:
            i = _short(a, args, i, opts)
        else:
            opts.urls.append(a)
    return opts


def _short(a: str, args: list[str], i: int, opts: CurlOpts) -> int:
    for j, c in enumerate(a[1:], start=1):
        if c in FLAGS:
            opts.flags.add(FLAGS[c])
        elif c in VALUED:
            val = a[j + 1 :]
            if not val:
                if i >= len(args):
                    raise UsageProblem(f"curl: option -{c}: requires parameter\n")
                val, i = args[i], i + 1
            opts.values[VALUED[c]] = val
            return i
        else:
            raise UsageProblem(f"curl: option {a}: is unknown\n")
    return i


@dataclass
class Url:
    scheme: str
    host: str
    port: int
    path: str
    text: str

    @property
    def host_header(self) -> str:
        default = 443 if self.scheme == "https" else 80
        return self.host if self.port == default else f"{self.host}:{self.port}"


def parse_url(text: str) -> Url:
    """curl's URL handling: scheme optional (http), default ports 80/443, path defaults to ``/``."""
    m = URL_RE.match(text)
    if m is None or not m.group("host"):
        raise ValueError("3:URL rejected: No host part in the URL")
    scheme = (m.group("scheme") or "http").lower()
    if scheme not in ("http", "https"):
        raise ValueError(f'1:Protocol "{scheme}" not supported')
    port_s = m.group("port")
    if port_s is None or port_s == "":
        port = 443 if scheme == "https" else 80
    elif port_s.isdigit() and int(port_s) <= 65535:
        port = int(port_s)
    else:
        raise ValueError("3:URL rejected: Port number was not a decimal number between 0 and 65535")
    path = (m.group("path") or "/") + (m.group("query") or "")
    return Url(scheme, m.group("host"), port, path, text if "://" in text else f"http://{text}")


def curl(world: World, sh: Shell, argv: list[str], io: Streams) -> int:
    try:
        opts = parse_curl(argv[1:])
    except UsageProblem as e:
        io.err.write(str(e) + CURL_HINT)
        return 2
    if not opts.urls:
        io.err.write("curl: no URL specified!\n" + CURL_HINT)
        return 2
    code = 0
    for text in opts.urls:
        code = _curl_one(world, sh, opts, text, io) or code
    return code


def _curl_one(world: World, sh: Shell, opts: CurlOpts, text: str, io: Streams) -> int:
    quiet = opts.has("silent") and not opts.has("show_error")
    meter = (
        not opts.has("silent")
        and not opts.has("no_progress_meter")
        and (not sh.ctx.tty or "output" in opts.values)
    )
    try:
        url = parse_url(text)
    except ValueError as e:
        num, _, msg = str(e).partition(":")
        return _curl_fail(io, opts, int(num), msg, quiet, meter, None)
    method = opts.values.get("request") or (
        "HEAD"
        if opts.has("head")
        else "POST"
        if "data" in opts.values or "data_raw" in opts.values
        else "GET"
    )
    agent = opts.values.get("user_agent", CURL_AGENT)
    if opts.has("verbose"):
        io.err.write(f"*   Trying {url.host}:{url.port}...\n")
    try:
        with world.look() as here:
            resp = traffic.request(
                here.cluster, here.pod, url.host, url.port, url.path, method, agent=agent
            )
    except traffic.NetError as e:
        return _curl_fail(io, opts, *_curl_error(e, opts), quiet, meter, url)
    if url.scheme == "https":
        return _curl_fail(
            io,
            opts,
            35,
            "OpenSSL/3.0.15: error:0A00010B:SSL routines::wrong version number",
            quiet,
            meter,
            url,
        )
    if opts.has("verbose"):
        _verbose(io, url, method, agent, resp)
    head = (
        f"HTTP/1.1 {resp.status} {resp.reason}\r\n"
        + "".join(f"{k}: {v}\r\n" for k, v in resp.headers)
        + "\r\n"
    )
    failed = opts.has("fail") and resp.status >= 400
    if opts.has("head"):
        payload = head
    elif failed:
        payload = head if opts.has("include") else ""
    else:
        payload = (head if opts.has("include") else "") + resp.body
    if meter:
        io.err.write(_meter(len(resp.body.encode())))
    _output(sh, opts, payload, io)
    if failed:
        if not quiet:
            io.err.write(f"curl: (22) The requested URL returned error: {resp.status}\n")
        _write_out(opts, io, url, resp, 22)
        return 22
    _write_out(opts, io, url, resp, 0)
    return 0


def _curl_error(e: traffic.NetError, opts: CurlOpts) -> tuple[int, str]:
    if e.kind == "resolve":
        return 6, f"Could not resolve host: {e.host}"
    if e.kind == "empty":
        return 52, "Empty reply from server"
    if e.kind == "timeout":
        limits = [
            float(opts.values[k])
            for k in ("connect_timeout", "max_time")
            if _is_num(opts.values.get(k))
        ]
        if limits:
            ms = int(min(limits) * 1000) + 1
            if "max_time" in opts.values and float(opts.values["max_time"]) == min(limits):
                return 28, f"Connection timed out after {ms} milliseconds"
            return (
                28,
                f"Failed to connect to {e.host} port {e.port} after {ms} ms: Timeout was reached",
            )
        return (
            28,
            f"Failed to connect to {e.host} port {e.port} after 133000 ms: "
            "Couldn't connect to server",
        )
    ms = 3065 if e.kind == "unreachable" else 0
    return (
        7,
        f"Failed to connect to {e.host} port {e.port} after {ms} ms: Couldn't connect to server",
    )


def _is_num(v: str | None) -> bool:
    return v is not None and re.fullmatch(r"\d+(\.\d+)?", v) is not None


def _curl_fail(
    io: Streams, opts: CurlOpts, code: int, msg: str, quiet: bool, meter: bool, url: Url | None
) -> int:
    if meter:
        io.err.write(_meter(0))
    if not quiet:
        io.err.write(f"curl: ({code}) {msg}\n")
    _write_out(opts, io, url, None, code, msg)
    return code


def _output(sh: Shell, opts: CurlOpts, payload: str, io: Streams) -> None:
    target = opts.values.get("output")
    if target and target != "-":
        sh.fs.write(target, payload)
    else:
        io.out.write(payload)


def _write_out(
    opts: CurlOpts,
    io: Streams,
    url: Url | None,
    resp: traffic.Response | None,
    code: int,
    err: str = "",
) -> None:
    fmt = opts.values.get("write_out")
    if fmt is None:
        return
    vals = {
        "http_code": f"{resp.status:03d}" if resp else "000",
        "response_code": f"{resp.status:03d}" if resp else "000",
        "size_download": str(len(resp.body.encode())) if resp else "0",
        "remote_ip": resp.ip if resp else "",
        "remote_port": str(url.port) if (resp and url) else "",
        "url_effective": url.text if url else "",
        "content_type": resp.header("Content-Type") if resp else "",
        "time_total": "0.001250",
        "exitcode": str(code),
        "errormsg": err,
        "method": "GET",
    }
    text = re.sub(r"%\{([a-z_]+)\}", lambda m: vals.get(m.group(1), ""), fmt).replace("%%", "%")
    io.out.write(text.replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r"))


def _max5(n: int) -> str:
    if n < 100_000:
        return f"{n:5d}"
    if n < 10_000 * 1024:
        return f"{n // 1024:4d}k"
    return f"{n // (1024 * 1024):4d}M"


def _meter(size: int) -> str:
    head = (
        "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
        "                                 Dload  Upload   Total   Spent    Left  Speed\n"
    )
    pct = 100 if size else 0
    speed = _max5(size * 1000)
    return (
        head
        + f"\r{pct:3d} {_max5(size)}  {pct:3d} {_max5(size)}    0     0  {speed}      0 "
        + f"--:--:-- --:--:-- --:--:-- {speed}\n"
    )


def _verbose(io: Streams, url: Url, method: str, agent: str, resp: traffic.Response) -> None:
    io.err.write(
        f"* Connected to {url.host} ({resp.ip}) port {url.port}\n"
        f"> {method} {url.path} HTTP/1.1\n> Host: {url.host_header}\n"
        f"> User-Agent: {agent}\n> Accept: */*\n> \n< HTTP/1.1 {resp.status} {resp.reason}\n"
        + "".join(f"< {k}: {v}\n" for k, v in resp.headers)
        + f"< \n{{ [{len(resp.body.encode())} bytes data]\n"
        + f"* Connection #0 to host {url.host} left intact\n"
    )


# ----- busybox wget -------------------------------------------------------------------------------


def wget(world: World, sh: Shell, argv: list[str], io: Streams) -> int:
    quiet, output, urls, spider = False, None, [], False
    args, i = argv[1:], 0
    while i < len(args):
        a = args[i]
        i += 1
        if a in ("-q", "--quiet"):
            quiet = True
        elif a == "--spider":
            spider = True
        elif a.startswith("-O") or a.startswith("-qO") or a == "--output-document":
            quiet = quiet or a.startswith("-qO")
            val = a.split("O", 1)[1] if a != "--output-document" else ""
            if not val:
                val, i = (args[i] if i < len(args) else ""), i + 1
            output = val
        elif a in ("-T", "-U", "--header", "-Y"):
            i += 1
        elif a.startswith("-") and a != "-":
            quiet = quiet or "q" in a
        else:
            urls.append(a)
    if not urls:
        io.err.write(
            "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n"
            "Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n"
            "\t[--post-data STR | --post-file FILE] [-Y on/off]\n"
            "\t[-P DIR] [-U AGENT] [-T SEC] URL...\n"
        )
        return 1
    return max(_wget_one(world, sh, u, output, quiet, spider, io) for u in urls)


def _wget_one(
    world: World, sh: Shell, text: str, output: str | None, quiet: bool, spider: bool, io: Streams
) -> int:
    try:
        url = parse_url(text)
    except ValueError:
        io.err.write(f"wget: not an http or ftp url: {text}\n")
        return 1
    ip = ""
    try:
        with world.look() as here:  # print nothing while the cluster is open
            ip = traffic.resolve(here.cluster, sh.ctx.namespace, url.host, here.pod)
            resp = traffic.request(
                here.cluster, here.pod, url.host, url.port, url.path, "GET", agent="Wget"
            )
    except traffic.NetError as e:
        if ip and not quiet:
            io.err.write(f"Connecting to {url.host_header} ({ip}:{url.port})\n")
        io.err.write(f"wget: {_wget_error(e)}\n")
        return 1
    if not quiet:
        io.err.write(f"Connecting to {url.host_header} ({ip}:{url.port})\n")
    if resp.status >= 400:
        io.err.write(f"wget: server returned error: HTTP/1.1 {resp.status} {resp.reason}\n")
        return 1
    if spider:
        if not quiet:
            io.err.write("remote file exists\n")
        return 0
    target = (
        output
        if output is not None
        else (url.path.split("?")[0].rstrip("/").rsplit("/", 1)[-1] or "index.html")
    )
    if target == "-":
        if not quiet:
            io.err.write("writing to stdout\n")
        io.out.write(resp.body)
    else:
        if not quiet:
            io.err.write(f"saving to '{target}'\n")
        sh.fs.write(target, resp.body)
    if not quiet:
        size = len(resp.body.encode())
        io.err.write(
            f"{'-' if target == '-' else target:<20} 100% |********************************| "
            f"{size:>5}  0:00:00 ETA\n"
        )
        io.err.write("written to stdout\n" if target == "-" else f"'{target}' saved\n")
    return 0


def _wget_error(e: traffic.NetError) -> str:
    if e.kind == "resolve":
        return f"bad address '{e.host}'"
    if e.kind == "timeout":
        return "download timed out"
    if e.kind == "empty":
        return "error getting response"
    why = "No route to host" if e.kind == "unreachable" else "Connection refused"
    return f"can't connect to remote host ({e.ip}): {why}"


def nslookup(world: World, sh: Shell, argv: list[str], io: Streams) -> int:
    names = [a for a in argv[1:] if not a.startswith("-")]
    if not names:
        io.err.write(
            "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n"
            "Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n"
        )
        return 1
    host = names[0]
    io.out.write("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n")
    try:
        with world.look() as here:
            ip = traffic.resolve(here.cluster, sh.ctx.namespace, host, here.pod)
    except traffic.NetError:
        io.out.write(f"** server can't find {host}: NXDOMAIN\n\n")
        return 1
    fq = _fqdn(host, sh.ctx.namespace)
    io.out.write(f"Name:\t{fq}\nAddress: {ip}\n\n")
    return 0


def _fqdn(host: str, ns: str) -> str:
    h = host.rstrip(".")
    if h.endswith(".cluster.local") or traffic.is_ip(h) or h == "localhost":
        return h
    if h.endswith(".svc"):
        return h + ".cluster.local"
    dots = h.count(".")
    return (
        f"{h}.{ns}.svc.cluster.local" if dots == 0 else f"{h}.svc.cluster.local" if dots == 1 else h
    )


def commands(world: World) -> dict[str, Command]:
    """The network tools of an image's $PATH, bound to the world their requests look through."""
    return {
        name: functools.partial(fn, world)
        for name, fn in (("curl", curl), ("wget", wget), ("nslookup", nslookup))
    }
