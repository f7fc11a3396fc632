"""Terminal output: one block per report, one line per finding, and a summary."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.markup import escape

from gik_rules.engine.result import ReportResult
from gik_rules.rules.finding import Severity

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def print_text(
    results: Iterable[ReportResult], console: Console, *, english: bool = False
) -> dict[Severity, int]:
    """Print each result as it arrives (streaming); return the counts per severity."""
    totals = dict.fromkeys(Severity, 0)
    reports = 0
    for result in results:
        reports += 1
        meta = result.report.meta if result.report else None
        title = f" {meta.organ} {meta.year or ''} {meta.variant or ''}" if meta else ""
        console.print(f"[bold]{escape(result.key)}[/bold][dim]{escape(title)}[/dim]")
        if not result.findings:
            console.print("  [green]no findings[/green]")
        for f in result.findings:
            totals[f.severity] += 1
            where = f.location.describe()
            message = f.message_en if english else f.message
            console.print(
                f"  [{_STYLE[f.severity]}]{f.severity.value:<7}[/] [bold]{f.code}[/bold] "
                f"[dim]{f.name}[/dim] {escape(message)}"
                + (f" [dim]({escape(where)})[/dim]" if where else ""),
                soft_wrap=True,
            )
    console.print(
        f"\n{reports} report(s): [red]{totals[Severity.ERROR]} error(s)[/red], "
        f"[yellow]{totals[Severity.WARNING]} warning(s)[/yellow], {totals[Severity.INFO]} info"
    )
    return totals
