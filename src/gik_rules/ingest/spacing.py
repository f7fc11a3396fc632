"""Whitespace that layout puts into Chinese text: spaces around digits, justified spacing,
labels spread out (``总 计``) and headings set vertically, one character per line.

Chinese text has no spaces between words, so a space next to a Chinese character or
full-width punctuation is an artefact of the layout and is dropped; spaces between two
Latin words or numbers are kept.
"""

from __future__ import annotations

import re

# CJK radicals to ideographs, CJK punctuation, full-width forms and curly quotes.
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026"
_SPACES = "[ \t\u00a0\u2002\u2003\u2009\u3000]+"
_AROUND_WIDE = re.compile(rf"(?<=[{_WIDE}]){_SPACES}|{_SPACES}(?=[{_WIDE}])")
_RUNS = re.compile(_SPACES)


def tighten(text: str) -> str:
    """One line of text without layout spaces: ``"2024 年"`` → ``"2024年"``."""
    return _RUNS.sub(" ", _AROUND_WIDE.sub("", text)).strip()


def join_lines(lines: list[str]) -> str:
    """Lines of one cell or paragraph as one text.

    A heading set vertically (every line one or two characters) is read as one word;
    other lines keep their breaks, which label matching ignores.
    """
    lines = [tighten(x) for x in lines]
    lines = [x for x in lines if x]
    if len(lines) >= 3 and all(len(x) <= 2 for x in lines):
        return "".join(lines)
    return "\n".join(lines)


def join_wrapped(first: str, second: str) -> str:
    """Two lines of a paragraph wrapped by the layout: no space unless both are Latin."""
    if (
        first[-1:].isascii()
        and first[-1:].isalpha()
        and second[:1].isascii()
        and second[:1].isalpha()
    ):
        return f"{first} {second}"
    return first + second
