"""Reading one table out of a stretch of folded text, anchored on the form's labels."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence

import attrs

from gik_rules.forms.variant import BlockSpec, FormVariant, RowSpec, ValueKind
from gik_rules.ingest.flat_decode import Run, decode
from gik_rules.ingest.result import ParseIssue
from gik_rules.ingest.stream.cells import (
    Layout,
    Piece,
    is_blank,
    layout_of,
    row_cells,
    split_line,
)
from gik_rules.ingest.stream.keyview import KeyView, key_view
from gik_rules.ingest.stream.lexicon import Entry, Kind, Match, Sense, TableLexicon, lexicon
from gik_rules.model.cell import Cell, CellState, Provenance, read_cell
from gik_rules.model.cell_text import UNITS, parse_cell_text
from gik_rules.model.span import SourceSpan
from gik_rules.rules.finding import Location

Locate = Callable[[int], SourceSpan]
Printed = Callable[[int, int], str]  # the printed text of a folded range
#: ``put(ids, pieces, cells)``: the cell each of ``pieces`` denotes (``piece_cell`` of its
#: text, its printed text and the span of its start) put into ``cells`` at its id
Put = Callable[[Sequence[str], Sequence[Piece], dict[str, Cell]], None]


@attrs.frozen(slots=True)
class TableRead:
    """What one table's zone gave: cells, parse issues, the folded range the table
    occupies (``None`` when no row of it was found) and the label keys seen."""

    cells: dict[str, Cell]
    issues: tuple[ParseIssue, ...]
    extent: tuple[int, int] | None
    keys: tuple[str, ...]
    #: ids of the rows whose labels were found (the row of every cell among them)
    rows: frozenset[str] = frozenset()


@attrs.define
class _Row:
    entry: Entry
    pieces: list[Piece]
    at: int  # where its label starts (located only for a finding)
    plain: bool


@functools.cache  # the enumerators of the forms (a few dozen), compiled as first met
def _enum_end(enum_: str) -> tuple[str, re.Pattern[str]] | None:
    """The core of an enumerator ("七" of "(七)") and the pattern of it ending a text."""
    core = enum_.strip("()（）.、,，． ")
    if not core:
        return None
    escaped = re.escape(core)
    return core, re.compile(rf"(?:\(\s*{escaped}\s*\)|{escaped}\s*[.、,，．])\s*$")


#: what every enumerator pattern ends in, but for white space
_ENUM_ENDS = frozenset(").、,，．")


def _strip_enum(residue: str, sense: Sense) -> tuple[str, bool]:
    """``residue`` without the enumerator that the next label printed before itself
    ("…0000000" of "…00000002.其他法律…"), and whether there was one."""
    if residue.rstrip()[-1:] not in _ENUM_ENDS:
        return residue, False
    for enum_ in sense.enums:
        known = _enum_end(enum_)
        # The core's literal first: the pattern searches the whole residue for its end.
        if known is not None and known[0] in residue:
            found = known[1].search(residue)
            if found:
                return residue[: found.start()], True
    return residue, False


_LABEL_RUN = re.compile(r"[\u3400-\u9fff()“”]{6,}")
#: How alike a garbled label must be to a row label of the form (rapidfuzz ratio).
NEAR_LABEL = 88.0


def _with_near(
    matches: list[Match], text: str, first: int, last: int, lex: TableLexicon
) -> list[Match]:
    """The matches, and the row labels garbled by OCR ("本机关不掌捤相关政府信息") that
    stand between them followed by figures, matched nearly (in ``text[first:last]``)."""
    out: list[Match] = []
    seen = {m.key for m in matches}
    at = first
    for match in [*matches, None]:
        stop = match.start if match is not None else last
        for run in _LABEL_RUN.finditer(text, at, stop):
            after = text[run.end() : min(run.end() + 3, last)]
            key = lex.near(run.group(0), NEAR_LABEL) if any(map(str.isdigit, after)) else None
            if key is not None and key not in seen:
                seen.add(key)
                out.append(Match(run.start(), run.end(), key, lex.senses[key], run.group(0)))
        if match is not None:
            out.append(match)
            at = match.end
    return out


def _without_unit(run: str) -> str:
    """A run's figures without the unit printed after the last one ("…432.52元")."""
    for unit in UNITS:
        if run.endswith(unit):
            return run[: -len(unit)].rstrip()
    return run


