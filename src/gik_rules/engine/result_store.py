"""Results waiting for the dataset rules, out of memory: a run whose ruleset has rules
across reports writes no result before those rules have run over every report, and a
national dataset has a hundred thousand.

Of each result only its report stays in memory (the dataset rules read it); the rest
(findings, statuses, skip reasons, names) goes to an anonymous temporary file in
batches, as plain tuples (``engine.spill``'s findings; a run's statuses and skip reasons,
mostly shared by many reports, as the number of the distinct mapping in a small table),
and comes back in order, each result whole again, when it is written. The file is
unlinked as it is made (``tempfile.TemporaryFile``): a run that ends, well, badly or by
a signal, leaves nothing behind.
"""

from __future__ import annotations

import array
import pickle
from collections.abc import Iterator, Mapping
from typing import IO, Any

from gik_rules.engine.result import Dismissed, Fields, ReportResult
from gik_rules.engine.spill import decode_finding, encode_finding
from gik_rules.model import AnnualReport

#: results encoded in memory before they are written out together (some 150 bytes each)
BATCH = 2048
#: distinct statuses and skip mappings numbered in the table (past it: written whole)
_TABLE_MAX = 4096


class Kept:
    """What the dataset rules of one ruleset read of its results, in order: each
    report, the name its result goes by (``ReportResult.key``) and whether it has text."""

    __slots__ = ("has_text", "keys", "reports")

    def __init__(self) -> None:
        self.reports: list[AnnualReport] = []
        self.keys: list[str] = []
        self.has_text = bytearray()


class ResultStore:
    """Results added in order, each under a tag (the ruleset it was checked with), given
    back in that order by ``drain`` (once), each with the place of its report among its
    tag's ``Kept`` reports."""

    def __init__(self, batch: int | None = None) -> None:
        self.batch = BATCH if batch is None else batch
        self.kept: list[Kept] = []
        self._pending: list[tuple[Any, ...]] = []
        self._file: IO[bytes] | None = None
        self._lengths = array.array("q")  # each batch's bytes, one after the other
        #: the distinct statuses and skip mappings, numbered by id (each held here, so
        #: that its id stays its own)
        self._table: list[Mapping[str, Any]] = []
        self._numbers: dict[int, int] = {}

    @property
    def spilled(self) -> bool:
        return self._file is not None

    def add(self, result: ReportResult, tag: int = 0) -> None:
        while len(self.kept) <= tag:
            self.kept.append(Kept())
        report = result.report
        if report is not None:
            kept = self.kept[tag]
            kept.reports.append(report)
            kept.keys.append(result.key)
            kept.has_text.append(result.has_text)
        self._pending.append(
            (
                tag,
                result.source,
                report is not None,
                tuple(map(encode_finding, result.findings)) if result.findings else (),
                self._number(result.statuses),
                result.subject,
                result.has_text,
                self._number(result.skipped),
                tuple((encode_finding(d.finding), d.comment) for d in result.dismissed),
            )
        )
        if len(self._pending) >= self.batch:
            self._flush()

    def _number(self, mapping: Mapping[str, Any]) -> int | dict[str, Any]:
        found = self._numbers.get(id(mapping))
        if found is not None:
            return found
        if len(self._table) >= _TABLE_MAX:
            return dict(mapping)
        self._numbers[id(mapping)] = number = len(self._table)
        self._table.append(mapping)
        return number

    def _mapping(self, ref: int | dict[str, Any]) -> Mapping[str, Any]:
        return self._table[ref] if isinstance(ref, int) else ref

    def _flush(self) -> None:
        if self._file is None:
            import tempfile  # here: a run of fewer than BATCH results spills nothing

            self._file = tempfile.TemporaryFile(prefix="gik-rules-")  # noqa: SIM115 (open as long as the store)
        data = pickle.dumps(self._pending, pickle.HIGHEST_PROTOCOL)
        self._file.write(data)
        self._lengths.append(len(data))
        self._pending = []

    def _batches(self) -> Iterator[list[tuple[Any, ...]]]:
        if self._file is None:
            pending, self._pending = self._pending, []
            yield pending
            return
        if self._pending:
            self._flush()
        file = self._file
        file.seek(0)
        lengths, self._lengths = self._lengths, array.array("q")
        for length in lengths:
            yield pickle.loads(file.read(length))
        self.close()

    def drain(self) -> Iterator[tuple[int, int | None, Fields]]:
        """Each result in the order added, as its fields (``Fields``: a result is made
        once of them, its dataset findings added): its tag, the place of its report
        among the tag's kept reports (None: it has none), its fields. What is given is
        let go here: the store is empty once drained."""
        places = [0] * len(self.kept)
        reports = [k.reports for k in self.kept]
        for kept in self.kept:  # taken from the end: each let go as it is given
            kept.reports = []
            kept.keys = []
        for each in reports:
            each.reverse()
        for batch in self._batches():
            batch.reverse()
            while batch:
                (
                    tag,
                    source,
                    has_report,
                    findings,
                    statuses,
                    subject,
                    has_text,
                    skipped,
                    dismissed,
                ) = batch.pop()
                place = None
                report = None
                if has_report:
                    place = places[tag]
                    places[tag] += 1
                    report = reports[tag].pop()
                yield (
                    tag,
                    place,
                    (
                        source,
                        report,
                        tuple(map(decode_finding, findings)) if findings else (),
                        self._mapping(statuses),
                        subject,
                        has_text,
                        self._mapping(skipped),
                        tuple(Dismissed(decode_finding(f), c) for f, c in dismissed)
                        if dismissed
                        else (),
                    ),
                )

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
