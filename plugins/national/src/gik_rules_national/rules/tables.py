"""Table rules: identities, blank cells, number formats."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from gik_rules.forms import ValueKind
from gik_rules.forms.identity_set import identity_set
from gik_rules.model import AnnualReport, Cell, CellState, Provenance
from gik_rules.rules import Hit, Location, RuleContext, Skip, implements
from gik_rules.rules.cell_survey import CellSurvey, cell_survey
from gik_rules.rules.identities import mismatch_hit
from gik_rules.rules.locate import cell_label, cell_location, form_sorted, table_name


@implements("N301")
def identity_mismatch(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    variant = ctx.variant_of(report)
    if variant is None:
        raise Skip("报告的格式未识别，无从确定勾稽关系", "the report's form variant is not known")
    # An identity none of whose cells was read would "hold" as 0 = 0: it is not evaluated,
    # and a run that found nothing else says so rather than ``ok``.
    scan = identity_set(variant).scan(report.cells)
    for identity, result in scan.failing:
        yield mismatch_hit(
            identity,
            result,
            report.cells,
            variant,
            cell_location(report, identity.lhs[0], variant),
        )
    found, figures, unread = bool(scan.failing), scan.figures, scan.unread
    if not found and not figures:  # every identity 0 = 0 over blanks: nothing was checked
        raise Skip("表格中没有数字，勾稽关系无从核对", "the tables hold no figures to add up")
    if unread and not found:
        shown = "、".join(unread[:3]) + ("等" if len(unread) > 3 else "")
        raise Skip(
            f"{len(unread)}项勾稽关系（{shown}）所涉单元格均未读取，未核对",
            f"{len(unread)} identities ({', '.join(unread[:3])}"
            f"{', …' if len(unread) > 3 else ''}) not evaluated: none of their cells was read",
        )


_UNFILLED = (CellState.BLANK, CellState.PLACEHOLDER)
_NONE = type(None)
_NUMBER_TYPES = frozenset({int, Decimal, _NONE})


def _suspects(report: AnnualReport, survey: CellSurvey) -> list[str]:
    """The cells ``_suspect`` picks, looked at one by one only where some cell is
    invalid, not a number type or a negative whole number, and else only the decimals
    (amounts): a whole number that is not negative is no suspect. Whether one is
    negative is told by the whole numbers alone (a decimal among them would make every
    comparison a mixed one, several times as slow): the decimals, a report's few, are
    found by their places among the types and made 0 in a copy of the values."""
    cells = report.cells
    kinds = survey.kinds
    if survey.invalid or not _NUMBER_TYPES.issuperset(kinds):
        return [cid for cid, c in cells.items() if _suspect(c)]
    values: list[Any] = survey.values  # ints and None once the decimals are made 0
    places: list[int] = []
    if Decimal in kinds:
        types, at = survey.types, -1
        for _ in range(types.count(Decimal)):
            at = types.index(Decimal, at + 1)
            places.append(at)
        values = values.copy()
        for at in places:
            values[at] = 0
    # ints alone (no cell blank) are compared as they are, not filtered first
    least = min(filter(None, values), default=0) if _NONE in kinds else min(values, default=0)
    if least < 0:
        return [cid for cid, c in cells.items() if _suspect(c)]
    if not places:
        return []
    ids = list(cells)
    return [ids[at] for at in places if _suspect(cells[ids[at]])]


def _suspect(cell: Cell) -> bool:
    """Whether N303 may find fault with ``cell``: not a number, not whole, or negative
    (the column's kind decides whether that is a fault)."""
    if cell.provenance is Provenance.UNREAD:
        return False
    if cell.state is CellState.INVALID:
        return True
    value = cell.value
    return value is not None and (
        value < 0 or (isinstance(value, Decimal) and value != value.to_integral_value())
    )


@implements("N302")
def blank_cell(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    if not cell_survey(report).unfilled:
        return  # most reports: no blank cell to order or name
    variant = ctx.variant_of(report)
    names = variant or ctx.expected_variant(report.meta.year)
    by_table: dict[str, list[str]] = {}
    blanks = [cid for cid, c in report.cells.items() if c.state in _UNFILLED]
    for cid in form_sorted(blanks, variant):
        by_table.setdefault(cid.partition(".")[0], []).append(cid)
    for table, cells in by_table.items():
        first = cell_location(report, cells[0], variant)
        placeholders = [c for c in cells if report.cell(c).state is CellState.PLACEHOLDER]
        shown = "、".join(cell_label(c, variant) for c in cells[:5]) + (
            "等" if len(cells) > 5 else ""
        )
        extra = f"，其中{len(placeholders)}个为占位符" if placeholders else ""
        yield Hit(
            f"{table_name(table, names)}有{len(cells)}个单元格未填数字{extra}（{shown}）；"
            "核对合计时已按0计算",
            f"table {table} has {len(cells)} blank cells"
            + (f" ({len(placeholders)} placeholders)" if placeholders else "")
            + "; totals were checked with blanks taken as zero",
            Location(
                section=first.section, table=table, cell=cells[0], line=first.line, page=first.page
            ),
            cells=tuple(cells),
        )


@implements("N303")
def invalid_number(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    survey = cell_survey(report)
    if survey.unfilled == len(survey.states):
        raise Skip("表格中没有填写内容", "the tables hold no figures")  # blank-cell reports it
    # the cells that may be at fault, picked first: most reports have none to order
    suspects = _suspects(report, survey)
    if not suspects:
        return
    variant = ctx.variant_of(report)
    for cid in form_sorted(suspects, variant):
        cell = report.cells[cid]
        spec = variant.cells.get(cid) if variant else None
        kind = spec.kind if spec else ValueKind.COUNT
        problem = problem_en = ""
        if cell.provenance is Provenance.UNREAD:
            continue  # the reader reported why the row could not be read
        if cell.state is CellState.INVALID:
            problem, problem_en = "不是数字", "is not a number"
        elif cell.value is None:
            continue
        elif (
            kind is not ValueKind.AMOUNT
            and isinstance(cell.value, Decimal)
            and cell.value != cell.value.to_integral_value()
        ):
            problem, problem_en = "不是整数", "is not a whole number"
        elif kind is not ValueKind.SIGNED and cell.value < 0:
            problem, problem_en = "是负数", "is negative"
        if problem:
            yield Hit(
                f"“{cell_label(cid, variant)}”填写“{cell.raw.strip()}”，{problem}",
                f"cell {cid} holds {cell.raw.strip()!r}, which {problem_en}",
                cell_location(report, cid, variant),
                actual=cell.raw.strip(),
                cells=(cid,),
            )
