"""unbalanced-brackets closes the last open mark without a search when it is the
closing mark's own: the marks it names are those the search over every open mark names."""

from __future__ import annotations

from gik_rules_national.rules.language import _OPENING, _PAIRS, unbalanced_brackets
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.model import AnnualReport, ReportMeta, Section
from gik_rules.rules import RuleContext


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
@given(st.lists(st.sampled_from([*"()[]【】《》“”「」甲"]), max_size=16).map("".join))
def test_the_marks_named_are_those_the_search_names(text: str) -> None:
    report = AnnualReport(meta=ReportMeta(), sections=(Section(1, "总体情况", text=text),))
    hits = list(unbalanced_brackets(report, RuleContext()))
    named = [(h.actual, "open" if "never closed" in h.message_en else "close") for h in hits]
    assert named == _searched(text)
