"""The words of upright text, read directly, are pdfplumber's words."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.utils.text import WordExtractor

from gik_rules.ingest.pdf_words import words

_KEYS = ("text", "x0", "x1", "top", "bottom")


@st.composite
def _char(draw: st.DrawFn) -> dict[str, Any]:
    # Glyphs on a few nearby baselines, touching, overlapping, out of order and apart;
    # spaces, ligatures, empty texts and a few rotated glyphs among them.
    text = draw(st.sampled_from(["年", "报", "1", "a", " ", "\u3000", "ﬁ", "", "ab"]))
    x0 = draw(st.sampled_from([10.0, 19.0, 20.0, 21.5, 23.0, 30.0, 45.0, 80.0]))
    top = draw(st.sampled_from([10.0, 11.5, 13.0, 14.0, 20.0]))
    width = draw(st.sampled_from([2.0, 9.0, 10.0]))
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + width,
        "top": top,
        "doctop": top,
        "bottom": top + 10.0,
        "width": width,
        "height": 10.0,
        "size": 10.0,
        "upright": draw(st.integers(0, 7)) != 0,
    }


@settings(max_examples=300)
@given(st.lists(_char(), max_size=25))
def test_the_words_are_pdfplumbers(chars: list[dict[str, Any]]) -> None:
    expected = list(WordExtractor().iter_extract_tuples(chars))
    got = words(chars)
    assert [cs for _, cs in got] == [list(cs) for _, cs in expected]
    assert [{k: w[k] for k in _KEYS} for w, _ in got] == [
        {k: w[k] for k in _KEYS} for w, _ in expected
    ]


def test_a_gap_cuts_a_word_and_a_ligature_is_written_out() -> None:
    def char(text: str, x0: float) -> dict[str, Any]:
        return {"text": text, "x0": x0, "x1": x0 + 5, "top": 0.0, "bottom": 10.0}

    found = words([{**char(t, x), "upright": True} for t, x in (("o", 0), ("ﬁ", 5), ("x", 20))])
    assert [w["text"] for w, _ in found] == ["ofi", "x"]
