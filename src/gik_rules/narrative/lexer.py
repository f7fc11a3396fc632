"""Cutting folded narrative text into the tokens of a grammar.

One regular expression finds, left to right, the longest word of the grammar's lexicon
at each place (a category's term, a function word, a mask), a figure with its unit or
percent sign, or a boundary; what lies between tokens is filler the parser counts but
does not read. Masks (申请人, 部门规范性文件, and every term followed by a rate suffix
such as 办结率) are words too, so that the longest match hides the term inside them.

The text is the project's fold without spaces (``textnorm``): full-width digits and
punctuation are ASCII, so "，" is ",", "（" is "(".
"""

from __future__ import annotations

import bisect
import enum
import re
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

import attrs

from gik_rules.narrative.grammar import Grammar, Unit

#: sentence ends; a line break is one too unless it only wraps a long line (``_joins``)
SENTENCE_END = frozenset("。!?")
CLAUSE_END = frozenset(",;")
_LINE_END_PUNCT = frozenset("。!?;:,")
#: a line that starts like a heading or an enumerated item starts a sentence
_ITEM_START = re.compile(r"\s*(?:\(|[一二三四五六七八九十]+、|\d+[.、])")
_WRAPPED_LINE = 20  # a line at least this long, not ended by punctuation, was wrapped
_BREAK = re.compile("\n")


class Kind(enum.Enum):
    TERM = "term"  # a row category's term
    COLUMN = "column"  # a column category's term
    OBJECT = "object"  # a word some category needs before its figure
    WORD = "word"  # a function word (``Token.role`` says which)
    MASK = "mask"  # a word that hides a term
    NUMBER = "number"
    CLAUSE = "clause"  # , ;
    SENTENCE = "sentence"  # 。 ! ? or a line break that ends a sentence
    OPEN = "open"  # (
    CLOSE = "close"  # )


class Token(NamedTuple):
    """One token (a tuple: a passage makes hundreds, made fast)."""

    kind: Kind
    start: int
    end: int
    text: str
    #: the category id (TERM, COLUMN), the function word's role (WORD), the clause
    #: mark (CLAUSE)
    role: str = ""
    value: Decimal | None = None  # NUMBER
    unit: Unit | None = None  # NUMBER with a unit the grammar knows
    percent: bool = False  # NUMBER followed by %
    decimals: int = 0  # NUMBER: digits after the decimal point


#: the fields of ``Words`` and the role their words play
_ROLES = (
    "connectors",
    "open_list",
    "parts",
    "include",
    "besides",
    "respectively",
    "each",
    "share",
    "change_base",
    "increase",
    "decrease",
    "negation",
    "approximate",
)


@attrs.frozen(slots=True)
class Lexicon:
    """A grammar's words, compiled: ``pattern`` and what each word is."""

    pattern: re.Pattern[str]
    words: dict[str, tuple[Kind, str]]
    units: dict[str, Unit]


