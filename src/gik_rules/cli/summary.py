"""The closing summary of a ``check`` run, and the per-rule table of ``--statistics``.

Counts only: a run of a hundred thousand reports keeps a few counters, not its results.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from gik_rules.cli.consoles import escape
from gik_rules.engine.result import ReportResult
from gik_rules.rules.finding import Severity
from gik_rules.rules.unreadable import CODES as UNREADABLE

if TYPE_CHECKING:
    from rich.console import Console


class RunSummary:
    """What a run found, counted as results go by."""

    def __init__(self) -> None:
        self.reports = 0
        self.unreadable = 0  # reports that could not be read or checked at all
        self.severities: Counter[Severity] = Counter()
        self.rules: Counter[tuple[str, str, Severity]] = Counter()
        self.reports_by_rule: Counter[str] = Counter()
        self.known = 0  # findings left out because the baseline holds them
        self.dismissed = 0  # findings a reviewer dismissed, listed apart
        self.failed_unreadable = False
        self.failed_errors = False

    def add(self, result: ReportResult, *, known: int = 0) -> None:
        self.reports += 1
        self.known += known
        self.dismissed += len(result.dismissed)
        if result.report is None or any(f.code in UNREADABLE for f in result.findings):
            self.unreadable += 1
        codes = set()
        for f in result.findings:
            self.severities[f.severity] += 1
            self.rules[(f.code, f.name, f.severity)] += 1
            codes.add(f.code)
            if f.code in UNREADABLE:
                self.failed_unreadable = True
            elif f.severity is Severity.ERROR:
                self.failed_errors = True
        self.reports_by_rule.update(codes)

    @property
    def findings(self) -> int:
        return sum(self.severities.values())

    def exit_code(self, *, exit_zero: bool = False) -> int:
        """2 when a file could not be read or checked, 1 on error findings (unless
        ``exit_zero``), else 0."""
        if self.failed_unreadable:
            return 2
        return 1 if self.failed_errors and not exit_zero else 0

    def print(self, console: Console, *, seconds: float | None = None) -> None:
        """``1,204 reports (3 not read) · 57 findings: 12 errors, 40 warnings, 5 info``,
        then the rules found most often."""
        s = self.severities
        head = f"{self.reports:,} report{'s' if self.reports != 1 else ''}"
        if self.unreadable:
            head += f" ([red]{self.unreadable:,} not read[/red])"
        parts = [
            f"[red]{s[Severity.ERROR]:,} error{'s' if s[Severity.ERROR] != 1 else ''}[/red]",
            f"[yellow]{s[Severity.WARNING]:,} warning{'s' if s[Severity.WARNING] != 1 else ''}[/yellow]",
            f"{s[Severity.INFO]:,} info",
        ]
        line = f"{head} · {self.findings:,} finding{'s' if self.findings != 1 else ''}: {', '.join(parts)}"
        if self.known:
            line += f" · {self.known:,} in the baseline not shown"
        if self.dismissed:
            line += f" · {self.dismissed:,} dismissed"
        if seconds is not None and seconds > 0:
            line += f" · {seconds:.1f} s ({self.reports / seconds:,.0f} reports/s)"
        console.print(line, soft_wrap=True)
        top = self._by_code().most_common(5)
        if top and len(self._by_code()) > 1:
            console.print(
                "most found: " + ", ".join(f"{escape(code)} ×{n:,}" for code, n in top),
                soft_wrap=True,
                style="dim",
            )

    def _by_code(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for (code, _, _), n in self.rules.items():
            out[code] += n
        return out

    def print_statistics(self, console: Console) -> None:
        """One row per rule found: code, name, severity, findings, reports, most first."""
        from rich.table import Table

        table = Table(box=None, pad_edge=False, header_style="bold")
        for name, justify in (
            ("findings", "right"),
            ("reports", "right"),
            ("code", "left"),
            ("name", "left"),
            ("severity", "left"),
        ):
            table.add_column(name, justify=justify)  # type: ignore[arg-type]
        rows = sorted(self.rules.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][2].rank))
        for (code, name, severity), n in rows:
            table.add_row(
                f"{n:,}",
                f"{self.reports_by_rule[code]:,}",
                escape(code),
                escape(name),
                severity.value,
            )
        if not rows:
            console.print("no findings")
            return
        console.print(table)
