"""The error every sub-command raises for a mistake on the command line."""

from __future__ import annotations


class UsageError(Exception):
    """A mistake on the command line: exit code 2 with a one-line message."""
