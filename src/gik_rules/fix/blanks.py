"""``--blank-as-zero``: blank cells written as 0, on request only (a blank is not a 0)."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from gik_rules.fix.record import Edit, Fix, cell_edits
from gik_rules.forms.variant import FormVariant
from gik_rules.model import AnnualReport, Cell, CellState
from gik_rules.rules.locate import cell_location, form_order, table_name


def zero_blanks(
    report: AnnualReport, variant: FormVariant | None, code_of: Callable[[str], str | None]
) -> tuple[AnnualReport, list[Fix]]:
    """Every blank cell as 0 (placeholders such as “/” are kept); one fix per table."""
    cells = dict(report.cells)
    by_table: dict[str, list[str]] = {}
    edits: dict[str, tuple[Edit, ...]] = {}
    for cid, cell in form_order(report, variant):
        if cell.state is CellState.BLANK:
            cells[cid] = attrs.evolve(Cell.of(0), span=cell.span)
            by_table.setdefault(cid.partition(".")[0], []).append(cid)
            edits[cid] = cell_edits(cell, "0")
    fixes = [
        Fix(
            "blank-cell",
            code_of("blank-cell"),
            f"{table_name(table, variant)}的{len(ids)}个空白单元格填为0（--blank-as-zero）："
            + "、".join(ids),
            f"{len(ids)} blank cells of table {table} set to 0 (--blank-as-zero): "
            + ", ".join(ids),
            attrs.evolve(cell_location(report, ids[0], variant), cell=None, row=None, column=None),
            before="",
            after="0",
            cells=tuple(ids),
            edits=tuple(e for cid in ids for e in edits[cid]),
        )
        for table, ids in by_table.items()
    ]
    return attrs.evolve(report, cells=cells), fixes
