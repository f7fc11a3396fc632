"""unbalanced-brackets closes the last open mark without a search when it is the
closing mark's own: the marks it names are those the search over every open mark names;
ascii-punctuation passes over a passage whose source prints no English mark."""

from __future__ import annotations

from gik_rules_national.rules.language import (
    _ASCII_MARK,
    _OPENING,
    _PAIRS,
    _han,
    ascii_punctuation,
    unbalanced_brackets,
)
from gik_rules_national.rules.prose import passages
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.model import AnnualReport, ReportMeta, Section
from gik_rules.rules import RuleContext


def _with_text(text: str) -> AnnualReport:
    return AnnualReport(meta=ReportMeta(), sections=(Section(1, "总体情况", text=text),))


def _searched(text: str) -> list[tuple[str, str]]:
    """Each mark that pairs with none, found by searching all open marks at each close."""
    stack: list[int] = []
    faults: list[tuple[int, str]] = []
    for i, ch in enumerate(text):
        if ch in _OPENING:
            stack.append(i)
        elif ch in _PAIRS:
            found = [k for k in range(len(stack)) if text[stack[k]] == _PAIRS[ch]]
            if not found:
                faults.append((i, "close"))
                continue
            faults.extend((stack[k], "open") for k in range(found[-1] + 1, len(stack)))
            del stack[found[-1] :]
    faults.extend((i, "open") for i in stack)
    return [(text[i], kind) for i, kind in sorted(faults)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"()[]【】《》〈〉“”‘’「」『』甲"]), max_size=16).map("".join))
def test_the_marks_named_are_those_the_search_names(text: str) -> None:
    hits = list(unbalanced_brackets(_with_text(text), RuleContext()))
    named = [(h.actual, "open" if "never closed" in h.message_en else "close") for h in hits]
    assert named == _searched(text)


def _ascii_places(source: str) -> int:
    """English marks among Chinese, counted over every passage as before the source was
    looked over first."""
    found = passages(_with_text(source))
    if not found:
        return 0
    passage = found[0]
    text, offsets, count = passage.folded.text, passage.folded.offsets, 0
    for match in _ASCII_MARK.finditer(text):
        i, ch = match.start(), match[0]
        if i >= len(offsets) or passage.text[offsets[i]] != ch:
            continue
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        han = {"(": _han(after), ")": _han(before)}.get(ch, _han(before) and _han(after))
        count += bool(han)
    return count


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*",，;；:：?？!！()（）甲乙 "]), min_size=1, max_size=14).map("".join)
)
def test_english_marks_are_counted_as_before(text: str) -> None:
    hits = list(ascii_punctuation(_with_text(text), RuleContext()))
    assert [h.actual for h in hits] == ([_ascii_places(text)] if _ascii_places(text) else [])
