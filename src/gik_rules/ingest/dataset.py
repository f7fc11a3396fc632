"""Datasets (CSV, XLSX): one report per row, one column per cell id plus metadata columns.

The header is documented in ``docs/datasets.md``. Each row becomes its own ReadResult,
named ``file.csv#row 12``; what is wrong in a row (an unreadable year, an unknown variant,
a row cut off) is a parse finding of that row, located by its spreadsheet reference
("C12"), and never stops the other rows. A row's report holds tables and metadata only:
its ReadResult says so (``has_text=False``), and rules that read the text are skipped.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple, TypeVar

import attrs

from gik_rules.forms.detect import detect_from_cells, variant_for_year
from gik_rules.forms.labels import fold
from gik_rules.forms.variant import FormVariant
from gik_rules.host import Host
from gik_rules.ingest.dataset_columns import Column, all_cell_ids, classify
from gik_rules.ingest.dataset_sheets import Sheet, SheetRow, Value, read_csv, read_xlsx
from gik_rules.ingest.limit_checks import check_field
from gik_rules.ingest.limits import LimitExceeded
from gik_rules.ingest.result import ParseIssue, ReadResult, UnreadableError
from gik_rules.ingest.structure import date_of, level_of, levels_and_regions, region_of
from gik_rules.model import (
    AnnualReport,
    Cell,
    CellState,
    Number,
    OrganLevel,
    ReportMeta,
    TableInfo,
)
from gik_rules.model.cell_text import parse_cell_text
from gik_rules.model.span import SourceSpan
from gik_rules.rules.finding import Location
from gik_rules.textnorm import normalise

_LEVELS = {
    "部门": OrganLevel.DEPARTMENT,
    "政府": OrganLevel.GOVERNMENT,
    "本级政府": OrganLevel.GOVERNMENT,
    "人民政府": OrganLevel.GOVERNMENT,
    "乡镇": OrganLevel.TOWNSHIP,
    "街道": OrganLevel.TOWNSHIP,
    "乡镇街道": OrganLevel.TOWNSHIP,
}
_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$")
#: one int object per year for the rows (above 256 each int is an object of its own)
_YEARS: dict[int, int] = {}


def _shared_year(year: int | None) -> int | None:
    if year is None or len(_YEARS) >= 512:
        return year
    return _YEARS.setdefault(year, year)


_YEAR = re.compile(r"^((?:19|20)\d{2})(?:\.0+)?年?(?:度)?$")


def text_of(value: Value) -> str:
    """A spreadsheet value as the text a document would print."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _date(value: Value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = normalise(text_of(value)).text.strip()
    match = _ISO_DATE.match(text)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    return date_of(text)


def _year(value: Value) -> int | None:
    match = _YEAR.match(fold(text_of(value)))
    return int(match[1]) if match else None


def _level(text: str, organ: str) -> OrganLevel | None:
    key = "".join(text.split()).lower()
    if not key:
        return level_of(organ)
    for level in OrganLevel:
        if key == level.value:
            return level
    return _LEVELS.get(key)


def _variant_id(text: str, variants: Mapping[str, FormVariant]) -> str | None:
    key = fold(text).upper()
    key = f"V{key}" if key.isdigit() else key
    return key if key in variants else None