def trie_pattern(words: list[str]) -> str:
    """One regular expression that matches the longest of ``words`` at a place: the
    words as a trie of nested groups ("部分(?:公开)?"), so that the engine follows one
    branch per character instead of trying every word in turn."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) > 2 and all(len(b) == 1 for b in branches):
            # a branch that never matches keeps the engine from folding the characters
            # into a set: a set of CJK characters takes it ~0.2 ms to compile (a map of
            # 65,536 entries, in Python), and trying a few characters in turn matches
            # faster too (the national grammar: 17 -> 6.5 ms to compile, lexing a third
            # less time)
            branches.append("(?!)")
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:  # a longer word first, this one if none goes on
            return body + "?" if len(branches) == 1 and len(body) == 1 else f"(?:{body})?"
        return body

    return build(trie)


def _compile(grammar: Grammar) -> Lexicon:
    words: dict[str, tuple[Kind, str]] = {}
    for field in reversed(_ROLES):  # the first role listed wins a word given two
        for word in getattr(grammar.words, field):
            words[word] = (Kind.WORD, field)
    objects = {w for c in grammar.categories for w in c.object}
    words.update({w: (Kind.OBJECT, "") for w in objects})
    for column in grammar.columns:
        words.update({t: (Kind.COLUMN, column.id) for t in column.terms})
    for category in grammar.categories:
        words.update({t: (Kind.TERM, category.id) for t in category.terms})
    terms = [t for c in grammar.categories for t in c.terms]
    masks = [*grammar.words.masks, *(t + s for t in terms for s in grammar.words.rate_suffix)]
    words.update({m: (Kind.MASK, "") for m in masks})
    units = {w: u for u in grammar.units for w in u.words}
    lexemes = trie_pattern(list(words))
    unit_words = "|".join(re.escape(w) for w in sorted(units, key=len, reverse=True))
    number = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    unit = f"(?P<unit>%|{unit_words})?" if unit_words else "(?P<unit>%)?"
    marks = ",;。!?()\n"
    # where no token can start, one class test instead of every alternative (3x faster)
    starts = re.escape("".join(sorted({w[0] for w in words} | set(marks) | set("0123456789"))))
    tail = f"|(?P<word>{lexemes})" if lexemes else ""
    pattern = re.compile(f"(?=[{starts}])(?:{number}{unit}{tail}|(?P<mark>[{re.escape(marks)}]))")
    return Lexicon(pattern, words, units)


_LEXICONS: dict[int, tuple[Grammar, Lexicon]] = {}


def lexicon(grammar: Grammar) -> Lexicon:
    """The grammar's compiled lexicon (kept for the grammar object's lifetime)."""
    held = _LEXICONS.get(id(grammar))
    if held is None or held[0] is not grammar:
        held = _LEXICONS[id(grammar)] = (grammar, _compile(grammar))
    return held[1]


def _joins(text: str, at: int) -> bool:
    """Whether the line break at ``at`` only wraps a long line (OCR, a PDF's lines): the
    line before it is long and not ended by punctuation, and the next line does not
    start an item."""
    line_start = text.rfind("\n", 0, at) + 1
    line = text[line_start:at].rstrip()
    if len(line) < _WRAPPED_LINE or line[-1] in _LINE_END_PUNCT:
        return False
    return _ITEM_START.match(text, at + 1) is None and at + 1 < len(text)


def unwrap(text: str) -> tuple[str, list[int]]:
    """``text`` with the line breaks that only wrap a line (``_joins``) taken out, and
    for each break taken out where it stood in the result (so that a position ``j`` of
    the result is ``j + bisect_right(removed, j)`` in ``text``): a term or figure broken
    by a wrapped line ("转下一\n年度") reads whole."""
    removed: list[int] = []
    pieces: list[str] = []
    at = 0
    for match in _BREAK.finditer(text):
        i = match.start()
        if _joins(text, i):
            pieces.append(text[at:i])
            removed.append(i - len(removed))
            at = i + 1
    if not removed:
        return text, removed
    pieces.append(text[at:])
    return "".join(pieces), removed


def _number(text: str) -> tuple[Decimal | None, int]:
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None, 0
    _, _, fraction = text.partition(".")
    return value, len(fraction)


def tokens(text: str, grammar: Grammar) -> list[Token]:
    """The tokens of ``text`` (folded, without spaces), in order; positions are in
    ``text``."""
    lex = lexicon(grammar)
    joined, removed = unwrap(text)
    out: list[Token] = []
    add, words, units = out.append, lex.words, lex.units
    new = tuple.__new__  # a Token of all its fields at once (its keyword form costs more)
    for match in lex.pattern.finditer(joined):
        at = start = match.start()
        end = match.end()
        if removed:  # back to positions in ``text``
            start = start + bisect.bisect_right(removed, start)
            end = end - 1 + bisect.bisect_right(removed, end - 1) + 1
        group = match.lastgroup  # num (or unit after it), word or mark: the one that matched
        if group == "num" or group == "unit":
            before = joined[at - 1] if at else ""
            if before.isdigit() or before == ".":
                continue  # the tail of a longer figure the pattern could not take whole
            value, decimals = _number(match["num"])
            unit_text = match["unit"] or ""
            add(
                new(
                    Token,
                    (
                        Kind.NUMBER,
                        start,
                        end,
                        match[0],
                        "",
                        value,
                        units.get(unit_text),
                        unit_text == "%",
                        decimals,
                    ),
                )
            )
        elif group == "word":
            kind, role = words[match["word"]]
            add(new(Token, (kind, start, end, match[0], role, None, None, False, 0)))
        else:
            mark = match["mark"]
            if mark == "\n" or mark in SENTENCE_END:
                kind, role = Kind.SENTENCE, ""
            elif mark in CLAUSE_END:
                kind, role = Kind.CLAUSE, mark
            else:
                kind, role = (Kind.OPEN if mark == "(" else Kind.CLOSE), ""
            add(new(Token, (kind, start, end, mark, role, None, None, False, 0)))
    return out
