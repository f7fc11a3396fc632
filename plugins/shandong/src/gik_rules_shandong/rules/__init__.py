"""The 山东省 rules: metadata and docs in ``<group>.toml``, checks in ``<group>.py``."""
