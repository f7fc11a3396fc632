"""Which cells of a form variant a statement's figure is: categories to rows, columns and
cells, as the grammar's data and the variant's tables say."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from gik_rules.forms.variant import FormVariant
from gik_rules.narrative.grammar import Category, ColumnCategory, Grammar
from gik_rules.narrative.parse import Statement

Alternatives = tuple[tuple[str, ...], ...]


class Resolver:
    """A grammar's categories on one variant. Rows the variant lacks are left out (the
    2019 form's single （六）其他处理 row, the 2021 form's three); a category with none of
    its rows has no cells."""

    def __init__(self, grammar: Grammar, variant: FormVariant) -> None:
        self.grammar, self.variant = grammar, variant
        self._rows: dict[str, tuple[str, ...]] = {}
        self._columns = {c.id: c for c in grammar.columns}
        #: (categories, includes, extended) → alternatives: few shapes recur in all texts
        self._cells: dict[tuple[tuple[str, ...], tuple[str, ...], bool], Alternatives] = {}
        self._scales: dict[str | None, Decimal] = {}
        self._categories: dict[tuple[str, ...], tuple[Category, ...]] = {}
        #: a statement's categories → what its figure measures: looked up by three rules
        self._measures: dict[tuple[str, ...], str | None] = {}
        #: (each part's columns and categories, the whole's categories and includes)
        #: → complete
        self._complete: dict[tuple[Any, ...], bool] = {}
        #: the variant's cells whose unit is of scale 1 (a count's 件, no unit, 元)
        self.unit_cells = frozenset(
            cid for cid, spec in variant.cells.items() if self.scale(spec.unit) == 1
        )

    def scale(self, unit: str | None) -> Decimal:
        """How many of the measure's smallest unit one ``unit`` is (万元: 10000 元)."""
        held = self._scales.get(unit)
        if held is None:
            found = (Decimal(u.scale) for u in self.grammar.units if unit in u.words)
            held = self._scales[unit] = next(found, Decimal(1))
        return held

    def rows(self, category: Category) -> tuple[str, ...]:
        """``"t3.new"``-style row keys of the category, in the form's order."""
        held = self._rows.get(category.id)
        if held is not None:
            return held
        spec = self.variant.table(category.table)
        found: list[str] = []
        for block in spec.blocks if spec else ():
            for row in block.rows:
                if row.id in category.rows or (row.group and row.group in category.groups):
                    key = f"{category.table}.{row.id}"
                    if key not in found:
                        found.append(key)
        self._rows[category.id] = tuple(found)
        return self._rows[category.id]

    def row_columns(self, row: str) -> tuple[str, ...]:
        """The columns of the block that holds ``row``."""
        table, _, row_id = row.partition(".")
        spec = self.variant.table(table)
        for block in spec.blocks if spec else ():
            if any(r.id == row_id for r in block.rows):
                return tuple(c.id for c in block.columns)
        return ()

    def _existing(self, cells: Iterable[str]) -> tuple[str, ...]:
        return tuple(c for c in cells if c in self.variant.cells)

    def categories(self, ids: Iterable[str]) -> list[Category]:
        if type(ids) is not tuple:
            return [c for c in (self.grammar.category(i) for i in ids) if c is not None]
        return list(self._known(ids))

    def _known(self, ids: tuple[str, ...]) -> tuple[Category, ...]:
        # a statement's categories: the few tuples all texts use, looked up once
        held = self._categories.get(ids)
        if held is None:
            held = self._categories[ids] = tuple(self.categories(list(ids)))
        return held

    def measure(self, statement: Statement) -> str | None:
        """What a statement's figure measures (its first category's measure)."""
        categories = statement.categories
        try:
            return self._measures[categories]
        except KeyError:  # the first statement of these categories
            own = self._known(categories)
            held = self._measures[categories] = own[0].measure if own else None
            return held

    def whole_rows(self, statement: Statement, *, extended: bool = False) -> tuple[str, ...]:
        """The rows a row statement's figure counts: its categories', those it says it
        includes, and with ``extended`` also every category its own extend to."""
        ids = [*statement.categories, *statement.includes]
        if extended:
            ids += [e for c in self.categories(statement.categories) for e in c.extends]
        out: list[str] = []
        for category in self.categories(dict.fromkeys(ids)):
            out += [r for r in self.rows(category) if r not in out]
        return tuple(out)

    def cells(self, statement: Statement, *, extended: bool = False) -> Alternatives:
        """The cell sums a row statement's figure may be, each an alternative."""
        key = (statement.categories, statement.includes, extended)
        held = self._cells.get(key)
        if held is None:
            held = self._cells[key] = self._resolve(statement, extended)
        return held

    def _resolve(self, statement: Statement, extended: bool) -> Alternatives:
        own = self.categories(statement.categories)
        if not own or not all(c.compare for c in own):
            return ()
        if len({c.table for c in own}) != 1 or len({c.measure for c in own}) != 1:
            return ()
        rows = self.whole_rows(statement, extended=extended)
        if any(c.any_column for c in own):
            if len(own) > 1 or statement.includes:
                return ()
            columns = dict.fromkeys(col for row in rows for col in self.row_columns(row))
            options = (self._existing(f"{row}.{col}" for row in rows) for col in columns)
            return tuple(o for o in options if o)
        column = own[0].column
        found = self._existing(f"{row}.{column}" for row in rows)
        return (found,) if found else ()

    def column_cells(
        self, part: Statement, whole: Statement, *, extended: bool = False
    ) -> tuple[str, ...]:
        """The cells of a column statement (自然人72件) that is a part of ``whole``."""
        columns = [self._columns[c] for c in part.categories if c in self._columns]
        own = self.categories(whole.categories)
        if not columns or not own or any(c.any_column for c in own):
            return ()
        if len({c.table for c in columns} | {c.table for c in own}) != 1:
            return ()
        rows = self.whole_rows(whole, extended=extended)
        return self._existing(f"{row}.{col}" for row in rows for c in columns for col in c.columns)

    def part_cells(self, part: Statement, whole: Statement) -> tuple[str, ...]:
        """A part's cells: its columns of the whole's rows, or its own first alternative."""
        if part.columns:
            return self.column_cells(part, whole)
        found = self.cells(part)
        return found[0] if len(found) == 1 else ()

    def complete(self, parts: list[Statement], whole: Statement) -> bool:
        """Whether ``parts`` together are all of ``whole``: every column but the total
        of the whole's rows, or every category the whole is made of. (It depends on
        their categories and what the whole says it includes alone: kept for the few
        shapes of lists texts write.)"""
        key = (
            tuple((p.columns, p.categories) for p in parts),
            whole.categories,
            whole.includes,
        )
        held = self._complete.get(key)
        if held is None:
            held = self._complete_of(parts, whole)
            if len(self._complete) < 4096:
                self._complete[key] = held
        return held

    def _complete_of(self, parts: list[Statement], whole: Statement) -> bool:
        if all(p.columns for p in parts):
            columns = {c for p in parts for cid in p.categories for c in self._column(cid)}
            own = self.categories(whole.categories)
            rows = self.whole_rows(whole)
            if not own or not rows:
                return False
            every = set(self.row_columns(rows[0])) - {own[0].column}
            return bool(every) and columns == every
        if any(p.columns for p in parts):
            return False
        made_of = [m for c in self.categories(whole.categories) for m in c.made_of]
        if not made_of:
            return False
        needed = {r for c in self.categories(made_of) for r in self.rows(c)}
        given = {r for p in parts for c in self.categories(p.categories) for r in self.rows(c)}
        return bool(needed) and given == needed

    def _column(self, column_id: str) -> tuple[str, ...]:
        found: ColumnCategory | None = self._columns.get(column_id)
        return found.columns if found else ()
