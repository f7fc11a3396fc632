"""Testing aids for plugin authors: hypothesis strategies for reports, and the
conformance harness (``assert_plugin_conforms``).

Import from here: ``from gik_rules.testing import consistent_reports``.
"""

from gik_rules.testing.conformance import (
    ConformanceReport,
    assert_plugin_conforms,
    check_plugin_conformance,
)
from gik_rules.testing.fixtures import FixtureCase, find_fixtures
from gik_rules.testing.narrative import odd_reports
from gik_rules.testing.series import carry_over, consistent_series, copy_narrative
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
    "ConformanceReport",
    "FixtureCase",
    "any_reports",
    "assert_plugin_conforms",
    "carry_over",
    "cell_ids",
    "cells",
    "check_plugin_conformance",
    "consistent_reports",
    "consistent_series",
    "copy_narrative",
    "deadline",
    "find_fixtures",
    "odd_reports",
    "with_cell",
]
