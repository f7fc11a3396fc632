"""N401 passes by a passage without a digit for its count patterns: each must capture its
figure as digits, or a statement in such a passage would be missed."""

from __future__ import annotations

from gik_rules_national.rules.narrative import FACTS


def test_every_count_pattern_captures_digits() -> None:
    for fact in FACTS:
        for pattern in fact.patterns:
            assert r"(?P<n>\d+)" in pattern.pattern, (fact.id, pattern.pattern)
            assert pattern.search("（无数字）") is None
