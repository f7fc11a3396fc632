"""template-text-unfilled looks for its markers in a report's texts joined first: a
report that holds none is passed over, and one that holds some gives the findings the
place by place search gives."""

from __future__ import annotations

from unittest import mock

from gik_rules_national.rules import placeholders
from gik_rules_national.rules.placeholders import template_text_unfilled
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.model import AnnualReport, ReportMeta, Section
from gik_rules.rules import RuleContext

_TEXT = st.lists(
    st.sampled_from(["【待填写", "[待填", "写", "XXX年", "XX", "局", "\n", "甲", "（待填写】"]),
    max_size=6,
).map("".join)
_MARKERS = st.lists(
    st.sampled_from(["【待填写", "[待填写", "（待填写", "XXX年", "XX局", "X\nX", ""]),
    min_size=1,
    max_size=5,
)


@settings(max_examples=200, deadline=None)
@given(_TEXT, _TEXT, st.lists(_TEXT, max_size=3), _MARKERS)
def test_the_findings_are_those_of_the_place_by_place_search(
    title: str, preamble: str, texts: list[str], markers: list[str]
) -> None:
    report = AnnualReport(
        meta=ReportMeta(title=title),
        preamble=preamble,
        sections=tuple(Section(n, "总体情况", text=t) for n, t in enumerate(texts, 1)),
    )
    ctx = RuleContext(params={"markers": markers})
    joined = list(template_text_unfilled(report, ctx))
    with mock.patch.object(placeholders, "_holds_one", lambda *_: True):
        assert joined == list(template_text_unfilled(report, ctx))
