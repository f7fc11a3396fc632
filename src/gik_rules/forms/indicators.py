"""An indicator as data: which cells make it, from the form variant's TOML.

A plugin declares its indicators beside its tables (``[[indicators]]`` of a variant
file); the core computes them (``indicators.compute``) knowing no cell of its own::

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

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

KINDS = ("ratio", "change")
_KEYS = frozenset({"id", "name", "name_en", "kind", "numerator", "denominator"})


class IndicatorError(ValueError):
    """An ``[[indicators]]`` entry that is not valid."""


@attrs.frozen(slots=True)
class Indicator:
    id: str
    name: str
    name_en: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...] = ()
    kind: str = "ratio"

    @property
    def cells(self) -> tuple[str, ...]:
        return self.numerator + self.denominator


def _cells(raw: Any, key: str, where: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(c, str) and c for c in raw):
        raise IndicatorError(f"{where}: {key} must be a list of cell ids")
    return tuple(raw)


def indicator_from_dict(raw: Mapping[str, Any], where: str) -> Indicator:
    """One ``[[indicators]]`` table; unknown keys and wrong types are errors."""
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise IndicatorError(f"{where}: unknown keys {', '.join(unknown)}")
    for key in ("id", "name", "name_en"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise IndicatorError(f"{where}: {key} must be a non-empty string")
    kind = raw.get("kind", "ratio")
    if kind not in KINDS:
        raise IndicatorError(f"{where}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    numerator = _cells(raw.get("numerator"), "numerator", where)
    denominator = _cells(raw.get("denominator", []), "denominator", where)
    if (kind == "ratio") != bool(denominator):
        raise IndicatorError(f"{where}: a ratio needs a denominator, a change has none")
    return Indicator(raw["id"], raw["name"], raw["name_en"], numerator, denominator, kind)


def indicators_from_list(
    raw: Iterable[Mapping[str, Any]], cells: Iterable[str], where: str
) -> tuple[Indicator, ...]:
    """A variant's indicators; each must name only the variant's ``cells``."""
    known = set(cells)
    out: list[Indicator] = []
    for i, entry in enumerate(raw):
        if not isinstance(entry, Mapping):
            raise IndicatorError(f"{where}: indicator {i + 1} is not a table")
        indicator = indicator_from_dict(entry, f"{where}: indicator {entry.get('id', i + 1)}")
        missing = sorted(set(indicator.cells) - known)
        if missing:
            raise IndicatorError(f"{where}: indicator {indicator.id} names unknown cells {missing}")
        if indicator.id in {x.id for x in out}:
            raise IndicatorError(f"{where}: indicator {indicator.id} declared twice")
        out.append(indicator)
    return tuple(out)
