"""Server-side verbs: work on an in-memory Cluster, return data, never print."""