class _Row:
    """Builds the report of one dataset row, collecting its parse issues. ``filled``
    gives the cell ids whose text is not blank (asked only to detect the variant)."""

    def __init__(
        self,
        number: int,
        line: int | None,
        meta: dict[str, tuple[Value, str]],
        source: str,
        filled: Callable[[], Iterable[str]],
    ) -> None:
        self.number, self.line = number, line
        self.source = f"{source}#row {number}"
        self.issues: list[ParseIssue] = []
        self.meta = meta
        self.filled = filled

    @classmethod
    def of(
        cls, row: SheetRow, columns: Sequence[Column], source: str
    ) -> tuple[_Row, dict[str, str]]:
        """The row and the text of each cell column it reaches."""
        meta: dict[str, tuple[Value, str]] = {}
        texts: dict[str, str] = {}
        values = row.values
        for column in columns:
            if column.index >= len(values):
                continue
            if column.kind == "meta":
                meta[column.key] = (values[column.index], f"{column.letter}{row.number}")
            elif column.kind == "cell":
                texts[column.key] = text_of(values[column.index])
        built = cls(
            row.number, row.line, meta, source, lambda: [c for c, t in texts.items() if t.strip()]
        )
        return built, texts

    def issue(
        self,
        code: str,
        zh: str,
        en: str,
        ref: str | None,
        table: str | None = None,
        row: str | None = None,
    ) -> None:
        location = Location(table=table, row=row, line=self.line, ref=ref)
        self.issues.append(ParseIssue(code, zh, en, location))

    def text(self, key: str) -> str:
        return text_of(self.meta.get(key, (None, ""))[0]).strip()

    def ref(self, key: str) -> str | None:
        return self.meta[key][1] if key in self.meta else None

    def variant(self, year: int | None, variants: Mapping[str, FormVariant]) -> FormVariant | None:
        given = self.text("variant")
        if given:
            found = _variant_id(given, variants)
            if found is None:
                self.issue(
                    "P003",
                    f"格式版本“{given}”不是已知的格式（{'、'.join(variants)}）",
                    f"variant {given!r} is not one of {', '.join(variants)}",
                    self.ref("variant"),
                )
            return variants.get(found or "")
        detected = detect_from_cells(self.filled(), variants)
        if detected:
            return variants[detected]
        expected = variant_for_year(year, variants)
        if expected is not None:
            return expected
        self.issue(
            "P003",
            "无法判断该行的格式版本：未填写variant，年度也无法确定",
            "the row's form variant is unknown: no variant column value and no readable year",
            self.ref("variant") or self.ref("year"),
        )
        return None

    def head(
        self, variants: Mapping[str, FormVariant], header: _Header, encoding: str | None
    ) -> tuple[ReportMeta, FormVariant | None]:
        """The row's metadata and variant; every parse issue of the row is collected."""
        organ = self.text("organ")
        year = _year(self.meta.get("year", (None, ""))[0])
        missing = [name for name, ok in (("机关名称", organ), ("报告年度", year)) if not ok]
        if missing:
            given = self.text("year")
            detail = f"（年度“{given}”无法识别）" if given and year is None else ""
            self.issue(
                "P002",
                "该行缺少" + "、".join(missing) + detail,
                "the row lacks a readable "
                + " and ".join({"机关名称": "organ", "报告年度": "year"}[m] for m in missing),
                self.ref("year" if year is None else "organ"),
            )
        published = None
        if self.text("published"):
            published = _date(self.meta["published"][0])
            if published is None:
                self.issue(
                    "P009",
                    f"发布日期“{self.text('published')}”无法识别",
                    f"the publication date {self.text('published')!r} cannot be read",
                    self.ref("published"),
                )
        level = _level(self.text("level"), organ)
        if level is None:
            self.issue(
                "P009",
                f"机关层级“{self.text('level')}”无法识别（应为department、government或township）",
                f"the organ level {self.text('level')!r} is not department, government or township",
                self.ref("level"),
            )
            level = level_of(organ)
        variant = self.variant(year, variants)
        for code, zh, en, table, row in header.gaps(variant) if variant else ():
            self.issue(code, zh, en, f"row {self.number}", table=table, row=row)
        # one object for the equal texts and years of many rows (sys.intern): a dataset's
        # rows repeat organs, regions and parents, and are kept for its dataset rules
        meta = ReportMeta(
            organ=sys.intern(organ),
            year=_shared_year(year),
            variant=variant.id if variant else None,
            title=sys.intern(self.text("title")),
            region=sys.intern(self.text("region") or region_of(organ)),
            level=level,
            published=published,
            organ_id=sys.intern(self.text("organ_id")) or None,
            parent_id=sys.intern(self.text("parent_id")) or None,
            source=self.source,
            encoding=encoding,
        )
        return meta, variant


