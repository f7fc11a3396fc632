"""A text report, in whatever layout it reached the user, read into an AnnualReport.

The text is folded once (``textnorm.normalise``); headings, labels and figures are found
in the folded form and located in the printed one. Sections come from the headings, the
tables from the form-driven stream reader (``ingest.stream``), the title block from
``ingest.metadata``. What the text keeps of the printed report (section texts, the
organ's name, cells' raw text) is what was printed.
"""

from __future__ import annotations

import bisect
import itertools
import sys
from collections.abc import Callable, Mapping, Sequence

import attrs

from gik_rules.bounded import Bounded
from gik_rules.forms.detect import variant_for_year
from gik_rules.forms.labels import normalise_label
from gik_rules.forms.variant import FormVariant, TableSpec
from gik_rules.ingest.document_kind import DocumentKind, document_kind, kind_issue
from gik_rules.ingest.metadata import read_metadata
from gik_rules.ingest.result import ParseIssue, ReadResult
from gik_rules.ingest.stream.cells import Piece
from gik_rules.ingest.stream.headings import Heading, find_headings
from gik_rules.ingest.stream.lexicon import ordered
from gik_rules.ingest.stream.table import TableRead, piece_cell, read_table
from gik_rules.ingest.structure import date_of, level_of, region_of
from gik_rules.model import AnnualReport, ReportMeta, Section, TableInfo
from gik_rules.model.cell import Cell
from gik_rules.model.span import SourceSpan, line_column
from gik_rules.rules.finding import Location
from gik_rules.textnorm import Folded, normalise
from gik_rules.textnorm.furniture import is_furniture

Detect = Callable[[Sequence[str]], str | None]


@attrs.frozen(slots=True)
class _Source:
    """The printed text, its folded form, and where each folded index was printed."""

    text: str
    folded: Folded
    line_starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> _Source:
        # Each line starts one past the end of the line before it: summed in C, not by a
        # Python step per line.
        lines = text.split("\n")
        starts = itertools.accumulate(map((1).__add__, map(len, lines[:-1])), initial=0)
        folded = normalise(text)
        kept = _without_furniture(folded.text)
        if kept is not folded.text:
            folded = Folded(kept, folded.origin, folded.source_length)
        return cls(text, folded, tuple(starts))

    def printed(self, folded_index: int) -> int:
        origin = self.folded.origin
        return origin[folded_index] if folded_index < len(origin) else len(self.text)

    def slice(self, start: int, end: int) -> str:
        """The printed text of the folded range ``[start, end)``."""
        if end <= start:
            return ""
        origin = self.folded.origin
        return self.text[origin[start] : origin[end - 1] + 1]

    def line_span(self, folded_index: int) -> SourceSpan:
        return SourceSpan(line=self.span(folded_index).line)

    def span(self, folded_index: int) -> SourceSpan:
        # Inlined printed() and line_of_printed(): called for every cell read.
        origin = self.folded.origin
        at = origin[folded_index] if folded_index < len(origin) else len(self.text)
        starts = self.line_starts
        line = bisect.bisect_right(starts, at)
        return line_column(line, at - starts[line - 1] + 1)

    def put(self, ids: Sequence[str], pieces: Sequence[Piece], cells: dict[str, Cell]) -> None:
        """``piece_cell(text, slice(start, end), span(start))`` of each piece, at its id in
        ``cells``: the cells of a row, most on one line, whose bounds are looked up once,
        each made once for the texts and place it has (``_placed_cell``)."""
        origin, text, starts = self.folded.origin, self.text, self.line_starts
        size = len(origin)
        known = _PLACED.get
        line = first = after = 0
        for cid, (folded, start, end) in zip(ids, pieces, strict=True):
            at = origin[start] if start < size else len(text)
            if not first <= at < after:
                line = bisect.bisect_right(starts, at)
                first = starts[line - 1]
                after = starts[line] if line < len(starts) else sys.maxsize
            key = (folded, text[at : origin[end - 1] + 1] if end > start else "", line, at - first)
            cells[cid] = known(key) or _placed_cell(key)

    def line_of_printed(self, at: int) -> int:
        return bisect.bisect_right(self.line_starts, at)


#: Cells read so far, by their folded and printed texts, line and column (less one): a
#: frozen value, shared as ``model.span.span_of`` shares spans (the reports of a batch
#: print most of their cells, mostly zeros, at the same places; a few MiB at most).
_PLACED: Bounded[tuple[str, str, int, int], Cell] = Bounded(1 << 14)


