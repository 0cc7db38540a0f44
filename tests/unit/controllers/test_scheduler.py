"""NodeResourcesFit's pod count next to cpu and memory, and the FitError text."""

from __future__ import annotations

from minikube_lite.controllers import scheduler


def test_failure_message_sorts_reasons_as_the_histogram_does() -> None:
    assert scheduler.failure_message(["pods", "memory", "cpu"]) == (
        "0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 1 Too many pods. "
        "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod."
    )


def test_allowed_pods_reads_allocatable_with_the_kubelet_default() -> None:
    assert scheduler._allowed_pods({"pods": "110"}) == 110
    assert scheduler._allowed_pods({"pods": "1k"}) == 1000
    assert scheduler._allowed_pods({}) == 110
    assert scheduler._allowed_pods({"pods": "lots"}) == 110
