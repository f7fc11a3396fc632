"""Enumerations inside paragraphs: 一是…二是…, 第一，…第二，…, …；（一）…；（二）…

Sub-headings that open a paragraph are numbering-style's; this rule reads the markers
that stand inside the text, each kind a sequence of its own within a section.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import attrs

from gik_rules.forms.numerals import cn_number, numeral
from gik_rules.model import AnnualReport
from gik_rules.rules import Hit, RuleContext, implements
from gik_rules_national.rules.prose import Passage, joined, passages

_CN_DIGIT = "[一二三四五六七八九十]"
_CN = _CN_DIGIT + "{1,3}"
_BOUNDARY = r"(?:^|(?<=[,;:。!?、\n]))"
# a heading of a higher level inside the text starts new lists below it (an archive's
# dump runs "（二）依申请公开方面一是…" together)
_SUB_HEADING = rf"\({_CN}\)"
_HEADING = rf"(?<![\d.])\d{{1,2}}[.、](?!\d)|(?<!{_CN_DIGIT}){_CN}、"
_AFTER = ",;:。!?"  # what a marker inside a paragraph follows
_SHI = f"{_BOUNDARY}({_CN})是"
_DI = f"{_BOUNDARY}第({_CN})(?=[,:、]|是)"
# inside a paragraph: after punctuation, never at its start
_PAREN = rf"(?<=[{_AFTER}])\(({_CN})\)"
_PAREN_DIGIT = rf"(?<=[{_AFTER}])\((\d{{1,2}})\)"
# what stands in any text a kind's pattern matches: a text without one is not scanned
_DIGITS = _CN_DIGIT[1:-1]
_INSIDE = tuple(f"{p}(" for p in _AFTER)
#: (kind, pattern with the number as group 1, how a marker is written in the fold and
#: in the finding, what starts a new list, a character every needle holds, the needles);
#: the patterns compiled (``_compiled``) for the first text that holds a needle
_Kind = tuple[str, str, str, str, str, str, tuple[str, ...]]
_KINDS: tuple[_Kind, ...] = (
    ("shi", _SHI, "{}是", "{}是", _SUB_HEADING, "是", tuple(f"{d}是" for d in _DIGITS)),
    ("di", _DI, "第{}", "第{}", _SUB_HEADING, "第", tuple(f"第{d}" for d in _DIGITS)),
    ("paren", _PAREN, "({})", "（{}）", _HEADING, "(", _INSIDE),
    ("paren-digit", _PAREN_DIGIT, "({})", "（{}）", _HEADING, "(", _INSIDE),
)


def _needle_pattern(key: str, needles: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``needles`` (two characters, ``key`` one of them) as one pattern that opens
    with ``key``: a search finds the places to try by that one literal character, where
    an alternation of the needles is tried at every position."""
    assert all(len(n) == 2 and key in n for n in needles)
    after = "".join(n[1] for n in needles if n[0] == key)
    before = "".join(n[0] for n in needles if n[1] == key)
    tails = [f"[{re.escape(after)}]"] if after else []
    if before:
        tails.append(f"(?<=[{re.escape(before)}]{re.escape(key)})")
    return re.compile(f"{re.escape(key)}(?:{'|'.join(tails)})")


#: a kind's needles as one pattern: whether a text holds one, told in one search
_NEEDLES = tuple(_needle_pattern(kind[5], kind[6]) for kind in _KINDS)


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@attrs.frozen(slots=True)
class _Marker:
    number: int
    start: int
    end: int
    written: str  # how the text writes it


def _markers(passage: Passage, pattern: re.Pattern[str]) -> list[_Marker]:
    text = passage.folded.text
    out = []
    for match in pattern.finditer(text):
        raw = match[1]
        number = int(raw) if raw.isdigit() else cn_number(raw)
        if number:
            out.append(
                _Marker(number, match.start(), match.end(), text[match.start() : match.end()])
            )
    return out


def _faults(
    found: list[_Marker], text: str, resets: list[int], folded_style: str, digits: bool
) -> Iterator[tuple[_Marker, int, str]]:
    """``(marker, the number expected, what is wrong)`` of each marker out of sequence:
    a number repeated, one skipped, or one that goes back. A list that starts again at 1
    is a new list, and so is one after a heading of a higher level. A marker expected
    that stands in the text between, where its form was not read as a marker ("方面一是"),
    is no fault."""
    last, since = 0, 0
    for marker in found:
        if any(since <= r < marker.start for r in resets):
            last = 0
        n = marker.number
        if n != last + 1 and n != 1:
            want = _written(folded_style, last + 1, digits)
            if not (n > last and want in text[since : marker.start]):
                yield marker, last + 1, "repeat" if n == last else "skip" if n > last else "back"
        last, since = n, marker.end


def _written(style: str, number: int, digits: bool) -> str:
    return style.format(number if digits else numeral(number))


@implements("N111")
def enumeration_order(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    # the kinds whose needles the passages joined hold (no needle holds a line break:
    # one found there is in a passage), most reports none: only those are looked for
    whole = joined(report).text
    kinds = [
        (kind, needle)
        for kind, needle in zip(_KINDS, _NEEDLES, strict=True)
        if kind[5] in whole and needle.search(whole)
    ]
    if not kinds:
        return
    for passage in passages(report):
        text = passage.folded.text
        for (kind, pattern, folded_style, style, heading, key, _), needle in kinds:
            if key not in text or not needle.search(text):
                continue
            found = _markers(passage, _compiled(pattern))
            if len(found) < 2:
                continue
            digits = kind == "paren-digit"
            resets = [m.start() for m in _compiled(heading).finditer(text)]
            for marker, expected, fault in _faults(found, text, resets, folded_style, digits):
                want = _written(style, expected, digits)
                got = _written(style, marker.number, digits)
                where = f"第{numeral(passage.section)}部分" if passage.section else "报告开头"
                where_en = f"section {passage.section}" if passage.section else "the preamble"
                if fault == "repeat":
                    zh = f"{where}的列举“{got}”重复出现，应为“{want}”"
                    en = f"the enumeration in {where_en} repeats {got}; {want} was expected"
                elif fault == "skip" and expected == 1:
                    zh = f"{where}的列举从“{got}”开始，缺少“{want}”"
                    en = f"the enumeration in {where_en} starts at {got}, without {want}"
                elif fault == "skip":
                    zh = f"{where}的列举从“{_written(style, expected - 1, digits)}”跳到“{got}”，缺少“{want}”"
                    en = f"the enumeration in {where_en} skips {want}: {got} follows {expected - 1}"
                else:
                    zh = f"{where}的列举“{got}”出现在“{_written(style, expected - 1, digits)}”之后，顺序颠倒"
                    en = f"the enumeration in {where_en} goes back to {got} after {expected - 1}"
                yield Hit(
                    zh,
                    en,
                    passage.location(marker.start, marker.end),
                    expected=want,
                    actual=got,
                )