def _placed_cell(key: tuple[str, str, int, int]) -> Cell:
    folded, raw, line, column = key
    return _PLACED.keep(key, piece_cell(folded, raw, line_column(line, column + 1)))


def _without_furniture(folded: str) -> str:
    """Page furniture lines (toolbars, flipbook page markers, archive dividers) blanked:
    headings and tables are found around them as if they were not there."""
    lines = folded.split("\n")
    if not any(map(is_furniture, lines)):  # map: each line looked up in C, no frame
        return folded
    return "\n".join(" " * len(line) if is_furniture(line) else line for line in lines)


def read_text_report(
    text: str,
    variants: Mapping[str, FormVariant],
    detect: Detect | None = None,
    *,
    source: str = "",
    issues: Sequence[ParseIssue] = (),
    fmt: str = "text",
    encoding: str | None = None,
) -> ReadResult:
    """The report a text holds; what cannot be read becomes parse issues, never an error.
    ``encoding``: what the text was decoded from, where it was read from bytes."""
    kind = document_kind(text)
    if kind is not DocumentKind.ANNUAL_REPORT:
        return ReadResult(source, None, (*issues, kind_issue(kind)), fmt)
    src = _Source.of(text)
    folded = src.folded.text
    headings = _sequence(find_headings(folded, variants))
    body_start = src.printed(headings[0].start) if headings else len(text)
    ends = [h.start for h in headings[1:]] + ([len(folded)] if headings else [])
    signature = text[src.printed(headings[-1].end) :] if headings else ""
    meta = read_metadata(text, body_start=body_start, signature=signature)
    found: list[ParseIssue] = list(issues) + list(meta.issues)

    expected = variant_for_year(meta.year, variants)
    reads, variant = _read_tables(src, headings, ends, variants, expected, detect)
    if variant is None:
        found.append(_undetected(meta.year))
    cells: dict[str, Cell] = {}
    infos: dict[str, TableInfo] = {}
    extents: list[tuple[int, int]] = []
    if variant is not None:
        for spec in variant.tables:
            read = reads.get(spec.id)
            if read is None or read.extent is None:
                found.append(_table_missing(spec))
                continue
            extents.append(read.extent)
            cells.update(read.cells)
            found.extend(read.issues)
            infos[spec.id] = TableInfo(spec.id, spec.title, src.line_span(read.extent[0]))
            found.extend(_missing_rows(spec, read, src))

    sections = tuple(_section(src, h, end, extents) for h, end in zip(headings, ends, strict=True))
    published = meta.published
    if published is None and headings:
        published = next(
            (d for line in reversed(signature.splitlines()) if (d := date_of(line))), None
        )
    preamble = text[meta.title_end : body_start].strip() if body_start > meta.title_end else ""
    report = AnnualReport(
        meta=ReportMeta(
            organ=meta.organ,
            year=meta.year,
            variant=variant.id if variant else None,
            title=meta.title,
            region=region_of(meta.organ),
            level=level_of(meta.organ),
            published=published,
            source=source or None,
            encoding=encoding,
            title_span=meta.title_span,
        ),
        preamble=preamble,
        sections=sections,
        tables=infos,
        cells=cells,
    )
    return ReadResult(source, report, tuple(found), fmt)


def _sequence(headings: list[Heading]) -> list[Heading]:
    """Headings as a report numbers them: a heading that does not come after the one
    before it in number is a row label or a list item, unless it starts a new run at 一."""
    out: list[Heading] = []
    for heading in headings:
        if out and heading.number <= out[-1].number and heading.number != 1:
            continue
        out.append(heading)
    return out


def _zone(
    spec: TableSpec, variant: FormVariant, headings: Sequence[Heading], ends: Sequence[int]
) -> list[tuple[int, int]]:
    """Where table ``spec`` may stand: the section its form puts it in, found by title
    first (reports renumber their sections), then by number."""
    section = next((s for s in variant.sections if s.number == spec.section), None)
    keys = section.keys if section else ()
    by_title = [
        (h.end, end)
        for h, end in zip(headings, ends, strict=True)
        if normalise_label(h.title) in keys
    ]
    by_number = [
        (h.end, end) for h, end in zip(headings, ends, strict=True) if h.number == spec.section
    ]
    return by_title + [z for z in by_number if z not in by_title]


