"""The language of the text: words written twice, English punctuation among Chinese,
brackets and quotation marks that do not close. Read on the project's fold, so that text
a mirror injected is not the report's; punctuation is judged by what the source printed."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gik_rules.forms import numeral
from gik_rules.model import AnnualReport
from gik_rules.rules import Hit, RuleContext, implements
from gik_rules.rules.memo import per_context
from gik_rules_national.rules.prose import Passage, joined, passages

# a run of two to six Chinese characters written twice in a row: 进一步进一步, 公开公开
_REPEATED_RUN = re.compile(r"([\u3400-\u9fff]{2,6})\1")


def _where(passage: Passage) -> tuple[str, str]:
    if passage.section is None:
        return "报告开头", "the preamble"
    return f"第{numeral(passage.section)}部分", f"section {passage.section}"


def _han(ch: str) -> bool:
    """Whether ``ch`` (one character or none) is a Chinese character: compared, not
    matched (a class of CJK ranges takes the regex compiler milliseconds to build)."""
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


@per_context
def _params(ctx: RuleContext) -> tuple[re.Pattern[str] | None, tuple[str, ...], bool]:
    """Any of the ``characters`` written twice, compiled, the ``exceptions``, and whether
    the passages may be looked over joined (no line break among the characters: a
    doubling never spans two passages): made once for the reports of a run."""
    single = "".join(str(c) for c in ctx.params["characters"])
    exceptions = tuple(str(e) for e in ctx.params["exceptions"])
    doubled = re.compile(f"([{re.escape(single)}])\\1") if single else None
    return doubled, exceptions, "\n" not in single


def _doublings(text: str, doubled: re.Pattern[str] | None) -> list[tuple[int, int, str]]:
    found = [(m.start(), m.end(), m[0]) for m in _REPEATED_RUN.finditer(text)]
    if doubled is not None:
        found += [(m.start(), m.end(), m[0]) for m in doubled.finditer(text)]
    return found


def _found(
    report: AnnualReport, doubled: re.Pattern[str] | None, joinable: bool
) -> Iterator[tuple[Passage, list[tuple[int, int, str]]]]:
    """Each passage with a doubling, and its doublings in order (in its folded text). The
    passages joined are looked over at once (most reports have no doubling), where
    none of the patterns matches a line break: a match is then within one passage, and
    the scan meets each passage's start as a scan of it alone starts."""
    if not joinable:
        for passage in passages(report):
            found = _doublings(passage.folded.text, doubled)
            if found:
                yield passage, sorted(found)
        return
    whole = joined(report)
    found = _doublings(whole.text, doubled)
    if not found:
        return
    found.sort()  # in the passages' order, each one's in its own
    by_passage: dict[int, tuple[Passage, list[tuple[int, int, str]]]] = {}
    spans = [(start, end) for start, end, _ in found]
    for (passage, start, end), (_, _, word) in zip(whole.placed(spans), found, strict=True):
        by_passage.setdefault(id(passage), (passage, []))[1].append((start, end, word))
    yield from by_passage.values()


