"""Where a piece of a report came from in its source document."""

from __future__ import annotations

import attrs


@attrs.frozen(slots=True)
class SourceSpan:
    """A position in a source file.

    ``line`` and ``column`` are 1-based positions in text-like sources; ``page`` is the
    1-based page of a PDF; ``ref`` names a spreadsheet cell (``"B7"``) or a table cell
    (``"table 3, row 5, cell 2"``) where lines do not apply.
    """

    line: int | None = None
    column: int | None = None
    page: int | None = None
    ref: str | None = None

    def __reduce__(self) -> tuple[type[SourceSpan], tuple[int | str | None, ...]]:
        return SourceSpan, (self.line, self.column, self.page, self.ref)  # as Cell's

    def describe(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}" + (f":{self.column}" if self.column else ""))
        if self.ref:
            parts.append(self.ref)
        return ", ".join(parts)
