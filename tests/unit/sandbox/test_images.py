"""The fake registry and image behaviour profiles (docs/architecture.md, Simulation decisions)."""

from __future__ import annotations

import pytest

from minikube_lite.sandbox import images


@pytest.mark.parametrize(
    ("ref", "full"),
    [
        ("nginx", "docker.io/library/nginx:latest"),
        ("nginx:1.14.2", "docker.io/library/nginx:1.14.2"),
        ("docker.io/library/nginx:stable", "docker.io/library/nginx:stable"),
        ("gasbugs/http-go:v2", "docker.io/gasbugs/http-go:v2"),
        (
            "registry.k8s.io/e2e-test-images/agnhost:2.43",
            "registry.k8s.io/e2e-test-images/agnhost:2.43",
        ),
        ("localhost:5000/app", "localhost:5000/app:latest"),
    ],
)
def test_reference_normalization(ref: str, full: str) -> None:
    assert images.parse_reference(ref).full == full


@pytest.mark.parametrize("ref", ["nginx:1.16:1", "Nginx", "", "nginx:", "a//b"])
def test_invalid_references(ref: str) -> None:
    with pytest.raises(images.InvalidReference, match="invalid reference format"):
        images.lookup(ref)


@pytest.mark.parametrize("ref", ["nginx:1.161", "webserver:404", "gasbugs/http-go:v4", "busybox:9"])
def test_registry_misses(ref: str) -> None:
    assert images.lookup(ref) is None


def test_catalogue_has_the_lesson_images() -> None:
    refs = {p.ref for p in images.catalogue()}
    for want in (
        "docker.io/gasbugs/http-go:v1",
        "docker.io/gasbugs/http-go:v3",
        "docker.io/library/nginx:1.16.1",
        "docker.io/library/httpd:2.4",
        "docker.io/library/busybox:1.36",
        "docker.io/library/alpine:3.20",
        "registry.k8s.io/e2e-test-images/agnhost:2.43",
    ):
        assert want in refs
    assert images.lookup("nginx:1.14.2").size == 72099410  # the spec's Pulled example


def test_user_images() -> None:
    store: dict[str, object] = {}
    images.add_user_image(
        store,
        "myapp:1",
        {"size": 123, "http": {"port": 5000, "routes": {"/": {"status": 200, "body": "hi"}}}},
    )
    prof = images.lookup("myapp:1", store)
    assert prof is not None and prof.user and prof.ref == "docker.io/library/myapp:1"
    assert images.http_get(images.plan(prof, None, None), 5000, "/", 0) == (200, "hi")
    assert "docker.io/library/myapp:1" in {p.ref for p in images.catalogue(store)}


def test_http_go_and_nginx_answers() -> None:
    plan = images.plan(images.lookup("gasbugs/http-go:v2"), None, None)
    assert images.http_get(plan, 8080, "/", 1) == (200, "Welcome! http-go:v2\n")
    assert images.http_get(plan, 8080, "/nope", 1)[0] == 404
    assert images.http_get(plan, 80, "/", 1) is None  # nothing listens there
    nginx = images.plan(images.lookup("nginx"), None, None)
    status, body = images.http_get(nginx, 80, "/", 1)
    assert status == 200 and "<title>Welcome to nginx!</title>" in body


