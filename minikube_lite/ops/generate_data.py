"""``create configmap`` and ``create secret generic|tls|docker-registry``: the data sources
(cmd/create/create_configmap.go, create_secret.go, create_secret_tls.go,
create_secret_docker.go; util.ParseFileSource / ParseLiteralSource, cmdutil.AddFromEnvFile and
the name hash of util/hash/hash.go).

Files are read here, before the cluster is opened, each at most the API's request size.
"""

from __future__ import annotations

import base64
import os
import posixpath
import re

from minikube_lite import errors
from minikube_lite.api import limits, names
from minikube_lite.api.objects import Obj
from minikube_lite.api.patch.govalue import go_quote
from minikube_lite.ops import generate
from minikube_lite.records import dataclass


@dataclass(frozen=True, slots=True)
class Sources:
    """The ``--from-*`` flags, in kubectl's order of use: files, literals, env files."""

    files: tuple[str, ...] = ()
    literals: tuple[str, ...] = ()
    env_files: tuple[str, ...] = ()


class _Data:
    """The keys being collected: text (``data``) and, for a ConfigMap, bytes (``binaryData``)."""

    def __init__(self, kind: str, name: str) -> None:
        self.kind, self.name = kind, name
        self.text: dict[str, str] = {}
        self.binary: dict[str, bytes] = {}

    def add(self, key: str, value: bytes | str) -> None:
        """addKeyFromLiteralToConfigMap / addKeyFromLiteralToSecret (their texts differ)."""
        errs = names.is_config_map_key(key)
        if self.kind == "Secret":
            if errs:
                raise errors.MklError(
                    f"{go_quote(key)} is not valid key name for a Secret {errs[0]}"
                )
            if key in self.binary:
                raise errors.MklError(
                    f"cannot add key {key}, another key by that name already exists"
                )
            self.binary[key] = value.encode() if isinstance(value, str) else value
            return
        if errs:
            raise errors.MklError(
                f"{go_quote(key)} is not a valid key name for a ConfigMap: {','.join(errs)}"
            )
        for where, held in (("Data", self.text), ("BinaryData", self.binary)):
            if key in held:
                raise errors.MklError(
                    f"cannot add key {go_quote(key)}, another key by that name already exists in "
                    f"{where} for ConfigMap {go_quote(self.name)}"
                )
        if isinstance(value, str):
            self.text[key] = value
            return
        try:
            self.text[key] = value.decode("utf-8")
        except UnicodeDecodeError:
            self.binary[key] = value


def parse_literal(source: str) -> tuple[str, str]:
    """util.ParseLiteralSource: ``key=value`` (the value may hold more ``=``)."""
    key, eq, value = source.partition("=")
    if not eq or not key:
        raise errors.MklError(f"invalid literal source {source}, expected key=value")
    return key, value


def parse_file_source(source: str) -> tuple[str, str]:
    """util.ParseFileSource: ``path`` (key: its basename) or ``key=path``."""
    n = source.count("=")
    if n == 0:
        return posixpath.basename(source.rstrip("/")) or "/", source
    if n == 1 and source.startswith("="):
        raise errors.MklError(f"key name for file path {source[1:]} missing")
    if n == 1 and source.endswith("="):
        raise errors.MklError(f"file path for key name {source[:-1]} missing")
    if n > 1:
        raise errors.MklError("key names or file paths cannot contain '='")
    key, _, path = source.partition("=")
    return key, path


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            data = f.read(limits.MAX_INPUT_BYTES + 1)
    except OSError as e:
        raise errors.MklError(f"open {path}: {(e.strerror or str(e)).lower()}") from None
    if len(data) > limits.MAX_INPUT_BYTES:
        raise errors.MklError(f"error reading {path}: more than {limits.MAX_INPUT_BYTES} bytes")
    return data


def _stat_dir(path: str) -> bool:
    """Whether PATH is a directory (``error reading PATH: ...`` when it is not there)."""
    try:
        return os.path.isdir(path) if os.stat(path) else False
    except OSError as e:
        raise errors.MklError(f"error reading {path}: {(e.strerror or str(e)).lower()}") from None


def _add_files(data: _Data, sources: tuple[str, ...]) -> None:
    """handle*FromFileSources: a file, ``key=file``, or every regular file of a directory."""
    for source in sources:
        key, path = parse_file_source(source)
        if not _stat_dir(path):
            data.add(key, _read(path))
            continue
        if "=" in source:
            raise errors.MklError("cannot give a key name for a directory path")
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError as e:
            raise errors.MklError(f"error listing files in {path}: {e.strerror}") from None
        for entry in entries:
            if entry.is_file(follow_symlinks=False):
                data.add(entry.name, _read(posixpath.join(path, entry.name)))


_ENV_NAME = re.compile(r"[-._a-zA-Z][-._a-zA-Z0-9]*")
_ENV_MSG = (
    "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', "
    "or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or "
    "'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"
)


