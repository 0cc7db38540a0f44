"""Patching API objects as kubectl and the API server do.

* ``patch`` - the entry point of ``kubectl patch`` (``--type json|merge|strategic``) and the
  last-applied annotation of ``kubectl apply`` (staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go,
  staging/src/k8s.io/kubectl/pkg/util/apply.go)
* ``strategicpatch`` - strategic merge patch: applying, computing two- and three-way patches,
  and the patch metadata of the served types (k8s.io/apimachinery/pkg/util/strategicpatch)
* ``jsonpatch`` - RFC 6902 JSON patch and RFC 7386 merge patch (gopkg.in/evanphx/json-patch.v4)
* ``decode`` - patch and manifest text to JSON values (k8s.io/apimachinery/pkg/util/yaml,
  sigs.k8s.io/yaml), within the bounds of ``api.limits``
* ``govalue`` / ``gojson`` - Go value semantics (equality, fmt, strconv, encoding/json output)
  and encoding/json's syntax errors, shared with validation and the printers

This file imports nothing: the printers and label code import ``govalue`` on every command.
"""
