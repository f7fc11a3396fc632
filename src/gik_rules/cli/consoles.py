"""The command line's two consoles (``SafeConsole``: control characters shown, never
obeyed), made when first printed to.

rich is a fifth of what ``gik-rules check`` imports; a run that prints nothing through a
console (``-q`` with a machine format, the findings going to a file or a pipe) should not
pay for it. ``lazy_console`` stands in for a ``rich.console.Console`` and makes it on the
first use; until then its ``file`` is the standard stream the console would write to.
"""

from __future__ import annotations

import sys
from typing import IO, TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from rich.console import Console


class _LazyConsole:
    def __init__(self, options: dict[str, Any]) -> None:
        self._options = options
        self._console: Console | None = None

    def _made(self) -> Console:
        if self._console is None:
            from gik_rules.cli.safe_console import SafeConsole

            self._console = SafeConsole(**self._options)
        return self._console

    @property
    def file(self) -> IO[str]:
        if self._console is not None:
            return self._console.file
        return sys.stderr if self._options.get("stderr") else sys.stdout  # as Console's

    def __getattr__(self, name: str) -> Any:
        return getattr(self._made(), name)


def lazy_console(**options: Any) -> Console:
    """A ``SafeConsole(**options)`` made when first used."""
    return cast("Console", _LazyConsole(options))


def escape(text: str) -> str:
    """``rich.markup.escape``, imported when first needed."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)
