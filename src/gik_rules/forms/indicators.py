"""An indicator as data: which cells make it, from the form variant's TOML.

A plugin declares its indicators beside its tables (``[[indicators]]`` of a variant
file, read by the strict converter with the rest of the file); the core computes them
(``indicators.compute``) knowing no cell of its own::

    [[indicators]]
    id = "open_rate"
    name = "公开率"
    name_en = "disclosure rate"
    numerator = ["t3.open.tot", "t3.partial.tot"]
    denominator = ["t3.total.tot"]

``kind = "ratio"`` (the default) is numerator / denominator; ``kind = "change"`` is the
change of the numerator against the same organ's report of the year before, as a share
of last year's figure (it has no denominator).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import attrs


class IndicatorError(ValueError):
    """An ``[[indicators]]`` entry that does not fit its variant."""


@attrs.frozen(slots=True)
class Indicator:
    id: str
    name: str
    name_en: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...] = ()
    kind: Literal["ratio", "change"] = "ratio"

    @property
    def cells(self) -> tuple[str, ...]:
        return self.numerator + self.denominator


def check_indicators(indicators: Iterable[Indicator], cells: Iterable[str]) -> None:
    """``IndicatorError`` unless every indicator names only ``cells``, a ratio has a
    denominator and a change none, and no id is declared twice."""
    known = set(cells)
    seen: set[str] = set()
    for indicator in indicators:
        where = f"indicator {indicator.id}"
        if indicator.id in seen:
            raise IndicatorError(f"{where}: declared twice")
        seen.add(indicator.id)
        if not indicator.numerator:
            raise IndicatorError(f"{where}: numerator names no cell")
        if (indicator.kind == "ratio") != bool(indicator.denominator):
            raise IndicatorError(f"{where}: a ratio needs a denominator, a change has none")
        missing = sorted(set(indicator.cells) - known)
        if missing:
            raise IndicatorError(f"{where}: names unknown cells {', '.join(missing)}")
