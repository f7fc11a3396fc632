"""The rules that look over a report's passages joined (``prose.joined``) find what they
found passage by passage: the doublings, the year clauses, the kinds of enumeration
markers, the notice numbers and English marks, and the passages whose brackets pair off."""

from __future__ import annotations

from collections import Counter

from gik_rules_national.rules import citations, year
from gik_rules_national.rules.enumeration import _KINDS, _NEEDLES, enumeration_order
from gik_rules_national.rules.language import (
    _ASCII_MARK,
    _ASCII_MARKS,
    _REPEATED_RUN,
    _all_balanced,
    _balanced,
    _found,
    _params,
    ascii_punctuation,
    repeated_word,
    unbalanced_brackets,
)
from gik_rules_national.rules.prose import Passage, joined, passages
from gik_rules_national.rules.year import _opening_years
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.model import AnnualReport, ReportMeta, Section
from gik_rules.rules import Hit, RuleContext

_PIECES = [
    *"公开信息的了和（）()《》“”【】\n。,;甲乙 ",
    "公开公开",
    "进一步进一步",
    "的的",
    "了了解",
    "目的的",
    "一是",
    "二是",
    "第一,",
    "第三,",
    ",(一)",
    ";(2)",
    "2021年,",
    "2020年度,",
    "2019年以来,",
    "国办公开办函〔2021〕30号",
    "国令第492号",
    "(\n)",
]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=12).map("".join)


@st.composite
def _reports(draw: st.DrawFn) -> AnnualReport:
    """A report of up to four passages (section 5 among them: the plans the year rule
    leaves out), some of them empty."""
    numbers = draw(st.lists(st.sampled_from([1, 3, 5, 6]), unique=True, max_size=3))
    sections = tuple(Section(n, "标题", text=draw(_TEXT)) for n in sorted(numbers))
    return AnnualReport(meta=ReportMeta(year=2021), preamble=draw(_TEXT), sections=sections)


def _context(characters: list[str]) -> RuleContext:
    return RuleContext(params={"characters": characters, "exceptions": ["目的的", "了了解"]})


@settings(max_examples=200, deadline=None)
@given(_reports(), st.sampled_from([["的", "了", "和"], [], ["的", "\n"]]))
def test_the_doublings_are_those_found_passage_by_passage(
    report: AnnualReport, characters: list[str]
) -> None:
    ctx = _context(characters)
    doubled, _, joinable = _params(ctx)
    assert joinable == ("\n" not in characters)
    apart = list(_found(report, doubled, False))  # passage by passage, as before
    assert list(_found(report, doubled, joinable)) == apart
    assert list(_found(report, doubled, True)) == apart or not joinable
    hits = list(repeated_word(report, ctx))
    assert len(hits) <= sum(len(found) for _, found in apart)


def test_a_doubling_in_a_later_passage_is_placed_in_it() -> None:
    report = AnnualReport(
        meta=ReportMeta(),
        preamble="本机关公开。",
        sections=(Section(1, "总体情况", text="加强培训，进一步进一步提升质量。"),),
    )
    (hit,) = repeated_word(report, _context(["的"]))
    assert hit.location.section == 1 and hit.actual == "进一步进一步"
    assert _REPEATED_RUN.search(joined(report).text)


@settings(max_examples=300, deadline=None)
@given(_reports())
def test_passages_joined_pair_off_only_where_each_does(report: AnnualReport) -> None:
    each = all(_balanced(p.folded.text) for p in passages(report))
    if _all_balanced(report):
        assert each
    elif "\n" not in "".join(p.folded.text for p in passages(report)):
        assert not each  # no break within a passage: told exactly
    faults = list(unbalanced_brackets(report, RuleContext()))
    assert bool(faults) == (not each)


def _body_apart(report: AnnualReport, year_: int) -> tuple[int, int, Passage, int] | None:
    """The year the body tells of most where it is not the report's, counted passage by
    passage as before the passages were joined: (year, times, passage, start)."""
    counts: Counter[int] = Counter()
    first: dict[int, tuple[Passage, int]] = {}
    for passage in passages(report):
        if passage.section == 5:
            continue
        for match in _opening_years(passage.folded.text):
            named = int(match[1])
            counts[named] += 1
            first.setdefault(named, (passage, match.start(1)))
    if not counts or year_ in counts:
        return None
    named, times = counts.most_common(1)[0]
    return named, times, *first[named]


@settings(max_examples=300, deadline=None)
@given(_reports(), st.sampled_from([2021, 2024]))
def test_the_body_s_years_are_those_counted_passage_by_passage(
    report: AnnualReport, year_: int
) -> None:
    found = year._body(report, year_, 1)
    apart = _body_apart(report, year_)
    if apart is None:
        assert found is None
        return
    named, times, passage, start = apart
    assert found is not None and (found.year, found.en) == (
        named,
        f"the body tells of {named} {times} times and never of {year_}",
    )
    assert found.location == passage.location(start, start + len(f"{named}年"))


@settings(max_examples=300, deadline=None)
@given(_reports())
def test_what_the_passages_joined_hold_one_of_them_holds(report: AnnualReport) -> None:
    every = passages(report)
    whole = joined(report)
    for kind, needle in zip(_KINDS, _NEEDLES, strict=True):
        key = kind[5]
        alone = any(key in p.folded.text and needle.search(p.folded.text) for p in every)
        assert bool(key in whole.text and needle.search(whole.text)) == alone
    for word in (citations._NOTICE_WORD, citations._OLD_NUMBER):
        assert (word in whole.text) == any(word in p.folded.text for p in every)
    assert any(m in whole.source for m in _ASCII_MARKS) == any(
        _ASCII_MARK.search(p.text) for p in every
    )
    # and the rules that look over them joined find what they find in some passage
    assert all(h.location.section in {p.section for p in every} for h in _all_hits(report))


def _all_hits(report: AnnualReport) -> list[Hit]:
    ctx = RuleContext(params={"check_brackets": True})
    return [
        *enumeration_order(report, ctx),
        *ascii_punctuation(report, ctx),
        *citations.format_notice_name(report, ctx),
        *citations.outdated_basis(report, ctx),
    ]