def _row_layout(zone: Layout, residue: str) -> Layout:
    """Pipe rows and plain lines mix in one zone (OCR): a row is read by its own line."""
    if zone is Layout.TABS or zone is Layout.CELL_LINES:
        return zone
    bar = residue.find("|")
    return Layout.ROWS if bar >= 0 and residue.find("\n", 0, bar) < 0 else Layout.PLAIN


def _is_ideograph(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _inside_words(text: str, start: int, end: int, view: KeyView, match: Match) -> bool:
    """A short label (其他, 总计) printed inside other words ("不计其他情形") is a word of
    a longer label, not a label of its own (in the zone ``text[start:end]``)."""
    before = view.at(match.start) - 1
    after = view.at(match.end - 1) + 1
    return (
        before >= start
        and after < end
        and _is_ideograph(text[before])
        and _is_ideograph(text[after])
    )


#: Cell texts read so far, parsed (without a span): a batch repeats few cell texts.
_PARSED: dict[str, Cell] = {}
_PARSED_MAX = 1 << 16
_BLANK = CellState.BLANK


def _parsed(raw: str) -> Cell:
    cell = _PARSED.get(raw)
    if cell is None:
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        cell = _PARSED[raw] = parse_cell_text(raw)
    return cell


def _parse(raw: str, span: SourceSpan) -> Cell:
    """``parse_cell_text(raw, span)``, the parse of ``raw`` done once."""
    cell = _parsed(raw)
    return read_cell(raw, cell.value, cell.state, cell.unit, span)


def piece_cell(text: str, raw: str, span: SourceSpan) -> Cell:
    """The cell a piece denotes: its folded ``text``, printed as ``raw`` at ``span``."""
    text = text.strip()
    if not text or text == "&nbsp;" or text == "\u00a0":  # is_blank
        return read_cell("" if text == "&nbsp;" else raw, None, _BLANK, None, span)
    return _parse(raw, span)


@functools.lru_cache(maxsize=4096)  # a row's first cells: the same few texts, row after row
def _is_junk(text: str) -> bool:
    """Label text left in a cell (the rest of a label, a merged label cell)."""
    if is_blank(text):
        return False
    return _parsed(text).state is CellState.INVALID and not any(map(str.isdigit, text))


def chosen(
    rows: Sequence[Entry], order: Mapping[str, int], block: str | None, group: str | None
) -> Entry:
    """The row a label names among ``rows``: the first of the report's own variant (its
    place in ``order``), then of the block being read, then of the group (what ``min``
    with a key of these three gives, without a call of the key for each)."""
    best, least = rows[0], (3, True, True)
    for e in rows:
        rank = (
            min(order.get(e.variant, 9), 1),
            e.block.id != block,
            e.group is None or e.group != group,
        )
        if rank < least:
            best, least = e, rank
    return best


def read_table(
    text: str,
    start: int,
    end: int,
    table_id: str,
    variants: tuple[FormVariant, ...],
    locate: Locate,
    printed: Printed,
    *,
    require_header: bool = False,
    layout: Layout | None = None,
    put: Put | None = None,
) -> TableRead:
    """Table ``table_id`` in ``text[start:end]``; ``variants``: the report's own first.
    ``require_header``: read rows only after a column or block header (a zone that is
    not the table's own section holds narrative that names rows too). ``put``: the
    cells of a row's pieces by ``printed`` and ``locate``, made for the row at once (the
    cells' hot path)."""
    if put is None:

        def put(ids: Sequence[str], pieces: Sequence[Piece], cells: dict[str, Cell]) -> None:
            for cid, (folded, a, b) in zip(ids, pieces, strict=True):
                cells[cid] = piece_cell(folded, printed(a, b), locate(a))

    return _TableReader(
        text, start, end, table_id, variants, locate, printed, put, require_header, layout
    ).read()


@attrs.define
class _TableReader:
    text: str
    start: int
    end: int
    table_id: str
    variants: tuple[FormVariant, ...]
    locate: Locate
    printed: Printed
    put: Put
    require_header: bool = False
    layout: Layout | None = None  # the zone's layout, when the caller knows it
    issues: list[ParseIssue] = attrs.field(factory=list)
    cells: dict[str, Cell] = attrs.field(factory=dict)

    @functools.cached_property
    def order(self) -> dict[str, int]:
        """Each variant's place in ``variants`` (the report's own first)."""
        return {v.id: n for n, v in enumerate(self.variants)}

    def read(self) -> TableRead:
        lex = lexicon(self.table_id, self.variants)
        view = key_view(self.text)
        lo, hi = view.range(self.start, self.end)
        matches = [
            m
            for m in lex.find(view.text, lo, hi)
            if len(m.key) > 2 or not _inside_words(self.text, self.start, self.end, view, m)
        ]
        matches = _with_near(matches, view.text, lo, hi, lex)
        if not any(m.sense.tabular for m in matches):
            return TableRead({}, (), None, tuple(m.key for m in matches))
        # Outside its own section a table is only taken where a header of its own opens
        # it (总计 heads the columns of two tables).
        shortest = 4 if self.require_header else 1
        header = next(
            (i for i, m in enumerate(matches) if m.sense.header and len(m.key) >= shortest),
            None,
        )
        if header is not None:
            # Words of the table's rows before its header are the narrative's, not rows.
            matches = matches[header:]
        elif self.require_header:
            return TableRead({}, (), None, tuple(m.key for m in matches))
        bounds = [(view.at(m.start), view.at(m.end - 1) + 1) for m in matches]
        first = bounds[0][0]
        layout = self.layout or layout_of(self.text[first : bounds[-1][1]].split("\n"))
        rows: list[_Row] = []
        singles: dict[str, tuple[BlockSpec, int, int]] = {}  # block id -> (block, from, to)
        group: str | None = None
        block: str | None = None
        enum_before = [False] * len(matches)
        # The first label's own enumerator stands before it too ("(七)总 计").
        enum_before[0] = _strip_enum(
            self.text[max(self.start, bounds[0][0] - 8) : bounds[0][0]], matches[0].sense
        )[1]
        extent_end = bounds[-1][1]
        for i, match in enumerate(matches):
            m_end = bounds[i][1]
            upto = bounds[i + 1][0] if i + 1 < len(matches) else self.end
            residue = self.text[m_end:upto]
            if i + 1 < len(matches):
                residue, enum_before[i + 1] = _strip_enum(residue, matches[i + 1].sense)
            sense = match.sense
            single = sense.single
            if single is not None and not sense.rows:
                # A header of a block printed as one row: its figures follow the last one
                # (up to the next label that is not the block's own).
                later = (
                    j
                    for j in range(i + 1, len(matches))
                    if single.block.id not in matches[j].sense.blocks
                )
                stop = next(later, None)
                singles[single.block.id] = (
                    single.block,
                    m_end,
                    bounds[stop][0] if stop is not None else self.end,
                )
                continue
            here = _row_layout(layout, residue)
            if sense.rows or here is Layout.ROWS:
                pieces, stray = row_cells(here, residue, m_end)
            else:  # no row of its own to read, and figures without a row only in pipe rows
                pieces, stray = [], []
            entry = self._row_entry(match, group, block, enum_before[i], pieces, here)
            if entry is not None:
                assert entry.row is not None
                if match.near:
                    self._near(match, entry, bounds[i][0])
                rows.append(_Row(entry, pieces, bounds[i][0], here is Layout.PLAIN))
                block = entry.block.id
                group = entry.group or group
                if pieces:
                    extent_end = max(extent_end, pieces[-1].end)
            else:
                if sense.last_group is not None:
                    group = sense.last_group
                if sense.last_block is not None:
                    block = sense.last_block
            if stray:
                self._stray(stray)
        if not rows and not singles:
            return TableRead({}, (), None, tuple(m.key for m in matches))
        for blk, frm, to in singles.values():
            extent_end = max(extent_end, self._single_row(blk, layout, frm, to))
        self._place_rows(rows)
        found = {r.entry.row.id for r in rows if r.entry.row is not None}
        found.update(r.id for blk, _, _ in singles.values() for r in blk.rows)
        return TableRead(
            self.cells,
            tuple(self.issues),
            (first, extent_end),
            tuple(m.key for m in matches),
            frozenset(found),
        )

    def _row_entry(
        self,
        match: Match,
        group: str | None,
        block: str | None,
        enum_present: bool,
        pieces: list[Piece],
        layout: Layout,
    ) -> Entry | None:
        sense = match.sense
        rows = sense.rows
        if len(match.key) <= 2 and sense.others:
            # 总计, 其他 also head columns: a row only where its group or its own
            # enumerator says so.
            rows = tuple(
                e for e in rows if (e.group and e.group == group) or (e.enum and enum_present)
            )
        if not rows:
            return None
        if sense.others:
            width = len(rows[0].block.columns)
            filled = [p for p in pieces if not _is_junk(p.text)]
            digits = any(any(map(str.isdigit, p.text)) for p in filled)
            if not digits and (layout is Layout.PLAIN or len(filled) * 2 < width):
                return None  # the same words as a group or a header: no figures follow
        if len(rows) == 1:
            return rows[0]
        return chosen(rows, self.order, block, group)

    def _place_rows(self, rows: list[_Row]) -> None:
        runs: list[Run] = []
        run_rows: dict[str, _Row] = {}
        seen: set[str] = set()
        for row in rows:
            spec = row.entry.row
            assert spec is not None
            rid = f"{self.table_id}.{spec.id}"
            if rid in seen:
                continue  # a row printed again (a repeated header on a new page)
            seen.add(rid)
            columns = row.entry.block.columns
            ids = row.entry.cells
            if row.plain:
                tokens = row.pieces[0].text.split() if len(row.pieces) == 1 else []
                if len(tokens) == len(ids):
                    self._put_tokens(ids, row.pieces[0], tokens)
                elif tokens and len(tokens) < len(ids):
                    kinds = tuple(c.kind for c in columns)
                    runs.append(Run(rid, ids, _without_unit(row.pieces[0].text), kinds))
                    run_rows[rid] = row
                else:
                    got = len(tokens) or sum(len(p.text.split()) for p in row.pieces)
                    self._count_issue(spec, row, got, len(ids))
                continue
            pieces = [p for p in row.pieces]
            while pieces and _is_junk(pieces[0].text):
                pieces.pop(0)
            while len(pieces) > len(ids) and is_blank(pieces[-1].text):
                pieces.pop()
            while len(pieces) > len(ids) and is_blank(pieces[0].text):
                pieces.pop(0)
            if len(pieces) != len(ids):
                self._count_issue(spec, row, len(pieces), len(ids))
                continue
            self.put(ids, pieces, self.cells)
        if runs:
            self._decode(runs, run_rows)

    def _put_tokens(self, ids: Sequence[str], piece: Piece, tokens: Sequence[str]) -> None:
        at = piece.start
        for cid, token in zip(ids, tokens, strict=True):
            offset = self.text.find(token, at)
            at = offset + len(token)
            self.cells[cid] = _parse(self.printed(offset, offset + len(token)), self.locate(offset))

    def _decode(self, runs: list[Run], rows: dict[str, _Row]) -> None:
        own = self.variants[0]
        prefix = f"{self.table_id}."
        identities = [
            ident for ident in own.identities if any(c.startswith(prefix) for c in ident.cells)
        ]
        known = {
            cid: cell.value
            for cid, cell in self.cells.items()
            if cell.value is not None and cell.state is not CellState.INVALID
        }
        result = decode(runs, identities, known=known)
        for run in runs:
            row = rows[run.row]
            span = self.locate(row.pieces[0].start)
            if run.row in result.unsplittable:
                assert row.entry.row is not None
                self._count_issue(row.entry.row, row, len(run.text.split()), len(run.cells))
                continue
            if run.row in result.ambiguous:
                for cid in run.cells:
                    self.cells[cid] = Cell(
                        raw=run.text,
                        state=CellState.INVALID,
                        span=span,
                        provenance=Provenance.UNREAD,
                    )
                self._ambiguous(row, run, result.ambiguous.get(run.row, 0))
                continue
            for cid in run.cells:
                value = result.values.get(cid)
                if value is None:
                    continue
                self.cells[cid] = Cell(
                    raw=str(value),
                    value=value,
                    state=CellState.of_number(value),
                    span=span,
                    provenance=Provenance.DECODED,
                )

    def _single_row(self, block: BlockSpec, layout: Layout, frm: int, to: int) -> int:
        """A block printed as one row of figures under its headers (表四)."""
        ids = [f"{self.table_id}.{r.id}.{c.id}" for r in block.rows for c in block.columns]
        residue = self.text[frm:to]
        rows_line = self._figures_line(residue, frm, len(ids))
        if layout in (Layout.ROWS, Layout.PLAIN) and rows_line is not None:
            layout = Layout.ROWS
        elif layout is Layout.ROWS:
            layout = Layout.PLAIN
        if layout is Layout.ROWS:
            pieces = rows_line or []
        else:
            pieces, _ = row_cells(layout, residue, frm)
            if layout is not Layout.PLAIN:
                pieces = [p for p in pieces if not _is_junk(p.text)]
        if not pieces:
            self._count_issue(block.rows[0], None, 0, len(ids), frm)
            return frm
        end = pieces[-1].end
        if layout is Layout.PLAIN:
            tokens = pieces[0].text.split()
            if len(tokens) == len(ids):
                self._put_tokens(ids, pieces[0], tokens)
            elif len(tokens) < len(ids):
                kinds = tuple(ValueKind.COUNT for _ in ids)
                rid = f"{self.table_id}.{block.rows[0].id}"
                run = Run(rid, tuple(ids), pieces[0].text, kinds)
                fake = Entry(Kind.ROW, self.variants[0].id, block, "", "", block.rows[0])
                self._decode([run], {rid: _Row(fake, pieces, pieces[0].start, True)})
            else:
                self._count_issue(block.rows[0], None, len(tokens), len(ids), frm)
            return end
        while len(pieces) > len(ids) and is_blank(pieces[-1].text):
            pieces.pop()
        while len(pieces) > len(ids) and is_blank(pieces[0].text):
            pieces.pop(0)
        if len(pieces) != len(ids):
            self._count_issue(block.rows[0], None, len(pieces), len(ids), pieces[0].start)
            return end
        self.put(ids, pieces, self.cells)
        return end

    def _near(self, match: Match, entry: Entry, at: int) -> None:
        assert entry.row is not None
        span = self.locate(at)
        self.issues.append(
            ParseIssue(
                "P006",
                f"表{self.table_id[1:]}中的行标签“{match.near}”与格式不完全一致，按近似的“{entry.row.label}”读取",
                f"row label {match.near!r} of table {self.table_id} is not the form's; read as the nearest, {entry.row.label!r}",
                Location(table=self.table_id, row=entry.row.id, line=span.line, page=span.page),
                expected=entry.row.label,
                actual=match.near,
            )
        )

    @staticmethod
    def _figures_line(residue: str, frm: int, width: int) -> list[Piece] | None:
        """The first pipe row under a one-row block's headers that holds its figures: one
        with a figure, or one of empty cells as many as the block has. Label text before
        its first cell is dropped; text that is no figure in a cell keeps its place (an
        OCR reading of "0" as "。"), so that the cells after it are not shifted."""
        pos = frm
        for line in residue.split("\n"):
            found = split_line(line, pos) if "|" in line else []
            pos += len(line) + 1
            while found and _is_junk(found[0].text):
                found.pop(0)
            digits = any(any(map(str.isdigit, p.text)) for p in found)
            cells = [p for p in found if not _is_junk(p.text)]
            if digits or (cells and len(cells) >= width):
                return found
        return None

    def _stray(self, pieces: list[Piece]) -> None:
        span = self.locate(pieces[0].start)
        figures = " ".join(p.text for p in pieces if p.text and not _is_junk(p.text))
        self.issues.append(
            ParseIssue(
                "P006",
                f"表{self.table_id[1:]}中第{span.line}行的数据“{figures[:60]}”没有行标签，未读取",
                f"figures {figures[:60]!r} of table {self.table_id} at line {span.line} stand on a line without a row label; they were not read",
                Location(table=self.table_id, line=span.line, page=span.page),
            )
        )

    def _count_issue(
        self, spec: RowSpec, row: _Row | None, got: int, want: int, at: int | None = None
    ) -> None:
        span = self.locate(row.at if row is not None else at or 0)
        if row is not None:
            # The row is there: its cells are unread, not absent (an identity over an
            # absent cell counts it as 0, over an unread one it is not evaluated).
            for col in row.entry.block.columns:
                self.cells[f"{self.table_id}.{spec.id}.{col.id}"] = Cell(
                    state=CellState.INVALID, span=span, provenance=Provenance.UNREAD
                )
        if got == 0:
            zh = f"表{self.table_id[1:]}“{spec.label}”一行没有找到数据，未读取"
            en = (
                f"row {spec.id} of table {self.table_id} is there, but no figures were found for it"
            )
        else:
            zh = f"表{self.table_id[1:]}“{spec.label}”一行有{got}个数据，格式规定{want}列；无法确定各数据所在的列，未读取"
            en = f"row {spec.id} of table {self.table_id} has {got} figures for {want} columns; which figure belongs to which column cannot be known, so none was read"
        self.issues.append(
            ParseIssue(
                "P007",
                zh,
                en,
                Location(table=self.table_id, row=spec.id, line=span.line, page=span.page),
                expected=want,
                actual=got,
            )
        )

    def _ambiguous(self, row: _Row, run: Run, candidates: int) -> None:
        # A run of a block printed as one row (表四) covers every row of the block.
        specs = {cid.split(".")[1] for cid in run.cells}
        for spec in row.entry.block.rows:
            if spec.id in specs:
                self._ambiguous_row(spec, row, run, candidates)

    def _ambiguous_row(self, spec: RowSpec, row: _Row, run: Run, candidates: int) -> None:
        many = f"{candidates}种" if candidates else "多种"
        span = self.locate(row.at)
        self.issues.append(
            ParseIssue(
                "P011",
                f"表{self.table_id[1:]}“{spec.label}”一行的数字连在一起（“{run.text}”），有{many}拆分方式符合格式，无法确定，未读取",
                f"the figures of row {spec.id} of table {self.table_id} run together ({run.text!r}) and "
                + (f"{candidates} splits" if candidates else "no single split")
                + " fit the form; they were not read",
                Location(table=self.table_id, row=spec.id, line=span.line, page=span.page),
                actual=run.text,
            )
        )
