"""Reading ``-f FILE|DIR|-``: multi-document YAML or JSON, ``List`` kinds, safe loading only."""

from __future__ import annotations

import os

from minikube_lite import errors
from minikube_lite.api import kinds, limits
from minikube_lite.api.objects import Obj
from minikube_lite.api.patch import decode
from minikube_lite.records import dataclass

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


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
            raise errors.MklError(
                f'unable to read URL "{fn}": minikube-lite reads local files only'
            )
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


def too_big(source: str) -> errors.MklError:
    """A ``-f`` source (or ``--patch-file``) over limits.MAX_INPUT_BYTES."""
    return errors.MklError(
        f"error reading {source}: more than {limits.MAX_INPUT_BYTES} bytes "
        "(the API server's request size limit)"
    )


def read_stream(stream: Any, source: str = "STDIN") -> str:
    """A stream (standard input) read in chunks up to limits.MAX_INPUT_BYTES, as Go reads bytes."""
    raw = getattr(stream, "buffer", None)
    chunks: list[Any] = []
    size = 0
    while size <= limits.MAX_INPUT_BYTES:
        chunk = (raw or stream).read(_CHUNK)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk) if raw is not None else len(chunk.encode("utf-8", "surrogatepass"))
    if size > limits.MAX_INPUT_BYTES:
        raise too_big(source)
    if raw is not None:
        return limits.go_text(b"".join(chunks))
    return limits.go_string("".join(chunks))


_CHUNK = 1 << 16


def read_bounded(path: str, error_prefix: str = "open") -> str:
    """A file's text (invalid UTF-8 as U+FFFD, as Go decodes it), at most MAX_INPUT_BYTES."""
    try:
        with open(path, "rb") as f:
            data = f.read(limits.MAX_INPUT_BYTES + 1)
    except OSError as e:
        raise errors.MklError(f"{error_prefix} {path}: {(e.strerror or str(e)).lower()}") from None
    if len(data) > limits.MAX_INPUT_BYTES:
        raise too_big(path)
    return limits.go_text(data)


def _read_file(path: str) -> str:
    return read_bounded(path)


def parse_text(text: str, source: str) -> list[Obj]:
    """Parse JSON or (multi-document) YAML into object dicts; ``List`` items are flattened.

    Both go through the bounded decoders of api.patch.decode (depth, aliases, surrogates).
    """
    if "\x00" in text:
        raise errors.MklError(
            f"error parsing {source}: error converting YAML to JSON: "
            "yaml: control characters are not allowed"
        )
    docs: list[Any]
    if decode.has_json_prefix(text):
        docs = [_load_json(text.lstrip(), len(text) - len(text.lstrip()), source)]
    else:
        docs = load_yaml_all(text, source)
    out: list[Obj] = []
    for d in docs:
        if d is None:
            continue
        if not isinstance(d, dict):
            raise errors.MklError(
                f"error parsing {source}: error unmarshaling JSON: while decoding JSON: "
                f"json: cannot unmarshal {_go_type(d)} "
                "into Go value of type map[string]interface {}"
            )
        if d.get("kind") == "List" and isinstance(d.get("items"), list):
            out.extend(i for i in d["items"] if isinstance(i, dict))
        else:
            out.append(d)
    return out


def _load_json(text: str, skipped: int, source: str) -> Any:
    """One JSON document (YAMLOrJSONDecoder's JSON branch); ``skipped`` leading bytes."""
    try:
        return decode.loads_json(text)
    except decode.JSONDepthError as e:
        raise errors.MklError(
            f"error parsing {source}: json: offset {e.offset + skipped}: {e}"
        ) from None
    except ValueError as e:
        raise errors.MklError(f"error parsing {source}: {e}") from None


def _go_type(v: Any) -> str:
    if isinstance(v, list):
        return "array"
    if isinstance(v, str):
        return "string"
    if isinstance(v, bool):
        return "bool"
    return "number"


def load_yaml_all(text: str, source: str) -> list[Any]:
    """Every YAML document through sigs.k8s.io/yaml's YAMLToJSON rules, within limits."""
    try:
        return decode.yaml_documents(text)
    except decode.YAMLToJSONError as e:
        raise errors.MklError(
            f"error parsing {source}: error converting YAML to JSON: {e.detail}"
        ) from None


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
        raise errors.MklError(
            f'error validating "{source}": error validating data: '
            "apiVersion and kind must be strings"
        )
    k = kinds.for_object(av, kind)
    if k is None:
        raw_meta = obj.get("metadata")
        meta: dict[str, Any] = raw_meta if isinstance(raw_meta, dict) else {}
        name = meta.get("name", "")
        ns = meta.get("namespace", "")
        raise errors.PlainError(
            f'error: resource mapping not found for name: "{name}" namespace: "{ns}" '
            f'from "{source}": '
            f'no matches for kind "{kind}" in version "{av}"\nensure CRDs are installed first'
        )
    if not isinstance(obj.get("metadata", {}), dict):
        raise errors.BadRequestError(
            f'{kind} in version "{k.version}" cannot be handled as a {kind}: '
            f"json: cannot unmarshal {_go_type(obj['metadata'])} "
            f"into Go struct field {kind}.metadata of type v1.ObjectMeta"
        )
    return Manifest(source, obj, k)
