"""Hypothesis strategies for datasets: one organ's reports over consecutive years.

``consistent_series(variant, years)`` draws reports of one organ, one per year, each a
``consistent_reports`` report, that also agree with each other: 上年结转 of year N is
结转下年度 of year N−1 in every column, 现行有效件数 follows from last year's stock and
this year's 制发 and 废止, and each year's narrative is worded anew. So a property can
break one of these and expect exactly the dataset rule meant for it.
"""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import strategies as st

from gik_rules.forms.variant import FormVariant
from gik_rules.model import AnnualReport, Cell, OrganLevel
from gik_rules.testing.strategies import _variant, consistent_reports, deadline

T3_COLUMNS = ("np", "ce", "ri", "sw", "ls", "ot")

#: Three wordings of each narrative part; consecutive years use different ones. Each
#: keeps the words the content rules look for (the five aspects, the accountability
#: results, the 信息处理费).
OVERVIEW_WORDINGS = (
    (
        "（一）主动公开。本机关依托门户网站主动公开政策文件、规划计划和财政信息，重点领域信息按月更新。",
        "（二）依申请公开。本机关畅通依申请公开受理渠道，逐件登记、集体会商，答复文书统一规范。",
        "（三）政府信息管理。本机关建立公开属性源头认定机制，开展保密审查，清理失效文件。",
        "（四）政府信息公开平台建设。本机关改版政府网站公开专栏，整合政务新媒体账号。",
        "（五）监督保障。本机关把政务公开列入绩效考核，邀请群众开展社会评议，全年无责任追究情形。",
    ),
    (
        "（一）主动公开。围绕优化营商环境和民生保障，本单位全年及时发布各类公告、通知和解读材料。",
        "（二）依申请公开。严格执行依申请办理流程，对疑难申请组织法律顾问研判后答复。",
        "（三）政府信息管理。落实发布前三审三校，动态调整主动公开目录，完善信息管理台账。",
        "（四）政府信息公开平台建设。推进政府公报数字化，门户网站与政务新媒体同步发布。",
        "（五）监督保障。年度考核中设置政务公开指标，开展第三方社会评议，落实责任追究办法。",
    ),
    (
        "（一）主动公开。聚焦群众关切，本部门主动公开办事指南、收费标准和重大项目进展情况。",
        "（二）依申请公开。完善政府信息公开申请接收、转办、答复闭环管理，提高答复质效。",
        "（三）政府信息管理。开展历史文件公开属性复核，建立规范性文件统一登记和清理制度。",
        "（四）政府信息公开平台建设。优化政务服务平台检索功能，完善政策文件库栏目。",
        "（五）监督保障。组织专题培训两期，将考核结果通报各科室，社会评议意见逐条整改，未发生责任追究。",
    ),
)
PROBLEMS_WORDINGS = (
    "政策解读形式较为单一，图解和视频解读偏少。下一步将联合宣传部门制作系列解读产品。",
    "基层工作人员流动较快，业务能力参差不齐。明年将建立跟班学习和岗位交接制度。",
    "部分栏目更新滞后，个别链接失效。今后将实行栏目责任人制度并按周巡查。",
)
OTHER_WORDINGS = (
    "本年度未收取信息处理费。本机关认真落实上级年度政务公开工作要点。",
    "全年依据《政府信息公开信息处理费管理办法》收取信息处理费0元，无其他需要报告的事项。",
    "本单位未向申请人收取任何信息处理费，建议提案办理结果已全部公开。",
)


def reword(report: AnnualReport, wording: int) -> AnnualReport:
    """The report with sections 一, 五 and 六 in wording ``wording`` (0–2)."""
    texts = {
        1: "\n".join(OVERVIEW_WORDINGS[wording % 3]),
        5: PROBLEMS_WORDINGS[wording % 3],
        6: OTHER_WORDINGS[wording % 3],
    }
    sections = tuple(
        attrs.evolve(s, text=texts[s.number]) if s.number in texts else s for s in report.sections
    )
    return attrs.evolve(report, sections=sections)


def _set(cells: dict[str, Cell], cid: str, value: int) -> None:
    old = cells.get(cid, Cell())
    cells[cid] = attrs.evolve(Cell.of(value), span=old.span)


