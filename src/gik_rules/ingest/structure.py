"""Finding the title block, the metadata and the six sections among a document's paragraphs."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence

from gik_rules.forms.labels import fold
from gik_rules.forms.numerals import cn_number
from gik_rules.ingest import metadata
from gik_rules.ingest.metadata import title_parts, words
from gik_rules.model import OrganLevel
from gik_rules.textnorm import Folded, normalise, normalise_each, normalise_once

_HEADING = re.compile(r"^\s*([一二三四五六])\s*[、.．,，]\s*(\S.*?)\s*$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def heading_of(text: str) -> tuple[int, str] | None:
    """``(number, title)`` when a line has the shape of a top-level heading (``五、存在的…``).
    The shape only: which such lines are sections, and which are table rows ("一、本年新收…"),
    is told with the form data (``ingest.stream.headings``)."""
    folded = normalise(text).text.strip()
    match = _HEADING.match(folded)
    if not match:
        return None
    title = match.group(2)
    if len(title) > 40 or "。" in title:
        return None
    if title.startswith(("是", "要", "在")):  # 一是…, 二要… are enumerations, not headings
        return None
    return cn_number(match.group(1)) or 0, title


def is_title(text: str) -> bool:
    """Whether a paragraph can be a report's title (short, naming the report)."""
    t = words()["title"]
    folded = fold(text)
    return (
        len(folded) <= t["max_length"]
        and any(e in folded for e in t["endings"])
        and any(s in folded for s in t["subject"])
    )


def year_of(text: str) -> int | None:
    """The first year ("2024年") named in ``text``."""
    match = _YEAR.search(normalise(text).text)
    return int(match.group(1)) if match else None


def organ_from_title(title: str) -> str:
    """The organ a one-line title names (``淮安市人民政府2024年…``), "" if none."""
    parts = title_parts(title)
    return fold(parts[0]) if parts else ""


#: the organ name normalised last: a report's level and region are read from its name in
#: turn, and a cache of every name would hold a national dataset's hundred thousand
_name = functools.lru_cache(maxsize=1)(normalise_once)


def level_of(organ: str) -> OrganLevel:
    """The organ's kind from its name (an informed guess; datasets may state it)."""
    return _level_of_name(_name(organ))


def region_of(organ: str) -> str:
    """The place named at the start of an organ's name (``淮安市洪泽区``), as printed."""
    printed = "".join(organ.split())
    return _region_of_name(printed, _name(printed))


def levels_and_regions(organs: Sequence[str]) -> list[tuple[OrganLevel, str]]:
    """``(level_of(organ), region_of(organ))`` of each of ``organs`` (a dataset chunk's
    names, each met about once), the names normalised together (``normalise_each``)."""
    printed = ["".join(organ.split()) for organ in organs]
    return [
        (_level_of_name(name if plain == organ else _name(organ)), _region_of_name(plain, name))
        for organ, plain, name in zip(organs, printed, normalise_each(printed), strict=True)
    ]


def _level_of_name(folded: Folded) -> OrganLevel:
    name = "".join(folded.text.split())  # traditional characters too (鄉人民政府)
    if not name:
        return OrganLevel.UNKNOWN
    township, government = _level_patterns()
    if township.search(name):
        return OrganLevel.TOWNSHIP
    if government.search(name):
        return OrganLevel.GOVERNMENT
    return OrganLevel.DEPARTMENT


@functools.cache
def _level_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``metadata.toml``'s township and government patterns, each level's compiled once
    as one alternative (a dataset asks for the level of each of its rows' organs)."""
    levels = words()["level"]
    township, government = (
        "|".join(f"(?:{p})" for p in levels[k]) for k in ("township", "government")
    )
    return re.compile(township), re.compile(government)


@functools.cache
def _region_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    places = words()["region"]
    return re.compile(places["first"]), re.compile(places["more"]), re.compile(places["not_more"])


def _region_of_name(printed: str, folded: Folded) -> str:
    first, more_places, not_more = _region_patterns()
    name = folded.text
    match = first.match(name)
    if not match:
        return ""
    end = match.end(1)
    # Keep going while the next part is a smaller place (市 → 区/县).
    rest = name[end:]
    more = more_places.match(rest)
    if more and not not_more.match(rest):
        end += more.end(1)
    return printed[: folded.source_index(end)]


def date_of(text: str) -> dt.date | None:
    """A paragraph that is only a date (the signature date of a report)."""
    return metadata.date_of(text)
