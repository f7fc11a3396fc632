"""The command line's consoles: what they print shows control characters, never obeys them
(``gik_rules.controls``), wherever a person reads it."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from gik_rules.controls import printable


class SafeConsole(Console):
    """A console whose text (report text, file names, messages) has its control
    characters shown as ``\\x1b``: always on standard error, on standard output when it
    is a terminal (piped, the data formats keep their own exact escaping). Rich's own
    styles are no text of the report and stay."""

    def render_str(self, text: str, **options: Any) -> Text:
        if self.stderr or self.is_terminal:
            text = printable(text, keep="\n\t")
        return super().render_str(text, **options)
