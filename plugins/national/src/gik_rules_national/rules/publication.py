"""Publication: the deadline of 条例第四十九条, and dates that cannot be publication dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from gik_rules.model import AnnualReport, OrganLevel
from gik_rules.rules import Hit, Location, RuleContext, implements

LEVEL_NAMES = {
    OrganLevel.DEPARTMENT: ("县级以上人民政府部门", "department", "department_deadline"),
    OrganLevel.GOVERNMENT: ("县级以上地方人民政府", "government", "government_deadline"),
    OrganLevel.TOWNSHIP: ("乡镇人民政府、街道办事处", "township", "township_deadline"),
}


def deadline_of(report: AnnualReport, ctx: RuleContext) -> dt.date | None:
    """The last day of publication for the report's organ level, from the params
    (``"MM-DD"`` of the year after the report year; empty: no deadline)."""
    entry = LEVEL_NAMES.get(report.meta.level)
    if entry is None or report.meta.year is None:
        return None
    text = str(ctx.params[entry[2]] or "").strip()
    if not text:
        return None
    try:
        month, day = (int(x) for x in text.split("-"))
        return dt.date(report.meta.year + 1, month, day)
    except ValueError:
        return None


def _where() -> Location:
    return Location(ref="publication date")


@implements("N601")
def published_late(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    published = report.meta.published
    limit = deadline_of(report, ctx)
    if published is None or limit is None or published <= limit:
        return
    name, name_en, _ = LEVEL_NAMES[report.meta.level]
    days = (published - limit).days
    yield Hit(
        f"报告于{published:%Y年%m月%d日}发布，晚于{name}的法定期限{limit:%Y年%m月%d日}（逾期{days}天）",
        f"published on {published.isoformat()}, {days} days after the deadline for a "
        f"{name_en} ({limit.isoformat()})",
        _where(),
        expected=f"≤ {limit.isoformat()}",
        actual=published.isoformat(),
    )


@implements("N602")
def publication_date_implausible(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    published, year = report.meta.published, report.meta.year
    if published is None or year is None:
        return
    if published.year <= year:
        yield Hit(
            f"报告日期{published:%Y年%m月%d日}早于报告年度{year}年结束，不可能是{year}年度报告的发布日期",
            f"the report is dated {published.isoformat()}, before the end of the report year "
            f"{year}",
            _where(),
            expected=f"≥ {year + 1}-01-01",
            actual=published.isoformat(),
        )
    elif published.year > year + int(ctx.params["max_years_after"]):
        yield Hit(
            f"报告日期{published:%Y年%m月%d日}距报告年度{year}年已超过一年，可能是年份笔误",
            f"the report is dated {published.isoformat()}, more than a year after the report "
            f"year {year}: probably a typing error in the year",
            _where(),
            expected=f"≤ {year + 1}-12-31",
            actual=published.isoformat(),
        )