def _add_env_files(data: _Data, sources: tuple[str, ...], env: dict[str, str]) -> None:
    """cmdutil.AddFromEnvFile: ``KEY=value`` lines; ``#`` comments and blank lines skipped; a bare
    ``KEY`` takes its value from the environment."""
    for path in sources:
        if _stat_dir(path):
            what = "secret" if data.kind == "Secret" else "config"
            raise errors.MklError(f"env {what} file cannot be a directory")
        raw = _read(path)
        for i, line in enumerate(raw.split(b"\n")):
            line = line.removesuffix(b"\r")
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                raise errors.MklError(
                    f"env file {path} contains invalid utf8 bytes at line {i + 1}: "
                    f"[{' '.join(str(b) for b in line)}]"
                ) from None
            text = (text.removeprefix("\ufeff") if i == 0 else text).lstrip()
            if not text or text.startswith("#"):
                continue
            key, eq, value = text.partition("=")
            if not _ENV_NAME.fullmatch(key):
                raise errors.MklError(f"{go_quote(key)} is not a valid key name: {_ENV_MSG}")
            data.add(key, value if eq else env.get(key, ""))


def _collect(kind: str, name: str, src: Sources, env: dict[str, str]) -> _Data:
    if src.env_files and (src.files or src.literals):
        raise errors.MklError("from-env-file cannot be combined with from-file or from-literal")
    data = _Data(kind, name)
    _add_files(data, src.files)
    for lit in src.literals:
        data.add(*parse_literal(lit))
    _add_env_files(data, src.env_files, env)
    return data


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def configmap_object(name: str, src: Sources, append_hash: bool, env: dict[str, str]) -> Obj:
    """ConfigMapOptions.createConfigMap: text keys in ``data``, other bytes in ``binaryData``."""
    data = _collect("ConfigMap", name, src, env)
    fields: Obj = {}
    if data.text:
        fields["data"] = dict(sorted(data.text.items()))
    if data.binary:
        fields["binaryData"] = {k: _b64(v) for k, v in sorted(data.binary.items())}
    if append_hash:
        name = f"{name}-{name_hash('ConfigMap', name, fields)}"
    return generate.typed("ConfigMap", "v1", generate.meta(name), **fields)


def secret_object(
    name: str, stype: str, src: Sources, append_hash: bool, env: dict[str, str]
) -> Obj:
    """CreateSecretOptions.createSecret: every key's bytes, base64 in ``data``."""
    data = _collect("Secret", name, src, env)
    return secret_from(name, stype, data.binary, append_hash)


def secret_from(name: str, stype: str, values: dict[str, bytes], append_hash: bool) -> Obj:
    """A Secret of ``values`` (keys sorted, as Go prints a map), its name hashed if asked."""
    fields: Obj = {}
    if values:
        fields["data"] = {k: _b64(v) for k, v in sorted(values.items())}
    if append_hash:
        name = f"{name}-{name_hash('Secret', name, fields, stype)}"
    if stype:
        fields["type"] = stype
    return generate.typed("Secret", "v1", generate.meta(name), **fields)


def name_hash(kind: str, name: str, fields: Obj, stype: str | None = None) -> str:
    """hash.ConfigMapHash / SecretHash: sha256 of the JSON of kind, name, data (and
    binaryData, type), its first ten hex digits with 0, 1, 3, a, e made consonants."""
    import hashlib

    from minikube_lite.api.patch.govalue import go_json

    doc: Obj = {"kind": kind, "name": name, "data": fields.get("data")}
    if fields.get("binaryData"):
        doc["binaryData"] = fields["binaryData"]
    if stype is not None:
        doc["type"] = stype
    digest = hashlib.sha256(go_json(doc).encode()).hexdigest()[:10]
    return digest.translate(str.maketrans("013ae", "ghkmt"))


def docker_registry_object(
    name: str, user: str, password: str, email: str, server: str, files: tuple[str, ...], h: bool
) -> Obj:
    """CreateSecretDockerRegistryOptions: ``.dockerconfigjson`` from the flags, or from files
    (a file without ``key=`` becomes ``.dockerconfigjson``)."""
    if not files and not (user and password and server):
        raise errors.MklError(
            "either --from-file or the combination of --docker-username, --docker-password and "
            "--docker-server is required"
        )
    stype = "kubernetes.io/dockerconfigjson"
    if files:
        sources = tuple(f if "=" in f else f".dockerconfigjson={f}" for f in files)
        data = _collect("Secret", name, Sources(files=sources), {})
        return secret_from(name, stype, data.binary, h)
    from minikube_lite.api.patch.govalue import go_json

    entry = {"username": user, "password": password, "email": email}
    entry = {k: v for k, v in entry.items() if v}  # omitempty, in struct order
    entry["auth"] = _b64(f"{user}:{password}".encode())
    # json.Marshal of the struct: fields in struct order (go_json sorts: build it by hand)
    body = ",".join(f"{go_json(k)}:{go_json(v)}" for k, v in entry.items())
    config = '{"auths":{' + go_json(server) + ":{" + body + "}}}"
    return secret_from(name, stype, {".dockerconfigjson": config.encode()}, h)


def tls_object(name: str, cert: str, key: str, append_hash: bool) -> Obj:
    """CreateSecretTLSOptions: both files are read and must be a key pair (ops/keypair.py)."""
    if not cert or not key:
        raise errors.MklError("key and cert must be specified")
    cert_pem, key_pem = _read_tls(cert), _read_tls(key)
    from minikube_lite.ops import keypair

    keypair.check_pair(cert_pem, key_pem)
    return secret_from(
        name, "kubernetes.io/tls", {"tls.crt": cert_pem, "tls.key": key_pem}, append_hash
    )


def _read_tls(path: str) -> bytes:
    try:
        return _read(path)
    except errors.MklError as e:
        raise errors.MklError(f"Cannot read file {path}, {e.message}") from None