def plain_heads(
    meta: Mapping[str, Sequence[Value]],
    numbers: Sequence[int],
    lines: Sequence[int | None],
    source: str,
    variants: Mapping[str, FormVariant],
    header: _Header,
    encoding: str | None,
) -> list[tuple[ReportMeta, FormVariant, tuple[ParseIssue, ...]] | None]:
    """``_Row.head`` of rows whose metadata values are ``meta`` (by key, a value per
    row; None where the row has none), with the issues the header gives every row of
    its variant: None for a row whose metadata has an issue of its own or names no
    variant (``_Row.head`` tells it). Worked out column by column, each distinct value
    of a column once (years, dates, levels and variants repeat; names are kept as they
    come)."""
    n = len(numbers)
    organs, titles, regions = (
        _texts(meta, "organ", n),
        _texts(meta, "title", n),
        _texts(meta, "region", n),
    )
    ids, parents = _texts(meta, "organ_id", n), _texts(meta, "parent_id", n)
    years = _each(_year, meta.get("year") or [None] * n)
    published_texts, level_texts = _texts(meta, "published", n), _texts(meta, "level", n)
    dates = _each(_date, meta["published"]) if any(published_texts) else [None] * n
    levels = _each(lambda text: _level(text, "") if text else None, level_texts)
    given = _texts(meta, "variant", n)
    found = _each(lambda text: variants.get(_variant_id(text, variants) or ""), given)
    # the level and region of the organ of each row that gives neither, from its name
    derived = levels_and_regions(
        [organ if not (level_texts[i] and regions[i]) else "" for i, organ in enumerate(organs)]
    )
    out: list[tuple[ReportMeta, FormVariant, tuple[ParseIssue, ...]] | None] = []
    # equal organ names and ids of these rows one object, not interned: most are one
    # organ's (a national dataset's hundred thousand), and the interpreter's table of
    # interned texts would hold an entry for each (some 96 bytes a row)
    own: dict[str, str] = {}
    for i in range(n):
        organ, year, variant = organs[i], years[i], found[i]
        if not organ or year is None or variant is None:
            out.append(None)  # no name or year, no variant given: told row by row
            continue
        published = dates[i]
        level = levels[i] if level_texts[i] else derived[i][0]
        if (published is None and published_texts[i]) or level is None:
            out.append(None)
            continue
        number = numbers[i]
        gaps = tuple(
            ParseIssue(
                code, zh, en, Location(table=table, row=row, line=lines[i], ref=f"row {number}")
            )
            for code, zh, en, table, row in header.gaps(variant)
        )
        head = ReportMeta(
            organ=own.setdefault(organ, organ),
            year=_shared_year(year),
            variant=variant.id,
            title=sys.intern(titles[i]),
            region=sys.intern(regions[i] or derived[i][1]),
            level=level,
            published=published,
            organ_id=own.setdefault(ids[i], ids[i]) or None,
            parent_id=sys.intern(parents[i]) or None,
            source=f"{source}#row {number}",
            encoding=encoding,
        )
        out.append((head, variant, gaps))
    return out


def _texts(meta: Mapping[str, Sequence[Value]], key: str, n: int) -> list[str]:
    """The stripped texts of a metadata column (``_Row.text``)."""
    values = meta.get(key)
    if values is None:
        return [""] * n
    return [v.strip() if type(v) is str else text_of(v).strip() for v in values]


def _each(work: Callable[[Any], _T], values: Iterable[Any]) -> list[_T]:
    """``work`` of each value, worked out once for equal values of one type."""
    done: dict[tuple[type, Any], _T] = {}
    out = []
    for value in values:
        key = (value.__class__, value)
        found = done.get(key, _NONE)
        if found is _NONE:
            found = done[key] = work(value)
        out.append(found)
    return out


_T = TypeVar("_T")
_NONE: Any = object()


