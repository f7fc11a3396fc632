"""The year a sentence opens with is found where it was when a lookbehind at every
position found it (now found from its 年, looking behind it for the year); the stated
period is read once for the two rules that read it."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
from gik_rules_national.rules.period import stated_period
from gik_rules_national.rules.year import _opening_years
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gik_rules.api import read

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "clean-2021.toml"
_AS_BEFORE = re.compile(r"(?:^|(?<=[。;!?\n]))((?:19|20)\d{2})年度?(?:以来|全年)?,")


@settings(max_examples=300, deadline=None)
@example(["2021年全年,", "甲。", "12019年以来,", "\n", "2020年度,", "2021年2022年,"])
@given(
    st.lists(
        st.sampled_from(
            [
                *"。;!?\n,年度甲",
                "2021",
                "1999",
                "20",
                "12",
                "以来",
                "全年",
                "2021年,",
                "2020年度,",
                "2019年全年,",
                "2018年以来,",
            ]
        ),
        max_size=14,
    )
)
def test_the_opening_year_is_found_where_it_was(pieces: list[str]) -> None:
    text = "".join(pieces)
    found = [(m.start(1), m.end(), m[1]) for m in _opening_years(text)]
    assert found == [(m.start(), m.end(), m[1]) for m in _AS_BEFORE.finditer(text)]


def test_the_period_is_the_report_s_own() -> None:
    report = read(EXAMPLE)
    period = stated_period(report)
    assert period is not None and stated_period(report) is period
    other = attrs.evolve(report, preamble="统计期限为2019年度。", sections=())
    moved = stated_period(other)
    assert moved is not None and moved.first == 2019
    assert stated_period(report) == stated_period.__wrapped__(report)  # type: ignore[attr-defined]
