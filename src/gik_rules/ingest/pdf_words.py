"""The words of a PDF page: pdfplumber's word extraction, upright text read directly.

pdfplumber's ``WordExtractor`` (default settings) groups the characters by uprightness,
clusters each group into lines by their tops, sorts a line by ``x0`` and cuts it into
words at white space and at gaps (a character left of the one before it, more than three
points right of its end, or more than three points off its top). It does so through
several generators, a method call and a dozen-key dictionary per character and word;
this module does the same for upright text in one loop, and leaves rotated text to
pdfplumber. The words are those of ``iter_extract_tuples``, their text and box the same
(tests/ingest/test_pdf_words.py checks both against pdfplumber).
"""

from __future__ import annotations

import itertools
from operator import itemgetter
from typing import Any

from pdfplumber.utils.text import (
    DEFAULT_X_TOLERANCE,
    DEFAULT_Y_TOLERANCE,
    LIGATURES,
    WordExtractor,
)

from gik_rules.ingest.pdf_clusters import cluster_objects

Char = dict[str, Any]
#: A word (its ``text``, ``x0``, ``x1``, ``top``, ``bottom``) and its characters.
Word = tuple[dict[str, Any], list[Char]]

_EXTRACTOR = WordExtractor()
_TOP = itemgetter("top")
_X0 = itemgetter("x0")  # pdfplumber sorts a line by (x0, x0): by x0, stably
_X1, _BOTTOM, _TEXT = itemgetter("x1"), itemgetter("bottom"), itemgetter("text")
_LIGATURE_KEYS = LIGATURES.keys()


def words(chars: list[Char]) -> list[Word]:
    """``WordExtractor().iter_extract_tuples(chars)``, as a list."""
    out: list[Word] = []
    for upright, group in itertools.groupby(chars, itemgetter("upright")):
        if not upright:
            out.extend(_EXTRACTOR.iter_extract_tuples(group))
            continue
        for line in cluster_objects(list(group), _TOP, DEFAULT_Y_TOLERANCE):
            out.extend(line_words(sorted(line, key=_X0)))
    return out


def line_words(line: list[Char]) -> list[Word]:
    """The words of one line of upright characters sorted left to right."""
    out: list[Word] = []
    current: list[Char] = []
    x0 = x1 = top = 0.0  # of the last character of ``current``
    for char in line:
        text = char["text"]
        if text.isspace():
            if current:
                out.append(_word(current))
            current = []
            continue
        if not text:  # pdfplumber's split at "punctuation" ("" is in "") makes it a word
            if current:
                out.append(_word(current))
            out.append(_word([char]))
            current = []
            continue
        cx, ctop = char["x0"], char["top"]
        if current and (
            cx < x0 or cx > x1 + DEFAULT_X_TOLERANCE or abs(ctop - top) > DEFAULT_Y_TOLERANCE
        ):
            out.append(_word(current))
            current = []
        current.append(char)
        x0, x1, top = cx, char["x1"], ctop
    if current:
        out.append(_word(current))
    return out


def _word(chars: list[Char]) -> Word:
    if len(chars) == 1:
        (c,) = chars
        text = LIGATURES.get(c["text"], c["text"] or "")
        return {
            "text": text,
            "x0": c["x0"],
            "x1": c["x1"],
            "top": c["top"],
            "bottom": c["bottom"],
        }, chars
    texts = list(map(_TEXT, chars))
    if all(texts) and _LIGATURE_KEYS.isdisjoint(texts):  # no text to write out or fill
        text = "".join(texts)
    else:
        text = "".join(LIGATURES.get(t, t or "") for t in texts)
    word = {
        "text": text,
        "x0": min(map(_X0, chars)),
        "x1": max(map(_X1, chars)),
        "top": min(map(_TOP, chars)),
        "bottom": max(map(_BOTTOM, chars)),
    }
    return word, chars
