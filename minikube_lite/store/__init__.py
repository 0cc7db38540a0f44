"""The cluster state: one JSON document per profile, its lock, and the in-memory Cluster API.

``persist`` knows files (paths, lock, atomic write, schema version); ``cluster`` knows objects
(bookkeeping, indexes, timers, the change feed controllers react to); ``apiserver`` is the write
path users and controllers share (defaulting, validation, admission).
"""
