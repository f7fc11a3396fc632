"""The six section headings of a report, at the start of a line or inside running text.

A heading is a numeral 一 to 六 with its comma (一、) and a title. At the start of a line
any short title counts (reports reword their titles: the rules judge the wording), except
the labels of the form's table rows ("一、本年新收…" is a row, not a section). Inside
running text (a report saved on one line) only the form's own section titles and their
variants count, near matches included (a typo such as "行政法复议").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs

from gik_rules.forms.labels import normalise_label
from gik_rules.forms.numerals import cn_number
from gik_rules.forms.variant import FormVariant
from gik_rules.ingest.stream.keyview import key_view
from gik_rules.textnorm import normalise

_LINE_HEADING = re.compile(r"^[ \t#*]*([一二三四五六])\s*[、.,，]\s*(\S[^\n]*?)\s*$", re.M)
_INLINE_NUMERAL = re.compile(r"([一二三四五六])\s*[、.,，]\s*")
_CELL_END = re.compile(r"[|\t]")  # a heading in a table's first cell ends at its cell
#: How alike an inline title must be to a section title of the form (rapidfuzz ratio).
NEAR_TITLE = 88.0


@attrs.frozen(slots=True)
class Heading:
    number: int
    title: str
    start: int  # folded index of the numeral
    end: int  # folded index just after the title
    near: bool = False  # matched a section title only nearly


@attrs.frozen(slots=True)
class _Titles:
    by_number: Mapping[int, tuple[str, ...]]  # folded keys of each section's titles
    row_keys: frozenset[str]
    long_rows: tuple[str, ...]  # the row keys of four characters or more
    #: per number, how far into the text after its numeral a title can reach: its
    #: longest key, and one more character a near match may take
    reach: Mapping[int, int]


def _titles(variants: Iterable[FormVariant]) -> _Titles:
    by_number: dict[int, list[str]] = {}
    rows: set[str] = set()
    for variant in variants:
        for section in variant.sections:
            keys = by_number.setdefault(section.number, [])
            for key in section.keys:
                if key not in keys:
                    keys.append(key)
        for table in variant.tables:
            for block in table.blocks:
                for row in block.rows:
                    rows.update(row.keys)
                    if row.group:
                        rows.add(normalise_label(row.group))
    long_rows = tuple(sorted(r for r in rows if len(r) >= 4))
    reach = {n: max(map(len, keys), default=0) + 1 for n, keys in by_number.items()}
    return _Titles({n: tuple(k) for n, k in by_number.items()}, frozenset(rows), long_rows, reach)


_TITLES: dict[tuple[int, ...], _Titles] = {}


def _titles_of(variants: Mapping[str, FormVariant]) -> _Titles:
    key = tuple(id(v) for v in variants.values())
    if key not in _TITLES:
        _TITLES[key] = _titles(variants.values())
    return _TITLES[key]


def _is_title(title: str, titles: _Titles) -> bool:
    key = normalise_label(title)
    return not (
        len(title) > 40
        or "。" in title
        or not key
        or key in titles.row_keys
        or key.startswith(titles.long_rows)
        or title.startswith(("是", "要", "在"))  # 一是…, 二要…: enumerations
    )


def paragraph_heading(text: str, variants: Mapping[str, FormVariant]) -> tuple[int, str] | None:
    """``(number, title)`` when a whole paragraph is a section heading (``五、存在的…``)."""
    match = _LINE_HEADING.match(fold_width(text).strip())
    if not match or "\n" in match.group(0):
        return None
    title = match.group(2)
    if not _is_title(title, _titles_of(variants)):
        return None
    return cn_number(match.group(1)) or 0, title


def find_headings(text: str, variants: Mapping[str, FormVariant]) -> list[Heading]:
    """The section headings of a folded text, in order."""
    titles = _titles_of(variants)
    found: dict[int, Heading] = {}
    for match in _LINE_HEADING.finditer(text):
        title = _CELL_END.split(match.group(2), 1)[0].strip()
        if not _is_title(title, titles):
            continue
        number = cn_number(match.group(1)) or 0
        found[match.start(1)] = Heading(number, title, match.start(1), match.end(2))
    # A numeral inside a heading found already is that heading's own: it is not looked
    # at again (the inline headings are yielded one by one, each taken as it comes).
    taken = [(h.start, h.end) for h in found.values()]
    for heading in _inline(text, titles, taken):
        found[heading.start] = heading
        taken.append((heading.start, heading.end))
    return [found[k] for k in sorted(found)]


def _inline(text: str, titles: _Titles, taken: Sequence[tuple[int, int]]) -> Iterator[Heading]:
    """Headings inside running text: a numeral followed by one of the form's titles,
    outside the folded ranges ``taken``."""
    view = key_view(text)
    for match in _INLINE_NUMERAL.finditer(text):
        at = match.start(1)
        if any(start <= at < end for start, end in taken):
            continue
        number = cn_number(match.group(1)) or 0
        keys = titles.by_number.get(number, ())
        if not keys:
            continue
        after = match.end()
        # The next 60 characters as a label key (white space and punctuation dropped).
        first, last = view.range(after, after + 60)
        compact = view.text[first:last]
        best = _best_title(compact[: titles.reach[number]], keys)
        if best is None:
            continue
        size = min(best[1], len(compact))
        end = view.at(first + size - 1) + 1 if size else after
        yield Heading(number, text[after:end], at, end, near=best[0] < 100.0)


@functools.lru_cache(maxsize=4096)  # the same row labels follow numerals in every report
def _best_title(compact: str, keys: tuple[str, ...]) -> tuple[float, int] | None:
    """``(score, length)`` of the title ``compact`` starts with: the first key it starts
    with, else the nearest (rapidfuzz ratio) of at least ``NEAR_TITLE``. Only the first
    characters of ``compact`` that a key or a near match can reach count (``_Titles.reach``)."""
    for key in keys:
        if compact.startswith(key):
            return 100.0, len(key)
    from rapidfuzz import fuzz  # here: a report whose titles all match never needs it

    best: tuple[float, int] | None = None
    for key in keys:
        if len(compact) >= len(key) - 2:
            for size in (len(key) - 1, len(key), len(key) + 1):
                score = fuzz.ratio(compact[:size], key, score_cutoff=NEAR_TITLE)
                if score >= NEAR_TITLE and (best is None or score > best[0]):
                    best = (score, size)
    return best


def fold_width(text: str) -> str:
    """The folded text with its white space kept."""
    return normalise(text).text
