"""Folding text for matching, with a map back to the printed characters."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence

import attrs

from gik_rules.textnorm import injected

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ\u0300\u0301\u0304\u030c"
# A pinyin gloss printed after a character by some mirrors: 數(shù)量, 総(zǒng). Matched on
# the folded text (brackets already ASCII). A tone mark is required so that an ordinary
# bracketed word after a character (平台(app), 附件(pdf)) is never taken for one.
# The bracket comes first (a literal the regex engine searches for quickly), the
# character before it is looked behind at.
_SYLLABLE = rf"(?=[a-zü]*[{_TONED}])[a-zü{_TONED}ɑɡ]{{1,8}}\)"  # after its "("


@functools.cache  # compiled for the first text with a tone mark (a CJK range: milliseconds)
def _gloss() -> re.Pattern[str]:
    return re.compile(rf"\((?<=[\u3400-\u9fff]\(){_SYLLABLE}(?:\({_SYLLABLE})*")


# Documents this long or shorter (labels, cells, lines) are cached in bulk: they repeat.
_SHORT = 512


class _CharTable(dict[int, str]):
    """Code point → its own NFKC form ('' for zero-width characters), filled as met.

    ``str.translate`` looks characters up here in C; folding one character at a time
    (never across characters, as NFKC of a whole string would) keeps the map exact.
    """

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        value = "" if ch in _ZERO_WIDTH else unicodedata.normalize("NFKC", ch)
        self[code] = value
        return value


_TABLE = _CharTable()


@functools.cache
def _may_fold() -> re.Pattern[str]:
    # ASCII and the CJK ideographs, most of a report, are their own fold. (Compiled when
    # first needed: a class of these ranges takes the regex compiler some milliseconds.)
    return re.compile(r"[^\x00-\x7f\u3400-\u4dbf\u4e00-\u9fff]")


def _fold_chars(text: str) -> tuple[str, list[str]]:
    """``text.translate(_TABLE)``, and the characters of ``text`` whose fold is not
    themselves. A long text's characters that may fold are found by a regex (those of a
    report are few) and each is replaced throughout at once, in C. (A fold is NFKC, in
    which no such character occurs: the replacements are independent of each other.)"""
    if len(text) <= _SHORT:
        folded = text.translate(_TABLE)
        if folded == text:
            return folded, []
        return folded, [ch for ch in set(text) if _TABLE[ord(ch)] != ch]
    odd = [ch for ch in set(_may_fold().findall(text)) if _TABLE[ord(ch)] != ch]
    folded = text
    for ch in odd:
        folded = folded.replace(ch, _TABLE[ord(ch)])
    return folded, odd


@functools.lru_cache(maxsize=1)
def _converter() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional characters converted to simplified ones (OpenCC ``t2s``)."""
    if text.isascii():
        return text
    return str(_converter().convert(text))  # type: ignore[attr-defined]


@functools.lru_cache(maxsize=8192)
def _simplified_char(ch: str) -> str:
    converted = to_simplified(ch)
    return converted if len(converted) == 1 else ch


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
        return self.origin[max(i, 0)]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The printed ``(start, end)`` of the folded span ``start:end``."""
        if end <= start:
            at = self.source_index(start)
            return at, at
        return self.source_index(start), self.source_index(end - 1) + 1


def normalise(text: str) -> Folded:
    """The folded form of ``text``, white space kept (it separates figures).

    Each character is width folded (NFKC) on its own, zero-width characters are dropped,
    traditional characters become simplified ones (OpenCC ``t2s``), and pinyin glosses
    and text injected by mirror sites (``injected.toml``) are dropped.
    """
    if len(text) <= _SHORT:
        return _normalise_short(text)
    return _normalise_long(text)


def _normalise(text: str) -> Folded:
    folded, odd = _fold_chars(text)
    # NFKC never folds a character to nothing, so a fold is one to one unless it drops a
    # zero-width character or lengthens the text (① stays one, ㈠ becomes three).
    uneven = [ch for ch in odd if len(_TABLE[ord(ch)]) != 1]
    origin = _origin(text, uneven) if uneven else None
    simplified = to_simplified(folded)
    if len(simplified) != len(folded):
        # A phrase conversion changed the length: convert character by character so that
        # the map stays exact (matching needs characters, not phrases).
        simplified = "".join(_simplified_char(ch) for ch in folded)
    drop = _drops(simplified)
    if origin is None:
        if not drop:
            return Folded(simplified, _identity(len(text)), len(text))
        origin = list(_identity(len(text)))
    if drop:
        simplified, origin = _cut(simplified, origin, drop)
    return Folded(simplified, tuple(origin), len(text))


_normalise_short = functools.lru_cache(maxsize=32768)(_normalise)
# Whole documents: several readers and rules fold the same one in turn.
_normalise_long = functools.lru_cache(maxsize=8)(_normalise)
_IDENTITY: tuple[int, ...] = ()


def _identity(n: int) -> tuple[int, ...]:
    """``tuple(range(n))``, sliced from a shared one: slicing reuses the int objects,
    making them anew costs more than the rest of a document's fold."""
    global _IDENTITY
    if n > len(_IDENTITY):
        _IDENTITY = tuple(range(max(n, 2 * len(_IDENTITY))))
    return _IDENTITY[:n]


