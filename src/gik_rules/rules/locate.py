"""Locations of cells and sections, shared by the rules of every plugin."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from gik_rules.forms.numerals import numeral
from gik_rules.forms.per_variant import per_variant
from gik_rules.forms.variant import FormVariant
from gik_rules.model import AnnualReport, Cell
from gik_rules.rules.finding import Location


def cell_location(
    report: AnnualReport, cell_id: str, variant: FormVariant | None = None
) -> Location:
    """Table, row, column and source position of a cell."""
    table, _, rest = cell_id.partition(".")
    row, _, column = rest.partition(".")
    span = report.cell(cell_id).span
    spec = variant.table(table) if variant else None
    return Location(
        section=spec.section if spec else None,
        table=table,
        row=row or None,
        column=column or None,
        cell=cell_id,
        line=span.line if span else None,
        page=span.page if span else None,
        ref=span.ref if span else None,
    )


def table_name(table_id: str, variant: FormVariant | None) -> str:
    """The Chinese name of a table, ``"表三"``: the formats number each table by the
    section that prints it. The id itself when the variant does not know the table."""
    spec = variant.table(table_id) if variant else None
    return f"表{numeral(spec.section)}" if spec and spec.section > 0 else table_id


def cell_label(cell_id: str, variant: FormVariant | None) -> str:
    """The Chinese label of a cell: ``"一、本年新收… / 自然人"``."""
    spec = variant.cells.get(cell_id) if variant else None
    return spec.label if spec else cell_id


def form_order(report: AnnualReport, variant: FormVariant | None) -> Iterator[tuple[str, Cell]]:
    """The report's cells in the order the form prints them, then any others by id."""
    cells = report.cells
    known = variant.cells if variant else {}
    # the form's own order walked, not sorted: every rule that lists cells calls this
    for cid in known:
        cell = cells.get(cid)
        if cell is not None:
            yield cid, cell
    for cid in sorted(c for c in cells if c not in known):
        yield cid, cells[cid]


@per_variant
def _form_index(variant: FormVariant) -> dict[str, int]:
    return {cid: i for i, cid in enumerate(variant.cells)}


def form_sorted(cell_ids: Iterable[str], variant: FormVariant | None) -> list[str]:
    """``cell_ids`` in the order the form prints them, then any others by id (as
    ``form_order``): for rules that pick a few cells first and order only those."""
    if variant is None:
        return sorted(cell_ids)
    index = _form_index(variant)
    last = len(index)
    return sorted(cell_ids, key=lambda c: (index.get(c, last), c))
