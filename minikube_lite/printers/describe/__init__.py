"""``kubectl describe``, mirroring staging/src/k8s.io/kubectl/pkg/describe/describe.go.

``writer`` holds the shared pieces (prefixWriter, tabbedString, the label/annotation/event
blocks); one module per kind group holds the describers; ``describe`` holds the kind->describer
registry and the dispatcher.
"""
