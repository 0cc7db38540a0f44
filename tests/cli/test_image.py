"""`mkl image ls|add|rm`: the fake registry, and user images that pods really use."""

from __future__ import annotations

import re


def test_image_ls_lists_the_catalogue(manual) -> None:
    r = manual("image", "ls", "-o", "name")
    names = r.stdout.split()
    for ref in (
        "docker.io/gasbugs/http-go:v1",
        "docker.io/gasbugs/http-go:v2",
        "docker.io/library/nginx:1.14.2",
        "docker.io/library/busybox:1.36",
        "registry.k8s.io/e2e-test-images/agnhost:2.43",
    ):
        assert ref in names
    assert manual("image", "ls").stdout.startswith("IMAGE ")


def test_user_image_serves_its_body_and_can_be_removed(manual) -> None:
    r = manual("image", "add", "myorg/hello:1.0", "--http-port", "8080", "--body", "hello v1")
    assert (r.exit_code, r.stdout) == (0, 'image "docker.io/myorg/hello:1.0" added\n')
    assert manual("create", "deployment", "hello", "--image=myorg/hello:1.0").exit_code == 0
    assert manual("rollout", "status", "deploy/hello").exit_code == 0
    assert (
        manual("exec", "deploy/hello", "--", "curl", "-s", "localhost:8080").stdout == "hello v1\n"
    )
    row = next(line for line in manual("image", "ls").stdout.splitlines() if "myorg" in line)
    assert row.split()[:3] == ["myorg/hello", "1.0", "HTTP"] and row.split()[-1] == "user"
    assert "docker.io/myorg/hello:1.0" in manual("image", "ls", "myorg/hello").stdout
    assert (
        manual("image", "rm", "myorg/hello:1.0").stdout
        == 'image "docker.io/myorg/hello:1.0" removed\n'
    )


def test_crashing_user_image_crash_loops(manual) -> None:
    assert (
        manual("image", "add", "myorg/crash:1", "--exit-after", "2", "--exit-code", "3").exit_code
        == 0
    )
    assert manual("create", "deployment", "crash", "--image=myorg/crash:1").exit_code == 0
    # created at 0 s, Running at 4 s, exits 2 s later: Error at 6 s;
    # after the next exit (9 s) it backs off
    for advance, want in (
        (
            "6s",
            "NAME                    READY   STATUS   RESTARTS   AGE\n"
            "crash-7f4496797-4ssfb   0/1     Error    0          6s\n",
        ),
        (
            "4s",
            "NAME                    READY   STATUS             RESTARTS     AGE\n"
            "crash-7f4496797-4ssfb   0/1     CrashLoopBackOff   1 (1s ago)   10s\n",
        ),
        (
            "20s",
            "NAME                    READY   STATUS             RESTARTS     AGE\n"
            "crash-7f4496797-4ssfb   0/1     CrashLoopBackOff   2 (9s ago)   30s\n",
        ),
    ):
        assert manual("clock", "advance", advance).exit_code == 0
        assert manual("get", "pods", "-l", "app=crash").stdout == want


def test_image_errors(manual) -> None:
    r = manual("image", "add", "Bad Ref")
    assert r.exit_code == 1 and r.stderr.startswith('error: invalid image reference "Bad Ref"')
    r = manual("image", "rm", "nginx:1.25")
    assert r.stderr == (
        'error: image "docker.io/library/nginx:1.25" is not a user image (built-in '
        "images cannot be removed)\n"
    )


