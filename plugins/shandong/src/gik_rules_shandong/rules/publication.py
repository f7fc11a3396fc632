"""Publication rules: dates that Shandong practice adds to the statutory deadlines."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gik_rules.model import AnnualReport, OrganLevel
from gik_rules.render import cn_date
from gik_rules.rules import Hit, Location, RuleContext, implements
from gik_rules_shandong import data
from gik_rules_shandong.text import fold

_COUNTY = re.compile(r"(县|区|旗)人民政府$")


def county_level(organ: str) -> bool:
    """Whether an organ is a county-level government, from its name."""
    name = fold(organ)
    if _COUNTY.search(name):
        return True
    cities = data.deadlines()["county_government_early"].county_level_cities
    return any(name.endswith(f"{city}人民政府") for city in cities)


@implements("SD101")
def deadline_early(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    meta = report.meta
    if meta.level is not OrganLevel.GOVERNMENT or meta.year is None or meta.published is None:
        return
    if not county_level(meta.organ):
        return
    table = data.deadlines()
    early = data.month_day(meta.year + 1, table["county_government_early"].deadline)
    statutory = data.month_day(meta.year + 1, table["government"].deadline)
    if early < meta.published <= statutory:
        yield Hit(
            f"县级政府年度报告于{cn_date(meta.published)}发布；山东已有县级政府在"
            f"{early.month}月{early.day}日前发布（如荣成市），若省里通知规定了更早的时限，"
            "本报告可能逾期（未经证实）",
            f"a county-level government report published on {meta.published}; some Shandong "
            f"county governments publish by {early} (荣成), which a provincial notice may "
            "require (unconfirmed)",
            Location(ref="publication date"),
            expected=f"≤ {early}",
            actual=str(meta.published),
        )
