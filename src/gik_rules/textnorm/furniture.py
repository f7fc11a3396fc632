"""Page furniture: the lines pages, archives and flipbooks print around a report.

The words are data (``furniture.toml``); lines are judged in their folded form, so
traditional and full-width furniture (``標題：``) is furniture too.
"""

from __future__ import annotations

import functools
import re

import attrs

from gik_rules import package_data
from gik_rules.textnorm.fold import fold, normalise


@attrs.frozen(slots=True)
class _Furniture:
    field: re.Pattern[str]  # a field word at the start, then its separator
    controls: frozenset[str]
    sizes: frozenset[str]
    split: re.Pattern[str]  # what separates toolbar words
    bullets: frozenset[str]
    lines: re.Pattern[str]


@functools.cache
def _load() -> _Furniture:
    data = package_data.read_toml("gik_rules.textnorm", "furniture.toml")
    # Entries are folded as the lines they are compared with are.
    fields = sorted({fold(w) for w in data["fields"]}, key=len, reverse=True)
    bullets = normalise(data["bullets"]).text
    separators = normalise(data["separators"]).text
    lead = "[" + re.escape(bullets + normalise(data["openers"]).text) + r"\s]*"
    return _Furniture(
        field=re.compile(lead + "(?:" + "|".join(map(re.escape, fields)) + r")\s*(?:[:|]\s*|$)"),
        controls=frozenset(fold(w) for w in data["controls"]),
        sizes=frozenset(fold(w) for w in data["sizes"]),
        split=re.compile("[" + re.escape(bullets + separators) + r"\s]+"),
        bullets=frozenset(bullets),
        lines=re.compile("|".join(f"(?:{p})" for p in data["patterns"]), re.IGNORECASE),
    )


@functools.lru_cache(maxsize=8192)
def is_furniture(line: str) -> bool:
    """Whether ``line`` is page furniture (a metadata field, toolbar, page marker,
    divider or bullet), not report text. A blank line is not furniture."""
    text = normalise(line).text.strip()
    if not text:
        return False
    furniture = _load()
    if furniture.field.match(text) or furniture.lines.match(text):
        return True
    words = [w for w in furniture.split.split(text) if w]
    if not words:  # only separators: furniture when a bullet is among them
        return any(ch in furniture.bullets for ch in text)
    return all(w in furniture.controls or w in furniture.sizes for w in words) and any(
        w in furniture.controls for w in words
    )


def strip_label_prefix(line: str) -> str:
    """``line`` without a leading field label: ``"标题: X"`` and ``"名称 | X"`` give ``"X"``
    (as printed); a line without one is returned stripped."""
    folded = normalise(line)
    match = _load().field.match(folded.text)
    if not match:
        return line.strip()
    return line[folded.source_index(match.end()) :].strip()
