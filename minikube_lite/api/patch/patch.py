"""``kubectl patch`` (``-p TEXT --type json|merge|strategic``) and apply's last-applied annotation.

Ports of getPatchedJSON in staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go (``parse_patch``,
``apply_patch``, with kubectl's rewrite of json-patch's "missing key" errors) and
GetModifiedConfiguration in staging/src/k8s.io/kubectl/pkg/util/apply.go
(``last_applied_configuration``).  The engines are ``strategicpatch`` (strategic merge; the
three-way patches of client-side apply are ``strategicpatch.diff``) and ``jsonpatch``
(RFC 6902 and RFC 7386).

Every function returns new objects and leaves its arguments alone.  Failures raise
``minikube_lite.errors.MklError`` subclasses whose message is the line kubectl prints after
``error: ``.
"""

from __future__ import annotations

import json

from minikube_lite.api.patch import jsonpatch
from minikube_lite.api.patch.decode import has_json_prefix, loads_json, yaml_to_json
from minikube_lite.api.patch.errors import PatchError
from minikube_lite.api.patch.gojson import go_json_error
from minikube_lite.api.patch.govalue import go_json, go_quote
from minikube_lite.api.patch.jsonpatch import json_kind
from minikube_lite.api.patch.strategicpatch.merge import strategic_merge
from minikube_lite.errors import MklError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

PATCH_TYPES = ("json", "merge", "strategic")
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
_BAD_JSON = {"strategic": "invalid JSON document", "merge": "Invalid JSON Patch"}


def parse_patch(text: str, patch_type: str = "strategic") -> Any:
    """yaml.ToJSON + decode: JSON (text starting with ``{``) or YAML, as kubectl reads ``-p``."""
    if has_json_prefix(text):
        try:
            return loads_json(text)
        except ValueError:
            raise PatchError(_BAD_JSON.get(patch_type.lower()) or go_json_error(text)) from None
    return yaml_to_json(text)


def merge_patch(original: Any, patch: Any) -> Any:
    """jsonpatch.MergePatch: RFC 7386 with json-patch v4's null pruning."""
    return jsonpatch.merge_patch(original, patch)


def json_patch(original: dict[str, Any], ops: list[Any] | None) -> Any:
    """jsonpatch.DecodePatch + Patch.Apply, with kubectl's rewrite of "missing key" errors."""
    _check_ops(ops)
    try:
        return jsonpatch.json_patch(original, ops)
    except PatchError as e:
        if "doc is missing key" in e.message:
            detail = e.message[e.message.index("key:") + 5 :]
            raise PatchError(f"Object to be patched is missing field ({detail})") from None
        raise


def _check_ops(ops: Any) -> None:
    """DecodePatch's type errors: a list of objects (null entries are allowed)."""
    if ops is None:
        return
    if not isinstance(ops, list):
        raise PatchError(
            f"json: cannot unmarshal {json_kind(ops)} into Go value of type jsonpatch.Patch"
        )
    for op in ops:
        if op is not None and not isinstance(op, dict):
            raise PatchError(
                f"json: cannot unmarshal {json_kind(op)} into Go value of type jsonpatch.Operation"
            )


def apply_patch(
    original: dict[str, Any], patch: str | Any, patch_type: str, kind: str
) -> dict[str, Any]:
    """``kubectl patch --type T -p PATCH`` on original (getPatchedJSON + decoding the result)."""
    ptype = (patch_type or "strategic").lower()
    if ptype not in PATCH_TYPES:
        raise MklError(f"--type must be one of [json merge strategic], not {go_quote(patch_type)}")
    value = parse_patch(patch, ptype) if isinstance(patch, str) else patch
    if ptype == "json":
        result = json_patch(original, value)
    elif ptype == "merge":
        result = merge_patch(original, value)
    else:
        if value is not None and not isinstance(value, dict):
            raise PatchError("invalid JSON document")
        result = strategic_merge(original, value or {}, kind)
    return _check_object(result)


def _check_object(result: Any) -> dict[str, Any]:
    """unstructured.UnstructuredJSONScheme.Decode of the patched document."""
    if not isinstance(result, dict):
        raise PatchError(
            f"json: cannot unmarshal {json_kind(result)} "
            "into Go value of type unstructured.detector"
        )
    kind = result.get("kind")
    if not isinstance(kind, str) or not kind:
        raise PatchError(f"Object 'Kind' is missing in '{go_json(result)}'")
    return result


def last_applied_configuration(manifest: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """GetModifiedConfiguration(annotate=true): (manifest with the annotation, annotation text).

    The annotation is the manifest without any previous annotation value, as compact sorted
    JSON plus a newline; ``metadata.annotations`` stays in it as ``{}`` when it was empty, as
    kubectl's serialisation leaves it.
    """
    obj = json.loads(json.dumps(manifest))
    annotations = obj.setdefault("metadata", {}).get("annotations") or {}
    annotations.pop(LAST_APPLIED, None)
    obj["metadata"]["annotations"] = annotations
    text = go_json(obj) + "\n"
    annotations[LAST_APPLIED] = text
    return obj, text
