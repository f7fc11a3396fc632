"""enumeration-order scans a text for a kind of marker only where the text holds one of
the kind's needles (searched for as one pattern): whatever the pattern matches holds one."""

from __future__ import annotations

from gik_rules_national.rules.enumeration import _KINDS, _NEEDLES, _compiled
from hypothesis import given, settings
from hypothesis import strategies as st

_TEXT = st.lists(
    st.sampled_from([*"一二十三是第()、,;:。!?\n1２ 甲", "12", "第一", "一是", "(一)", "(1)"]),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_a_text_the_needles_pass_over_holds_no_marker(text: str) -> None:
    for (kind, pattern, *_, key, needles), needle in zip(_KINDS, _NEEDLES, strict=True):
        assert all(key in n for n in needles)
        assert bool(needle.search(text)) == any(n in text for n in needles)
        if not any(n in text for n in needles):
            assert _compiled(pattern).search(text) is None, kind


def test_each_kind_finds_its_markers() -> None:
    text = "一是公开。二是答复,第一,第二是,(三)其一;(2)其二"
    for kind, pattern, *_, needles in _KINDS:
        assert any(n in text for n in needles) and _compiled(pattern).search(text), kind