def _read_tables(
    src: _Source,
    headings: Sequence[Heading],
    ends: Sequence[int],
    variants: Mapping[str, FormVariant],
    expected: FormVariant | None,
    detect: Detect | None,
) -> tuple[dict[str, TableRead], FormVariant | None]:
    """Every table, read with the report's variant first: the variant of the year, then
    the one the labels read say, if they say another."""
    guess = expected or (max(variants.values(), key=lambda v: v.first_year) if variants else None)
    if guess is None:
        return {}, None
    reads = _read_all(src, headings, ends, variants, guess)
    keys = [k for r in reads.values() for k in r.keys]
    detected = detect(keys) if detect is not None and keys else None
    variant = variants.get(detected or "") or expected
    if variant is not None and variant.id != guess.id:
        reads = _read_all(src, headings, ends, variants, variant)
    return reads, variant


def _read_all(
    src: _Source,
    headings: Sequence[Heading],
    ends: Sequence[int],
    variants: Mapping[str, FormVariant],
    own: FormVariant,
) -> dict[str, TableRead]:
    order = ordered(own, variants)
    folded = src.folded.text
    reads: dict[str, TableRead] = {}
    for spec in own.tables:
        zones = _zone(spec, own, headings, ends)
        # Without headings at all (a bare table dump) the whole text is searched; a
        # report whose headings lack this table's section does not have the table.
        fallback = not headings
        if fallback:
            zones = [(0, len(folded))]
        best: TableRead | None = None
        for start, end in zones:
            read = read_table(
                folded,
                start,
                end,
                spec.id,
                order,
                src.span,
                src.slice,
                require_header=fallback,
                put=src.put,
            )
            if read.extent is not None and (best is None or len(read.cells) > len(best.cells)):
                best = read
            if best is not None and best.cells:
                break
        reads[spec.id] = best or TableRead({}, (), None, ())
    return reads


def _missing_rows(spec: TableSpec, read: TableRead, src: _Source) -> list[ParseIssue]:
    assert read.extent is not None
    span = src.span(read.extent[0])
    out = []
    for block in spec.blocks:
        for row in block.rows:
            if row.id not in read.rows:
                out.append(
                    ParseIssue(
                        "P005",
                        f"{spec.title}表缺少“{row.label}”一行",
                        f"table {spec.id} lacks the row {row.id} ({row.label})",
                        Location(section=spec.section, table=spec.id, row=row.id, line=span.line),
                    )
                )
    return out


def _table_missing(spec: TableSpec) -> ParseIssue:
    return ParseIssue(
        "P004",
        f"未找到{spec.title}表",
        f"table {spec.id} ({spec.title}) was not found",
        Location(section=spec.section, table=spec.id),
    )


def _undetected(year: int | None) -> ParseIssue:
    why = "报告年度不明" if year is None else f"{year}年没有适用的报告格式"
    why_en = "the report year is unknown" if year is None else f"no form variant applies to {year}"
    return ParseIssue(
        "P003",
        f"无法判断报告格式版本（{why}，表格标签也无法判断），表格未读取",
        f"the form variant cannot be told ({why_en}, and the table labels do not tell it); the tables were not read",
        Location(),
    )


def _section(
    src: _Source, heading: Heading, end: int, extents: Sequence[tuple[int, int]]
) -> Section:
    """A section's printed text, without the tables that stand in it."""
    start = heading.end
    pieces: list[tuple[int, int]] = [(start, end)]
    for a, b in sorted(extents):
        cut: list[tuple[int, int]] = []
        for s, e in pieces:
            if b <= s or a >= e:
                cut.append((s, e))
                continue
            if s < a:
                cut.append((s, a))
            if b < e:
                cut.append((b, e))
        pieces = cut
    had_table = len(pieces) != 1 or pieces[0] != (start, end)
    lines: list[str] = []
    line_map: list[int] = []
    for s, e in pieces:
        a, b = src.printed(s), src.printed(e) if e < len(src.folded.text) else len(src.text)
        # Each line after the first starts a line of the text: their numbers follow on.
        first = src.line_of_printed(a)
        for n, raw in enumerate(src.text[a:b].split("\n")):
            stripped = raw.strip()
            # In a section that holds a table, a line of only pipes is what it left behind.
            if stripped and not (had_table and not stripped.strip("|")):
                lines.append(stripped)
                line_map.append(first + n)
    head_at = src.printed(heading.start)
    head_end = src.printed(heading.end - 1) + 1 if heading.end > heading.start else head_at
    title_at = src.printed(heading.end - len(heading.title)) if heading.title else head_end
    return Section(
        number=heading.number,
        title=src.text[title_at:head_end].strip(),
        heading=src.text[head_at:head_end].strip(),
        text="\n".join(lines),
        line=src.span(heading.start).line,
        line_map=tuple(line_map),
    )
