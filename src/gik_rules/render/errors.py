"""The error of the writing side: a template contribution, template or layout that cannot be
used (kept apart so that the layout schema and the template loader can both raise it)."""

from __future__ import annotations


class TemplateError(ValueError):
    """A template contribution or template file that cannot be used."""