def row_past_limit(
    meta: Mapping[str, tuple[Value, str]],
    cells: Iterable[tuple[str, str]],
    letters: Mapping[str, str],
    number: int,
    line: int | None,
) -> ParseIssue | None:
    """The P014 finding of a row with a field past a limit (``limit_checks.check_field``):
    that row is not read, the others are."""
    try:
        for value, ref in meta.values():
            check_field(text_of(value), Location(line=line, ref=ref))
        for cid, text in cells:
            check_field(text, Location(line=line, ref=f"{letters[cid]}{number}"))
    except LimitExceeded as exc:
        return exc.issue()
    return None


def row_cells(
    texts: Mapping[str, str],
    variant: FormVariant | None,
    number: int,
    line: int | None,
    letters: Mapping[str, str],
) -> dict[str, Cell]:
    """A row's cells from their texts: the variant's own cells, and another variant's
    where filled in (so a mixed layout is reported, not dropped)."""
    own = variant.cells if variant else {}
    return {
        cid: row_cell(text, line, f"{letters[cid]}{number}")
        for cid, text in texts.items()
        if cid in own or text.strip()
    }


def row_cell(text: str, line: int | None, ref: str) -> Cell:
    """The cell of a dataset field: ``text`` parsed, at ``line`` of the file and its
    spreadsheet reference."""
    return figure_of(text).cell(line, ref)


class Figure(NamedTuple):
    """What a dataset field's text means, as its cell has it (``raw``, ``value``,
    ``state``, ``unit``; no place): one object for every field of that text."""

    raw: str
    value: Number | None
    state: CellState
    unit: str | None

    def cell(self, line: int | None, ref: str) -> Cell:
        """The cell of this figure at ``line`` of the file and its spreadsheet ``ref``."""
        return Cell(
            raw=self.raw,
            value=self.value,
            state=self.state,
            unit=self.unit,
            span=SourceSpan(line=line, ref=ref),
        )


def figure_of(text: str) -> Figure:
    """``text`` parsed as a cell's text, the same object for the same text while it is
    kept (a dataset's cells repeat few texts: small counts)."""
    figure = _PARSED.get(text)
    if figure is None:
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        cell = parse_cell_text(text)
        figure = _PARSED[text] = Figure(text, cell.value, cell.state, cell.unit)
    return figure


# What ``parse_cell_text`` makes of a text, by text: the cell of a text is the same
# wherever it stands but for its span.
_PARSED: dict[str, Figure] = {}
_PARSED_MAX = 1 << 16


def tables_of(variant: FormVariant | None, read: Iterable[str]) -> dict[str, TableInfo]:
    """The report's tables: those of the variant of which some cell was read."""
    present = set(read)
    return {
        spec.id: TableInfo(spec.id, spec.title)
        for spec in (variant.tables if variant else ())
        if spec.id in present
    }


# A P004 or P005 finding of every row: code, Chinese and English message, table, row.
_Gap = tuple[str, str, str, str, str | None]


class _Header:
    """The cell ids a dataset's header has columns for, and the tables and rows of each
    variant it has none for (worked out once per variant, not per row)."""

    def __init__(self, columns: Sequence[Column]) -> None:
        self.cells = frozenset(c.key for c in columns if c.kind == "cell")
        self._gaps: dict[str, tuple[_Gap, ...]] = {}

    def gaps(self, variant: FormVariant) -> tuple[_Gap, ...]:
        if variant.id not in self._gaps:
            self._gaps[variant.id] = tuple(self._missing_columns(variant))
        return self._gaps[variant.id]

    def _missing_columns(self, variant: FormVariant) -> Iterator[_Gap]:
        """Tables and rows of the form that the header has no columns for."""
        rows: dict[str, dict[str, list[str]]] = {}
        for cid, spec in variant.cells.items():
            rows.setdefault(spec.table, {}).setdefault(spec.row, []).append(cid)
        for table, table_rows in rows.items():
            absent = {
                row: [c for c in cids if c not in self.cells] for row, cids in table_rows.items()
            }
            if all(len(absent[row]) == len(cids) for row, cids in table_rows.items()):
                table_spec = variant.table(table)
                yield (
                    "P004",
                    f"数据集没有{table_spec.title if table_spec else table}表的任何一列",
                    f"the dataset has no column of table {table}",
                    table,
                    None,
                )
                continue
            for row, cids in absent.items():
                if cids:
                    yield (
                        "P005",
                        f"数据集缺少{len(cids)}列：{'、'.join(cids)}",
                        f"the dataset has no column {', '.join(cids)}",
                        table,
                        row,
                    )


