"""Rule params: each declares its type, and every value a ruleset or plugin gives is
checked against it when the ruleset is loaded.

A value of the wrong type must never reach a check: a deadline of ``5`` or
``"garbage"`` would otherwise switch the deadline rule off, and a report published late
would pass as ``ok``.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import Any

import attrs

from gik_rules.datafile import found


class ParamError(ValueError):
    """A param value that does not fit its declared type; the message says what does."""


class ParamType(enum.Enum):
    STRING = "string"
    STRINGS = "strings"  # a list of strings
    INTEGER = "integer"
    NUMBER = "number"  # an integer or a decimal fraction
    BOOLEAN = "boolean"
    MONTH_DAY = "month-day"  # "MM-DD": a day of any year (29 February is not one)

    @classmethod
    def of(cls, value: Any) -> ParamType:
        """The type a default value shows (for params built in Python without one)."""
        if isinstance(value, bool):
            return cls.BOOLEAN
        if isinstance(value, int):
            return cls.INTEGER
        if isinstance(value, float):
            return cls.NUMBER
        if isinstance(value, list | tuple):
            return cls.STRINGS
        return cls.STRING


_MONTH_DAY = re.compile(r"(\d{2})-(\d{2})")
_DESCRIBE = {
    ParamType.STRING: "a string",
    ParamType.STRINGS: "a list of strings",
    ParamType.INTEGER: "an integer",
    ParamType.NUMBER: "a number",
    ParamType.BOOLEAN: "true or false",
    ParamType.MONTH_DAY: 'a month and day such as "01-31"',
}


def _month_day(value: str) -> bool:
    match = _MONTH_DAY.fullmatch(value)
    if match is None:
        return False
    try:
        dt.date(2001, int(match.group(1)), int(match.group(2)))  # 2001: not a leap year
    except ValueError:
        return False
    return True


def _fits(kind: ParamType, value: Any) -> bool:
    if kind is ParamType.BOOLEAN:
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if kind is ParamType.INTEGER:
        return isinstance(value, int)
    if kind is ParamType.NUMBER:
        return isinstance(value, int | float)
    if kind is ParamType.STRINGS:
        return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
    if kind is ParamType.MONTH_DAY:
        return isinstance(value, str) and _month_day(value)
    return isinstance(value, str)


@attrs.frozen(slots=True)
class Param:
    """A param of a rule: its name, default, type and the values it allows.

    ``optional``: the empty string is also allowed, meaning "not set" (TOML has no null).
    ``choices``: the only strings allowed. ``minimum``/``maximum``: bounds of a number.
    """

    name: str
    default: Any
    description: str = ""
    type: ParamType = attrs.field()
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    optional: bool = False

    @type.default
    def _type(self) -> ParamType:
        return ParamType.of(self.default)

    def describe(self) -> str:
        """What a value must be, as error messages and the docs say it."""
        if self.choices:
            text = "one of " + ", ".join(repr(c) for c in self.choices)
        else:
            text = _DESCRIBE[self.type]
        if self.minimum is not None and self.maximum is not None:
            text += f" from {self.minimum:g} to {self.maximum:g}"
        elif self.minimum is not None:
            text += f" of at least {self.minimum:g}"
        elif self.maximum is not None:
            text += f" of at most {self.maximum:g}"
        if self.optional:
            text += ', or "" (not set)'
        return text

    def check(self, value: Any) -> Any:
        """``value`` as the check receives it (a list as a tuple); ``ParamError`` if it
        does not fit."""
        if self.optional and value == "":
            return value
        ok = _fits(self.type, value)
        if ok and self.choices:
            ok = value in self.choices
        if ok and self.type in (ParamType.INTEGER, ParamType.NUMBER):
            ok = (self.minimum is None or value >= self.minimum) and (
                self.maximum is None or value <= self.maximum
            )
        if not ok:
            raise ParamError(f"expected {self.describe()}, not {found(value)}")
        return tuple(value) if self.type is ParamType.STRINGS else value
