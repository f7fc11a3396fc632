"""Label normalisation: the comparison key for every label a reader meets."""

from __future__ import annotations

import functools
import re
import unicodedata

_QUOTES = "\"'“”‘’「」『』〝〞＂"
_DROP = re.compile(r"[\s" + re.escape(_QUOTES) + r"，,、。.:：;；·•]")
# Leading enumerators: 一、 一， （三） (3) 1. 1、 ① — but keep the words after them.
_ENUM = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.,]|\([一二三四五六七八九十\d]+\)|\d+[.、．]|[①-⑳])+"
)


_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def fold(text: str) -> str:
    """Width folded (NFKC), spaces and zero-width characters removed: for searching
    labels inside running text."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and ch not in _ZERO_WIDTH)


@functools.lru_cache(maxsize=16384)  # labels repeat: every form row is compared per table row
def normalise_label(text: str) -> str:
    """Width, spaces, quotes and punctuation folded; leading enumerators removed."""
    return _DROP.sub("", _ENUM.sub("", fold(text)))


def enumerator(text: str) -> str:
    """The leading enumerator of a label (``"(七)"`` of ``"（七）总计"``), width-folded."""
    match = _ENUM.match(fold(text))
    return match.group(0) if match else ""
