"""The command line's two consoles (``SafeConsole``: control characters shown, never
obeyed), made when first needed.

rich is about a tenth of what ``gik-rules check`` imports; a run that prints nothing
through a console (``-q`` with a machine format), or only plain text on a stream that is
no terminal (the text format piped or sent to a file), should not pay for it.
``lazy_console`` stands in for a ``rich.console.Console``: until a console is needed its
``file`` is the stream the console would write to, it says whether that is a terminal as
rich would, and what rich would print there as plain text (``gik_rules.markup.plain``) it
writes itself, byte for byte as rich does; everything else goes to the console, made then.
"""

from __future__ import annotations

import builtins
import os
import sys
from typing import IO, TYPE_CHECKING, Any, cast

from gik_rules.markup import escape, plain

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["escape", "lazy_console"]

#: the console options under which rich prints plain text as it is (no highlighting)
_PLAIN_OPTIONS = {"file", "width", "no_color", "highlight", "soft_wrap"}
#: what makes rich treat any stream as a terminal (or not), whatever it is
_TERMINAL_ENV = ("FORCE_COLOR", "TTY_COMPATIBLE")


class _LazyConsole:
    def __init__(self, options: dict[str, Any]) -> None:
        self._options = options
        self._console: Console | None = None
        self._stream: tuple[IO[str], bool] | None = None  # (stream, no terminal)
        # options under which rich prints plain text as it is
        self._plain_options = options.keys() <= _PLAIN_OPTIONS and options.get("highlight") is False

    def _made(self) -> Console:
        if self._console is None:
            from gik_rules.cli.safe_console import SafeConsole

            self._console = SafeConsole(**self._options)
        return self._console

    @property
    def file(self) -> IO[str]:
        if self._console is not None:
            return self._console.file
        named: IO[str] | None = self._options.get("file")
        if named is not None:
            return named
        return sys.stderr if self._options.get("stderr") else sys.stdout  # as Console's

    def _no_terminal(self) -> bool:
        """Whether rich would take the stream for no terminal (``Console.is_terminal``)."""
        file = self.file
        if self._stream is None or self._stream[0] is not file:
            self._stream = (file, _seen_as_no_terminal(file))
        return self._stream[1]

    @property
    def is_terminal(self) -> bool:
        if self._console is None and self._no_terminal():
            return False
        return self._made().is_terminal

    def print(self, *objects: Any, **options: Any) -> None:
        text = self._plain_text(objects, options)
        if text is None:
            self._made().print(*objects, **options)
            return
        file = self.file
        file.write(text)
        file.flush()  # as rich does after each print

    def _plain_text(self, objects: tuple[Any, ...], options: dict[str, Any]) -> str | None:
        """What rich would print, when it is plain text (soft-wrapped: never cut)."""
        if not options.keys() <= {"soft_wrap", "style", "markup"}:
            return None
        soft_wrap = options.get("soft_wrap")
        if not (self._options.get("soft_wrap", False) if soft_wrap is None else soft_wrap):
            return None
        if not self._plain_options or not all(isinstance(o, str) for o in objects):
            return None
        if not self._no_terminal():
            return None
        markup = options.get("markup") is not False
        texts = [plain(o, markup=markup) for o in objects]  # rich reads each on its own
        if any(text is None for text in texts):
            return None
        return " ".join(cast("list[str]", texts)) + "\n"

    def __getattr__(self, name: str) -> Any:
        return getattr(self._made(), name)


def _seen_as_no_terminal(file: IO[str]) -> bool:
    """Whether rich would take ``file`` for no terminal (``Console.is_terminal``)."""
    if any(name in os.environ for name in _TERMINAL_ENV) or hasattr(builtins, "get_ipython"):
        return False  # rich decides by these first (get_ipython: a Jupyter kernel)
    isatty = getattr(file, "isatty", None)
    try:
        return isatty is not None and not isatty()
    except ValueError:
        return False


def lazy_console(**options: Any) -> Console:
    """A ``SafeConsole(**options)`` made when first needed."""
    return cast("Console", _LazyConsole(options))
