"""The errors the command line reports in one line (exit code 2), defined apart from the
modules that raise them so that the command line knows them without importing those
(``gik-rules --version`` and ``--help`` load no plugin, form or rule)."""

from __future__ import annotations


class ConfigError(ValueError):
    """A configuration file that cannot be read, or holds an unknown key, a value of the
    wrong type or an unknown selector: the message names the file and the key."""


class RuleDataError(ValueError):
    """Rule metadata that is missing, malformed or does not match its implementation."""


class PluginConflictError(RuntimeError):
    """Two plugins claim the same rule code or name, variant id or ruleset name, or set
    the same param of one rule for one jurisdiction."""
