"""What is checked against the limits where a reader hands its text on: the lines of a
decoded text, the paragraphs and tables of a document, the metadata fields and numbers
of a report (``ingest.limits`` holds the limits themselves).

Each check is linear in what it looks at and stops at the first line, table, field or
cell past a limit, which it names in the ``LimitExceeded`` it raises.
"""

from __future__ import annotations

import itertools
import operator
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from gik_rules.ingest.limits import LimitExceeded, active
from gik_rules.model import AnnualReport, Cell, CellState
from gik_rules.rules.finding import Location

if TYPE_CHECKING:
    from gik_rules.ingest.document import Document

# A number as an unreadable cell may hold it: digits with their separators
_DIGIT_RUN = re.compile(r"[0-9０-９][0-9０-９,，_]*")
_NON_DIGITS = re.compile(r"[^0-9０-９]")


def check_text(text: str) -> None:
    """A document's decoded text (text, HTML, canonical): no more than ``text_chars``
    characters, no line longer than ``line_chars``."""
    limits = active()
    if len(text) > limits.text_chars:
        raise LimitExceeded("text_chars", len(text), limits.text_chars)
    check_lines(text)


def check_lines(text: str, first_line: int = 1) -> None:
    """No line of ``text`` longer than ``line_chars`` (a text no longer than the limit
    has none: the usual case costs nothing)."""
    limit = active().line_chars
    if len(text) <= limit:
        return
    start, line = 0, first_line
    while True:
        end = text.find("\n", start)
        stop = len(text) if end < 0 else end
        if stop - start > limit:
            raise LimitExceeded("line_chars", stop - start, limit, Location(line=line))
        if end < 0:
            return
        start, line = end + 1, line + 1


def check_document(doc: Document) -> None:
    """No paragraph or table cell longer than a line may be, no table of more cells than
    ``table_cells``, no more text in all than ``text_chars``."""
    from gik_rules.ingest.document import Paragraph  # the readers' (a canonical file has none)

    limits = active()
    total = 0
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            total += len(block.text)
        else:
            total += sum(len(cell.text) for row in block.rows for cell in row)
        if total > limits.text_chars:
            raise LimitExceeded(
                "text_chars", total, limits.text_chars, _at(block.span), at_least=True
            )
        if isinstance(block, Paragraph):
            if len(block.text) > limits.line_chars:
                raise LimitExceeded(
                    "line_chars", len(block.text), limits.line_chars, _at(block.span)
                )
            continue
        cells = sum(len(row) for row in block.rows)
        if cells > limits.table_cells:
            raise LimitExceeded("table_cells", cells, limits.table_cells, _at(block.span))
        for row in block.rows:
            for cell in row:
                if len(cell.text) > limits.line_chars:
                    raise LimitExceeded(
                        "line_chars", len(cell.text), limits.line_chars, _at(cell.span)
                    )


#: what libxml2 reads at most without XML_PARSE_HUGE: the elements nested, the
#: characters of one text node
XML_DEPTH, XML_TEXT = 255, 10_000_000
_XML_DEPTH = re.compile(r"Excessive depth in document: (\d+)")
_XML_TEXT = re.compile(r"(?:huge text node|Text node too long)", re.IGNORECASE)


def xml_limit(message: str, line: int | None = None) -> LimitExceeded | None:
    """The limit an lxml (libxml2) error says the document is past: nesting, or a text
    node too long; None for any other error."""
    where = Location(line=line)
    depth = _XML_DEPTH.search(message)
    if depth:
        limit = min(active().depth, XML_DEPTH)
        return LimitExceeded("depth", int(depth[1]), limit, where, at_least=True)
    if _XML_TEXT.search(message):
        limit = min(active().line_chars, XML_TEXT)
        return LimitExceeded("line_chars", XML_TEXT + 1, limit, where, at_least=True)
    return None