def test_image_ls_groups_tags_per_repository(manual) -> None:
    out = manual("image", "ls").stdout
    lines = out.splitlines()
    assert lines[0].split() == ["IMAGE", "TAGS", "SERVES", "ON", "NODE", "SOURCE"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert len(rows) == len(lines) - 1  # one row per repository
    assert "latest, v1, v2, v3" in rows["gasbugs/http-go"]
    assert rows["nginx"].split()[1:4] == ["latest,", "stable,", "1.29.1,"]
    assert "tags)" in rows["nginx"] and "HTTP :80" in rows["nginx"]
    assert "TCP :6379" in rows["redis"] and "kicbase/echo-server" in rows
    assert len(lines) < 40  # a screenful, though the registry has over a thousand tags
    assert len(manual("image", "ls", "-o", "name").stdout.split()) > 1000


def test_image_ls_filters_by_repository_reference_or_glob(manual) -> None:
    def names(*args: str) -> list[str]:
        return manual("image", "ls", "-o", "name", *args).stdout.split()

    assert names("nginx:1.27.3") == ["docker.io/library/nginx:1.27.3"]
    assert names("kicbase/echo-server") == ["docker.io/kicbase/echo-server:1.0"]
    assert names("busybox:1.36.1*") == [
        f"docker.io/library/busybox:1.36.1{v}" for v in ("", "-glibc", "-musl", "-uclibc")
    ]
    assert "docker.io/library/alpine:3.19" in names("alpine")
    assert not names("nginx:1.161")
    table = manual("image", "ls", "nginx:1.2[67]-alpine").stdout.splitlines()
    assert [line.split()[0] for line in table] == [
        "IMAGE",
        "docker.io/library/nginx:1.26-alpine",
        "docker.io/library/nginx:1.27-alpine",
    ]
    r = manual("image", "ls", "ngnix")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "No images found.\n")
    r = manual("image", "ls", "-o", "yaml")
    assert r.exit_code == 1 and "allowed formats are: json,name" in r.stderr


def test_set_image_to_a_real_tag_rolls_out(manual) -> None:
    assert manual("create", "deployment", "web", "--image=nginx:1.25").exit_code == 0
    assert manual("rollout", "status", "deploy/web").exit_code == 0
    assert manual("set", "image", "deploy/web", "nginx=nginx:1.26").exit_code == 0
    r = manual("rollout", "status", "deploy/web", "--timeout=60s")
    assert r.exit_code == 0 and "successfully rolled out" in r.stdout
    pulled = manual("get", "events", "-o", "jsonpath={range .items[*]}{.message}{'\\n'}{end}")
    assert 'Successfully pulled image "nginx:1.26"' in pulled.stdout


def test_minikube_start_page_hello_minikube(manual) -> None:
    """minikube's start page: echo-server behind a NodePort Service, curled from a pod."""
    assert (
        manual(
            "create", "deployment", "hello-minikube", "--image=kicbase/echo-server:1.0"
        ).exit_code
        == 0
    )
    r = manual("expose", "deployment", "hello-minikube", "--type=NodePort", "--port=8080")
    assert r.exit_code == 0
    assert (
        manual(
            "run", "client", "--image=curlimages/curl", "--command", "--", "sleep", "1d"
        ).exit_code
        == 0
    )
    assert manual("clock", "advance", "10s").exit_code == 0
    pod = manual("get", "pods", "-l", "app=hello-minikube", "-o", "name").stdout.strip()
    r = manual("exec", "client", "--", "curl", "-s", "hello-minikube:8080/")
    assert r.stdout == (
        f"Request served by {pod.split('/')[1]}\n\nHTTP/1.1 GET /\n\n"
        "Host: hello-minikube:8080\nAccept: */*\nUser-Agent: curl/8.5.0\n"
    )
    client = manual("get", "pod", "client", "-o", "jsonpath={.status.podIP}").stdout
    logs = manual("logs", "deploy/hello-minikube").stdout.splitlines()
    assert logs[0] == "Echo server listening on port 8080."
    assert re.fullmatch(rf"{re.escape(client)}:\d+ \| GET /", logs[1]) and len(logs) == 2


def test_mysql_needs_a_password(manual) -> None:
    assert manual("run", "db", "--image=mysql:8").exit_code == 0
    assert manual("clock", "advance", "10s").exit_code == 0
    logs = manual("logs", "db").stdout
    assert "Database is uninitialized and password option is not specified" in logs
    assert "- MYSQL_ROOT_PASSWORD" in logs