@implements("N901")
def repeated_word(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    doubled, exceptions, joinable = _params(ctx)
    for passage, found in _found(report, doubled, joinable):
        text = passage.folded.text
        for start, end, word in found:
            around = text[max(start - 4, 0) : end + 4]
            if any(e in around and _covers(text, start, end, e) for e in exceptions):
                continue
            once = word[: len(word) // 2]
            where, where_en = _where(passage)
            yield Hit(
                f"{where}“{word}”重复：“{once}”连写了两次",
                f"{where_en} writes {once!r} twice in a row ({word!r})",
                passage.location(start, end),
                expected=once,
                actual=word,
            )


def _covers(text: str, start: int, end: int, word: str) -> bool:
    """Whether an occurrence of ``word`` covers ``text[start:end]``."""
    at = text.find(word, max(start - len(word), 0))
    while at != -1 and at <= start:
        if at + len(word) >= end:
            return True
        at = text.find(word, at + 1)
    return False


_ASCII_MARKS = ",;:?!()"
_ASCII_MARK = re.compile(f"[{re.escape(_ASCII_MARKS)}]")


@implements("N902")
def ascii_punctuation(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    sources = joined(report).source
    if not any(mark in sources for mark in _ASCII_MARKS):
        return  # the sources printed none (most reports: full-width marks alone)
    for passage in passages(report):
        text, source = passage.folded.text, passage.text
        if not _ASCII_MARK.search(source):
            continue  # a mark is judged by what the source printed: it printed none
        offsets = passage.folded.offsets
        places = []
        for match in _ASCII_MARK.finditer(text):
            i, ch = match.start(), match[0]
            if i >= len(offsets) or source[offsets[i]] != ch:
                continue  # a full-width mark (，（) folds to ASCII: the source's is judged
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if ch == "(":
                chinese = _han(after)
            elif ch == ")":
                chinese = _han(before)
            else:
                chinese = _han(before) and _han(after)
            if chinese:
                places.append(i)
        if not places:
            continue
        first = places[0]
        marks = "".join(dict.fromkeys(text[i] for i in places))
        example = text[max(first - 6, 0) : first + 7].replace("\n", "")
        where, where_en = _where(passage)
        yield Hit(
            f"{where}中文语句里用了{len(places)}处英文标点（{marks}），"
            f"如“{example}”，应为中文全角标点",
            f"{where_en} uses English punctuation ({marks}) {len(places)} time(s) inside "
            "Chinese sentences; Chinese text takes full-width marks",
            passage.location(first, first + 1),
            expected="，；：？！（）",
            actual=len(places),
        )


#: closing mark → its opening mark; ( and （ are one pair whatever their width
_PAIRS = {
    ")": "(",
    "]": "[",
    "】": "【",
    "》": "《",
    "〉": "〈",
    "”": "“",
    "’": "‘",
    "」": "「",
    "』": "『",
}
_OPENING = frozenset(_PAIRS.values())
_BRACKET = re.compile("[" + re.escape("".join([*_PAIRS, *_OPENING])) + "]")
#: an opening mark right before its own closing mark
_ADJACENT = re.compile("|".join(re.escape(o + c) for c, o in _PAIRS.items()))
#: the marks and the line breaks: a break between two marks keeps them from pairing
_BRACKET_OR_BREAK = re.compile(_BRACKET.pattern[:-1] + "\n]")


def _paired_off(marks: str) -> str:
    """``marks`` with each opening mark right before its own closing one taken out,
    round by round, until none is: most texts pair off in a round or two, in C."""
    while True:
        fewer = _ADJACENT.sub("", marks)
        if len(fewer) == len(marks):
            return marks
        marks = fewer


def _balanced(text: str) -> bool:
    """Whether every mark of ``text`` pairs off (nothing for N903 to name): its marks
    alone, paired off, leave nothing."""
    return not _paired_off("".join(_BRACKET.findall(text)))


def _all_balanced(report: AnnualReport) -> bool:
    """Whether every passage's marks pair off, told from the passages joined: their
    marks and line breaks paired off leave line breaks alone only where each run of
    marks between two breaks pairs off, so each passage (some such runs) does. False
    is no fault (a pair split by a break within a passage): each passage is then
    looked at alone."""
    marks = _paired_off("".join(_BRACKET_OR_BREAK.findall(joined(report).text)))
    return not marks.replace("\n", "")


@implements("N903")
def unbalanced_brackets(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    if _all_balanced(report):
        return
    for passage in passages(report):
        text = passage.folded.text
        if _balanced(text):
            continue
        stack: list[int] = []
        faults: list[tuple[int, str]] = []  # (position, "open" | "close")
        for match in _BRACKET.finditer(text):
            i, ch = match.start(), match[0]
            if ch in _OPENING:
                stack.append(i)
            elif ch in _PAIRS:
                opening = _PAIRS[ch]
                if stack and text[stack[-1]] == opening:  # the usual case: it closes the last
                    stack.pop()
                    continue
                match = next(
                    (k for k in range(len(stack) - 1, -1, -1) if text[stack[k]] == opening), None
                )
                if match is None:
                    faults.append((i, "close"))
                    continue
                faults.extend((stack[k], "open") for k in range(match + 1, len(stack)))
                del stack[match:]
        faults.extend((i, "open") for i in stack)
        if not faults:
            continue
        where, where_en = _where(passage)
        for i, kind in sorted(faults):
            mark = text[i]
            if kind == "open":
                other = next(k for k, v in _PAIRS.items() if v == mark)
                zh = f"{where}的“{mark}”没有对应的“{other}”"
                en = f"{mark!r} in {where_en} is never closed ({other!r} missing)"
            else:
                other = _PAIRS[mark]
                zh = f"{where}的“{mark}”前没有对应的“{other}”"
                en = f"{mark!r} in {where_en} closes nothing ({other!r} missing)"
            yield Hit(zh, en, passage.location(i, i + 1), actual=mark)
