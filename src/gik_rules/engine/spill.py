"""The dataset rules' findings, kept by report in memory and, past a limit, in an
anonymous temporary file: a rule finding something in most reports of a big dataset
(N806 gives one finding per missing report) would otherwise hold them all until the
last report is written.

The file is unlinked as it is made (``tempfile.TemporaryFile``): a run that ends, well,
badly or by a signal, leaves nothing behind. Findings go to it as plain lists of their
fields (a ``Finding`` pickled as an attrs object is five times slower, a severity as an
enum member four times), grouped by report and rule, and come back in the order they
were added.
"""

from __future__ import annotations

import array
import itertools
import operator
import os
import pickle
from collections.abc import Callable, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any

import attrs

from gik_rules.rules.finding import Finding, Hit, Location, Severity

if TYPE_CHECKING:
    from gik_rules.ruleset import RuleConfig

#: findings gathered in memory before they are written out together (about 1 KB each):
#: the first batch, and each batch once spilling
SPILL_AFTER = BATCH = 4096

_FIELDS = tuple(f.name for f in attrs.fields(Finding))
_AT, _SEVERITY = _FIELDS.index("location"), _FIELDS.index("severity")
#: a finding's fields, and its location's, read at once (in the order of their classes)
_FINDING = operator.attrgetter(*_FIELDS)
_LOCATION = operator.attrgetter(*(f.name for f in attrs.fields(Location)))
_SEVERITIES = {s.value: s for s in Severity}
#: the locations read back, by their fields (a dataset's findings of one organ or cell
#: share one): one object each, not one per finding
_LOCATIONS: dict[tuple[Any, ...], Location] = {}
_LOCATIONS_MAX = 4096
_RULE = operator.itemgetter(0)


def encode_finding(finding: Finding) -> list[Any]:
    """A finding's fields, its location's as a tuple and its severity's value (an enum
    member is pickled through Python code: several times slower to write and read)."""
    values = list(_FINDING(finding))
    values[_AT] = _LOCATION(values[_AT])
    values[_SEVERITY] = values[_SEVERITY]._value_  # ``value`` is a property: Python code
    return values


def decode_finding(values: list[Any]) -> Finding:
    """The finding ``encode_finding`` gave ``values`` of (taken over: changed in place)."""
    fields = values[_AT]
    location = _LOCATIONS.get(fields)
    if location is None:
        if len(_LOCATIONS) >= _LOCATIONS_MAX:
            _LOCATIONS.clear()
        location = _LOCATIONS[fields] = Location(*fields)
    values[_AT] = location
    values[_SEVERITY] = _SEVERITIES[values[_SEVERITY]]
    return Finding(*values)


#: a hit's members of its finding (``engine.run.make_finding``), read at once
_HIT = operator.attrgetter("message", "message_en", "location", "expected", "actual", "cells")


def encode_hit(config: RuleConfig, hit: Hit) -> list[Any]:
    """``encode_finding(make_finding(config, hit))``, no finding made between (a dataset
    rule's hits are kept encoded until their report's result is written)."""
    message, message_en, location, expected, actual, cells = _HIT(hit)
    rule = config.rule
    return [
        rule.code,
        rule.name,
        config.severity._value_,
        message,
        message_en,
        _LOCATION(location),
        expected,
        actual,
        cells,
        rule.doc.legal,
    ]