def _origin(text: str, uneven: Iterable[str]) -> list[int]:
    """The printed index of each folded character, found at the few characters whose
    fold is not one character (``uneven``); the runs between them map one to one."""
    odd = "".join(uneven)
    origin: list[int] = []
    at = 0
    for match in re.finditer("[" + re.escape(odd) + "]", text):
        i = match.start()
        origin.extend(range(at, i))
        origin.extend([i] * len(_TABLE[ord(text[i])]))
        at = i + 1
    origin.extend(range(at, len(text)))
    return origin


def _drops(text: str) -> list[tuple[int, int]]:
    """The folded spans to drop: pinyin glosses and injected text, in order, merged."""
    spans: list[tuple[int, int]] = []
    if "(" in text and any(mark in text for mark in _TONED):  # a gloss has one
        spans.extend(m.span() for m in _gloss().finditer(text))
    spans.extend(injected.spans(text))
    if len(spans) < 2:
        return spans
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _cut(text: str, origin: list[int], spans: Iterable[tuple[int, int]]) -> tuple[str, list[int]]:
    pieces: list[str] = []
    kept: list[int] = []
    at = 0
    for start, end in spans:
        pieces.append(text[at:start])
        kept.extend(origin[at:start])
        at = end
    pieces.append(text[at:])
    kept.extend(origin[at:])
    return "".join(pieces), kept


def fold(text: str) -> str:
    """The folded form without white space: the key labels and names are compared by."""
    if len(text) <= _SHORT:
        return _fold_short(text)
    # A whole document: its normalise() is cached already; keeping every document's
    # fold too would grow without bound over a batch of thousands of reports.
    return _fold(text)


def _fold(text: str) -> str:
    return "".join(normalise(text).text.split())


def normalise_once(text: str) -> Folded:
    """``normalise`` of a text met about once in a run (a report's organ name), not kept
    in the caches of labels: a national dataset's hundred thousand names would fill them
    (some 20 MB) and push the labels out."""
    return _normalise(text)


def normalise_each(texts: Sequence[str]) -> list[Folded]:
    """``normalise_once`` of each of ``texts`` (short one-line texts: a dataset chunk's
    organ names), worked out on them joined by line breaks: one fold, one conversion and
    one look for text to drop for them all. A text whose fold or conversion changes its
    length, and all of them when the joined text has something to drop (a run of injected
    text may join two), are normalised on their own."""
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:  # a text with a line break of its own
        return [_normalise(t) for t in texts]
    folded, odd = _fold_chars(joined)
    simplified = to_simplified(folded)
    if _drops(simplified):
        return [_normalise(t) for t in texts]
    uneven = any(len(_TABLE[ord(ch)]) != 1 for ch in odd)
    parts = simplified.split("\n") if len(simplified) == len(folded) else ()
    if len(parts) != len(texts):
        return [_normalise(t) for t in texts]
    return [
        _normalise(t) if uneven or len(part) != len(t) else Folded(part, _identity(len(t)), len(t))
        for t, part in zip(texts, parts, strict=True)
    ]


_fold_short = functools.lru_cache(maxsize=65536)(_fold)
