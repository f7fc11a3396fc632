"""The figures between two labels, as the zone's layout writes them.

A zone's layout is worked out once from its lines:

- ``ROWS``: one table row a line, cells separated by ``|`` (``a | b | c``, Markdown
  ``| a | b |``); a row's cells stand on its label's line.
- ``CELL_LINES``: one cell a line (``56 |``, lone ``|`` lines for empty cells, ``||``
  fillers), or tab-indented cells (rows separated by blank lines).
- ``PLAIN``: figures separated by spaces or run together (flipbook pages, archive dumps);
  an empty cell cannot be written, so the figures of a row are one run to be split.
"""

from __future__ import annotations

import enum
import functools
import itertools
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from gik_rules.bounded import Bounded
from gik_rules.model.cell_text import PLACEHOLDERS, UNITS


class Layout(enum.Enum):
    ROWS = "rows"
    CELL_LINES = "cell-lines"
    TABS = "tabs"
    PLAIN = "plain"


class Piece(NamedTuple):
    """A cell's text and where it starts in the folded text (a tuple: a report's tables
    make hundreds, made fast)."""

    text: str
    start: int
    end: int  # just after the cell as printed (a tab cell: the whole line after its tab)


#: ``piece((text, start, end))`` is ``Piece(text, start, end)`` made in C: a NamedTuple's
#: own ``__new__`` is a Python function, a frame for each of a report's cells.
piece: Callable[[tuple[str, int, int]], Piece] = functools.partial(tuple.__new__, Piece)


_PIPES_ONLY = re.compile(r"^\|+$")
_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_UNIT = "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True))
_PLACEHOLDER = "|".join(
    re.escape(p) for p in sorted(PLACEHOLDERS, key=len, reverse=True) if not p.isalpha()
)
_NUMBER = rf"\d[\d.,]*(?:{_UNIT})?"
_FIGURE = rf"(?:[+\-]?{_NUMBER}|{_PLACEHOLDER})"
#: The figures of a row in plain text: figures separated by white space, or run
#: together, a sign starting a signed figure ("231-3761").
FIGURE_RUN = re.compile(rf"(?<![\d.]){_FIGURE}(?:\s+{_FIGURE}|\s*[+\-]{_NUMBER})*")


def layout_of(lines: Sequence[str]) -> Layout:
    """The layout of a zone's lines (the lines between its first and last label)."""
    filled = list(filter(str.strip, lines))  # the lines not blank, told in C
    if not filled:
        return Layout.PLAIN
    if sum(map(str.startswith, filled, itertools.repeat("\t"))) * 3 >= len(filled):
        return Layout.TABS
    piped = [ln for ln in filled if "|" in ln]
    if len(piped) * 3 < len(filled):
        return Layout.PLAIN
    # A line of one cell has at most a pipe on either side of it ("56 |", "| 56 |");
    # a row line separates its cells with more (empty cells included).
    separators = [
        ln.strip().strip("|").count("|") for ln in piped if not _PIPES_ONLY.match(ln.strip())
    ]
    singles = sum(1 for n in separators if n == 0)
    return Layout.CELL_LINES if singles * 2 > len(separators) else Layout.ROWS


def _lines(text: str, start: int) -> list[tuple[str, int]]:
    out, pos = [], start
    for line in text.split("\n"):
        out.append((line, pos))
        pos += len(line) + 1
    return out


def row_cells(layout: Layout, residue: str, start: int) -> tuple[list[Piece], list[Piece]]:
    """The cells of the row whose label ends where ``residue`` starts (at folded index
    ``start``), and the figure cells found on later lines that no label in the residue
    claims (``ROWS`` only: they are figures without a row)."""
    if layout is Layout.PLAIN:
        return plain_figures(residue, start), []
    if layout is Layout.ROWS:
        first, _, rest = residue.partition("\n")
        cells = _split_row(first, start, continues=True)
        stray: list[Piece] = []
        # A later line without a digit holds no figure cell: most hold none (the start of
        # the next label's row), and are not cut.
        if any(map(str.isdigit, rest)):
            for line, lpos in _lines(rest, start + len(first) + 1):
                if any(map(str.isdigit, line)):
                    cut = _split_row(line, lpos, continues=False)
                    stray.extend(p for p in cut if any(map(str.isdigit, p.text)))
        return cells, stray
    if layout is Layout.TABS:
        return _tab_cells(residue, start), []
    return _cell_lines(_lines(residue, start)), []


#: Each row line's cells, cut once (at folded index 0), by ``continues``: a report's rows
#: mostly print the same few lines of figures (zeros), and so do the reports of a batch.
#: A line longer than a row's (a whole table on one line) is cut each time, not kept.
_CUT: tuple[Bounded[str, list[tuple[str, int, int]]], ...] = (Bounded(1 << 12), Bounded(1 << 12))
_CUT_LONGEST = 256


