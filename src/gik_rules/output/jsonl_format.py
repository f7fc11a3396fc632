"""JSON Lines: one JSON object per report per line, written as each report is checked.

Each line is the json format's report object (``report_dict``) with the report's key
under ``"key"`` (repeated keys numbered ``a.toml#2`` as in the json format); keys
sorted, no whitespace, control characters ``\\u``-escaped. Lines follow the order the
results arrive in, which ``check_paths`` makes the order of the paths.

Each line is flushed as it is written to a terminal or a pipe, where a reader waits for
it. Into a file (or ``/dev/null``), lines that come fast (a dataset's rows, ready
together) are flushed at most ``FLUSH_EVERY`` apart, a line after a pause at once: a
reader tailing the file sees a burst a tenth of a second late at most, or, for its last
lines, with the next report. Into a UTF-8 file or pipe lines go as bytes, what rows share
(a dataset row's skip reasons and statuses, most of its line) encoded once.
"""

from __future__ import annotations

import codecs
import functools
import operator
import os
import stat
import time
from collections.abc import Mapping
from json.encoder import encode_basestring
from typing import Any, BinaryIO, TextIO, cast

from gik_rules.engine.result import ReportResult
from gik_rules.output.base import StreamFormatter
from gik_rules.output.json_format import LOCATION_FIELDS, plain, skip_dict
from gik_rules.output.safe import dump_json, json_safe, raw_json
from gik_rules.rules.finding import Finding

#: (the mapping, its member of the line) of the last few statuses and skip reasons
#: written, by the member's name and the mapping's id: a dataset's rows share those
#: mappings (``engine.result.shared_mapping``), so each distinct one is serialised once,
#: and its text is the same object for each row (the formatter's UTF-8 of it found by its
#: id); a mapping is kept with its text, so its id stays its own. The name is in the key:
#: equal mappings are one object (``shared_mapping``), and an empty one may be a result's
#: skip reasons and its statuses both.
_WRITTEN: dict[tuple[str, int], tuple[Mapping[str, Any], str]] = {}
_WRITTEN_MAX = 256


def _member(name: str, mapping: Mapping[str, Any], plain: Any) -> str:
    key = (name, id(mapping))
    found = _WRITTEN.get(key)
    if found is None or found[0] is not mapping:
        if len(_WRITTEN) >= _WRITTEN_MAX:
            _WRITTEN.clear()
        found = _WRITTEN[key] = (mapping, f',"{name}":' + dump_json(plain(mapping)))
    return found[1]


@functools.lru_cache(maxsize=256, typed=True)
def _tail(variant: str | None, year: int | None) -> str:
    """The end of the line of a report of ``variant`` and ``year`` (a dataset's rows
    have a few): one text for all of them."""
    return ',"variant":' + dump_json(variant) + ',"year":' + dump_json(year) + "}\n"


def _statuses(statuses: Mapping[str, Any]) -> dict[str, str]:
    return {code: status.value for code, status in statuses.items()}


