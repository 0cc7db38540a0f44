"""The fake registry as the kubelet sees it: references learners type pull, typos do not,
and the common images behave like their real programs (ports, exits, required env).
"""

from __future__ import annotations

from typing import Any

import pytest

from minikube_lite.ops.sandbox import traffic
from minikube_lite.sandbox import images
from minikube_lite.store.cluster import Cluster
from tests import builders as mk
from tests.unit.controllers import ctl_builders as b

Obj = dict[str, Any]

REAL = [
    "nginx:1.26",
    "nginx:1.24",
    "nginx:1.27.3",
    "nginx:1.25-alpine",
    "nginx:mainline",
    "nginx:1.7.9",
    "busybox:1.35",
    "busybox:1.36.1-musl",
    "busybox:stable",
    "alpine:3.19",
    "httpd:2.4.62",
    "redis:7",
    "redis",
    "kicbase/echo-server:1.0",
    "registry.k8s.io/echoserver:1.4",
    "k8s.gcr.io/echoserver:1.4",
    "hashicorp/http-echo",
    "traefik/whoami",
    "curlimages/curl",
    "ubuntu",
    "ubuntu:22.04",
    "debian",
    "debian:bookworm-slim",
    "python:3.12",
    "python:3.12-slim",
    "mysql:8",
    "memcached",
    "postgres:16-alpine",
    "registry.k8s.io/pause:3.10",
    "registry.k8s.io/busybox:1.27.2",
    "gcr.io/google-samples/hello-app:1.0",
    "gcr.io/google-samples/hello-app:2.0",
    "nginxdemos/hello",
    "registry.k8s.io/nginx-slim:0.21",  # the StatefulSet tutorial's, then patched to 0.24
    "registry.k8s.io/nginx-slim:0.24",
    "k8s.gcr.io/nginx-slim:0.8",  # the older docs'
]
MISSING = [
    "nginx:1.161",  # the Kubernetes docs' typo of 1.16.1
    "nginx:1.91",  # the older docs' typo of 1.9.1
    "nginx:1.9999",
    "nginx:2",
    "nginx:latest-alpine",
    "ngnix",
    "ngnix:1.25",
    "busybox:1.99",
    "alpine:3.99",
    "kicbase/echo-server:2.0",
    "echoserver:1.4",  # the image lives on registry.k8s.io, not Docker Hub
    "redis:99",
    "hashicorp/http-echo:9.9.9",
    "nginx-slim:0.24",  # registry.k8s.io's, not Docker Hub's
]


def pod(cluster: Cluster, image: str, **container: Any) -> Obj:
    c = {"name": "c", "image": image, **container}
    return b.create(cluster, "Pod", mk.pod("p", image, containers=[c]))


def status(cluster: Cluster) -> Obj:
    p = cluster.get("Pod", "default", "p")
    assert p is not None
    return dict(p["status"]["containerStatuses"][0])


def event_reasons(cluster: Cluster) -> list[str]:
    p = cluster.get("Pod", "default", "p")
    assert p is not None
    return [str(e["reason"]) for e in cluster.events_for(p)]


@pytest.mark.parametrize("image", REAL)
def test_real_references_pull(cluster: Cluster, image: str) -> None:
    pod(cluster, image)
    b.advance(cluster, 8)
    waiting = status(cluster)["state"].get("waiting", {}).get("reason")
    assert waiting not in ("ErrImagePull", "ImagePullBackOff")
    assert "Pulled" in event_reasons(cluster) and "Failed" not in event_reasons(cluster)
    assert status(cluster)["imageID"] == images.lookup(image).image_id  # type: ignore[union-attr]


@pytest.mark.parametrize("image", MISSING)
def test_typos_and_missing_tags_fail_to_pull(cluster: Cluster, image: str) -> None:
    pod(cluster, image)
    b.advance(cluster, 3)
    assert status(cluster)["state"]["waiting"]["reason"] == "ImagePullBackOff"
    assert "not found" in b.events(cluster, cluster.get("Pod", "default", "p"), "Failed")[0]


@pytest.mark.parametrize(
    ("image", "container", "state"),
    [
        ("redis:7", {}, "running"),
        ("redis:7", {"command": ["redis-server", "--appendonly", "yes"]}, "running"),
        ("memcached", {"args": ["-m", "64"]}, "running"),
        ("mysql:8", {}, "Error"),
        ("mysql:8", {"env": [{"name": "MYSQL_ALLOW_EMPTY_PASSWORD", "value": "yes"}]}, "running"),
        ("registry.k8s.io/pause:3.10", {}, "running"),
        ("python:3.12", {}, "Completed"),
        ("ubuntu", {}, "Completed"),
        ("curlimages/curl", {"args": ["sh", "-c", "sleep 3600"]}, "running"),
        ("hashicorp/http-echo", {"args": ["-text=hi"]}, "running"),
        ("hashicorp/http-echo", {}, "Error"),
    ],
)
def test_common_images_run_like_their_programs(
    cluster: Cluster, image: str, container: Obj, state: str
) -> None:
    pod(cluster, image, **container)
    b.advance(cluster, 5)
    st = status(cluster)
    got = (
        "running"
        if "running" in st["state"]
        else st["state"].get("terminated", {}).get("reason")
        or st.get("lastState", {}).get("terminated", {}).get("reason")
    )
    assert got == state, st


def curl(cluster: Cluster, port: int, path: str = "/") -> str:
    p = cluster.get("Pod", "default", "p")
    assert p is not None
    return traffic.request(
        cluster, None, str(p["status"]["podIP"]), port, path, agent="curl/8.5.0"
    ).body


def test_echo_images_describe_the_request(cluster: Cluster) -> None:
    pod(cluster, "kicbase/echo-server:1.0")
    b.advance(cluster, 8)
    ip = cluster.get("Pod", "default", "p")["status"]["podIP"]  # type: ignore[index]
    assert curl(cluster, 8080, "/hello?x=1") == (
        "Request served by p\n\nHTTP/1.1 GET /hello?x=1\n\n"
        f"Host: {ip}:8080\nAccept: */*\nUser-Agent: curl/8.5.0\n"
    )


def test_http_echo_answers_its_text_on_its_listen_port(cluster: Cluster) -> None:
    pod(cluster, "hashicorp/http-echo:1.0.0", args=["-listen=:8080", "-text", "hello world"])
    b.advance(cluster, 8)
    assert curl(cluster, 8080, "/anything") == "hello world\n"
    assert curl(cluster, 8080, "/health") == '{"status":"ok"}\n'
    with pytest.raises(traffic.NetError):
        curl(cluster, 5678)


def test_hello_app_names_its_version_and_pod(cluster: Cluster) -> None:
    pod(cluster, "gcr.io/google-samples/hello-app:2.0")
    b.advance(cluster, 8)
    assert curl(cluster, 8080, "/x") == "Hello, world!\nVersion: 2.0.0\nHostname: p\n"


def test_whoami_prints_hostname_addresses_and_the_request(cluster: Cluster) -> None:
    pod(cluster, "traefik/whoami")
    b.advance(cluster, 8)
    p = cluster.get("Pod", "default", "p")
    assert p is not None
    ip = p["status"]["podIP"]
    body = curl(cluster, 80)
    lines = body.split("\n")
    assert lines[:4] == ["Hostname: p", "IP: 127.0.0.1", "IP: ::1", f"IP: {ip}"]
    assert lines[4].startswith("IP: fe80::") and lines[5].startswith("RemoteAddr: 10.244.0.1:")
    assert body.endswith(
        f"GET / HTTP/1.1\r\nHost: {ip}\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n"
    )
