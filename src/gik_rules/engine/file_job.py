"""One input file and how to check it: the unit of work of a run, local or in workers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from gik_rules.engine.result import ReportResult
from gik_rules.engine.run import check_read, make_finding
from gik_rules.host import Host
from gik_rules.ingest.input_file import read_input, read_start
from gik_rules.ingest.limits import DEFAULT, LimitExceeded, Limits, each_under
from gik_rules.ingest.manifest import Manifest
from gik_rules.ingest.result import ReadResult, UnreadableError
from gik_rules.rules.finding import Finding, Hit, Location
from gik_rules.ruleset import Ruleset

if TYPE_CHECKING:
    from gik_rules.cache import Cache

#: the engine code of a file that could not be checked (a reader bug, a dead worker)
CHECK_FAILED = "X002"


@attrs.frozen
class FileJob:
    """One input file, the ruleset it is checked with and what a manifest states of it."""

    path: Path
    ruleset: Ruleset
    manifest: Manifest | None = None
    cache: Cache | None = None
    #: the file's content when it is not read from ``path`` (standard input)
    data: bytes | None = None
    #: what the file may hold (the ``[limits]`` of its configuration)
    limits: Limits = DEFAULT


def failed_result(job: FileJob, why: str) -> ReportResult:
    """The result of a file that could not be checked at all: one X002 finding, located
    at the file (none when the ruleset leaves X002 out: then no finding, and no status)."""
    config = job.ruleset.config(CHECK_FAILED)
    findings: tuple[Finding, ...] = ()
    if config is not None:
        hit = Hit(
            f"无法检查此文件：{why}",
            f"the file could not be checked: {why}",
            Location(ref=str(job.path)),
        )
        findings = (make_finding(config, hit),)
    return ReportResult(str(job.path), None, findings, {})


#: a file giving more reports than this (a big dataset) is not kept in the cache: its
#: entry would be larger than re-reading it is slow, and gathering it would hold them all
CACHE_MAX_REPORTS = 1000


def check_job(job: FileJob, host: Host) -> list[ReportResult]:
    """Every report of the file, in order (``iter_job``, gathered: for worker processes,
    which send a file's results back at once)."""
    return list(iter_job(job, host))


def iter_job(job: FileJob, host: Host) -> Iterator[ReportResult]:
    """Every report of the file, in order, as each is checked; from the cache when it
    holds them. Each step runs under the job's limits (``ingest.limits``).

    Never raises for a bad file: what the reader reports is a parse finding (P014 for a
    file past a limit, after the rows of a dataset checked before it), and an unexpected
    error is an X002 finding of the file after the reports checked before it (the other
    files go on)."""
    return each_under(job.limits, _iter_job(job, host))


def _iter_job(job: FileJob, host: Host) -> Iterator[ReportResult]:
    from gik_rules.ingest.reader import unreadable

    source = str(job.path)
    data = job.data
    if data is None:
        try:  # read once, a regular file only and within the limit: never hangs
            data, whole = read_start(job.path, STREAM_FROM)
            if not whole and not _streamed(data, source):
                data, whole = read_input(job.path), True
        except UnreadableError as exc:
            yield _checked(job, unreadable(source, exc), host)
            return
        if not whole:  # a big CSV dataset: read from the file as its rows are checked
            data = None
    key = None
    if job.cache is not None:
        key = job.cache.key(job.path, job.ruleset, job.manifest, host, data=data)
        if (hit := job.cache.load(key)) is not None:
            yield from hit
            return
    kept: list[ReportResult] | None = [] if key is not None else None
    try:
        for result in _check(job, data, host):
            if kept is not None:
                kept.append(result)
                if len(kept) > CACHE_MAX_REPORTS:
                    kept = None  # too big to keep: streamed, not gathered
            yield result
    except LimitExceeded as exc:  # a dataset past a limit after some of its rows
        yield _checked(job, unreadable(source, exc), host)
        return
    except Exception as exc:  # a bug on one file must not stop the batch
        yield failed_result(job, _why(exc))
        return
    if key is not None and kept is not None and job.cache is not None:
        job.cache.store(key, kept)


def _why(exc: Exception) -> str:
    if isinstance(exc, MemoryError):
        return "MemoryError: out of memory"
    if isinstance(exc, RecursionError):
        return "RecursionError: nested too deeply"
    return f"{type(exc).__name__}: {exc}"


def _checked(job: FileJob, read: ReadResult, host: Host) -> ReportResult:
    return check_read(job.manifest.apply(read) if job.manifest else read, job.ruleset, host)


#: a CSV file larger than this (bytes) is read as its rows are checked, not held whole
STREAM_FROM = 8 << 20

#: suffixes whose files are read as a dataset (``sniff`` says csv or xlsx for them)
_DATASET_SUFFIXES = frozenset({".csv", ".tsv", ".xlsx"})
#: suffixes whose files ``sniff`` never reads as a dataset
_DOCUMENT_SUFFIXES = frozenset(
    {".json", ".pdf", ".docx", ".doc", ".wps", ".odt", ".html", ".htm", ".xhtml", ".toml"}
)


def is_dataset(job: FileJob) -> bool:
    """Whether the job's file is a dataset (CSV, XLSX): by its suffix where that
    decides, else by the start of its content, as ``sniff`` reads it (a workbook is
    known by its suffix). A file that cannot be read is no dataset (its check says why)."""
    from gik_rules.ingest.sniff import sniff

    suffix = job.path.suffix.lower()
    if suffix in _DATASET_SUFFIXES:
        return True
    if suffix in _DOCUMENT_SUFFIXES:
        return False
    try:
        start = job.data[:_SNIFFED] if job.data is not None else read_start(job.path, _SNIFFED)[0]
        return sniff(start, str(job.path)) in ("csv", "xlsx")
    except (OSError, UnreadableError, LimitExceeded):
        return False


#: the bytes ``sniff`` reads of a text
_SNIFFED = 4096


def _streamed(start: bytes, source: str) -> bool:
    """Whether a file starting with ``start`` is read as it is checked (a CSV)."""
    from gik_rules.ingest.sniff import sniff

    return sniff(start, source) == "csv"


def _check(job: FileJob, data: bytes | None, host: Host) -> Iterator[ReportResult]:
    """The file's results; a dataset's (CSV, XLSX) from ``engine.columnar``, which
    evaluates the identities of a chunk of rows at once and gives what checking each row
    on its own gives (imported only for a dataset: it brings pyarrow); ``data`` None: a
    big CSV, read from the file."""
    from gik_rules.ingest.reader import read_bytes
    from gik_rules.ingest.sniff import sniff

    if data is None:
        from gik_rules.engine.columnar import check_csv_file

        yield from check_csv_file(job.path, job.ruleset, host, job.manifest)
        return
    source = str(job.path)
    fmt = sniff(data, source)
    if fmt in ("csv", "xlsx"):
        from gik_rules.engine.columnar import check_bytes

        yield from check_bytes(data, source, job.ruleset, host, job.manifest)
        return
    for read in read_bytes(data, source, host, fmt=fmt):
        yield _checked(job, read, host)
