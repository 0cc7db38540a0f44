"""minikube-lite: a kubectl-compatible CLI over a simulated Kubernetes cluster."""

__version__ = "0.1.0"
