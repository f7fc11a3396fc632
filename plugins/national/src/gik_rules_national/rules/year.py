"""The report year: the years a report names for itself agree with it, and it is a year
annual reports exist for."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator

import attrs

from gik_rules.model import AnnualReport
from gik_rules.rules import Hit, Location, RuleContext, implements
from gik_rules.textnorm import fold
from gik_rules_national.rules.period import stated_period
from gik_rules_national.rules.prose import Passage, joined

_TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
# "2021年，" / "2021年度，" / "2021年以来，" opening a sentence: what the body says it tells of
# (at the start or after an end of sentence: ``_opening_years`` looks at the character
# before each one found). The pattern opens with 年, which a search finds as one literal
# character, and looks behind it for the year (group 1), not at every digit.
_YEAR_CLAUSE = re.compile(r"年(?<=((?:19|20)\d{2})年)度?(?:以来|全年)?,")
_SENTENCE_ENDS = "。;!?\n"


def _opening_years(text: str) -> Iterator[re.Match[str]]:
    """The year clauses of ``text`` that open a sentence (each from its year, group 1,
    to its end). One found elsewhere holds no other's start (its figures are the only
    place one starts): the clauses are those of the clause with "no character before it
    but an end of sentence" looked behind."""
    for match in _YEAR_CLAUSE.finditer(text):
        start = match.start(1)
        if not start or text[start - 1] in _SENTENCE_ENDS:
            yield match


#: section 五 speaks of the years ahead ("2022年，本局将…"): not a year the body tells of
_PLANS = 5


@attrs.frozen(slots=True)
class _Source:
    """A place that names a year for the report."""

    zh: str
    en: str
    year: int
    location: Location


def _title(report: AnnualReport, year: int) -> _Source | None:
    years = {int(y) for y in _TITLE_YEAR.findall(fold(report.meta.title))}
    if not years or year in years:
        return None
    named = min(years)
    location = Location(ref="title", excerpt=report.meta.title or None)
    return _Source(f"标题为{named}年度", f"the title names {named}", named, location)


def _period(report: AnnualReport, year: int) -> _Source | None:
    period = stated_period(report)
    if period is None or year in (period.first, period.last):
        return None
    zh = f"统计期限为{period.first}年" + (
        f"至{period.last}年" if period.last != period.first else ""
    )
    return _Source(zh, f"the statistics period is {period.first}", period.first, period.location())


def _signature(report: AnnualReport, year: int) -> _Source | None:
    published = report.meta.published
    if published is None or published.year - 1 == year:
        return None
    implied = published.year - 1
    return _Source(
        f"落款日期为{published:%Y年%m月%d日}（应为{implied}年度报告的发布日期）",
        f"the report is dated {published.isoformat()} (the date of a report on {implied})",
        implied,
        Location(ref="publication date"),
    )


def _body(report: AnnualReport, year: int, least: int) -> _Source | None:
    whole = joined(report)
    # the clauses of the passages joined (a clause holds no line break, and one after
    # the break that joins two passages opens a sentence, as at a passage's start)
    found = [(m.start(1), m.end()) for m in _opening_years(whole.text)]
    if not found:  # most reports
        return None
    counts: Counter[int] = Counter()
    first: dict[int, tuple[Passage, int, int]] = {}
    for passage, start, end in whole.placed(found):
        if passage.section == _PLANS:
            continue
        named = int(passage.folded.text[start : start + 4])
        counts[named] += 1
        first.setdefault(named, (passage, start, end))
    if not counts or year in counts:
        return None
    named, times = counts.most_common(1)[0]
    if times < least:
        return None
    passage, start, end = first[named]
    return _Source(
        f"正文以“{named}年”叙述本年度工作{times}处，未见“{year}年”",
        f"the body tells of {named} {times} times and never of {year}",
        named,
        passage.location(start, end),
    )


@implements("N108")
def year_conflict(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    year = report.meta.year
    if year is None:
        return
    least = int(ctx.params["min_body_mentions"])
    found = [
        s
        for s in (
            _title(report, year),
            _period(report, year),
            _signature(report, year),
            _body(report, year, least),
        )
        if s is not None
    ]
    if not found:
        return
    years = sorted({s.year for s in found})
    yield Hit(
        f"报告年度为{year}年，而报告中" + "；".join(s.zh for s in found),
        f"the report year is {year}, but " + "; ".join(s.en for s in found),
        found[0].location,
        expected=year,
        actual="、".join(str(y) for y in years),
    )


@implements("N109")
def report_year_range(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    year = report.meta.year
    if year is None:
        return
    first = int(ctx.params["first_year"])
    last = dt.date.today().year + int(ctx.params["years_ahead"])
    if first <= year <= last:
        return
    yield Hit(
        f"报告年度{year}年不在{first}年至{last}年之间：政府信息公开工作年度报告始于{first}年，"
        f"也不能是尚未到来的年份",
        f"the report year {year} is outside {first}–{last}: annual reports exist from {first} "
        "on, and not for years still to come",
        Location(ref="title", excerpt=report.meta.title or None),
        expected=f"{first}–{last}",
        actual=year,
    )