def _split_row(line: str, pos: int, *, continues: bool) -> list[Piece]:
    """The cells of a row line. ``continues``: ``line`` is the rest of a label's line, so
    the separator right after the label closes the label's cell, not an empty one. A
    Markdown row's closing pipe gives one empty cell too many: the caller drops blank
    cells past the form's columns."""
    known = _CUT[continues]
    cut = known.get(line)
    if cut is None:
        cut = _cut_row(line, continues)
        if len(line) <= _CUT_LONGEST:
            known.keep(line, cut)
    return [piece((text, pos + a, pos + b)) for text, a, b in cut]


def _cut_row(line: str, continues: bool) -> list[tuple[str, int, int]]:
    """``_split_row(line, 0, continues=continues)``, its cells as plain tuples."""
    stripped = line.strip()
    if not stripped:
        return []
    offset = len(line) - len(line.lstrip())
    if not stripped.strip("|"):  # only pipes
        if continues:
            # "行政许可 | ": the label, its separator and an empty cell after it.
            return [("", offset + n + 1, offset + n + 1) for n in range(len(stripped))]
        return []
    if "-" in stripped and _RULE.match(stripped):
        return []
    body = stripped
    # After a label the first pipe closes the label's cell; a whole line's first pipe
    # opens a Markdown row (``| a | b |``) only where a pipe closes it too, else it
    # follows an empty first cell (`` | 3 | 8``).
    if body.startswith("|") and (continues or body.endswith("|")):
        body, offset = body[1:], offset + 1
    cells, at = [], offset
    for seg in body.split("|"):
        text = seg.strip()
        # The text starts past the segment's leading white space; an empty one at its end.
        lead = at + seg.find(text) if text else at + len(seg)
        cells.append((text, lead, lead + len(text)))
        at += len(seg) + 1
    return cells


def split_line(line: str, pos: int) -> list[Piece]:
    """The cells of a whole row line (``a | b | c`` or ``| a | b |``) at folded ``pos``."""
    return _split_row(line, pos, continues=False)


def _cell_lines(lines: list[tuple[str, int]]) -> list[Piece]:
    """One cell a line: ``56 |`` is the cell 56, a lone ``|`` an empty cell, ``||`` and
    longer runs of pipes are fillers, blank lines nothing."""
    out: list[Piece] = []
    for index, (line, pos) in enumerate(lines):
        stripped = line.strip()
        if index == 0:
            # The rest of the label's own line: only its terminator, or more label text.
            rest = stripped.strip("|").strip()
            if rest:
                at = pos + line.find(rest)
                out.append(Piece(rest, at, at + len(rest)))
            continue
        if not stripped:
            continue
        if _PIPES_ONLY.match(stripped):
            if len(stripped) == 1:
                at = pos + line.find("|")
                out.append(Piece("", at, at))
            continue
        text = stripped.strip("|").strip()
        at = pos + line.find(text) if text else pos
        out.append(Piece(text, at, at + len(text)))
    return out


#: Each residue's tab cells, found once (at folded index 0), as row lines are cut once.
_TABS: Bounded[str, list[tuple[str, int, int]]] = Bounded(1 << 12)


def _tab_cells(residue: str, start: int) -> list[Piece]:
    """Tab-indented cells (a .docx saved as text) on the lines after the label's (at
    folded ``start``): a line that starts with a tab is a cell, a line without one
    continues the cell before it, a blank line ends the row."""
    cells = _TABS.get(residue)
    if cells is None:
        cells = _tab_cells_at_0(residue)
        if len(residue) <= _CUT_LONGEST:
            _TABS.keep(residue, cells)
    return [piece((text, start + a, start + b)) for text, a, b in cells]


def _tab_cells_at_0(residue: str) -> list[tuple[str, int, int]]:
    """``_tab_cells(residue, 0)``, its cells as plain tuples."""
    out: list[tuple[str, int, int]] = []
    lines = iter(residue.split("\n"))
    pos = len(next(lines)) + 1
    for line in lines:
        if line.startswith("\t"):
            out.append((line[1:].strip(), pos + 1, pos + len(line)))
        elif not line.strip():
            if out:
                break
        elif out:
            out[-1] = (out[-1][0] + line.strip(), out[-1][1], pos + len(line))
        pos += len(line) + 1
    return out


def plain_figures(residue: str, start: int) -> list[Piece]:
    """The first run of figures in ``residue`` (label text before it is skipped), one
    piece per run of figures separated by white space: the caller splits it."""
    match = FIGURE_RUN.search(residue)
    if not match:
        return []
    run = Piece(match.group(0), start + match.start(), start + match.end())
    if any(map(str.isdigit, residue[match.end() :])):
        # More figures after something that is not a figure: the run is broken, and a
        # part of it must not be split as if it were the whole row.
        return [
            run,
            Piece(residue[match.end() :].strip(), start + match.end(), start + len(residue)),
        ]
    return [run]


def is_blank(text: str) -> bool:
    stripped = text.strip()
    return not stripped or stripped in ("&nbsp;", "\u00a0")
