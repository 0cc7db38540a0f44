"""Machine output formats, mirroring k8s.io/cli-runtime/pkg/printers, client-go util/jsonpath and
kubectl's custom-columns printer (one module per printer)."""
