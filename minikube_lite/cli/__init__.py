"""The command line: kubectl's grammar over the ops layer.

``parser`` implements pflag semantics (interspersed flags, ``--name=value``, bundled short flags,
``--``); ``commands`` is the declarative table of every verb, its flags, help and examples; ``app``
dispatches and renders errors in one place; ``cmd_*`` modules are thin handlers.
"""
