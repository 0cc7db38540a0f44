"""The deployment controller, split the way ``pkg/controller/deployment`` is.

``controller`` (the syncDeployment dispatcher and ReplicaSet claiming), ``sync`` (shared steps:
new/old RS, scaling, cleanup, status), ``rolling``, ``recreate``, ``rollback`` (legacy annotation),
``progress`` (conditions and the progress deadline), ``conditions`` and ``util`` (pure helpers of
``deployment_util.go``).  Every function takes the in-memory Cluster; time is ``cluster.now``.
"""
