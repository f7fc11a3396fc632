"""The key view of a text: the label key of every stretch of it, mapped back."""

from __future__ import annotations

import re
import sys

from hypothesis import given
from hypothesis import strategies as st

from gik_rules.forms.labels import DROPPED_CHARS, normalise_label
from gik_rules.ingest.stream.keyview import WHITESPACE, key_view

_TEXT = st.text(
    st.sampled_from("行政许可总计其他0123|\t\n \u3000\u00a0，、。“”.:;") | st.characters(),
    max_size=60,
)


def test_whitespace_is_all_of_it() -> None:
    assert "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()) == WHITESPACE


@given(_TEXT)
def test_the_view_drops_what_label_keys_drop_and_maps_back(text: str) -> None:
    kept = [i for i, ch in enumerate(text) if not ch.isspace() and ch not in DROPPED_CHARS]
    view = key_view(text)
    assert view.text == "".join(text[i] for i in kept)
    assert [view.at(k) for k in range(len(view.text))] == kept


@given(_TEXT, st.integers(0, 70), st.integers(0, 70))
def test_a_range_of_the_text_is_a_range_of_its_view(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    view = key_view(text)
    lo, hi = view.range(start, end)
    assert view.text[lo:hi] == key_view(text[start:end]).text


def test_a_label_printed_spaced_and_wrapped_is_found() -> None:
    text = "（三）不予公开\n 1. 属于国家秘密 | 0 |"
    view = key_view(text)
    key = normalise_label("属于国家秘密")
    found = re.search(re.escape(key), view.text)
    assert found is not None
    assert text[view.at(found.start()) : view.at(found.end() - 1) + 1] == "属于国家秘密"