@pytest.mark.parametrize(
    ("command", "args", "exit_after", "code", "reason"),
    [
        pytest.param(None, None, 0.0, 0, "Completed", id="sh-no-command-exits-at-once"),
        pytest.param(["sleep", "3600"], None, 3600.0, 0, "Completed", id="sleep"),
        pytest.param(["sh", "-c", "exit 1"], None, 0.0, 1, "Error", id="exit-1"),
        pytest.param(
            None, ["sh", "-c", "echo hi; sleep 5; exit 2"], 5.0, 2, "Error", id="args-replace-cmd"
        ),
        pytest.param(
            ["sh", "-c", "while true; do echo hi; sleep 5; done"],
            None,
            None,
            0,
            "Completed",
            id="forever",
        ),
        pytest.param(["sleep", "infinity"], None, None, 0, "Completed", id="infinity"),
        pytest.param(
            ["sh", "-c", "for i in 1 2 3; do sleep 1; done"],
            None,
            3.0,
            0,
            "Completed",
            id="for-loop",
        ),
    ],
)
def test_busybox_plans(
    command: list[str] | None,
    args: list[str] | None,
    exit_after: float | None,
    code: int,
    reason: str,
) -> None:
    plan = images.plan(images.lookup("busybox:1.36"), command, args)
    assert (plan.exit_after, plan.exit_code, plan.reason) == (exit_after, code, reason)
    assert plan.sigterm_seconds is None  # PID 1 shell ignores SIGTERM


def test_liveness_exec_file_timeline() -> None:
    plan = images.plan(
        images.lookup("busybox"),
        None,
        ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"],
    )
    assert images.exec_command(plan, ["cat", "/tmp/healthy"], 29.9) == (0, "")
    assert images.exec_command(plan, ["cat", "/tmp/healthy"], 30) == (
        1,
        "cat: can't open '/tmp/healthy': No such file or directory",
    )
    assert images.exec_command(plan, ["sh", "-c", "test -e /tmp/healthy"], 5)[0] == 0


def test_required_env_and_oom() -> None:
    pg = images.lookup("postgres:16")
    assert images.plan(pg, None, None).exit_code == 1
    fixed = images.plan(pg, None, None, env=["POSTGRES_PASSWORD"])
    assert fixed.exit_after is None and fixed.serves(5432, 3) and not fixed.serves(5432, 1)
    assert images.plan(images.lookup("nginx"), None, None, memory_limit=1024).reason == "OOMKilled"


def test_server_image_with_explicit_server_command_still_serves() -> None:
    plan = images.plan(images.lookup("nginx:1.25"), ["nginx", "-g", "daemon off;"], None)
    assert plan.http_port == 80 and plan.exit_after is None
    shell = images.plan(images.lookup("nginx:1.25"), ["sh", "-c", "sleep 10"], None)
    assert shell.http_port is None and shell.exit_after == 10.0


def test_agnhost_subcommands() -> None:
    ag = images.lookup("registry.k8s.io/e2e-test-images/agnhost:2.43")
    net = images.plan(ag, None, ["netexec", "--http-port=8081"])
    assert images.http_get(net, 8081, "/hostname", 1, hostname="pod-a") == (200, "pod-a")
    live = images.plan(ag, None, ["liveness"])
    assert images.http_get(live, 8080, "/healthz", 5)[0] == 200
    assert images.http_get(live, 8080, "/healthz", 11)[0] == 500
    assert images.plan(ag, None, None).exit_after == 0.0


def test_series_tags_are_unique_parse_and_keep_listed_sizes() -> None:
    """Each tag is made once (a listed tag or one series), every built tag is a valid
    reference, and series sizes stay within 3 % of their variant's."""
    for repo, entry in images._builtin().items():
        listed = set(entry.get("tags") or {})
        made: list[str] = []
        for series in entry.get("series") or ():
            made += [v + s for v in series["versions"] for s in series["variants"]]
        assert len(made) == len(set(made)), repo
        tags = images.repo_tags(repo)
        assert set(tags) == listed | set(made)
        for tag, fields in tags.items():
            p = images.lookup(f"{repo}:{tag}")
            assert p is not None and p.size == fields["size"] > 0
        last = images.lookup(f"{repo}:{list(tags)[-1]}")
        assert last is not None
        by_digest = images.lookup(last.image_id)  # a pull by digest finds the same tag
        assert by_digest is not None and (by_digest.size, by_digest.digest) == (
            last.size,
            last.digest,
        )
        for tag in listed:
            assert tags[tag] == entry["tags"][tag]
