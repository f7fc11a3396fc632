"""The rules of the example plugin: metadata in ``office.toml``, checks in ``office.py``."""
