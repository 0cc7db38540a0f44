"""API server mode (``mkl serve``): the Kubernetes REST API over the simulated cluster.

A second front end beside ``cli/``: the real kubectl, client libraries and tools talk HTTP to it,
and every request goes through the same ``ops.session`` cycle and the same API-server write path
(``store/apiserver.py``) as mkl's own commands, so both see one cluster under one lock.  Only
``mkl serve`` imports this package.

- ``http.py``: the stdlib threaded HTTP server, the request object, routing, bearer-token auth.
- ``paths.py``: a request path -> (group, version, namespace, resource, name, subresource).
- ``status.py``: mkl's errors -> ``metav1.Status`` answers with their HTTP codes.
- ``discovery.py``: ``/api``, ``/apis`` (aggregated v2 and legacy) and the per-group lists,
  generated from ``api/kinds.py``.
- ``reads.py``: GET of one object and of lists (JSON or Table).
- ``tables.py``: ``meta.k8s.io/v1`` Table answers for kubectl's human output.
- ``kubeconfig.py``: the kubeconfig ``mkl serve`` writes (and merges, as minikube does).
"""
