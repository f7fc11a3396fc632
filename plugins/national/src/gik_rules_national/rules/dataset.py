"""Dataset rules: one organ's reports across years, and a government's against its
departments' (forms.md A8, A9, A12; R-TXT-02). Organ identity and hierarchy follow
``gik_rules.rules.dataset`` (docs/datasets.md)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from gik_rules.forms import numeral
from gik_rules.forms.evaluate import sum_cells
from gik_rules.model import AnnualReport, Cell, Number
from gik_rules.rules import Hit, Location, RuleContext, implements
from gik_rules.rules.dataset import consecutive, families, first_of_each_year, grouped, subject
from gik_rules.rules.locate import cell_label, cell_location
from gik_rules.textnorm import fold

T3_COLUMNS = ("np", "ce", "ri", "sw", "ls", "ot", "tot")


def _sum(cells: Sequence[Cell]) -> Number | None:
    """The cells' sum, blanks as 0 (``sum_cells``); None when one is invalid or none is a
    number: the figures cannot be compared."""
    figures = {str(i): c for i, c in enumerate(cells)}
    return sum_cells(figures, figures)


def _name(report: AnnualReport) -> str:
    return f"{report.meta.organ}{report.meta.year}年度报告（{subject(report)}）"


@implements("N801")
def carry_over_mismatch(reports: Sequence[AnnualReport], ctx: RuleContext) -> Iterator[Hit]:
    for prev, cur in consecutive(reports):
        variant = ctx.variant_of(cur)
        for col in T3_COLUMNS:
            now_id, then_id = f"t3.carried.{col}", f"t3.carry_next.{col}"
            if now_id not in cur.cells or then_id not in prev.cells:
                continue
            now, then = cur.cell(now_id), prev.cell(then_id)
            if _sum((now, then)) is None or now.number_or_zero() == then.number_or_zero():
                continue  # a figure not a number, both blank, or the two agree
            column = cell_label(now_id, variant).partition(" / ")[2] or col
            yield Hit(
                f"{cur.meta.year}年“二、上年结转政府信息公开申请数量 / {column}”为{now.number_or_zero()}，"
                f"而{_name(prev)}“四、结转下年度继续办理 / {column}”为{then.number_or_zero()}",
                f"{now_id} of {cur.meta.year} is {now.number_or_zero()}, but {then_id} of the "
                f"{prev.meta.year} report ({subject(prev)}) is {then.number_or_zero()}",
                cell_location(cur, now_id, variant),
                expected=then.number_or_zero(),
                actual=now.number_or_zero(),
                cells=(now_id,),
                subject=subject(cur),
            )


@implements("N802")
def stock_continuity(reports: Sequence[AnnualReport], ctx: RuleContext) -> Iterator[Hit]:
    tolerance = int(ctx.params["tolerance"])
    for prev, cur in consecutive(reports):
        variant = ctx.variant_of(cur)
        for row in ("rules", "normative"):
            ids = [f"t2.{row}.{c}" for c in ("in_force", "issued", "repealed")]
            old = prev.cell(ids[0])
            now, issued, repealed = (cur.cell(c) for c in ids)
            if not all(c.is_number for c in (old, now, issued, repealed)):
                continue
            computed = old.number_or_zero() + issued.number_or_zero() - repealed.number_or_zero()
            if abs(now.number_or_zero() - computed) <= tolerance:
                continue
            label = cell_label(ids[0], variant).partition(" / ")[0]
            yield Hit(
                f"{label}现行有效件数为{now.value}，按上年现行有效{old.value}件加本年制发{issued.value}件、"
                f"减本年废止{repealed.value}件应为{computed}",
                f"{ids[0]} is {now.value}; last year's {old.value} + issued {issued.value} - "
                f"repealed {repealed.value} gives {computed}",
                cell_location(cur, ids[0], variant),
                expected=computed,
                actual=now.value,
                cells=(ids[0], ids[1], ids[2]),
                subject=subject(cur),
            )


_PUNCT = re.compile(r"[\W_]+")


def shingles(text: str, size: int) -> set[str]:
    """Character n-grams of the text with punctuation and spaces dropped and every digit
    made 0, so that changed years and counts do not hide copied sentences (the project's
    fold first: a traditional-character mirror of last year's text is a copy too)."""
    folded = fold(text)
    folded = _PUNCT.sub("", re.sub(r"\d", "0", folded))
    return {folded[i : i + size] for i in range(max(len(folded) - size + 1, 0))}


def overlap(text: str, earlier: str, size: int) -> float | None:
    """The share of ``text``'s n-grams found in ``earlier`` (None when text has none)."""
    mine = shingles(text, size)
    if not mine:
        return None
    return len(mine & shingles(earlier, size)) / len(mine)


def _narrative(report: AnnualReport) -> str:
    return "\n".join(s.text for s in report.sections)


@implements("N803")
def text_reuse(reports: Sequence[AnnualReport], ctx: RuleContext) -> Iterator[Hit]:
    threshold = float(ctx.params["threshold"])
    size = int(ctx.params["ngram"])
    min_chars = int(ctx.params["min_chars"])
    for prev, cur in consecutive(reports):
        text = _narrative(cur)
        if len(_PUNCT.sub("", text)) < min_chars:
            continue
        share = overlap(text, _narrative(prev), size)
        if share is not None and share >= threshold:
            by_section = []
            for section in cur.sections:
                old = prev.section(section.number)
                part = overlap(section.text, old.text, size) if old else None
                if part is not None:
                    by_section.append(f"{numeral(section.number)} {part:.0%}")
            detail = "；".join(by_section)
            yield Hit(
                f"正文与{_name(prev)}的重合度为{share:.0%}（阈值{threshold:.0%}；各部分：{detail}），"
                "内容与上年雷同",
                f"{share:.0%} of the narrative repeats the {prev.meta.year} report "
                f"(threshold {threshold:.0%}; by section: {detail})",
                Location(section=1, line=cur.section(1).line if cur.section(1) else None),
                expected=f"< {threshold:.0%}",
                actual=f"{share:.1%}",
                subject=subject(cur),
            )
            continue
        five, old_five = cur.section(5), prev.section(5)
        if five is None or old_five is None or len(_PUNCT.sub("", five.text)) < min_chars // 4:
            continue
        part = overlap(five.text, old_five.text, size)
        if part is not None and part >= threshold:
            yield Hit(
                f"第五部分“存在的主要问题及改进情况”与{_name(prev)}的重合度为{part:.0%}（阈值{threshold:.0%}），"
                "问题和改进措施照搬上年",
                f"{part:.0%} of section 5 (problems and improvements) repeats the "
                f"{prev.meta.year} report (threshold {threshold:.0%})",
                Location(section=5, line=five.line),
                expected=f"< {threshold:.0%}",
                actual=f"{part:.1%}",
                subject=subject(cur),
            )


@implements("N804")
def hierarchy_sum(reports: Sequence[AnnualReport], ctx: RuleContext) -> Iterator[Hit]:
    mode = str(ctx.params["mode"])
    cells = tuple(ctx.params["cells"])
    for parent, children in families(reports):
        variant = ctx.variant_of(parent)
        for cid in cells:
            own = parent.cell(cid)
            parts = [c.cell(cid) for c in children]
            if cid not in parent.cells or any(cid not in c.cells for c in children):
                continue
            if not own.is_number or _sum((own, *parts)) is None:
                continue  # the government's figure unknown, or a department's not a number
            total = _sum(parts)
            if total is None:
                total = 0  # every department left it blank
            value = own.number_or_zero()
            if value == total or (mode == "at-least" and value > total):
                continue
            relation = "等于" if mode == "equal" else "不少于"
            yield Hit(
                f"本级政府报告“{cell_label(cid, variant)}”为{value}，应{relation}所属{len(children)}个部门报告之和{total}",
                f"{cid} of the government's report is {value}; the {len(children)} reports "
                f"that name it as parent sum to {total} (mode {mode})",
                cell_location(parent, cid, variant),
                expected=f"{'=' if mode == 'equal' else '≥'} {total}",
                actual=value,
                cells=(cid,),
                subject=subject(parent),
            )


@implements("N805")
def duplicate_report(reports: Sequence[AnnualReport], ctx: RuleContext) -> Iterator[Hit]:
    for group in grouped(reports).values():
        kept = first_of_each_year(group)
        for report in group:
            first = kept[report.meta.year or 0]
            if report is first:
                continue
            yield Hit(
                f"数据集中{report.meta.organ}{report.meta.year}年度有两份报告：{subject(first)}与{subject(report)}；"
                "跨年度核对只使用前者",
                f"the dataset holds two {report.meta.year} reports of {report.meta.organ}: "
                f"{subject(first)} and {subject(report)}; cross-year checks use the first",
                Location(ref=subject(first)),
                subject=subject(report),
            )