def _header_issues(columns: Sequence[Column]) -> list[ParseIssue]:
    return [
        ParseIssue(
            "P010",
            f"列“{c.header}”既不是元数据列也不是单元格编号，其数据未读取",
            f"column {c.header!r} is neither a metadata column nor a cell id; it was not read",
            Location(ref=f"{c.letter}1"),
            actual=c.header,
        )
        for c in columns
        if c.kind == "unknown"
    ]


@attrs.frozen(slots=True)
class RowTexts:
    """A data row as read, for the columnar engine (``engine.columnar``): its result, and
    the text of each cell column the row reaches before it became a cell (``texts``),
    with the spreadsheet column letter of each cell id (``letters``, one per file)."""

    read: ReadResult
    number: int  # the spreadsheet row number
    line: int | None  # the CSV line where the row starts
    texts: Mapping[str, str]
    letters: Mapping[str, str]


def read_dataset(data: bytes, fmt: str, source: str, host: Host) -> Iterator[ReadResult]:
    """One ReadResult per data row, in order."""
    return (row.read for row in read_dataset_rows(data, fmt, source, host))


def read_dataset_rows(data: bytes, fmt: str, source: str, host: Host) -> Iterator[RowTexts]:
    """``read_dataset`` with each row's cell texts as read (``UnreadableError`` is
    raised before the first row, as there)."""
    sheet: Sheet = read_xlsx(data) if fmt == "xlsx" else read_csv(data)
    variants = host.variants
    columns = classify(sheet.header, frozenset(all_cell_ids(variants)))
    if not any(c.kind in ("meta", "cell") for c in columns):
        raise UnreadableError(
            "the first row names no metadata column and no cell id (see docs/datasets.md)"
        )
    pending = _header_issues(columns)
    header = _Header(columns)
    letters = {c.key: c.letter for c in columns if c.kind == "cell"}
    return _rows(sheet, columns, header, pending, letters, fmt, source, variants)


def _rows(
    sheet: Sheet,
    columns: Sequence[Column],
    header: _Header,
    pending: list[ParseIssue],
    letters: Mapping[str, str],
    fmt: str,
    source: str,
    variants: Mapping[str, FormVariant],
) -> Iterator[RowTexts]:
    for row in sheet.rows:
        if not row.problem and not any(text_of(v).strip() for v in row.values):
            continue  # blank lines between rows
        built, texts = _Row.of(row, columns, source)
        if row.problem:
            built.issue(
                "P009",
                f"第{row.number}行无法完整读取：{row.problem}",
                f"row {row.number} cannot be read completely: {row.problem}",
                f"row {row.number}",
            )
        if row.fatal or not row.values:
            read = ReadResult(built.source, None, tuple(built.issues), fmt)
            yield RowTexts(read, row.number, row.line, texts, letters)
            if row.fatal:
                return
            continue
        past = row_past_limit(built.meta, texts.items(), letters, row.number, row.line)
        if past is not None:
            read = ReadResult(built.source, None, (*built.issues, past), fmt)
            yield RowTexts(read, row.number, row.line, texts, letters)
            continue
        meta, variant = built.head(variants, header, sheet.encoding)
        cells = row_cells(texts, variant, row.number, row.line, letters)
        report = AnnualReport(meta=meta, tables=tables_of(variant, _tables(cells)), cells=cells)
        read = ReadResult(built.source, report, (*pending, *built.issues), fmt, has_text=False)
        yield RowTexts(read, row.number, row.line, texts, letters)
        pending = []


def _tables(cells: Iterable[str]) -> set[str]:
    return {cid.partition(".")[0] for cid in cells}
