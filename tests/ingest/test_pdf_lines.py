"""A PDF page's text lines, made from its words, are the lines of pdfplumber's text map."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.utils.text import chars_to_textmap

from gik_rules.ingest.pdf_layer import PageGeometry
from gik_rules.ingest.pdf_page import _outside, _text_lines

PAGE = PageGeometry(1, 300.0, 200.0, (), ())


@st.composite
def _char(draw: st.DrawFn) -> dict[str, Any]:
    # Glyphs on a few baselines a few points apart (lines that touch, overlap, or are
    # told apart by the 3-point tolerance), side by side or with gaps; spaces, ligatures,
    # rotated glyphs, and the odd texts the text map's own search treats differently.
    odd = draw(st.integers(0, 19)) == 0  # a page with one is read through the text map
    texts = ["", "a b", "x\n"] if odd else ["年", "报", "1", "a", " ", "\u3000", "ﬁ", "ﬀ"]
    text = draw(st.sampled_from(texts))
    x0 = draw(st.sampled_from([10.0, 19.0, 20.0, 21.5, 30.0, 45.0, 46.0, 80.0]))
    top = draw(st.sampled_from([10.0, 11.5, 13.0, 14.0, 20.0, 40.0]))
    size = draw(st.sampled_from([9.0, 10.0, 12.0]))
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + size,
        "top": top,
        "doctop": top,
        "bottom": top + size,
        "width": size,
        "height": size,
        "size": size,
        "upright": draw(st.booleans()) if draw(st.integers(0, 5)) == 0 else True,
        "object_type": "char",
    }


def _plumber(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    textmap = chars_to_textmap(
        chars,
        layout_bbox=(0.0, 0.0, PAGE.width, PAGE.height),
        layout_width=PAGE.width,
        layout_height=PAGE.height,
    )
    lines: list[dict[str, Any]] = textmap.extract_text_lines(strip=True, return_chars=True)
    return lines


@settings(max_examples=200)
@given(st.lists(_char(), max_size=30))
def test_the_lines_are_the_text_maps(chars: list[dict[str, Any]]) -> None:
    assert _text_lines(chars, PAGE) == _plumber(chars)


def test_words_on_one_baseline_make_one_line() -> None:
    chars = []
    for text, x in (("年", 10.0), ("度", 20.0), ("ﬁ", 50.0)):
        chars.append(
            {"text": text, "x0": x, "x1": x + 10, "top": 5.0, "doctop": 5.0, "bottom": 15.0}
            | {"width": 10.0, "height": 10.0, "size": 10.0, "upright": True}
        )
    (line,) = _text_lines(chars, PAGE)
    assert line["text"] == "年度 fi" and len(line["chars"]) == 4
    assert line == _plumber(chars)[0]


@given(_char())
def test_a_cell_of_one_glyph_reads_as_its_word(char: dict[str, Any]) -> None:
    from operator import itemgetter

    from pdfplumber.utils.clustering import cluster_objects
    from pdfplumber.utils.text import WordExtractor

    from gik_rules.ingest.pdf_page import _cell_text

    lines = cluster_objects(WordExtractor().extract_words([char]), itemgetter("top"), 3)
    assert _cell_text([char]) == "\n".join(" ".join(w["text"] for w in line) for line in lines)


@settings(max_examples=200)
@given(st.lists(_char(), min_size=2, max_size=8))
def test_a_cell_reads_as_its_words_by_line(chars: list[dict[str, Any]]) -> None:
    """A cell's text (one line of upright glyphs read without clustering) is its words
    as pdfplumber finds them, a line of them per top within 3 points."""
    from operator import itemgetter

    from pdfplumber.utils.clustering import cluster_objects
    from pdfplumber.utils.text import WordExtractor

    from gik_rules.ingest.pdf_page import _cell_text

    lines = cluster_objects(WordExtractor().extract_words(chars), itemgetter("top"), 3)
    assert _cell_text(chars) == "\n".join(" ".join(w["text"] for w in line) for line in lines)


# box edges on and between the glyphs' centres
_AT = st.sampled_from([0.0, 14.5, 15.0, 20.0, 25.0, 50.0])


@settings(max_examples=200)
@given(
    st.lists(_char(), max_size=30),
    st.lists(st.tuples(_AT, _AT, _AT, _AT), max_size=3),
)
def test_the_text_outside_the_tables_is_what_no_table_holds(
    chars: list[dict[str, Any]], boxes: list[tuple[float, float, float, float]]
) -> None:
    """The characters left out of each table's box in turn are those whose centre no
    box holds (its edges in), in the page's order."""
    centred = [((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2, c) for c in chars]
    expected = [
        c
        for cx, cy, c in centred
        if not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)
    ]
    assert _outside(centred, boxes) == expected
