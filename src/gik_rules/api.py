"""The short Python API: read a report, load a ruleset, check."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from gik_rules.engine import ReportResult, check_paths, with_dataset_findings
from gik_rules.engine import check_report as _check_report
from gik_rules.host import Host, default_host
from gik_rules.ingest.reader import read_report
from gik_rules.model import AnnualReport
from gik_rules.ruleset import Ruleset, ruleset_of


def read(path: Path | str, host: Host | None = None) -> AnnualReport:
    """The report in a file of any supported format.

    Raises ValueError naming the reason when nothing could be read; parse findings of a
    partly readable document are reported by ``check``, not raised here.
    """
    result = read_report(path, host)
    if result.report is None:
        raise ValueError(f"{path}: " + "; ".join(i.message_en for i in result.issues))
    return result.report


def load_ruleset(
    name: str = "national",
    *,
    select: Sequence[str] | None = None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    host: Host | None = None,
) -> Ruleset:
    """A ruleset of the installed plugins by name, or from a .toml file."""
    return ruleset_of(
        host or default_host(), name, select=select, extend_select=extend_select, ignore=ignore
    )


def check(
    path: Path | str, ruleset: Ruleset | str = "national", host: Host | None = None
) -> list[ReportResult]:
    """Read and check every report in a file; the reports of a dataset (several rows)
    also go through the dataset rules together."""
    host = host or default_host()
    resolved = ruleset if isinstance(ruleset, Ruleset) else load_ruleset(ruleset, host=host)
    return with_dataset_findings(list(check_paths([path], resolved, host)), resolved, host.variants)


def check_report(
    report: AnnualReport, ruleset: Ruleset | str = "national", host: Host | None = None
) -> ReportResult:
    """Check a report already in memory."""
    host = host or default_host()
    resolved = ruleset if isinstance(ruleset, Ruleset) else load_ruleset(ruleset, host=host)
    return _check_report(report, resolved, host.variants)
