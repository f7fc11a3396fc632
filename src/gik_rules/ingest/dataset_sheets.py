"""The rows of a dataset file: CSV (any of the decoded encodings, comma, tab or semicolon
separated) or the first worksheet of an XLSX workbook with a header row.

A row that cannot be read as a row of the header (a broken quote, a row cut off) comes
with a ``problem`` and whatever fields could be read; a workbook whose sheet breaks off
ends with a ``fatal`` row. Neither stops the rows before or after it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import attrs

from gik_rules.ingest.archive import check_archive
from gik_rules.ingest.decode import decode
from gik_rules.ingest.limit_checks import check_lines
from gik_rules.ingest.limits import check
from gik_rules.ingest.result import UnreadableError
from gik_rules.rules.finding import Location

# What a cell may hold: str from CSV; numbers, dates, rich text, formulas from openpyxl.
Value = object


@attrs.frozen(slots=True)
class SheetRow:
    number: int  # the spreadsheet row number (the header is usually row 1)
    values: tuple[Value, ...]
    line: int | None = None  # the physical line of a CSV file where the row starts
    problem: str | None = None
    fatal: bool = False  # nothing after this row could be read


@attrs.frozen(slots=True)
class Sheet:
    header: tuple[str, ...]
    rows: Iterator[SheetRow]
    encoding: str | None = None
    name: str | None = None


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    return max(counts, key=lambda d: counts[d])


def read_csv(data: bytes) -> Sheet:
    text, encoding = decode(data)
    check_lines(text)
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_delimiter(first_line), strict=True
    )
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise UnreadableError(f"no header row ({exc})") from None

    def rows() -> Iterator[SheetRow]:
        number, start, bad = 1, reader.line_num + 1, 0
        while True:
            number += 1
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:  # the reader resumes at the next line
                row = SheetRow(number, (), start, f"not a CSV row: {exc}")
            else:
                problem = None
                if values and len(values) != len(header):
                    problem = f"{len(values)} fields where the header has {len(header)}"
                row = SheetRow(number, tuple(values), start, problem)
            bad += row.problem is not None
            within_rows(number, start, bad)
            yield row
            start = reader.line_num + 1

    return Sheet(tuple(header), rows(), encoding)


def within_rows(number: int, line: int | None, bad: int = 0) -> None:
    """``LimitExceeded`` at row ``number`` past ``Limits.rows`` data rows, or past
    ``Limits.bad_rows`` rows that could not be read completely (``bad`` so far)."""
    where = Location(line=line, ref=f"row {number}")
    check("rows", number - 1, where)
    check("bad_rows", bad, where, at_least=True)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def read_xlsx(data: bytes) -> Sheet:
    if not check_archive(data):
        raise UnreadableError("not an XLSX workbook (it is not a readable ZIP archive)")
    import openpyxl  # here: a CSV dataset needs none of it (some 20 MiB and 0.2 s)

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl each raise their own errors
        raise UnreadableError(f"not a readable XLSX workbook ({type(exc).__name__})") from None
    try:
        for sheet in book.worksheets:
            rows = sheet.iter_rows(values_only=True)
            for number, values in enumerate(rows, start=1):
                if any(_text(v) for v in values):
                    header = tuple(_text(v) for v in values)
                    return Sheet(header, _xlsx_rows(book, rows, number), None, sheet.title)
    except Exception as exc:  # a damaged sheet before any header
        book.close()
        raise UnreadableError(f"the workbook cannot be read ({type(exc).__name__})") from None
    book.close()
    raise UnreadableError("the workbook has no sheet with a header row")


def _xlsx_rows(book: Any, rows: Iterator[tuple[Value, ...]], number: int) -> Iterator[SheetRow]:
    try:
        while True:
            number += 1
            try:
                values = next(rows)
            except StopIteration:
                return
            except Exception as exc:  # a sheet cut off mid-row: the rows before it stand
                yield SheetRow(
                    number, (), problem=f"the sheet breaks off ({type(exc).__name__})", fatal=True
                )
                return
            within_rows(number, None)
            yield SheetRow(number, tuple(values))
    finally:
        book.close()