def _skipped(skipped: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    return {code: skip_dict(reason) for code, reason in skipped.items()}


#: a rule's members of its findings' JSON, by (code, name, legal, id of the severity):
#: ``"code"``; ``"legal"`` or nothing; ``"name"`` and ``"severity"`` with the closing brace
_RULE_PARTS: dict[tuple[str, str, str, int], tuple[str, str, str]] = {}
#: a location's JSON by its fields' values (a dataset's findings of one organ or cell
#: share theirs)
_LOCATIONS: dict[tuple[Any, ...], str] = {}
_CACHED_MAX = 4096
_LOCATION_OF = operator.attrgetter(*LOCATION_FIELDS)
_FINDING_OF = operator.attrgetter(
    "code",
    "name",
    "severity",
    "message",
    "message_en",
    "location",
    "expected",
    "actual",
    "cells",
    "legal",
)


def _value(value: Any) -> str:
    return encode_basestring(value) if type(value) is str else raw_json(plain(value))


def _rule_parts(finding: Finding, rule: tuple[str, str, str, int]) -> tuple[str, str, str]:
    if len(_RULE_PARTS) >= _CACHED_MAX:
        _RULE_PARTS.clear()
    found = _RULE_PARTS[rule] = (
        '"code":' + raw_json(finding.code),
        ',"legal":' + raw_json(finding.legal) if finding.legal else "",
        ',"name":'
        + raw_json(finding.name)
        + ',"severity":'
        + raw_json(finding.severity.value)
        + "}",
    )
    return found


#: a location's fields as ``dump_json`` writes them (by name): each name and its place
_LOCATION_ORDER = sorted((name, k) for k, name in enumerate(LOCATION_FIELDS))


def _location(fields: tuple[Any, ...]) -> str:
    """``raw_json`` of the location's fields that are not None (a dataset's locations
    are mostly each an organ's own, written once or twice: no dict made of them)."""
    if len(_LOCATIONS) >= _CACHED_MAX:
        _LOCATIONS.clear()
    members = []
    for name, k in _LOCATION_ORDER:
        value = fields[k]
        if value is not None:
            kind = type(value)
            text = (
                encode_basestring(value)
                if kind is str
                else int.__repr__(value)
                if kind is int
                else raw_json(value)
            )
            members.append(f'"{name}":{text}')
    found = _LOCATIONS[fields] = "{" + ",".join(members) + "}"
    return found


def finding_json(finding: Finding) -> str:
    """``raw_json(finding_dict(finding))``, put together from its members in the order
    of their sorted keys: a rule's own members and a location written before taken as
    they were written."""
    code, name, severity, message, message_en, location, expected, actual, cells, legal = (
        _FINDING_OF(finding)
    )
    rule = (code, name, legal, id(severity))
    parts = _RULE_PARTS.get(rule) or _rule_parts(finding, rule)
    fields = _LOCATION_OF(location)
    out = "{"
    if actual is not None:
        out += '"actual":' + _value(actual) + ","
    if cells:
        out += '"cells":' + raw_json(list(cells)) + ","
    out += parts[0]
    if expected is not None:
        out += ',"expected":' + _value(expected)
    return (
        out
        + parts[1]
        + ',"location":'
        + (_LOCATIONS.get(fields) or _location(fields))
        + ',"message":'
        + (encode_basestring(message) if type(message) is str else _value(message))
        + ',"message_en":'
        + (encode_basestring(message_en) if type(message_en) is str else _value(message_en))
        + parts[2]
    )


def report_line(key: str, result: ReportResult) -> str:
    """``{"key": key, **report_dict(result)}`` as ``dump_json`` writes it (keys sorted:
    the line is put together from its members in that order; the row's own members made
    safe together, the shared ones as they were first written)."""
    return "".join(line_parts(key, result))


def line_parts(key: str, result: ReportResult) -> tuple[str, str, str, str]:
    """``report_line`` in four parts: the row's own members (its findings, key and
    organ), then its skip reasons, statuses and the rest, each of those three the same
    text object for every row that shares it."""
    own = '{"findings":[' + ",".join(map(finding_json, result.findings)) + "]"
    own += ',"key":' + raw_json(key)
    meta = result.report.meta if result.report is not None else None
    if meta is not None:
        own += ',"organ":' + raw_json(meta.organ)
    return (
        json_safe(own),
        _member("skipped", result.skipped, _skipped),
        _member("statuses", result.statuses, _statuses),
        _tail(meta.variant, meta.year) if meta is not None else "}\n",
    )


#: seconds between two flushes of lines written to a file (module docstring)
FLUSH_EVERY = 0.1


def _read_as_written(stream: TextIO) -> bool:
    """Whether a reader may wait on ``stream`` for each line: a terminal, a pipe, a
    socket, or a stream of no file (in memory: a flush costs nothing there); not a
    regular file, nor ``/dev/null``."""
    try:
        mode = os.fstat(stream.fileno()).st_mode
        return stream.isatty() or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)
    except (OSError, ValueError):  # io.UnsupportedOperation is both
        return True


def _utf8_bytes(stream: TextIO) -> BinaryIO | None:
    """The byte stream under ``stream`` when it writes text as UTF-8 with no newline
    translated (a file or standard output here): lines go to it as bytes, the parts
    that rows share encoded once. None for a stream of no bytes (in memory) or of
    another encoding."""
    buffer = getattr(stream, "buffer", None)
    encoding = getattr(stream, "encoding", None)
    if buffer is None or not isinstance(encoding, str) or os.linesep != "\n":
        return None
    try:
        return cast(BinaryIO, buffer) if codecs.lookup(encoding).name == "utf-8" else None
    except LookupError:
        return None


#: parts of lines (four a line) held as bytes before they are written out together
_HELD = 512
_ENCODED_MAX = 256


class JsonlFormatter(StreamFormatter):
    """Lines written as they come (module docstring). Into a UTF-8 stream with a byte
    stream under it, each line goes as bytes: its own part encoded, the parts it shares
    with other rows (their skip reasons, statuses, variant and year: most of a dataset
    row's line) encoded once. The formatter then owns the stream until ``finish``."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self._batched = not _read_as_written(stream)
        self._flushed = float("-inf")
        self._bytes = _utf8_bytes(stream)
        self._errors = getattr(stream, "errors", None) or "strict"
        self._held: list[bytes] = []
        #: each shared part's bytes by its id (kept with it, so that its id stays its own)
        self._encoded: dict[int, tuple[str, bytes]] = {}
        if self._bytes is not None:
            stream.flush()  # what was written as text before goes first

    def add(self, result: ReportResult) -> None:
        if self._bytes is None:
            super().add(result)
        else:
            own, *shared = line_parts(self.key_of(result.key), result)
            held = self._held
            held.append(own.encode("utf-8", self._errors))
            held.extend(map(self._encode, shared))
        if self._batched:
            now = time.monotonic()
            if now - self._flushed < FLUSH_EVERY:
                if len(self._held) >= _HELD:
                    self._write()
                return
            self._flushed = now
        self._write()
        self.stream.flush()

    def _encode(self, part: str) -> bytes:
        found = self._encoded.get(id(part))
        if found is None or found[0] is not part:
            if len(self._encoded) >= _ENCODED_MAX:
                self._encoded.clear()
            found = self._encoded[id(part)] = (part, part.encode("utf-8", self._errors))
        return found[1]

    def _write(self) -> None:
        if self._held and self._bytes is not None:
            self._bytes.write(b"".join(self._held))
            self._held.clear()

    def finish(self) -> None:
        self._write()
        self.stream.flush()

    def render_one(self, key: str, result: ReportResult) -> str:
        return report_line(key, result)
