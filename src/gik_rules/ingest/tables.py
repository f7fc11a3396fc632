"""Mapping raw table rows onto a form variant's grid of cell ids.

Rows are matched by label (normalised, with the variant's aliases), never by position
alone; the figures of a row are the cells to the right of its last label. Rows and
columns of the other known variants are matched too, so that a 2019-era row in a 2021
report keeps its own cell id and the mixed layout can be reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from gik_rules.forms.labels import enumerator, normalise_label
from gik_rules.forms.variant import BlockSpec, ColumnSpec, FormVariant, RowSpec, TableSpec
from gik_rules.ingest.document import RawCell, RawTable
from gik_rules.ingest.result import ParseIssue
from gik_rules.model.cell import Cell, CellState
from gik_rules.model.cell_text import parse_cell_text
from gik_rules.rules.finding import Location


def parse_row(row: Sequence[RawCell]) -> list[Cell]:
    """The cells a raw row's texts denote, each with its span: parsed once, then asked
    both whether it is a label and what it holds."""
    return [parse_cell_text(c.text, c.span) for c in row]


def names_something(cell: Cell) -> bool:
    """A parsed cell that names something rather than holds a figure."""
    return cell.state is CellState.INVALID and any(ch.isalpha() for ch in cell.raw)


def is_label(text: str) -> bool:
    """A cell that names something rather than holds a figure."""
    return names_something(parse_cell_text(text))


@attrs.frozen(slots=True)
class _Candidate:
    block: BlockSpec
    row: RowSpec
    rank: int  # 0 for the report's own variant, 1 for another one
    group: str | None  # the row's group, normalised
    enum: str  # the enumerator of the row's label


@attrs.define
class TableMapper:
    """Maps the rows of one table (possibly spread over several raw tables)."""

    table_id: str
    variants: Sequence[FormVariant]  # the report's own variant first
    cells: dict[str, Cell] = attrs.field(factory=dict)
    issues: list[ParseIssue] = attrs.field(factory=list)
    _group: str | None = None
    _block: str | None = None
    _columns: dict[str, tuple[ColumnSpec, ...]] = attrs.field(factory=dict)
    # What the variants say about the table, worked out once per mapper, not per row.
    _specs: list[tuple[int, TableSpec]] = attrs.field(init=False)
    _candidates: list[_Candidate] = attrs.field(init=False)
    _groups: frozenset[str] = attrs.field(init=False)
    _block_of_key: dict[str, str] = attrs.field(init=False)

    @property
    def rows_seen(self) -> set[str]:
        """The ids of the rows that gave cells."""
        return {cid.split(".")[1] for cid in self.cells}

    def __attrs_post_init__(self) -> None:
        self._specs = []
        for rank, variant in enumerate(self.variants):
            spec = variant.table(self.table_id)
            if spec is not None:
                self._specs.append((min(rank, 1), spec))
        seen: set[tuple[str, str]] = set()
        self._candidates = []
        self._block_of_key = {}
        for rank, spec in self._specs:
            for block in spec.blocks:
                for key in block.keys:
                    self._block_of_key.setdefault(key, block.id)
                for row in block.rows:
                    if (block.id, row.id) not in seen:
                        seen.add((block.id, row.id))
                        group = normalise_label(row.group) if row.group else None
                        self._candidates.append(
                            _Candidate(block, row, rank, group, enumerator(row.label))
                        )
        self._groups = frozenset(
            normalise_label(r.group)
            for _, spec in self._specs
            for b in spec.blocks
            for r in b.rows
            if r.group
        )

    def _header(self, labels: Sequence[str]) -> None:
        """A header row: remember which variant's columns the current block uses."""
        if self._block is None:
            return
        keys = [normalise_label(x) for x in labels]
        for _, spec in self._specs:
            for block in spec.blocks:
                if (
                    block.id == self._block
                    and block.columns
                    and all(any(k in c.keys for k in keys) for c in block.columns)
                ):
                    self._columns[block.id] = block.columns
                    return

    def _match(self, labels: Sequence[str]) -> _Candidate | None:
        candidates = self._candidates
        for text in reversed(labels):
            key = normalise_label(text)
            if not key:
                continue
            exact = [c for c in candidates if key in c.row.keys]
            if not exact and len(key) >= 4:
                exact = [
                    c
                    for c in candidates
                    if any(
                        key.startswith(k) or k.startswith(key) for k in c.row.keys if len(k) >= 4
                    )
                ]
            if exact:
                enum = enumerator(text)

                def in_context(c: _Candidate, enum: str = enum) -> bool:
                    return bool(
                        (c.group is not None and c.group == self._group)
                        or (enum and c.enum == enum)
                    )

                if len(key) <= 2:  # 总计, 其他: only a sub-item where its context says so
                    exact = [c for c in exact if not (c.row.group or c.enum) or in_context(c)]
                elif len(exact) > 1:
                    exact = [c for c in exact if in_context(c)] or exact
                if not exact:
                    continue
                if self._block is not None:
                    in_block = [c for c in exact if c.block.id == self._block]
                    exact = in_block or exact
                return min(exact, key=lambda c: c.rank)
            if key in self._groups:
                continue
        return None

    def add_row(self, row: Sequence[RawCell], parsed: Sequence[Cell] | None = None) -> None:
        """Map one raw row: a block label, a group label, a header or a row of figures.
        ``parsed``: the row as ``parse_row`` gives it, when the caller has it already."""
        cells = parse_row(row) if parsed is None else parsed
        label_idx = [i for i, c in enumerate(cells) if names_something(c)]
        labels = [cells[i].raw for i in label_idx]
        values = list(cells[label_idx[-1] + 1 :]) if label_idx else list(cells)
        for text in labels:
            key = normalise_label(text)
            block = self._block_of_key.get(key) if key else None
            if block:
                self._block = block
            if key in self._groups:
                self._group = key
        if not labels:
            return
        candidate = self._match(labels)
        has_figures = any(c.raw.strip() for c in values)
        if candidate is None:
            if has_figures and any(c.is_number for c in values):
                self.issues.append(
                    ParseIssue(
                        "P006",
                        f"表{self.table_id[1:]}中的行“{''.join(labels[-1].split())}”与格式中的任何一行都不对应，其数据未读取",
                        f"row {''.join(labels[-1].split())!r} of table {self.table_id} matches no row of the form; its figures were not read",
                        Location(
                            table=self.table_id,
                            line=row[label_idx[-1]].span.line,
                            page=row[label_idx[-1]].span.page,
                        ),
                    )
                )
            else:
                self._header(labels)
            return
        self._block = candidate.block.id
        if candidate.group is not None:
            self._group = candidate.group
        columns = self._columns.get(candidate.block.id, candidate.block.columns)
        if not has_figures and len(values) < (len(columns) + 1) // 2:
            return  # a label row without a figure cell (a header or a merged label)
        self._place(candidate.row, columns, values, row[label_idx[-1]])

    def _place(
        self, row: RowSpec, columns: Sequence[ColumnSpec], values: list[Cell], label: RawCell
    ) -> None:
        extra = len(values) - len(columns)
        if extra > 0 and not any(c.raw.strip() for c in values[:extra]):
            values = values[extra:]
        elif extra != 0:
            self.issues.append(
                ParseIssue(
                    "P007",
                    f"表{self.table_id[1:]}“{row.label}”一行有{len(values)}个数据，格式规定{len(columns)}列；已按右对齐读取",
                    f"row {row.id} of table {self.table_id} has {len(values)} figures for {len(columns)} columns; read right-aligned",
                    Location(
                        table=self.table_id, row=row.id, line=label.span.line, page=label.span.page
                    ),
                    expected=len(columns),
                    actual=len(values),
                )
            )
            values = values[-len(columns) :] if extra > 0 else values
        offset = len(columns) - len(values)
        for i, cell in enumerate(values):
            self.cells[f"{self.table_id}.{row.id}.{columns[offset + i].id}"] = cell

    def add_single_row(
        self, table: RawTable, parsed: Sequence[Sequence[Cell]] | None = None
    ) -> bool:
        """A table printed as one row of figures (表四): the first row that has a figure
        cell for every cell of the block, mapped in order. ``parsed``: the table's rows as
        ``parse_row`` gives them, when the caller has them already."""
        if not self._specs:
            return False
        block = self._specs[0][1].blocks[0]
        width = len(block.rows) * len(block.columns)
        for row in [parse_row(r) for r in table.rows] if parsed is None else parsed:
            values = [c for c in row if not names_something(c)]
            unlabelled = len(values) == len(row)
            if len(values) >= width and (unlabelled or any(c.raw.strip() for c in values)):
                cells = iter(values[-width:])
                for r in block.rows:
                    for col in block.columns:
                        self.cells[f"{self.table_id}.{r.id}.{col.id}"] = next(cells)
                return True
        return False

    def missing_rows(self) -> Iterable[RowSpec]:
        """The rows of the report's own variant that gave no cell."""
        spec = self.variants[0].table(self.table_id)
        seen = self.rows_seen
        for block in spec.blocks if spec else ():
            for row in block.rows:
                if row.id not in seen:
                    yield row
