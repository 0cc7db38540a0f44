"""``python -m minikube_lite``."""

from minikube_lite.cli.app import main

main()
