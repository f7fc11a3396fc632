"""The progress bar: on a terminal only, off with --quiet, counting files and reports."""

from __future__ import annotations

import io

from rich.console import Console

from gik_rules.cli.progress import RunProgress


def _run(err: Console, *, quiet: bool = False) -> RunProgress:
    with RunProgress(3, err, quiet=quiet) as progress:
        for reports in (1, 1, 40):
            progress.advance(reports)
    return progress


def test_no_progress_where_nobody_watches() -> None:
    stream = io.StringIO()
    progress = _run(Console(file=stream, force_terminal=False))
    assert not progress.enabled
    assert progress.reports == 42
    assert stream.getvalue() == ""


def test_quiet_silences_it_on_a_terminal() -> None:
    stream = io.StringIO()
    assert not _run(Console(file=stream, force_terminal=True), quiet=True).enabled
    assert stream.getvalue() == ""


def test_progress_on_a_terminal_counts_files_and_reports() -> None:
    stream = io.StringIO()
    progress = _run(Console(file=stream, force_terminal=True, width=160))
    assert progress.enabled
    shown = stream.getvalue()
    assert "checking" in shown
    assert "3/3" in shown
    assert "42 reports" in shown
