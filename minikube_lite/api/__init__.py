"""Kubernetes API objects as plain JSON dicts.

Kinds, accessors, defaulting, validation, selectors, patches.

Knows nothing about storage or time beyond what it is handed.
"""
