"""The progress line: on a terminal only, and it never changes the results."""

from __future__ import annotations

import io

from rich.console import Console

from gik_rules.cli.progress import with_progress
from gik_rules.engine import ReportResult

RESULTS = [ReportResult(f"r{i}.toml", None) for i in range(5)]


def test_no_progress_where_nobody_watches() -> None:
    stream = io.StringIO()
    err = Console(file=stream, force_terminal=False)
    assert list(with_progress(iter(RESULTS), 5, err)) == RESULTS
    assert stream.getvalue() == ""


def test_progress_on_a_terminal_passes_results_through() -> None:
    stream = io.StringIO()
    err = Console(file=stream, force_terminal=True, width=100)
    assert list(with_progress(iter(RESULTS), 5, err)) == RESULTS
    assert "checking" in stream.getvalue()
