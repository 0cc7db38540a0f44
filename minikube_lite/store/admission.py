"""Admission for pods: ServiceAccount, LimitRanger, ResourceQuota (failures.md §1, §4, §5).

Each plugin either mutates the pod or raises ForbiddenError with the upstream text.
"""

from __future__ import annotations

from typing import Any

from minikube_lite import errors
from minikube_lite.api import objects as o
from minikube_lite.store.cluster import Cluster

Obj = dict[str, Any]


def admit_pod(cluster: Cluster, pod: Obj) -> None:
    """Run the admission chain in upstream order."""
    service_account(cluster, pod)


def service_account(cluster: Cluster, pod: Obj) -> None:
    """ServiceAccount admission: default the account, refuse a missing one, mount the token volume."""
    spec = pod.setdefault("spec", {})
    sa = spec.get("serviceAccountName") or spec.get("serviceAccount") or "default"
    spec["serviceAccountName"] = sa
    spec["serviceAccount"] = sa
    ns = o.namespace(pod)
    if cluster.get("ServiceAccount", ns, sa) is None:
        name = o.name(pod) or o.meta(pod).get("generateName", "")
        raise errors.ForbiddenError(
            f'pods "{name}" is forbidden: error looking up service account {ns}/{sa}: serviceaccount "{sa}" not found'
        )
    vol_name = "kube-api-access-" + cluster.rng.suffix(5)
    volumes = spec.setdefault("volumes", [])
    if not any(v.get("name", "").startswith("kube-api-access-") for v in volumes):
        volumes.append(
            {
                "name": vol_name,
                "projected": {
                    "defaultMode": 420,
                    "sources": [
                        {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                        {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
                        {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}, "path": "namespace"}]}},
                    ],
                },
            }
        )
        for c in spec.get("containers", []):
            c.setdefault("volumeMounts", []).append(
                {"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "name": vol_name, "readOnly": True}
            )
    tolerations = spec.setdefault("tolerations", [])
    for key in ("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"):
        if not any(t.get("key") == key for t in tolerations):
            tolerations.append({"effect": "NoExecute", "key": key, "operator": "Exists", "tolerationSeconds": 300})
