"""Reading ``-f FILE|DIR|-``: multi-document YAML or JSON, ``List`` kinds, safe loading only."""

from __future__ import annotations

import json
import os
from typing import Any

from minikube_lite import errors
from minikube_lite.api import kinds
from minikube_lite.records import dataclass

Obj = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Manifest:
    source: str  # the path as given, or "STDIN"
    obj: Obj
    kind: kinds.Kind


def read(filenames: list[str], stdin_text: str | None = None) -> list[tuple[str, list[Obj]]]:
    """Each source with its documents, in order; errors as kubectl prints them."""
    out: list[tuple[str, list[Obj]]] = []
    for fn in filenames:
        if fn == "-":
            out.append(("STDIN", parse_text(stdin_text or "", "STDIN")))
            continue
        if fn.startswith(("http://", "https://")):
            raise errors.MklError(f'unable to read URL "{fn}": minikube-lite reads local files only')
        if not os.path.exists(fn):
            raise errors.MklError(f'the path "{fn}" does not exist')
        if os.path.isdir(fn):
            for name in sorted(os.listdir(fn)):
                if name.endswith((".json", ".yaml", ".yml")):
                    path = os.path.join(fn, name)
                    out.append((path, parse_text(_read_file(path), path)))
            continue
        out.append((fn, parse_text(_read_file(fn), fn)))
    return out


def _read_file(path: str) -> str:
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise errors.MklError(f"open {path}: {(e.strerror or str(e)).lower()}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise errors.MklError(f"error parsing {path}: error converting YAML to JSON: yaml: invalid leading UTF-8 octet") from None


def parse_text(text: str, source: str) -> list[Obj]:
    """Parse JSON or (multi-document) YAML into object dicts; ``List`` items are flattened."""
    if "\x00" in text:
        raise errors.MklError(f"error parsing {source}: error converting YAML to JSON: yaml: control characters are not allowed")
    stripped = text.lstrip()
    docs: list[Any]
    if stripped.startswith("{"):
        try:
            docs = [json.loads(stripped)]
        except ValueError as e:
            raise errors.MklError(f"error parsing {source}: {e}") from None
    else:
        docs = load_yaml_all(text, source)
    out: list[Obj] = []
    for d in docs:
        if d is None:
            continue
        if not isinstance(d, dict):
            raise errors.MklError(
                f"error parsing {source}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {_go_type(d)} into Go value of type map[string]interface {{}}"
            )
        if d.get("kind") == "List" and isinstance(d.get("items"), list):
            out.extend(i for i in d["items"] if isinstance(i, dict))
        else:
            out.append(d)
    return out


def _go_type(v: Any) -> str:
    if isinstance(v, list):
        return "array"
    if isinstance(v, str):
        return "string"
    if isinstance(v, bool):
        return "bool"
    return "number"


def load_yaml_all(text: str, source: str) -> list[Any]:
    """yaml safe_load_all with timestamps kept as strings and only JSON-compatible values."""
    import yaml

    loader_cls = _loader()
    try:
        docs = list(yaml.load_all(text, Loader=loader_cls))
    except yaml.YAMLError as e:
        raise errors.MklError(f"error parsing {source}: error converting YAML to JSON: yaml: {_yaml_msg(e)}") from None
    except (ValueError, TypeError, RecursionError) as e:
        raise errors.MklError(f"error parsing {source}: error converting YAML to JSON: yaml: {e}") from None
    try:
        return [_jsonable(d, source) for d in docs]
    except RecursionError:
        raise errors.MklError(f"error parsing {source}: error converting YAML to JSON: yaml: document nested too deeply") from None


def _yaml_msg(e: Any) -> str:
    mark = getattr(e, "problem_mark", None)
    problem = getattr(e, "problem", None) or str(e).splitlines()[0]
    if mark is not None:
        return f"line {mark.line + 1}: {problem}"
    return str(problem)


_LOADER: Any = None


def _loader() -> Any:
    global _LOADER
    if _LOADER is None:
        import yaml

        base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        class Loader(base):  # type: ignore[misc,valid-type]
            pass

        # Keep timestamps as strings, as Kubernetes' YAML-to-JSON conversion does.
        Loader.yaml_implicit_resolvers = {
            k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
            for k, v in base.yaml_implicit_resolvers.items()
        }
        _LOADER = Loader
    return _LOADER


def _jsonable(v: Any, source: str) -> Any:
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            if not isinstance(k, str):
                if isinstance(k, (int, float, bool)) or k is None:
                    k = json.dumps(k)
                else:
                    raise errors.MklError(f"error parsing {source}: error converting YAML to JSON: yaml: invalid map key: {k!r}")
            out[k] = _jsonable(x, source)
        return out
    if isinstance(v, list):
        return [_jsonable(x, source) for x in v]
    if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
        raise errors.MklError(f"error parsing {source}: error converting YAML to JSON: json: unsupported value: {v}")
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    if isinstance(v, bytes):
        import base64

        return base64.b64encode(v).decode()
    return str(v)


def resolve(source: str, obj: Obj) -> Manifest:
    """Map (apiVersion, kind) to a served Kind, with kubectl's errors for unknown ones."""
    av, kind = obj.get("apiVersion"), obj.get("kind")
    missing = [m for m, v in (("apiVersion not set", av), ("kind not set", kind)) if not v]
    if missing:
        raise errors.MklError(
            f'error validating "{source}": error validating data: [{", ".join(missing)}]; '
            "if you choose to ignore these errors, turn validation off with --validate=false"
        )
    if not isinstance(av, str) or not isinstance(kind, str):
        raise errors.MklError(f"error validating \"{source}\": error validating data: apiVersion and kind must be strings")
    k = kinds.for_object(av, kind)
    if k is None:
        raw_meta = obj.get("metadata")
        meta: dict[str, Any] = raw_meta if isinstance(raw_meta, dict) else {}
        name = meta.get("name", "")
        ns = meta.get("namespace", "")
        raise errors.PlainError(
            f'error: resource mapping not found for name: "{name}" namespace: "{ns}" from "{source}": '
            f'no matches for kind "{kind}" in version "{av}"\nensure CRDs are installed first'
        )
    if not isinstance(obj.get("metadata", {}), dict):
        raise errors.BadRequestError(
            f'{kind} in version "{k.version}" cannot be handled as a {kind}: json: cannot unmarshal {_go_type(obj["metadata"])} into Go struct field {kind}.metadata of type v1.ObjectMeta'
        )
    return Manifest(source, obj, k)
