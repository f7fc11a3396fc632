"""Sub-heading numbering: one style per level within a section, in sequence."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator

import attrs

from gik_rules.forms.numerals import cn_number, numeral
from gik_rules.model import AnnualReport, Section
from gik_rules.rules import Hit, Location, RuleContext, implements
from gik_rules.textnorm import normalise

# A line that opens with an enumerator: （一） (一) （1） (1) — or 1. 1、 1． (white space
# within the line only: the pattern runs over a section's whole text, line by line)
_MARKER_PATTERN = (
    r"^[^\S\n]*(?:([（(])[^\S\n]*([一二三四五六七八九十]{1,3}|\d{1,2})[^\S\n]*[）)]"
    r"|(\d{1,2})[^\S\n]*([.、．])(?!\d))"
)


@functools.cache  # compiled for the first section with text (a millisecond with the next)
def _marker() -> re.Pattern[str]:
    return re.compile(_MARKER_PATTERN, re.MULTILINE)


@functools.cache
def _line_marker() -> re.Pattern[str]:
    """``_marker`` after a line break, over a text with one put before it: a search finds
    its line breaks, where ``^`` would be tried at every character."""
    return re.compile("\n" + _MARKER_PATTERN[1:])


@attrs.frozen(slots=True)
class Marker:
    family: str  # "paren" or "digit": the two levels of sub-headings
    style: str  # e.g. "（一）", "(1)", "1、": how this marker writes its numbers
    number: int
    text: str  # the marker as written
    line_index: int


def _style_text(style: str, number: int) -> str:
    """The marker ``number`` would have in ``style``."""
    chinese = "一" in style
    value = numeral(number) if chinese else str(number)
    return style.replace("一" if chinese else "1", value, 1)


@functools.lru_cache(maxsize=256)
def _number(raw: str) -> tuple[int | None, bool]:
    """The number an enumerator writes (``raw``: its digits or Chinese numeral), and
    whether it is written in digits."""
    digits = normalise(raw).text
    if digits.isdigit():
        return int(digits), True
    return cn_number(raw), False


@functools.lru_cache(maxsize=256)
def _digits(raw: str) -> int:
    return int(normalise(raw).text)


def markers(section: Section) -> Iterator[Marker]:
    text = section.text
    line, at = 0, 0
    for match in _marker().finditer(text):
        start = match.start()
        line += text.count("\n", at, start)
        at = start
        opening, raw, digit, mark = match.groups()
        if opening:
            number, written_in_digits = _number(raw)
            if number:
                full = opening == "（"
                inner = "1" if written_in_digits else "一"
                style = ("（" if full else "(") + inner + ("）" if full else ")")
                yield Marker("paren", style, number, match[0].strip(), line)
        else:
            yield Marker("digit", "1" + mark, _digits(digit), match[0].strip(), line)


@functools.lru_cache(maxsize=64)
def _counting(opening: str, count: int) -> list[tuple[str, str, str, str]]:
    """The groups of ``count`` markers opened by ``opening`` counting （一）, （二）, （三） …:
    what most sections' sub-headings are, told by comparing lists in C."""
    return [(opening, numeral(n), "", "") for n in range(1, count + 1)]


def _in_sequence(found: list[tuple[str, str, str, str]]) -> bool:
    """Whether each level of the markers ``_line_marker().findall`` gave (``_marker``'s
    groups) is written in one style and counts 1, 2, 3 … (or starts again at 1): then
    ``_faults`` finds nothing, and a section, as most are, is told so without its
    markers made. False is no fault: it only says that ``_faults`` must look."""
    last: dict[bool, tuple[object, int]] = {}  # by family (paren or not): style, number
    for opening, raw, digit, mark in found:
        style: object
        if opening:
            number, in_digits = _number(raw)
            if not number:
                continue  # not a marker (（零）): ``markers`` leaves it out
            style = (opening, in_digits)
        else:
            number, style = _digits(digit), mark
        held = last.get(bool(opening))
        if held is None:
            if number != 1:
                return False
        elif style != held[0] or (number != held[1] + 1 and number != 1):
            return False
        last[bool(opening)] = (style, number)
    return True


def _faults(found: list[Marker]) -> Iterator[tuple[Marker, str, str | None]]:
    """``(marker, dominant style, expected marker or None)`` for each marker out of line.

    The most frequent style of a level is its style. A marker in another style that
    continues the sequence (（三） then （4）) is a fault; one that starts at 1 and counts
    on is a nested list, not a fault. A marker in the level's own style that skips
    numbers is a fault too (a restart at 1 is not).
    """
    first = found[0].style
    if all(m.style == first for m in found):  # one style, most sections: it is the dominant
        dominant = first
    else:
        counts = Counter(m.style for m in found)
        dominant = max(
            counts, key=lambda s: (counts[s], -next(m.line_index for m in found if m.style == s))
        )
    last = 0
    nested: int | None = None
    for marker in found:
        if marker.style == dominant:
            if marker.number not in (last + 1, 1):
                yield marker, dominant, _style_text(dominant, last + 1)
            last, nested = marker.number, None
        elif marker.number == 1 or (nested is not None and marker.number == nested + 1):
            nested = marker.number
        else:
            yield marker, dominant, _style_text(dominant, marker.number)
            last, nested = marker.number, None


@implements("N105")
def numbering_style(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    for section in report.sections:
        plain = _line_marker().findall("\n" + section.text)
        if len(plain) < 2:
            continue
        opening = plain[0][0]
        if (opening and plain == _counting(opening, len(plain))) or _in_sequence(plain):
            continue
        found = list(markers(section))
        if len(found) < 2:  # no level with two markers to compare
            continue
        for family in ("paren", "digit"):
            level = [m for m in found if m.family == family]
            if len(level) < 2:
                continue
            for marker, dominant, expected in _faults(level):
                line = (
                    section.line_map[marker.line_index]
                    if marker.line_index < len(section.line_map)
                    else section.line
                )
                excerpt = section.text.split("\n")[marker.line_index].strip()[:60]
                n = numeral(section.number)
                same_style = marker.style == dominant
                if same_style:
                    message = (
                        f"第{n}部分小标题编号“{marker.text}”不连续，前一个编号之后应为“{expected}”"
                    )
                    message_en = (
                        f"sub-heading {marker.text} of section {section.number} breaks the "
                        f"sequence; {expected} was expected"
                    )
                else:
                    message = (
                        f"第{n}部分小标题编号“{marker.text}”与同级其他小标题的“{dominant}”式编号不一致，"
                        f"应为“{expected}”"
                    )
                    message_en = (
                        f"sub-heading {marker.text} of section {section.number} is numbered in "
                        f"another style than its siblings ({dominant}); {expected} was expected"
                    )
                yield Hit(
                    message,
                    message_en,
                    Location(section=section.number, line=line, excerpt=excerpt),
                    expected=expected,
                    actual=marker.text,
                )
