"""`mkl image ls|add|rm`: the fake registry, and user images that pods really use."""

from __future__ import annotations


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
    ls = manual("image", "ls").stdout
    assert "docker.io/myorg/hello:1.0" in ls and "user" in ls
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
