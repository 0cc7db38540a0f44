"""The simulated kubelet, mirroring pkg/kubelet: ``kubelet`` (syncPod and the pod workers),
``containers`` (the container lifecycle), ``prober`` (pkg/kubelet/prober), ``status``
(pkg/kubelet/status) and ``backoff`` (client-go util/flowcontrol as the kubelet uses it)."""
