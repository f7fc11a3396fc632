"""Terminal output: one block per report, one line per finding, and a summary.

A report some rules could not look at (a table not read, no text) ends with how many
were skipped and the most frequent reason; rules that do not apply to the report's
variant or year are not counted: nothing was missed. Report text goes through
``safe.printable``: an escape sequence quoted in a report is shown, never obeyed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING

from gik_rules.engine.result import ReportResult
from gik_rules.markup import escape
from gik_rules.output.safe import printable
from gik_rules.rules.finding import Severity

if TYPE_CHECKING:
    from rich.console import Console

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _show(text: str) -> str:
    return escape(printable(text))


def skipped_line(result: ReportResult, *, english: bool = False) -> str | None:
    """``3 rules skipped: 表三未读取``, or None when every applicable rule looked."""
    reasons = Counter(r.message_en if english else r.message for r in result.not_read().values())
    if not reasons:
        return None
    count = sum(reasons.values())
    (main, _), *others = reasons.most_common()
    more = f" (and {len(others)} other reason{'s' if len(others) > 1 else ''})" if others else ""
    return f"{count} rule{'s' if count > 1 else ''} skipped: {main}{more}"


def print_result(result: ReportResult, console: Console, *, english: bool = False) -> None:
    """The block of one report."""
    meta = result.report.meta if result.report else None
    title = f" {meta.organ} {meta.year or ''} {meta.variant or ''}" if meta else ""
    console.print(f"[bold]{_show(result.key)}[/bold][dim]{_show(title)}[/dim]")
    if not result.findings:
        console.print("  [green]no findings[/green]")
    for f in result.findings:
        where = f.location.describe()
        message = f.message_en if english else f.message
        console.print(
            f"  [{_STYLE[f.severity]}]{f.severity.value:<7}[/] [bold]{_show(f.code)}[/bold] "
            f"[dim]{_show(f.name)}[/dim] {_show(message)}"
            + (f" [dim]({_show(where)})[/dim]" if where else ""),
            soft_wrap=True,
        )
    line = skipped_line(result, english=english)
    if line:
        console.print(f"  [dim]{_show(line)}[/dim]", soft_wrap=True)


def print_summary(reports: int, totals: dict[Severity, int], console: Console) -> None:
    console.print(
        f"\n{reports} report(s): [red]{totals[Severity.ERROR]} error(s)[/red], "
        f"[yellow]{totals[Severity.WARNING]} warning(s)[/yellow], {totals[Severity.INFO]} info"
    )


def print_text(
    results: Iterable[ReportResult], console: Console, *, english: bool = False
) -> dict[Severity, int]:
    """Print each result as it arrives (streaming); return the counts per severity."""
    writer = TextFormatter(console.file, english=english, console=console)
    writer.start()
    for result in results:
        writer.add(result)
    writer.finish()
    return writer.totals


class TextFormatter:
    """``print_text`` as a formatter. Without a ``console`` it writes to the stream 120
    columns wide, in colour only when the stream is a terminal."""

    def __init__(
        self,
        stream: IO[str],
        *,
        english: bool = False,
        console: Console | None = None,
        summary: bool = True,
    ) -> None:
        if console is None:
            from rich.console import Console

            console = Console(file=stream, width=120)
        self.console = console
        self.summary = summary  # False: the caller prints a summary of its own
        self.english = english
        self.reports = 0
        self.totals = dict.fromkeys(Severity, 0)

    def start(self) -> None:
        pass

    def add(self, result: ReportResult) -> None:
        self.reports += 1
        for f in result.findings:
            self.totals[f.severity] += 1
        print_result(result, self.console, english=self.english)

    def finish(self) -> None:
        if self.summary:
            print_summary(self.reports, self.totals, self.console)
