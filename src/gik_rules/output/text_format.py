"""Terminal output: one block per report, one line per finding, and a summary.

A report some rules could not look at (a table not read, no text) ends with how many
were skipped and the most frequent reason; rules that do not apply to the report's
variant or year are not counted: nothing was missed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rich.console import Console
from rich.markup import escape

from gik_rules.engine.result import ReportResult
from gik_rules.rules.finding import Severity

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def skipped_line(result: ReportResult, *, english: bool = False) -> str | None:
    """``3 rules skipped: 表三未读取``, or None when every applicable rule looked."""
    reasons = Counter(r.message_en if english else r.message for r in result.not_read().values())
    if not reasons:
        return None
    count = sum(reasons.values())
    (main, _), *others = reasons.most_common()
    more = f" (and {len(others)} other reason{'s' if len(others) > 1 else ''})" if others else ""
    return f"{count} rule{'s' if count > 1 else ''} skipped: {main}{more}"


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
        line = skipped_line(result, english=english)
        if line:
            console.print(f"  [dim]{escape(line)}[/dim]", soft_wrap=True)
    console.print(
        f"\n{reports} report(s): [red]{totals[Severity.ERROR]} error(s)[/red], "
        f"[yellow]{totals[Severity.WARNING]} warning(s)[/yellow], {totals[Severity.INFO]} info"
    )
    return totals