def check_tree_depth(root: Any) -> None:
    """No element of an lxml tree nested deeper than ``Limits.depth``."""
    limit = active().depth
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > limit:
            line = getattr(element, "sourceline", None)
            raise LimitExceeded("depth", depth, limit, Location(line=line), at_least=True)
        stack.extend((child, depth + 1) for child in element)


def check_report(report: AnnualReport) -> None:
    """No more text than ``text_chars``, no metadata field longer than ``field_chars``, no
    number of more digits than ``digits`` (nor an unreadable cell holding one)."""
    limits = active()
    text = len(report.preamble or "") + sum(len(s.text or "") for s in report.sections)
    if text > limits.text_chars:
        raise LimitExceeded("text_chars", text, limits.text_chars)
    meta = report.meta
    for name in ("organ", "title", "region", "organ_id", "parent_id"):
        value = getattr(meta, name) or ""
        if len(value) > limits.field_chars:
            where = _at(meta.title_span) if name in ("organ", "title") else Location()
            raise LimitExceeded(
                "field_chars",
                len(value),
                limits.field_chars,
                attrs.evolve(where, ref=f"meta.{name}"),
            )
    if _short_numbers(report, limits.digits):
        return
    for cid, cell in report.cells.items():
        digits = digits_of(cell)
        if digits > limits.digits:
            where = attrs.evolve(_at(cell.span), cell=cid)
            raise LimitExceeded("digits", digits, limits.digits, where)


_NUMBERS = frozenset({int, Decimal, type(None)})


def _short_numbers(report: AnnualReport, digits: int) -> bool:
    """Whether every cell holds a number of at most ``digits`` digits or none, and none
    is unreadable: what ``digits_of`` tells cell by cell, told of the whole numbers in
    passes that run in C (an int has more than ``digits`` digits where it is 10**digits
    or more) and of the few decimals one by one."""
    cells = report.cells.values()
    values: list[Any] = [cell.value for cell in cells]  # a slot read: faster than by name
    types = list(map(type, values))
    kinds = set(types)
    # a state hashes by identity (NamedEnum): their set is made without a call a cell
    if not _NUMBERS.issuperset(kinds) or CellState.INVALID in {cell.state for cell in cells}:
        return False
    if Decimal in kinds:
        decimals = itertools.compress(values, map(operator.is_, types, itertools.repeat(Decimal)))
        if any(len(d.as_tuple().digits) > digits for d in decimals):
            return False
        not_decimal = map(operator.is_not, types, itertools.repeat(Decimal))
        values = list(itertools.compress(values, not_decimal))
    return bool(max(map(abs, filter(None, values)), default=0) < 10**digits)


def check_field(text: str, location: Location) -> None:
    """A dataset field (a metadata value or a cell's text): no longer than ``field_chars``,
    no number in it of more digits than ``digits``."""
    limits = active()
    if len(text) > limits.digits:  # the more telling limit first: a number is too long
        digits = longest_number(text)
        if digits > limits.digits:
            raise LimitExceeded("digits", digits, limits.digits, location)
    if len(text) > limits.field_chars:
        raise LimitExceeded("field_chars", len(text), limits.field_chars, location)


def longest_number(text: str) -> int:
    """The digits of the longest number in ``text`` (with its thousands separators)."""
    return max((len(_NON_DIGITS.sub("", m[0])) for m in _DIGIT_RUN.finditer(text)), default=0)


def digits_of(cell: Cell) -> int:
    """The digits of the cell's number; of the longest number in an unreadable cell."""
    value = cell.value
    if isinstance(value, Decimal):
        return len(value.as_tuple().digits)
    if isinstance(value, int):
        return len(str(abs(value)))  # at most MAX_DIGITS: parse_cell_text reads no longer
    if cell.state is CellState.INVALID and cell.raw:
        return longest_number(cell.raw)
    return 0


def _at(span: object) -> Location:
    line = getattr(span, "line", None)
    page = getattr(span, "page", None)
    ref = getattr(span, "ref", None)
    return Location(line=line, page=page, ref=ref)
