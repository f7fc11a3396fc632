"""A title after a numeral is matched on the text as far as a title can reach
(``_Titles.reach``) and kept per such text: the same match as on the whole text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.host import Host
from gik_rules.ingest.stream.headings import _best_title, _titles_of


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_a_title_is_matched_as_far_as_titles_reach(host: Host, data: st.DataObject) -> None:
    titles = _titles_of(host.variants)
    number = data.draw(st.sampled_from(sorted(titles.by_number)), label="number")
    keys = titles.by_number[number]
    key = data.draw(st.sampled_from(keys), label="key")
    # the title, garbled now and then (a character dropped, changed or added), and
    # whatever follows it in the key view
    chars = list(key)
    for _ in range(data.draw(st.integers(0, 2), label="edits")):
        at = data.draw(st.integers(0, len(chars)), label="at")
        edit = data.draw(st.sampled_from(["drop", "change", "add"]), label="edit")
        if edit == "drop" and at < len(chars):
            del chars[at]
        elif edit == "change" and at < len(chars):
            chars[at] = data.draw(st.sampled_from("的公开政府信息年度工作"), label="char")
        else:
            chars.insert(at, data.draw(st.sampled_from("的公开政府信息年度工作"), label="char"))
    rest = data.draw(st.text("0123456789的申请公开情况", max_size=40), label="rest")
    compact = ("".join(chars) + rest)[:60]
    whole = _best_title.__wrapped__(compact, keys)
    assert _best_title(compact[: titles.reach[number]], keys) == whole
