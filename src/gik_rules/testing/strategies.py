"""Hypothesis strategies for annual reports, public for plugin authors.

``consistent_reports(variant)`` draws reports that satisfy every identity of the variant
and every national content rule (six sections with official titles, the five aspects of
总体情况, the fee statement, the statistics period, a timely publication date), so that a
property can change one thing and expect exactly the rule meant for it to fire.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from gik_rules.forms import numeral
from gik_rules.forms.variant import FormVariant, ValueKind
from gik_rules.model import (
    AnnualReport,
    Cell,
    CellState,
    OrganLevel,
    ReportMeta,
    Section,
    SourceSpan,
    TableInfo,
)

ORGANS: tuple[tuple[str, str, OrganLevel], ...] = (
    ("示例市商务局", "示例市", OrganLevel.DEPARTMENT),
    ("示例市示例区教育体育局", "示例市示例区", OrganLevel.DEPARTMENT),
    ("示例县人民政府", "示例县", OrganLevel.GOVERNMENT),
    ("示例市人民政府", "示例市", OrganLevel.GOVERNMENT),
    ("示例县示例镇人民政府", "示例县", OrganLevel.TOWNSHIP),
)

#: Section 一 names the five aspects the 2021 notice asks 总体情况 to cover, and the
#: results of assessment, appraisal and accountability 条例第五十条 asks governments for.
OVERVIEW = (
    "（一）主动公开。本机关通过政府网站及时主动公开政府信息，重点领域信息公开工作有序推进。",
    "（二）依申请公开。本机关规范依申请公开办理流程，严格按照法定时限答复申请人。",
    "（三）政府信息管理。本机关落实公开前保密审查制度，及时清理失效文件。",
    "（四）政府信息公开平台建设。本机关持续加强政府网站和政务新媒体建设管理。",
    "（五）监督保障。本机关将政务公开工作纳入年度考核，开展社会评议，加强业务培训，本年度未发生责任追究情况。",
)
PROBLEMS = "本机关政府信息公开工作仍存在公开内容不够丰富等问题，下一步将加强培训，提升公开质量。"
OTHER = "本年度本机关未收取信息处理费。本机关认真落实上级年度政务公开工作要点。"


def _variant(variant: FormVariant | str | None) -> FormVariant:
    if isinstance(variant, FormVariant):
        return variant
    from gik_rules.host import default_host

    variants = default_host().variants
    if variant is None:
        return max(variants.values(), key=lambda v: v.first_year)
    return variants[variant]


@st.composite
def _table3(draw: st.DrawFn, variant: FormVariant) -> dict[str, int]:
    spec = variant.table("t3")
    assert spec is not None
    block = spec.blocks[0]
    rows = [r.id for r in block.rows]
    outcome_rows = [r for r in rows if r not in ("new", "carried", "total", "carry_next")]
    columns = [c.id for c in block.columns if c.id != "tot"]
    small = st.integers(0, 40)
    values: dict[str, int] = {}
    for col in columns:
        leaves = {r: draw(small) for r in outcome_rows}
        total = sum(leaves.values())
        carry_next = draw(st.integers(0, 10))
        carried = draw(st.integers(0, total + carry_next))
        values.update({f"t3.{r}.{col}": v for r, v in leaves.items()})
        values[f"t3.total.{col}"] = total
        values[f"t3.carry_next.{col}"] = carry_next
        values[f"t3.carried.{col}"] = carried
        values[f"t3.new.{col}"] = total + carry_next - carried
    for row in rows:
        values[f"t3.{row}.tot"] = sum(values[f"t3.{row}.{c}"] for c in columns)
    return values


@st.composite
def _table4(draw: st.DrawFn, variant: FormVariant) -> dict[str, int]:
    spec = variant.table("t4")
    assert spec is not None
    values: dict[str, int] = {}
    for row in spec.blocks[0].rows:
        parts = {c: draw(st.integers(0, 20)) for c in ("upheld", "corrected", "other", "pending")}
        values.update({f"t4.{row.id}.{c}": v for c, v in parts.items()})
        values[f"t4.{row.id}.total"] = sum(parts.values())
    return values


@st.composite
def _table2(draw: st.DrawFn, variant: FormVariant) -> dict[str, int | Decimal]:
    values: dict[str, int | Decimal] = {}
    for cid, spec in variant.cells.items():
        if spec.table != "t2":
            continue
        if spec.kind is ValueKind.SIGNED:
            values[cid] = draw(st.integers(-50, 50))
        elif spec.kind is ValueKind.AMOUNT:
            values[cid] = Decimal(draw(st.integers(0, 100000))) / 100
        else:
            values[cid] = draw(st.integers(0, 5000))
    for row in ("rules", "normative"):  # all published so far include this year's (A10)
        total, new = f"t2.{row}.total_published", f"t2.{row}.new_published"
        if total in values and new in values:
            values[total] = max(values[total], values[new])
    return values


def deadline(year: int, level: OrganLevel) -> dt.date:
    """The last day of publication under 条例第四十九条 (31 March for governments)."""
    return dt.date(year + 1, 3, 31) if level is OrganLevel.GOVERNMENT else dt.date(year + 1, 1, 31)


@st.composite
def consistent_reports(draw: st.DrawFn, variant: FormVariant | str | None = None) -> AnnualReport:
    """A report of ``variant`` (default: the newest) that passes every national rule."""
    form = _variant(variant)
    last = form.last_year if form.last_year is not None else form.first_year + 5
    year = draw(st.integers(max(form.first_year, 2020), max(last, 2020)))
    organ, region, level = draw(st.sampled_from(ORGANS))
    published = deadline(year, level) - dt.timedelta(days=draw(st.integers(0, 25)))
    cells: dict[str, Cell] = {}
    line = 20
    for values in (draw(_table2(form)), draw(_table3(form)), draw(_table4(form))):
        for cid, value in values.items():
            line += 1
            cells[cid] = attrs.evolve(Cell.of(value), span=SourceSpan(line=line))
    titles = {s.number: s.label for s in form.sections}
    texts = {1: "\n".join(OVERVIEW), 5: PROBLEMS, 6: OTHER}
    sections = tuple(
        Section(
            number=n,
            title=titles[n],
            heading=f"{numeral(n)}、{titles[n]}",
            text=texts.get(n, ""),
            line=n * 3,
        )
        for n in sorted(titles)
    )
    meta = ReportMeta(
        organ=organ,
        year=year,
        variant=form.id,
        title=f"{organ}{year}年政府信息公开工作年度报告",
        region=region,
        level=level,
        published=published,
    )
    preamble = (
        f"本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室印发的"
        f"政府信息公开工作年度报告格式要求编制。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    )
    tables = {t.id: TableInfo(t.id, t.title, SourceSpan(line=10 + t.section)) for t in form.tables}
    return AnnualReport(meta=meta, sections=sections, tables=tables, cells=cells, preamble=preamble)


def cells(kinds: tuple[CellState, ...] = tuple(CellState)) -> st.SearchStrategy[Cell]:
    """Cells of every state, with raw text as a reader would keep it."""

    def build(state: CellState) -> st.SearchStrategy[Cell]:
        if state is CellState.BLANK:
            return st.sampled_from(["", " ", "\u3000", "\xa0"]).map(lambda raw: Cell(raw=raw))
        if state is CellState.PLACEHOLDER:
            return st.sampled_from(["/", "—", "不适用", "-"]).map(
                lambda raw: Cell(raw=raw, state=CellState.PLACEHOLDER)
            )
        if state is CellState.ZERO:
            return st.sampled_from(["0", "０", " 0\xa0"]).map(
                lambda raw: Cell(raw=raw, value=0, state=CellState.ZERO)
            )
        if state is CellState.INVALID:
            return st.sampled_from(["若干", "约10", "x"]).map(
                lambda raw: Cell(raw=raw, state=CellState.INVALID)
            )
        integers = st.integers(-(10**6), 10**9).filter(bool).map(lambda v: Cell.of(v))
        decimals = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999"), places=2).map(
            lambda d: Cell(raw=f"{d}万元", value=d, state=CellState.VALUE, unit="万元")
        )
        return st.one_of(integers, decimals)

    return st.sampled_from(kinds).flatmap(build)


@st.composite
def any_reports(draw: st.DrawFn, variant: FormVariant | str | None = None) -> AnnualReport:
    """Reports with arbitrary cells of every state, missing cells and missing sections:
    rules must never raise on them."""
    base = draw(consistent_reports(variant))
    ids = sorted(base.cells)
    chosen = draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
    new_cells: dict[str, Cell] = dict(base.cells)
    for cid in chosen:
        if draw(st.booleans()):
            del new_cells[cid]
        else:
            new_cells[cid] = draw(cells())
    sections = tuple(s for s in base.sections if draw(st.booleans()) or s.number == 1)
    return attrs.evolve(base, cells=new_cells, sections=sections)


def with_cell(report: AnnualReport, cell_id: str, value: int | Decimal | None) -> AnnualReport:
    """The report with one cell replaced (keeping its span)."""
    old = report.cells.get(cell_id, Cell())
    return attrs.evolve(
        report, cells={**report.cells, cell_id: attrs.evolve(Cell.of(value), span=old.span)}
    )


def cell_ids(
    report: AnnualReport, variant: FormVariant, *, in_identities: bool = True
) -> list[str]:
    """The cell ids of a report, optionally only those that some identity uses."""
    used = {c for i in variant.identities for c in i.cells}
    return [c for c in report.cells if not in_identities or c in used]


__all__ = [
    "ORGANS",
    "any_reports",
    "cell_ids",
    "cells",
    "consistent_reports",
    "deadline",
    "with_cell",
]
