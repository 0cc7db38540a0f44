"""Patch metadata lookups (api.patch.strategicpatch.meta): patchStrategy / patchMergeKey."""

from __future__ import annotations

from minikube_lite.api.patch.strategicpatch import meta as patch_schema


def test_patch_schema_lookups() -> None:
    assert patch_schema.lookup_slice("PodSpec", "containers") == ("Container", ("merge",), "name")
    assert patch_schema.lookup_slice("Container", "ports") == (
        "ContainerPort",
        ("merge",),
        "containerPort",
    )
    assert patch_schema.lookup_slice("ServiceSpec", "ports") == ("ServicePort", ("merge",), "port")
    assert patch_schema.lookup_slice("Container", "volumeMounts")[1:] == (("merge",), "mountPath")
    assert patch_schema.lookup_slice("PodSpec", "volumes")[1:] == (("merge", "retainKeys"), "name")
    assert patch_schema.lookup_slice("PodSpec", "tolerations")[1:] == ((), "")
    assert patch_schema.lookup_slice("ObjectMeta", "finalizers") == ("s", ("merge",), "")
    assert patch_schema.lookup_slice("ObjectMeta", "ownerReferences")[1:] == (("merge",), "uid")
    assert patch_schema.lookup_slice("DeploymentStatus", "conditions")[1:] == (("merge",), "type")
    assert patch_schema.lookup_struct("DeploymentSpec", "strategy") == (
        "DeploymentStrategy",
        ("retainKeys",),
        "",
    )
    assert (
        patch_schema.lookup_struct("Deployment", "Spec")[0] == "DeploymentSpec"
    )  # case-insensitive fallback
    assert patch_schema.root_type("Widget") is None
    assert patch_schema.split_strategies(("merge", "retainKeys")) == (True, "merge")