def _value(cells: dict[str, Cell], cid: str) -> int:
    return int(cells.get(cid, Cell()).number_or_zero())


def carry_over(previous: AnnualReport, report: AnnualReport) -> AnnualReport:
    """``report`` with 上年结转 = last year's 结转下年度 in every column and the stock of
    规章 and 规范性文件 following on from last year's, every identity still holding."""
    cells = dict(report.cells)
    for col in T3_COLUMNS:
        carried = _value(dict(previous.cells), f"t3.carry_next.{col}")
        total = _value(cells, f"t3.total.{col}")
        carry_next = _value(cells, f"t3.carry_next.{col}")
        new = total + carry_next - carried
        if new < 0:  # more carried in than handled: the rest is carried on again
            carry_next, new = carry_next - new, 0
        _set(cells, f"t3.carried.{col}", carried)
        _set(cells, f"t3.new.{col}", new)
        _set(cells, f"t3.carry_next.{col}", carry_next)
    for row in ("new", "carried", "carry_next"):
        _set(cells, f"t3.{row}.tot", sum(_value(cells, f"t3.{row}.{c}") for c in T3_COLUMNS))
    for row in ("rules", "normative"):
        stock = f"t2.{row}.in_force"
        if stock in cells and stock in previous.cells:
            issued, repealed = (
                _value(cells, f"t2.{row}.issued"),
                _value(cells, f"t2.{row}.repealed"),
            )
            repealed = min(repealed, _value(dict(previous.cells), stock) + issued)
            _set(cells, f"t2.{row}.repealed", repealed)
            _set(cells, stock, _value(dict(previous.cells), stock) + issued - repealed)
    return attrs.evolve(report, cells=cells)


def _for_year(report: AnnualReport, like: AnnualReport, year: int) -> AnnualReport:
    """``report`` as the ``year`` report of the organ of ``like``."""
    meta = attrs.evolve(
        report.meta,
        organ=like.meta.organ,
        region=like.meta.region,
        level=like.meta.level,
        organ_id=like.meta.organ_id,
        parent_id=like.meta.parent_id,
        year=year,
        title=f"{like.meta.organ}{year}年政府信息公开工作年度报告",
        published=deadline(year, like.meta.level) - dt.timedelta(days=3),
    )
    preamble = report.preamble.replace(str(report.meta.year), str(year))
    return attrs.evolve(report, meta=meta, preamble=preamble)


@st.composite
def consistent_series(
    draw: st.DrawFn, variant: FormVariant | str | None = None, years: int = 2
) -> list[AnnualReport]:
    """``years`` consistent reports of one organ on consecutive years, all in ``variant``
    (default: the newest), consistent with each other too."""
    form = _variant(variant)
    last = form.last_year if form.last_year is not None else form.first_year + 5
    if last - form.first_year + 1 < years:
        raise ValueError(f"{form.id} is the format of fewer than {years} report years")
    first_year = draw(st.integers(form.first_year, last - years + 1))
    first = draw(consistent_reports(form))
    first = reword(_for_year(first, first, first_year), first_year)
    if first.meta.level is OrganLevel.UNKNOWN:  # pragma: no cover - ORGANS have levels
        first = attrs.evolve(first, meta=attrs.evolve(first.meta, level=OrganLevel.DEPARTMENT))
    out = [first]
    for offset in range(1, years):
        year = first_year + offset
        report = _for_year(draw(consistent_reports(form)), first, year)
        out.append(reword(carry_over(out[-1], report), year))
    return out


def copy_narrative(previous: AnnualReport, report: AnnualReport) -> AnnualReport:
    """``report`` with last year's narrative, the year changed (the fault text-reuse finds)."""
    old = {s.number: s for s in previous.sections}
    year_then, year_now = str(previous.meta.year), str(report.meta.year)
    sections = tuple(
        attrs.evolve(s, text=old[s.number].text.replace(year_then, year_now))
        if s.number in old
        else s
        for s in report.sections
    )
    return attrs.evolve(report, sections=sections)


__all__ = ["carry_over", "consistent_series", "copy_narrative", "reword"]
