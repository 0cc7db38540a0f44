"""The API server's size limits: 3 MiB request bodies (413), 1.5 MiB stored objects (etcd),
1 MiB of ConfigMap/Secret data and 256 KiB of annotations (validation)."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from minikube_lite import errors
from minikube_lite.api import limits
from minikube_lite.api import objects as o
from minikube_lite.store import apiserver
from minikube_lite.store.cluster import Cluster
from tests import builders as mk

Obj = dict[str, Any]
MIB = 1024 * 1024


def deployment(name: str = "fat", env_bytes: int = 0) -> Obj:
    """Deployment ``name`` (0 replicas) whose container carries ``env_bytes`` of env values."""
    env = [{"name": f"E{i}", "value": "v" * 1000} for i in range(env_bytes // 1000)]
    c = mk.container("c", "nginx", port=None, env=env)
    return mk.deployment(name, 0, namespace="default", labels={"a": name}, containers=[c])


def config_map(
    name: str = "cm", data: dict[str, str] | None = None, binary: dict[str, str] | None = None
) -> Obj:
    cm: Obj = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": name, "namespace": "default"},
    }
    if data is not None:
        cm["data"] = data
    if binary is not None:
        cm["binaryData"] = binary
    return cm


def test_object_over_etcd_limit_is_refused_and_not_stored(cluster: Cluster) -> None:
    with pytest.raises(errors.UnknownServerError) as e:
        apiserver.create(cluster, "Deployment", deployment(env_bytes=1700 * 1000))
    assert e.value.render() == "Error from server: etcdserver: request is too large"
    assert (
        e.value.with_source("fat.json").render()
        == 'Error from server: error when creating "fat.json": etcdserver: request is too large'
    )
    assert cluster.get("Deployment", "default", "fat") is None


def test_server_dry_run_never_reaches_etcd(cluster: Cluster) -> None:
    obj = apiserver.create(cluster, "Deployment", deployment(env_bytes=1700 * 1000), dry_run=True)
    assert o.name(obj) == "fat" and cluster.get("Deployment", "default", "fat") is None


def test_request_over_3_mib_is_413(cluster: Cluster) -> None:
    with pytest.raises(errors.RequestEntityTooLargeError) as e:
        apiserver.create(cluster, "Deployment", deployment(env_bytes=3200 * 1000), dry_run=True)
    assert (
        e.value.render()
        == "Error from server (RequestEntityTooLarge): Request entity too large: limit is 3145728"
    )


def test_update_growing_past_etcd_limit_keeps_the_old_object(cluster: Cluster) -> None:
    apiserver.create(cluster, "Deployment", deployment())
    old = o.deepcopy(cluster.get("Deployment", "default", "fat"))
    grown = o.deepcopy(old)
    grown["spec"]["template"]["spec"]["containers"][0]["env"] = deployment(env_bytes=1600 * 1000)[
        "spec"
    ]["template"]["spec"]["containers"][0]["env"]
    with pytest.raises(errors.UnknownServerError):
        apiserver.update(cluster, "Deployment", grown)
    assert cluster.get("Deployment", "default", "fat") == old


def test_sizes_count_utf8_bytes_not_escapes() -> None:
    assert apiserver.encoded_size({"a": "é" * 10}, limit=5) == len('{"a":""}') + 20
    assert (
        apiserver.encoded_size({"a": "é" * 10}, limit=10**6) == len('{"a":""}') + 60
    )  # escaped, an upper bound


@pytest.mark.parametrize(
    ("cm", "ok"),
    [
        pytest.param(config_map(data={"a": "x" * MIB}), True, id="data-1MiB"),
        pytest.param(config_map(data={"a": "x" * MIB, "b": "y"}), False, id="data-1MiB+1"),
        pytest.param(
            config_map(data={"a": "é" * (MIB // 2 + 1)}), False, id="bytes-not-characters"
        ),
        pytest.param(
            config_map(
                data={"a": "x" * (MIB - 2)}, binary={"b": base64.b64encode(b"123").decode()}
            ),
            False,
            id="binary-counts-decoded",
        ),
        pytest.param(
            config_map(binary={"b": base64.b64encode(b"z" * MIB).decode()}), True, id="binary-1MiB"
        ),
    ],
)
def test_config_map_data_is_at_most_1_mib(cluster: Cluster, cm: Obj, ok: bool) -> None:
    if ok:
        apiserver.create(cluster, "ConfigMap", cm)
        return
    with pytest.raises(errors.InvalidError) as e:
        apiserver.create(cluster, "ConfigMap", cm)
    assert (
        e.value.render()
        == 'The ConfigMap "cm" is invalid: []: Too long: may not be more than 1048576 bytes'
    )


def test_secret_data_is_at_most_1_mib(cluster: Cluster) -> None:
    data = {"a": base64.b64encode(b"x" * (MIB + 1)).decode()}
    secret = {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": "s", "namespace": "default"},
        "data": data,
    }
    with pytest.raises(errors.InvalidError) as e:
        apiserver.create(cluster, "Secret", secret)
    assert (
        e.value.render()
        == 'The Secret "s" is invalid: data: Too long: may not be more than 1048576 bytes'
    )


def test_annotations_are_at_most_256_kib(cluster: Cluster) -> None:
    cm = config_map()
    cm["metadata"]["annotations"] = {"a": "x" * (256 * 1024)}
    with pytest.raises(errors.InvalidError) as e:
        apiserver.create(cluster, "ConfigMap", cm)
    assert e.value.render() == (
        'The ConfigMap "cm" is invalid: metadata.annotations: Too long: may not be more '
        "than 262144 bytes"
    )


def test_limits_are_upstreams() -> None:
    assert (limits.MAX_REQUEST_BYTES, limits.MAX_OBJECT_BYTES) == (3145728, 1572864)
