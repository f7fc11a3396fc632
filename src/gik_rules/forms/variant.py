"""A form variant as data: tables, rows, columns, cell ids, labels and identities."""

from __future__ import annotations

import enum
from collections.abc import Mapping

import attrs

from gik_rules.forms.indicators import Indicator
from gik_rules.forms.labels import normalise_label


class ValueKind(enum.Enum):
    """What a column's cells may hold."""

    COUNT = "count"  # a non-negative integer
    SIGNED = "signed"  # an integer that may be negative (本年增/减)
    AMOUNT = "amount"  # a non-negative number, decimals allowed (金额)


class BlankPolicy(enum.Enum):
    """How a blank or placeholder cell counts in an identity."""

    ZERO = "zero"  # count it as 0 (and let blank-cell say so)
    SKIP = "skip"  # do not evaluate the identity


@attrs.frozen(slots=True)
class Labelled:
    """Anything with a stable id, an official Chinese label and accepted variants of it."""

    id: str
    label: str
    aliases: tuple[str, ...] = ()
    #: Normalised label and aliases, for matching (computed once, at construction).
    keys: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)

    @keys.default
    def _keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(normalise_label(x) for x in (self.label, *self.aliases)))


@attrs.frozen(slots=True)
class ColumnSpec(Labelled):
    kind: ValueKind = ValueKind.COUNT
    unit: str | None = None


@attrs.frozen(slots=True)
class RowSpec(Labelled):
    group: str | None = None  # the enclosing heading, e.g. "（三）不予公开"


@attrs.frozen(slots=True)
class BlockSpec(Labelled):
    """A block of a table: 表二 has one per 第二十条 item; 表三 and 表四 have one each."""

    rows: tuple[RowSpec, ...] = ()
    columns: tuple[ColumnSpec, ...] = ()
    single_row: bool = False  # all rows printed side by side in one line (表四)


@attrs.frozen(slots=True)
class TableSpec:
    id: str
    title: str
    section: int
    blocks: tuple[BlockSpec, ...] = ()


@attrs.frozen(slots=True)
class SectionSpec(Labelled):
    """A top-level section; ``label`` is the official title without its numeral."""

    number: int = 0


@attrs.frozen(slots=True)
class CellSpec:
    id: str
    table: str
    block: str
    row: str
    column: str
    kind: ValueKind
    row_label: str
    column_label: str
    unit: str | None = None

    @property
    def label(self) -> str:
        return f"{self.row_label} / {self.column_label}"


@attrs.frozen(slots=True)
class Identity:
    """``sum(lhs) == sum(rhs)`` over cell ids; ``id`` is like ``"A1[np]"``."""

    id: str
    family: str
    title: str
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]
    blank: BlankPolicy = BlankPolicy.ZERO
    source: str = ""

    @property
    def cells(self) -> tuple[str, ...]:
        return self.lhs + self.rhs


@attrs.frozen(slots=True)
class FormVariant:
    """One report format, e.g. V2019 (国办公开办函〔2019〕60号) or V2021 (〔2021〕30号)."""

    id: str
    name: str
    basis: str
    first_year: int
    last_year: int | None
    sections: tuple[SectionSpec, ...]
    tables: tuple[TableSpec, ...]
    identities: tuple[Identity, ...]
    signature: tuple[str, ...] = ()
    plugin: str = ""
    #: the figures evaluators compute from the tables (``gik_rules.indicators``)
    indicators: tuple[Indicator, ...] = ()
    cells: Mapping[str, CellSpec] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        cells: dict[str, CellSpec] = {}
        for table in self.tables:
            for block in table.blocks:
                for row in block.rows:
                    for col in block.columns:
                        cid = f"{table.id}.{row.id}.{col.id}"
                        cells[cid] = CellSpec(
                            cid,
                            table.id,
                            block.id,
                            row.id,
                            col.id,
                            col.kind,
                            row.label,
                            col.label,
                            col.unit,
                        )
        object.__setattr__(self, "cells", cells)

    def applies_to_year(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)

    def table(self, table_id: str) -> TableSpec | None:
        return next((t for t in self.tables if t.id == table_id), None)

    def table_cells(self, table_id: str) -> list[str]:
        return [cid for cid, spec in self.cells.items() if spec.table == table_id]
