"""Testing aids for plugin authors: hypothesis strategies for reports.

Import from here: ``from gik_rules.testing import consistent_reports``.
"""

from gik_rules.testing.strategies import (
    ORGANS,
    any_reports,
    cell_ids,
    cells,
    consistent_reports,
    deadline,
    with_cell,
)

__all__ = [
    "ORGANS",
    "any_reports",
    "cell_ids",
    "cells",
    "consistent_reports",
    "deadline",
    "with_cell",
]