class FindingStore:
    """Findings by report key, each added under the number of the rule that made it (so
    that a rule that raises can take back what it added), kept encoded
    (``encode_finding``) until asked for."""

    def __init__(self, spill_after: int | None = None) -> None:
        self.spill_after = SPILL_AFTER if spill_after is None else spill_after
        self._kept: dict[str, list[tuple[int, list[Any]]]] = {}
        self._count = 0
        self._file: IO[bytes] | None = None
        #: rule, offset and length of each group of findings in the file, one after the
        #: other (a dataset's keys by the hundred thousand: no tuple and list for each)
        self._groups = array.array("q")
        #: key -> the number of its group in the file, or the numbers of its groups
        self._where: dict[str, int | list[int]] = {}
        self._unflushed = False  # the file's buffer holds what was written last

    @property
    def spilled(self) -> bool:
        return self._file is not None

    def add(self, key: str, rule: int, finding: Finding) -> None:
        self.add_encoded(key, rule, encode_finding(finding))

    def add_encoded(self, key: str, rule: int, values: list[Any]) -> None:
        """``add`` of a finding as ``encode_finding`` or ``encode_hit`` gives it."""
        self._kept.setdefault(key, []).append((rule, values))
        self._count += 1
        if self._count > (BATCH if self._file is not None else self.spill_after):
            self._flush()

    def drop(self, rule: int) -> None:
        """Take back every finding of ``rule``."""
        for kept in self._kept.values():
            kept[:] = [(j, f) for j, f in kept if j != rule]
        for key, where in list(self._where.items()):
            groups = [g for g in _each(where) if self._groups[3 * g] != rule]
            if groups:
                self._where[key] = groups
            else:
                del self._where[key]

    def __getitem__(self, key: str) -> list[Finding]:
        """The findings of ``key``, in the order they were added."""
        out: list[Finding] = []
        where = self._where.get(key)
        if where is not None and self._file is not None:
            if self._unflushed:  # written since the last read: to the file first
                self._file.flush()
                self._unflushed = False
            read = _reader(self._file)
            for g in _each(where):
                _, offset, length = self._groups[3 * g : 3 * g + 3]
                out.extend(map(decode_finding, pickle.loads(read(length, offset))))
        kept = self._kept.get(key)
        if kept:  # decoded from a copy: what is kept stays as it was
            out.extend(decode_finding(list(values)) for _, values in kept)
        return out

    def _flush(self) -> None:
        if self._file is None:
            import tempfile  # here: most runs spill nothing

            self._file = tempfile.TemporaryFile(prefix="gik-rules-")  # noqa: SIM115 (open as long as the store)
        file = self._file
        offset = file.seek(0, 2)
        for key, kept in self._kept.items():
            # each rule's findings, as they were added: the rules run one after another
            first = kept[0][0]  # the rules add theirs in turn: one rule, or several
            groups = ((first, kept),) if kept[-1][0] == first else itertools.groupby(kept, _RULE)
            for rule, group in groups:
                data = pickle.dumps([values for _, values in group], pickle.HIGHEST_PROTOCOL)
                g = len(self._groups) // 3
                self._groups.extend((rule, offset, len(data)))
                where = self._where.setdefault(key, g)
                if isinstance(where, list):
                    where.append(g)
                elif where != g:
                    self._where[key] = [where, g]
                file.write(data)
                offset += len(data)
        self._kept.clear()
        self._count = 0
        self._unflushed = True

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def _reader(file: IO[bytes]) -> Callable[[int, int], bytes]:
    """``read(length, offset)``: the bytes of ``file`` there, read where they stand (one
    pread: a buffered read after a seek reads a whole buffer, and costs a seek besides),
    or after a seek where the system has no pread."""
    pread = getattr(os, "pread", None)
    if pread is not None:
        fd = file.fileno()
        return lambda length, offset: pread(fd, length, offset)

    def read(length: int, offset: int) -> bytes:
        file.seek(offset)
        return file.read(length)

    return read


def _each(where: int | list[int] | tuple[()]) -> list[int] | tuple[int, ...]:
    return (where,) if isinstance(where, int) else where


class SortedFindings(Mapping[str, tuple[Finding, ...]]):
    """The findings of each of ``keys`` in a store, sorted (``Finding.sort_key``) when
    asked for."""

    def __init__(self, store: FindingStore, keys: Mapping[str, object]) -> None:
        self._store, self._keys = store, keys

    def __getitem__(self, key: str) -> tuple[Finding, ...]:
        if key not in self._keys:
            raise KeyError(key)
        found = self._store[key]
        return tuple(sorted(found, key=Finding.sort_key)) if len(found) > 1 else tuple(found)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)
