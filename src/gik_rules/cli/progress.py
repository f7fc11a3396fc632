"""A progress line on stderr for long runs, shown only where a person is watching."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from gik_rules.engine import ReportResult


def with_progress(
    results: Iterable[ReportResult], files: int, err: Console
) -> Iterator[ReportResult]:
    """Yield ``results`` unchanged; on a terminal, count them on stderr as they arrive.

    The bar counts files (a dataset file holds many reports); it is transient, so nothing
    of it stays in the terminal, and absent in CI logs and pipes.
    """
    if not err.is_terminal or files < 2:
        yield from results
        return
    columns = (
        TextColumn("checking"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files, {task.fields[reports]} reports"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("check", total=files, reports=0)
        seen: set[str] = set()
        for count, result in enumerate(results, start=1):
            seen.add(result.source.partition("#")[0])  # "data.csv#row 7" is one file's row
            progress.update(task, completed=min(files, len(seen)), reports=count)
            yield result
