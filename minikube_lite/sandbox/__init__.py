"""What runs inside a simulated container: the shell, its files, the image registry and run plans.

A leaf package: it imports nothing above the leaves (errors, clock, ids, records), never api/,
store/, controllers/ or ops/.  What a process needs from the cluster reaches it through seams the
caller fills (context.World for time passing, ExecContext.extra for commands such as curl), from
ops/sandbox/.
"""

SHELLS = frozenset({"sh", "ash", "bash", "dash"})  # the shell programs a simulated image may have
