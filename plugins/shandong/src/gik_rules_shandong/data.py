"""The plugin's data files (``data/*.toml``): deadlines, 要点 numbers, notice title, bases.

Each file is structured by gik-rules' strict converter into the classes below: a typo in a
key or a value of the wrong type stops the plugin from loading with the file and key named,
instead of a rule quietly reading nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import attrs

from gik_rules import data_cache, package_data
from gik_rules.rules import Param, ParamType, RuleDataError

if TYPE_CHECKING:
    import cattrs

_MONTH_DAY = Param("deadline", "01-31", type=ParamType.MONTH_DAY)


def _month_day(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    _MONTH_DAY.check(value)  # a ParamError (a ValueError) names what was expected


@attrs.frozen(slots=True)
class Deadline:
    """When reports of one organ level are published (month-day of the next year)."""

    deadline: str = attrs.field(validator=_month_day)
    confidence: Literal["confident", "unconfirmed"]
    source: str
    #: the param of the national rule published-late this date replaces, if any
    national_param: str | None = None
    county_level_cities: tuple[str, ...] = ()


@attrs.frozen(slots=True)
class Outdated:
    names: tuple[str, ...]
    decrees: tuple[str, ...]
    title: str


@attrs.frozen(slots=True)
class Ordinance:
    names: tuple[str, ...]


@attrs.frozen(slots=True)
class Basis:
    outdated: Outdated
    ordinance: Ordinance


@attrs.frozen(slots=True)
class Notice:
    title: str  # with {year} for the report year
    confirmed_years: tuple[int, ...]
    source: str
    issuers: tuple[str, ...]


@attrs.frozen(slots=True)
class Yaodian:
    number: str
    source: str
    issued: dt.date | None = None


@attrs.frozen(slots=True)
class YaodianFile:
    years: Mapping[str, Yaodian]


@functools.cache  # built when a data file is first read
def _converter() -> cattrs.Converter:
    from gik_rules import strict  # with cattrs: only when a file is parsed

    conv = strict.converter()
    for cls in (Deadline, Outdated, Ordinance, Basis, Notice, Yaodian, YaodianFile):
        strict.register(conv, cls)
    return conv


def _parse(where: Path, cls: Any, text: str) -> Any:
    from gik_rules import strict

    return strict.load(_converter(), where, cls, RuleDataError, text=text)


def _load(name: str, cls: Any) -> Any:
    """``data/<name>.toml`` structured as ``cls``."""
    resource = package_data.files("gik_rules_shandong").joinpath("data", f"{name}.toml")
    where = Path("gik_rules_shandong", "data", f"{name}.toml")
    text = resource.read_text(encoding="utf-8")
    # the converter is made only when a file is parsed; the classes are this module's,
    # so its package's code is part of the key
    return data_cache.cached(
        f"{where} as {cls}",
        text,
        lambda: _parse(where, cls, text),
        code=["gik_rules_shandong"],
    )


@functools.cache
def deadlines() -> Mapping[str, Deadline]:
    """The publication deadlines by organ level (``data/deadlines.toml``)."""
    return cast(Mapping[str, Deadline], _load("deadlines", Mapping[str, Deadline]))


@functools.cache
def basis() -> Basis:
    """What reports cite as their basis (``data/basis.toml``)."""
    return cast(Basis, _load("basis", Basis))


@functools.cache
def notice() -> Notice:
    """The provincial notice on compiling the reports (``data/notice.toml``)."""
    return cast(Notice, _load("notice", Notice))


def month_day(year: int, text: str) -> dt.date:
    """``"01-31"`` in ``year``."""
    month, day = (int(x) for x in text.split("-"))
    return dt.date(year, month, day)


@functools.cache
def yaodian_numbers() -> dict[int, str]:
    """The document number of each year's 山东省政务公开工作要点 that is known."""
    years = cast(YaodianFile, _load("yaodian", YaodianFile))
    return {int(year): entry.number for year, entry in years.years.items()}


def notice_title(year: int) -> str:
    """The title of the provincial notice on compiling the reports on ``year``."""
    return notice().title.format(year=year)
