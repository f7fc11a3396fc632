"""numbering-style finds a section's sub-heading markers with one pattern over its whole
text: the markers are those a match at the start of each line finds; a section whose
markers are in sequence is told so before they are made."""

from __future__ import annotations

import re
from collections import Counter
from unittest import mock

import attrs
from gik_rules_national.rules import numbering
from gik_rules_national.rules.numbering import (
    Marker,
    _faults,
    _style_text,
    markers,
    numbering_style,
)
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gik_rules.forms.numerals import cn_number, numeral
from gik_rules.model import AnnualReport, ReportMeta, Section
from gik_rules.rules import RuleContext
from gik_rules.textnorm import normalise

_PAREN = re.compile(r"^\s*([（(])\s*([一二三四五六七八九十]{1,3}|\d{1,2})\s*([）)])")
_DIGIT = re.compile(r"^\s*(\d{1,2})\s*([.、．])(?!\d)")


def _line_by_line(text: str) -> list[Marker]:
    """The markers as each line's own match finds them."""
    found = []
    for index, line in enumerate(text.split("\n")):
        paren = _PAREN.match(line)
        if paren:
            raw = paren.group(2)
            digits = normalise(raw).text
            number = int(digits) if digits.isdigit() else cn_number(raw)
            if number:
                full = paren.group(1) == "（"
                inner = "1" if digits.isdigit() else "一"
                style = ("（" if full else "(") + inner + ("）" if full else ")")
                found.append(Marker("paren", style, number, paren.group(0).strip(), index))
            continue
        digit = _DIGIT.match(line)
        if digit:
            number = int(normalise(digit.group(1)).text)
            found.append(
                Marker("digit", "1" + digit.group(2), number, digit.group(0).strip(), index)
            )
    return found


_PIECES = [
    *"（()）一二十三0１12.、．\n\r \u3000\t甲。",
    "十一",
    "\n\n",
    "（一）",
    "1．",
    "12、",
    "２.",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=24).map("".join))
def test_the_markers_are_those_each_line_opens_with(text: str) -> None:
    assert list(markers(Section(1, "总体情况", text=text))) == _line_by_line(text)


def _counted_faults(found: list[Marker]) -> list[tuple[Marker, str, str | None]]:
    """``_faults`` with the dominant style always counted (no shortcut for one style)."""
    counts = Counter(m.style for m in found)
    dominant = max(
        counts, key=lambda s: (counts[s], -next(m.line_index for m in found if m.style == s))
    )
    faults = []
    last, nested = 0, None
    for marker in found:
        if marker.style == dominant:
            if marker.number not in (last + 1, 1):
                faults.append((marker, dominant, _style_text(dominant, last + 1)))
            last, nested = marker.number, None
        elif marker.number == 1 or (nested is not None and marker.number == nested + 1):
            nested = marker.number
        else:
            faults.append((marker, dominant, _style_text(dominant, marker.number)))
            last, nested = marker.number, None
    return faults


_LEVEL = st.lists(
    st.tuples(st.sampled_from(["（一）", "(1)", "（1）"]), st.integers(1, 6)), min_size=1
).map(lambda ms: [Marker("paren", s, n, s, i) for i, (s, n) in enumerate(ms)])


@settings(max_examples=200, deadline=None)
@given(st.one_of(_LEVEL, _LEVEL.map(lambda ms: [attrs.evolve(m, style="（一）") for m in ms])))
def test_the_faults_are_those_the_counted_dominant_style_gives(found: list[Marker]) -> None:
    assert list(_faults(found)) == _counted_faults(found)


#: lines that open with a marker (of either level, in either style, 零 none) or not
_LINES = st.lists(
    st.tuples(
        st.sampled_from(["", " ", "\u3000"]),
        st.sampled_from(["", "（{}）", "({})", "（{}）", "{}、", "{}.", "{}．"]),
        st.integers(0, 4),
        st.sampled_from(["", "主动公开。", "甲", "甲（二）", "甲2、"]),
    ),
    max_size=8,
).map(
    lambda lines: "\n".join(
        space + mark.format(numeral(n) if "（" in mark and n % 2 else n) + rest
        for space, mark, n, rest in lines
    )
)


@settings(max_examples=300, deadline=None)
@example("（一）甲\n乙（二）\n（三）丙")  # a marker inside a line is none
@given(st.one_of(_LINES, st.lists(st.sampled_from(_PIECES), max_size=24).map("".join)))
def test_sections_in_sequence_are_told_without_their_markers(text: str) -> None:
    """A section whose markers ``_in_sequence`` passes gives the findings the markers
    made and counted give: none."""
    report = AnnualReport(meta=ReportMeta(), sections=(Section(2, "主动公开", text=text),))
    fast = list(numbering_style(report, RuleContext()))
    with (
        mock.patch.object(numbering, "_in_sequence", lambda _: False),
        mock.patch.object(numbering, "_counting", lambda *_: []),
    ):
        assert fast == list(numbering_style(report, RuleContext()))


def _counted(count: int, opening: str, at: int, other: int, digits: bool) -> str:
    """``count`` sub-headings counting （一）, （二）, …, the one ``at`` numbered ``other``
    (in digits with ``digits``)."""
    closing = "）" if opening == "（" else ")"
    lines = []
    for k in range(1, count + 1):
        n = other if k == at else k
        written = str(n) if digits and k == at else numeral(n)
        lines.append(f"{opening}{written}{closing}甲")
    return "\n".join(lines)


#: sections whose sub-headings count （一）, （二）, … or nearly
_COUNTED = st.builds(
    _counted,
    st.integers(2, 12),
    st.sampled_from(["（", "("]),
    st.integers(1, 12),
    st.integers(0, 13),
    st.booleans(),
)


@settings(max_examples=200, deadline=None)
@example("（一）甲\n（二）乙\n（三）丙")
@given(_COUNTED)
def test_sections_that_count_are_told_as_their_markers_tell_them(text: str) -> None:
    """A section whose markers' groups are those of （一）, （二）, … is in sequence, and
    gives the findings its markers made and counted give."""
    plain = numbering._line_marker().findall("\n" + text)
    if plain and plain == numbering._counting(plain[0][0], len(plain)):
        assert numbering._in_sequence(plain)
    report = AnnualReport(meta=ReportMeta(), sections=(Section(2, "主动公开", text=text),))
    fast = list(numbering_style(report, RuleContext()))
    with (
        mock.patch.object(numbering, "_in_sequence", lambda _: False),
        mock.patch.object(numbering, "_counting", lambda *_: []),
    ):
        assert fast == list(numbering_style(report, RuleContext()))
