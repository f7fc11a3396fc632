"""The statistics period: stated, and the report year's 1 January to 31 December."""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from gik_rules.model import AnnualReport
from gik_rules.rules import Hit, Location, RuleContext, implements
from gik_rules.rules.memo import per_report
from gik_rules_national.rules.prose import Passage, passages

# 2024年1月1日(起)至2024年12月31日(止); the second year may be left out.
_RANGE = re.compile(
    r"(?P<start>(?:19|20)\d{2})年度?1月1日起?(?:至|到|—|-|~|―|－)+(?:(?P<end>(?:19|20)\d{2})年)?12月31日"
)
# 统计期限为2024年度 / 统计时间为2024年全年
_YEAR = re.compile(
    r"统计(?:期限|时限|期间|时间|区间|范围|周期)[^。]{0,8}?(?P<start>(?:19|20)\d{2})年(?:度|全年)"
)


@attrs.frozen(slots=True)
class StatedPeriod:
    """The statistics period a report states: from 1 January of ``first`` to 31 December
    of ``last``, at ``start:end`` of the passage's folded text."""

    first: int
    last: int
    passage: Passage
    start: int
    end: int

    def location(self) -> Location:
        return self.passage.location(self.start, self.end)


@per_report  # statistics-period and year-conflict read it
def stated_period(report: AnnualReport) -> StatedPeriod | None:
    """The first statistics period the preamble or a section states."""
    for passage in passages(report):
        text = passage.folded.text
        match = _RANGE.search(text) or _YEAR.search(text)
        if match is None:
            continue
        first = int(match["start"])
        last = int(match["end"]) if "end" in match.groupdict() and match["end"] else first
        return StatedPeriod(first, last, passage, match.start(), match.end())
    return None


@implements("N106")
def statistics_period(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    year = report.meta.year
    period = stated_period(report)
    if period is not None:
        start, end = period.first, period.last
        if year is not None and (start, end) != (year, year):
            stated = f"{start}年1月1日至{end}年12月31日"
            yield Hit(
                f"报告说明的统计期限（{stated}）与报告年度{year}年不一致",
                f"the statistics period stated ({start}-01-01 to {end}-12-31) is not the "
                f"report year {year}",
                period.location(),
                expected=f"{year}年1月1日至{year}年12月31日",
                actual=stated,
            )
        return
    yield Hit(
        "报告未说明数据的统计期限（如“本报告中所列数据的统计期限自"
        f"{year or 'YYYY'}年1月1日起至{year or 'YYYY'}年12月31日止”）",
        "the report does not state the statistics period (1 January to 31 December of the "
        "report year)",
        Location(ref="preamble"),
        expected=f"{year or 'YYYY'}年1月1日至{year or 'YYYY'}年12月31日",
    )
