"""Filling a blank total that the other cells of an identity determine.

A cell is filled only when it is blank (written empty), it stands alone on one side of an
identity (a total), every other cell of that identity holds a number, every identity that
determines it agrees on the value, and the value fits the column (a count is a whole,
non-negative number). Anything else is left as it is and reported as skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import attrs

from gik_rules.fix.record import Fix, Skipped, cell_edits
from gik_rules.forms.evaluate import evaluate
from gik_rules.forms.variant import FormVariant, Identity, ValueKind
from gik_rules.model import AnnualReport, Cell, CellState
from gik_rules.model.cell import Number
from gik_rules.render.figures import number_text
from gik_rules.rules.locate import cell_label, cell_location

CodeOf = Callable[[str], str | None]


def _determined(cells: dict[str, Cell], identity: Identity) -> list[tuple[str, Number]]:
    """``(cell id, value)`` for a blank lone side of ``identity`` the other side fixes."""
    out = []
    for side, other in ((identity.lhs, identity.rhs), (identity.rhs, identity.lhs)):
        if len(side) != 1 or side[0] in other:
            continue
        target = cells.get(side[0])
        if target is None or target.state is not CellState.BLANK:
            continue
        parts = [cells.get(c) for c in other]
        if all(p is not None and p.is_number and p.value is not None for p in parts):
            out.append((side[0], sum((p.value for p in parts if p and p.value is not None), 0)))
    return out


def _fits(value: Number, kind: ValueKind) -> bool:
    if kind is ValueKind.SIGNED:
        return True
    if value < 0:
        return False
    return (
        kind is ValueKind.AMOUNT
        or not isinstance(value, Decimal)
        or value == value.to_integral_value()
    )


def fill_totals(
    report: AnnualReport, variant: FormVariant, code_of: CodeOf
) -> tuple[AnnualReport, list[Fix], list[Skipped]]:
    """The report with every determined blank total filled, the fixes and the skips."""
    cells = dict(report.cells)
    failing = {i.id for i in variant.identities if not evaluate(i, report.cells).holds}
    fixes: list[Fix] = []
    skipped: dict[str, Skipped] = {}
    while True:
        found: dict[str, list[tuple[Identity, Number]]] = {}
        for identity in variant.identities:
            for cid, value in _determined(cells, identity):
                found.setdefault(cid, []).append((identity, value))
        progress = False
        for cid, options in sorted(found.items()):
            values = sorted({v for _, v in options})
            spec = variant.cells.get(cid)
            where = cell_location(report, cid, variant)
            if len(values) > 1:
                skipped[cid] = Skipped(
                    "blank-cell",
                    f"{cid}: the identities {', '.join(i.id for i, _ in options)} give "
                    f"different values ({', '.join(map(str, values))})",
                    where,
                )
                continue
            value = values[0]
            if spec is None or not _fits(value, spec.kind):
                skipped[cid] = Skipped(
                    "blank-cell", f"{cid}: the identities give {value}, not a valid figure", where
                )
                continue
            if isinstance(value, Decimal) and value == value.to_integral_value():
                value = int(value) if spec.kind is not ValueKind.AMOUNT else value
            old = cells[cid]
            cells[cid] = attrs.evolve(Cell.of(value, raw=number_text(value)), span=old.span)
            edits = cell_edits(old, number_text(value))
            identities = [i for i, _ in options]
            answered = [code_of("blank-cell")]
            if any(i.id in failing for i in identities):
                answered.append(code_of("identity-mismatch"))
            codes = tuple(c for c in answered[1:] if c)
            ids = "、".join(i.id for i in identities)
            fixes.append(
                Fix(
                    "blank-cell",
                    answered[0],
                    f"按勾稽关系{ids}补填空白合计“{cell_label(cid, variant)}”：{number_text(value)}",
                    f"filled the blank total {cid} = {number_text(value)} from identity {ids}",
                    where,
                    before="",
                    after=number_text(value),
                    also=codes,
                    cells=(cid,),
                    edits=edits,
                )
            )
            skipped.pop(cid, None)
            progress = True
        if not progress:
            break
    return attrs.evolve(report, cells=cells), fixes, list(skipped.values())
