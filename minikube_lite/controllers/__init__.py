"""Controllers: pure functions of (cluster, now) that move the simulated cluster towards its spec.

They never sleep, never read the wall clock and never print.  Each controller module exposes
``sync(cluster, key)``; to run again later it calls ``cluster.schedule(at, NAME, key)``.
``loop`` routes object changes to work queues (like informer handlers) and runs the
controllers to quiescence at each instant, timers in time order.
"""
