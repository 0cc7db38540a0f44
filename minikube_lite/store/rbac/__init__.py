"""RBAC, mirroring plugin/pkg/auth/authorizer/rbac: ``rbac`` (the authorizer and rule resolver)
and ``bootstrappolicy`` (the default ClusterRoles and ClusterRoleBindings)."""
