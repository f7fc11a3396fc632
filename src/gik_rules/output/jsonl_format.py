"""JSON Lines: one JSON object per report per line, written as each report is checked.

Each line is the json format's report object (``report_dict``) with the report's key
under ``"key"`` (repeated keys numbered ``a.toml#2`` as in the json format); keys
sorted, no whitespace, control characters ``\\u``-escaped. Lines follow the order the
results arrive in, which ``check_paths`` makes the order of the paths.

Each line is flushed as it is written to a terminal or a pipe, where a reader waits for
it. Into a file (or ``/dev/null``), lines that come fast (a dataset's rows, ready
together) are flushed at most ``FLUSH_EVERY`` apart, a line after a pause at once: a
reader tailing the file sees a burst a tenth of a second late at most, or, for its last
lines, with the next report.
"""

from __future__ import annotations

import functools
import operator
import os
import stat
import time
from collections.abc import Mapping
from json.encoder import encode_basestring
from typing import Any, TextIO

from gik_rules.engine.result import ReportResult
from gik_rules.output.base import StreamFormatter
from gik_rules.output.json_format import LOCATION_FIELDS, plain, skip_dict
from gik_rules.output.safe import dump_json, json_safe, raw_json
from gik_rules.rules.finding import Finding

#: (the mapping, its JSON) of the last few statuses and skip reasons written: a
#: dataset's rows share those mappings (``engine.columnar.shared``), so each distinct one
#: is serialised once; a mapping is kept with its text, so its id stays its own
_WRITTEN: dict[int, tuple[Mapping[str, Any], str]] = {}
_WRITTEN_MAX = 256


def _dumped(mapping: Mapping[str, Any], plain: Any) -> str:
    found = _WRITTEN.get(id(mapping))
    if found is None or found[0] is not mapping:
        if len(_WRITTEN) >= _WRITTEN_MAX:
            _WRITTEN.clear()
        found = _WRITTEN[id(mapping)] = (mapping, dump_json(plain(mapping)))
    return found[1]


@functools.lru_cache(maxsize=256, typed=True)
def _scalar(value: str | int | None) -> str:
    """The JSON of a variant or year (a dataset's rows have a few)."""
    return dump_json(value)


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


def _location(fields: tuple[Any, ...]) -> str:
    if len(_LOCATIONS) >= _CACHED_MAX:
        _LOCATIONS.clear()
    found = _LOCATIONS[fields] = raw_json(
        {k: v for k, v in zip(LOCATION_FIELDS, fields, strict=True) if v is not None}
    )
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
    own = '{"findings":[' + ",".join(map(finding_json, result.findings)) + "]"
    own += ',"key":' + raw_json(key)
    meta = result.report.meta if result.report is not None else None
    if meta is not None:
        own += ',"organ":' + raw_json(meta.organ)
    parts = [
        json_safe(own),
        '"skipped":' + _dumped(result.skipped, _skipped),
        '"statuses":' + _dumped(result.statuses, _statuses),
    ]
    if meta is not None:
        parts.append('"variant":' + _scalar(meta.variant))
        parts.append('"year":' + _scalar(meta.year))
    return ",".join(parts) + "}\n"


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


class JsonlFormatter(StreamFormatter):
    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self._batched = not _read_as_written(stream)
        self._flushed = float("-inf")

    def add(self, result: ReportResult) -> None:
        super().add(result)
        if self._batched:
            now = time.monotonic()
            if now - self._flushed < FLUSH_EVERY:
                return
            self._flushed = now
        self.stream.flush()

    def finish(self) -> None:
        self.stream.flush()

    def render_one(self, key: str, result: ReportResult) -> str:
        return report_line(key, result)
