"""A TOML or JSON text looked over before it is parsed: its nesting depth and its numbers.

``tomllib`` and ``json`` parse nested arrays and tables by recursion, and convert an
integer of any length: ten thousand ``[`` end in a ``RecursionError``, a number of 5,000
digits in a ``ValueError`` (Python converts at most 4,300). One pass of a tokenizer that
skips strings and comments finds both first, in linear time, and names the line.

That pass is made in Python only for a text that may be past a limit: a text whose every
run of digits is short enough, and whose brackets (the tokenizer's, in C) pair off in
few enough rounds, cannot be (``_within``), which is nearly every text. A JSON text is
parsed first instead (``loads_json_within``): once ``json`` has parsed it, what lies
outside its strings is told by splitting it at its quotes, in C, several times as fast.
"""

from __future__ import annotations

import functools
import json
import re
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


@functools.cache
def _survey(digits: int) -> re.Pattern[str]:
    """The tokens again, faster (a string's characters in one run, every other
    character that starts no token as well), with a bracket or a run of more than
    ``digits`` digits as the one group: every other token gives ""."""
    return re.compile(
        r'"""(?:[^"\\]|\\.|"(?!""))*"""'
        r"|'''[\s\S]*?'''"
        r'|"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
        r"|'[^'\n]*'"
        r"|#[^\n]*"
        rf"|([\[{{\]}}]|[0-9_]{{{digits + 1},}})"
        r"|[0-9_]+"
        r"|[^\"'#\[\]{}0-9_]+"
    )


_PAIR = re.compile(r"[\[{][\]}]")


def _within(text: str, depth: int, digits: int) -> bool:
    """Whether ``text`` is surely within both limits (False: it may not be).

    A number's digits are at most the length of its run of ``[0-9_]``."""
    brackets = "".join(_survey(digits).findall(text))
    opens = brackets.count("[") + brackets.count("{")
    if opens + brackets.count("]") + brackets.count("}") != len(brackets):
        return False  # a long run of digits
    return _brackets_within(brackets, opens, depth)


def _brackets_within(brackets: str, opens: int, depth: int) -> bool:
    """Whether the brackets ``brackets`` (``opens`` of them opening) surely never nest
    deeper than ``depth``.

    The depth at a point is the brackets opened minus those closed before it (a close
    of another kind counts, as in ``check_nesting``); removing every bracket that opens
    right before one that closes lowers the deepest point by one at most and leaves the
    others as they were, so the rounds of that, then what is left (closes, then opens),
    bound it."""
    rounds = 0
    while rounds <= depth:
        fewer = _PAIR.sub("", brackets)
        if len(fewer) == len(brackets):
            return rounds + max(0, 2 * opens - len(brackets)) <= depth
        opens -= (len(brackets) - len(fewer)) // 2
        brackets, rounds = fewer, rounds + 1
    return False


#: a JSON text's bytes outside its strings: each digit (and ``_``) as 0, all else a space
_DIGIT_RUNS = bytes(48 if c in b"0123456789_" else 32 for c in range(256))
_NOT_BRACKETS = bytes(c for c in range(256) if c not in b"[]{}")


def loads_json_within(text: str) -> Any:
    """``json.loads(text)`` where that shows ``text`` within the limits ``check_nesting``
    checks; None where it does not (the text is then checked, and parsed, as any other).

    In a text ``json`` parses, a backslash is one of a string's escapes and every other
    quote opens or closes a string, which the check's tokens read as ``json`` does (one
    line each; no ``'``, ``#`` or three quotes in a row can stand outside one). With
    the escaped backslashes and quotes taken out, the pieces between the quotes are in
    turn outside and inside a string: the brackets and runs of digits the check counts
    are those of the pieces outside."""
    limits = active()
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or a number Python does not convert
        return None
    within = _parsed_within(doc, limits.depth, limits.digits)
    if within is not None:
        return doc if within else None
    outside = " ".join(text.replace("\\\\", "").replace('\\"', "").split('"')[::2]).encode()
    if not digit_runs_within(outside, limits.digits):
        return None
    brackets = outside.translate(None, _NOT_BRACKETS).decode("ascii")
    opens = brackets.count("[") + brackets.count("{")
    return doc if _brackets_within(brackets, opens, limits.depth) else None


def digit_runs_within(data: bytes, digits: int) -> bool:
    """Whether no run of ``[0-9_]`` in ``data`` is longer than ``digits`` (told in C)."""
    return b"0" * (digits + 1) not in data.translate(_DIGIT_RUNS)


def _parsed_within(doc: Any, depth: int, digits: int) -> bool | None:
    """Whether what ``json`` parsed is within the limits, told from the values: in JSON
    each container is a pair of brackets outside the strings, and each int a run of
    digits there as long as its value's (JSON writes no leading zero). None where it
    holds a float, whose digits as written its value does not tell. A walk over the
    values, level by level, costs a third of the look at the text's pieces."""
    bound = 10**digits if digits else 0
    kind = type(doc)
    if kind is not dict and kind is not list:
        containers = []
        if kind is float:
            return None
        if kind is int and not -bound < doc < bound:
            return False
    else:
        containers = [doc]
    at = 1
    while containers:
        if at > depth:
            return False
        deeper: list[Any] = []
        add = deeper.append
        for container in containers:
            for value in container.values() if type(container) is dict else container:
                kind = type(value)
                if kind is dict or kind is list:
                    add(value)
                elif kind is int:
                    if not -bound < value < bound:
                        return False
                elif kind is float:
                    return None
        containers, at = deeper, at + 1
    return True


def check_nesting(text: str) -> None:
    """``LimitExceeded`` (with the line) for nesting deeper than ``Limits.depth`` or a
    number of more digits than ``Limits.digits``."""
    limits = active()
    if not _within(text, limits.depth, limits.digits):
        _scan(text, limits.depth, limits.digits)


def _scan(text: str, limit_depth: int, limit_digits: int) -> None:
    """``check_nesting``, token by token."""
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match[0]
        first = token[0]
        if first in "[{":
            depth += 1
            if depth > limit_depth:
                raise LimitExceeded("depth", depth, limit_depth, _line(text, match.start()))
        elif first in "]}":
            depth -= 1
        elif first.isdigit():
            digits = len(token) - token.count("_")
            if digits > limit_digits:
                raise LimitExceeded("digits", digits, limit_digits, _line(text, match.start()))


def loads_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads`` of a configuration, ruleset, manifest or baseline; what is past
    a limit is a ``TOMLDecodeError`` as any other fault of the file (naming its line)."""
    import tomllib  # here: a run whose data all comes from the data cache parses no TOML

    try:
        check_nesting(text)
    except LimitExceeded as exc:
        raise tomllib.TOMLDecodeError(f"{exc} (at line {exc.location.line})") from None
    return tomllib.loads(text)


def _line(text: str, offset: int) -> Location:
    return Location(line=text.count("\n", 0, offset) + 1)
