"""Folding text for matching, with a map back to the printed characters."""

from __future__ import annotations

import functools
import re
import unicodedata

import attrs

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
# A pinyin gloss printed after a character by some mirrors: 數(shù)量, 総(zǒng)
_GLOSS = re.compile(
    r"(?<=[\u3400-\u9fff])[(（][a-zA-Z\u00c0-\u024f\u01cd-\u01dc\u0300-\u036f]{1,8}[)）]"
)


@functools.lru_cache(maxsize=1)
def _converter() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional characters converted to simplified ones (OpenCC ``t2s``)."""
    if text.isascii():
        return text
    return str(_converter().convert(text))  # type: ignore[attr-defined]


@attrs.frozen(slots=True)
class Folded:
    """``text`` folded; ``origin[i]`` is the index in the printed text of ``text[i]``."""

    text: str
    origin: tuple[int, ...]
    source_length: int

    def source_index(self, i: int) -> int:
        """The printed index of folded index ``i`` (``len(text)`` maps past the end)."""
        if i >= len(self.origin):
            return self.source_length
        return self.origin[i]


def normalise(text: str) -> Folded:
    """The folded form of ``text``, white space kept (it separates figures)."""
    out: list[str] = []
    origin: list[int] = []
    drop = _gloss_spans(text)
    for i, ch in enumerate(text):
        if ch in _ZERO_WIDTH or (drop and i in drop):
            continue
        folded = unicodedata.normalize("NFKC", ch) if not ch.isascii() else ch
        for piece in folded:
            out.append(piece)
            origin.append(i)
    joined = "".join(out)
    simplified = to_simplified(joined)
    if len(simplified) != len(joined):
        # A phrase conversion changed the length: convert character by character so that
        # the map stays exact (matching needs characters, not phrases).
        simplified = "".join(
            to_simplified(ch) if len(to_simplified(ch)) == 1 else ch for ch in joined
        )
    return Folded(simplified, tuple(origin), len(text))


def _gloss_spans(text: str) -> frozenset[int]:
    if "(" not in text and "（" not in text:
        return frozenset()
    return frozenset(i for m in _GLOSS.finditer(text) for i in range(m.start(), m.end()))


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The folded form without white space: the key labels and names are compared by."""
    return "".join(ch for ch in normalise(text).text if not ch.isspace())
