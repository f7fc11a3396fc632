"""A progress bar on stderr for long runs, shown only where a person is watching."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress


class RunProgress:
    """Files done of all, reports checked, reports per second, time left.

    Transient (nothing of it stays in the terminal) and absent when stderr is not a
    terminal (CI logs, pipes) or when ``quiet``."""

    def __init__(self, files: int, err: Console, *, quiet: bool = False) -> None:
        self.enabled = not quiet and err.is_terminal
        self.reports = 0
        self._progress: Progress | None = None
        if self.enabled:  # rich's progress imported only where it is shown
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("checking"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("files · {task.fields[reports]:,} reports · {task.fields[rate]}"),
                TimeElapsedColumn(),
                TextColumn("left"),
                TimeRemainingColumn(),
                console=err,
                transient=True,
            )
            self._task = self._progress.add_task("check", total=files, reports=0, rate="")

    def __enter__(self) -> RunProgress:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def advance(self, reports: int) -> None:
        """One more file done, holding ``reports`` reports."""
        self.reports += reports
        if self._progress is None:
            return
        task = self._progress.tasks[0]
        elapsed = task.elapsed or 0.0
        rate = f"{self.reports / elapsed:,.0f}/s" if elapsed > 0.5 else ""
        self._progress.update(self._task, advance=1, reports=self.reports, rate=rate)
