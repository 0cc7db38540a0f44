"""Pure printers: API objects (plain dicts) in, kubectl's exact text out.

``table`` (Go text/tabwriter), ``columns`` (``get`` tables), ``formats`` (json/yaml/name/jsonpath/
custom-columns), ``describe`` (``kubectl describe``), ``history`` (``rollout history``).
Nothing here reads the clock, the store or the environment (except the local time zone that
``clock.rfc1123z_local`` uses); ``now`` is always passed in.
"""
