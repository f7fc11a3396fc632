"""Label normalisation: the comparison key for every label a reader meets."""

from __future__ import annotations

import functools
import re

# The project's one fold, re-exported under its old home (readers and plugins import it).
from gik_rules.textnorm import fold as fold

_QUOTES = "\"'“”‘’「」『』〝〞＂"
#: What label keys leave out besides white space (the key view of a text drops the same).
DROPPED_CHARS = _QUOTES + "，,、。.:：;；·•"
_DROP = re.compile(r"[\s" + re.escape(DROPPED_CHARS) + r"]")
# Leading enumerators: 一、 一， （三） (3) 1. 1、 ① — but keep the words after them.
_ENUM = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.,]|\([一二三四五六七八九十\d]+\)|\d+[.、．]|[①-⑳])+"
)


@functools.lru_cache(maxsize=16384)  # labels repeat: every form row is compared per table row
def normalise_label(text: str) -> str:
    """Width, spaces, quotes and punctuation folded; leading enumerators removed."""
    return _DROP.sub("", _ENUM.sub("", fold(text)))


def enumerator(text: str) -> str:
    """The leading enumerator of a label (``"(七)"`` of ``"（七）总计"``), width-folded."""
    match = _ENUM.match(fold(text))
    return match.group(0) if match else ""
