"""Required content: the aspects of 总体情况, the accountability results of governments,
the 信息处理费 and the other items of section 六."""

from __future__ import annotations

from collections.abc import Iterator

from gik_rules.model import AnnualReport, OrganLevel
from gik_rules.rules import Hit, Location, RuleContext, implements
from gik_rules_national.rules.prose import fold_text, has_any

Aspect = tuple[str, str, tuple[str, ...]]  # Chinese name, English name, words that show it

OVERVIEW_ASPECTS: tuple[Aspect, ...] = (
    ("主动公开", "proactive disclosure", ("主动公开",)),
    ("依申请公开", "disclosure on request", ("依申请", "政府信息公开申请", "申请公开")),
    (
        "政府信息管理",
        "information management",
        ("信息管理", "保密审查", "公开属性", "源头管理", "动态调整", "动态更新", "清理"),
    ),
    (
        "政府信息公开平台建设",
        "disclosure platforms",
        ("平台", "政府网站", "门户网站", "政务新媒体", "公开专栏", "政府公报"),
    ),
    ("监督保障", "supervision and safeguards", ("监督", "考核", "培训", "督查", "保障")),
)
ACCOUNTABILITY: tuple[Aspect, ...] = (
    ("工作考核", "performance assessment", ("考核",)),
    ("社会评议", "public appraisal", ("社会评议", "评议")),
    ("责任追究", "accountability", ("责任追究", "追究责任", "追责", "问责")),
)
OTHER_ITEMS: tuple[Aspect, ...] = (
    ("落实上级年度政务公开工作要点情况", "the year's key points of open government", ("工作要点",)),
    (
        "人大代表建议和政协提案办理结果公开情况",
        "results of deputies' suggestions and CPPCC proposals",
        ("建议", "提案"),
    ),
    ("年度政务公开工作创新情况", "innovations of the year", ("创新",)),
)
FEE_WORDS = ("信息处理费", "处理费", "收取费用", "收费")


def _missing(text: str, aspects: tuple[Aspect, ...]) -> list[Aspect]:
    folded = fold_text(text).text
    return [a for a in aspects if not has_any(folded, a[2])]


def _hit(number: int, report: AnnualReport, missing: list[Aspect], what: str, what_en: str) -> Hit:
    section = report.section(number)
    names = "、".join(a[0] for a in missing)
    return Hit(
        f"{what}未涉及：{names}",
        f"{what_en} does not cover: " + ", ".join(a[1] for a in missing),
        Location(section=number, line=section.line if section else None),
        expected=[a[0] for a in missing],
    )


@implements("N501")
def overview_aspects(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    section = report.section(1)
    if section is None:
        return
    missing = _missing(section.text, OVERVIEW_ASPECTS)
    if missing:
        yield _hit(1, report, missing, "第一部分“总体情况”", "section 1 (总体情况)")


@implements("N502")
def accountability_results(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    if report.meta.level is not OrganLevel.GOVERNMENT or not report.sections:
        return
    text = "\n".join(s.text for s in report.sections)
    missing = _missing(text, ACCOUNTABILITY)
    if missing:
        where = 1 if report.section(1) else report.sections[0].number
        yield _hit(
            where,
            report,
            missing,
            "人民政府的年度报告应包括工作考核、社会评议和责任追究结果情况，本报告",
            "a government's report must give the results of assessment, public appraisal and "
            "accountability; this report",
        )


@implements("N503")
def fee_statement_missing(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    section = report.section(6)
    if section is None:
        return  # section-missing says so
    if not has_any(fold_text(section.text).text, FEE_WORDS):
        yield Hit(
            "第六部分“其他需要报告的事项”未说明本年度收取信息处理费的情况（未收取也应说明）",
            "section 6 does not state the 信息处理费 collected this year (nor that none was)",
            Location(section=6, line=section.line),
            expected="依据《政府信息公开信息处理费管理办法》收取信息处理费的情况",
        )


@implements("N504")
def other_matters_items(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    section = report.section(6)
    if section is None:
        return
    missing = _missing(section.text, OTHER_ITEMS)
    if missing:
        yield _hit(6, report, missing, "第六部分“其他需要报告的事项”", "section 6")
