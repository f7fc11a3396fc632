"""A TOML or JSON text looked over before it is parsed: its nesting depth and its numbers.

``tomllib`` and ``json`` parse nested arrays and tables by recursion, and convert an
integer of any length: ten thousand ``[`` end in a ``RecursionError``, a number of 5,000
digits in a ``ValueError`` (Python converts at most 4,300). One pass of a tokenizer that
skips strings and comments finds both first, in linear time, and names the line.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from gik_rules.ingest.limits import LimitExceeded, active
from gik_rules.rules.finding import Location

# Strings and comments are skipped whole (brackets and digits in them do not count);
# TOML's multi-line strings first, then the one-line strings of TOML and JSON.
_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''[\s\S]*?'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*"
    r"|[\[{]|[\]}]"
    r"|(?<![A-Za-z0-9_])[0-9][0-9_]*"
)


def check_nesting(text: str) -> None:
    """``LimitExceeded`` (with the line) for nesting deeper than ``Limits.depth`` or a
    number of more digits than ``Limits.digits``."""
    limits = active()
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match[0]
        first = token[0]
        if first in "[{":
            depth += 1
            if depth > limits.depth:
                raise LimitExceeded("depth", depth, limits.depth, _line(text, match.start()))
        elif first in "]}":
            depth -= 1
        elif first.isdigit():
            digits = len(token) - token.count("_")
            if digits > limits.digits:
                raise LimitExceeded("digits", digits, limits.digits, _line(text, match.start()))


def loads_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads`` of a configuration, ruleset, manifest or baseline; what is past
    a limit is a ``TOMLDecodeError`` as any other fault of the file (naming its line)."""
    try:
        check_nesting(text)
    except LimitExceeded as exc:
        raise tomllib.TOMLDecodeError(f"{exc} (at line {exc.location.line})") from None
    return tomllib.loads(text)


def _line(text: str, offset: int) -> Location:
    return Location(line=text.count("\n", 0, offset) + 1)
