"""Variant rules: the format a report follows against the format of its year."""

from __future__ import annotations

from collections.abc import Iterator

from gik_rules.model import AnnualReport
from gik_rules.rules import Hit, Location, RuleContext, Skip, implements
from gik_rules.rules.locate import cell_location, table_name


def _mismatch(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    expected = ctx.expected_variant(report.meta.year)
    actual = report.meta.variant
    if actual is None:  # detected from the tables: none that tell the formats apart was read
        raise Skip("报告的格式未识别", "the report's form variant is not known")
    if expected is None or actual == expected.id:
        return
    found = ctx.variants.get(actual)
    yield Hit(
        f"{report.meta.year}年度报告应使用{expected.basis}印发的格式（{expected.id}），"
        f"但表格采用了{found.basis if found else actual}的格式（{actual}）",
        f"a {report.meta.year} report should use the {expected.id} format ({expected.basis}); "
        f"its tables follow {actual}",
        Location(
            section=2,
            table="t2",
            line=(
                report.tables["t2"].span.line
                if "t2" in report.tables and report.tables["t2"].span
                else None
            ),
        ),
        expected=expected.id,
        actual=actual,
    )


@implements("N201")
def form_variant_mismatch(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    yield from _mismatch(report, ctx)


@implements("N202")
def form_variant_2019(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    yield from _mismatch(report, ctx)


@implements("N203")
def mixed_signature(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    own = ctx.variant_of(report)
    if own is None:
        return
    if report.cells.keys() <= own.cells.keys():
        return  # every cell is the variant's own (told in one pass in C)
    foreign: dict[tuple[str, str], list[str]] = {}
    for cid in sorted(report.cells):
        if cid in own.cells:
            continue
        for other in sorted(ctx.variants.values(), key=lambda v: v.id):
            spec = other.cells.get(cid)
            if other.id != own.id and spec is not None:
                foreign.setdefault((other.id, f"{spec.table}.{spec.row}"), []).append(cid)
                break
    for (other_id, row), found in foreign.items():
        other = ctx.variants[other_id]
        order = {cid: i for i, cid in enumerate(other.cells)}
        cells = sorted(found, key=lambda c: order.get(c, len(order)))
        spec = other.cells[cells[0]]
        label = spec.row_label if len(cells) > 1 else spec.label
        table = row.partition(".")[0]
        where = cell_location(report, cells[0], other)
        yield Hit(
            f"{table_name(table, other)}中的“{label}”属于{other.basis}的格式（{other_id}），"
            f"而报告其余部分采用{own.basis}的格式（{own.id}）：新旧格式混用",
            f"table {table} prints {label} of the {other_id} format ({other.basis}) in a report "
            f"that otherwise follows {own.id}: a mixed format",
            where,
            expected=own.id,
            actual=other_id,
            cells=tuple(cells),
        )
