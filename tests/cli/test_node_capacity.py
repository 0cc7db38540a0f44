"""Issue 11: a node takes 110 pods (the kubelet's maxPods default); the rest wait, Pending."""

from __future__ import annotations

TOO_MANY = (
    "0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: "
    "1 No preemption victims found for incoming pod."
)


def _phases(mkl) -> dict[str, int]:
    out: dict[str, int] = {}
    for line in mkl("get", "pods", "--no-headers").stdout.splitlines():
        status = line.split()[2]
        out[status] = out.get(status, 0) + 1
    return out


def test_pods_over_the_node_capacity_stay_pending_until_room_is_made(manual) -> None:
    """The pods request nothing: fitsRequest counts pods before it looks at requests."""
    assert (
        manual("create", "deployment", "fill", "--image=nginx:1.25", "--replicas=110").exit_code
        == 0
    )
    assert (
        manual("create", "deployment", "late", "--image=nginx:1.25", "--replicas=2").exit_code == 0
    )
    manual("clock", "advance", "30s")
    assert _phases(manual) == {"Running": 110, "Pending": 2}
    pending = [
        ln.split()[0]
        for ln in manual("get", "pods", "--no-headers").stdout.splitlines()
        if "Pending" in ln
    ]
    assert all(p.startswith("late-") for p in pending)
    d = manual("describe", "pod", pending[0]).stdout
    assert "Status:           Pending" in d
    assert f"default-scheduler  {TOO_MANY}" in d
    cond = manual(
        "get",
        "pod",
        pending[0],
        "-o",
        "jsonpath={.status.conditions[0].reason}: {.status.conditions[0].message}",
    ).stdout
    assert cond == f"Unschedulable: {TOO_MANY}"
    node = manual("describe", "node", "minikube").stdout
    assert node.count("  pods:               110\n") == 2  # Capacity and Allocatable
    assert "Non-terminated Pods:          (110 in total)" in node

    # Room is made: the pending pods are retried when bound pods go away.
    assert manual("scale", "deployment", "fill", "--replicas=100").exit_code == 0
    manual("clock", "advance", "1m")
    assert _phases(manual) == {"Running": 102}
