"""Reading any supported file into reports: the single entry point of ``ingest``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from gik_rules.host import Host, default_host
from gik_rules.ingest.input_file import read_input
from gik_rules.ingest.limits import LimitExceeded, active, check
from gik_rules.ingest.result import ParseIssue, ReadResult, UnreadableError
from gik_rules.ingest.sniff import sniff
from gik_rules.rules.finding import Location

if TYPE_CHECKING:
    from gik_rules.ingest.document import Document

DocumentReader = Callable[[bytes, str], "Document"]

#: Readers of single-report document formats, by format name.
DOCUMENT_READERS: dict[str, DocumentReader] = {}


def unreadable(source: str, exc: UnreadableError, fmt: str = "") -> ReadResult:
    """The result of a file that could not be read: P014 past a limit, else P001."""
    if isinstance(exc, LimitExceeded):
        return ReadResult(source, None, (exc.issue(source),), fmt)
    why = str(exc)
    issue = ParseIssue(
        "P001", f"无法读取文件：{why}", f"cannot read the file: {why}", Location(ref=source)
    )
    return ReadResult(source, None, (issue,), fmt)


def _within_limits(result: ReadResult) -> ReadResult:
    from gik_rules.ingest.limit_checks import check_report

    if result.report is not None:
        check_report(result.report)
    return result


def read_bytes(
    data: bytes, source: str = "", host: Host | None = None, *, fmt: str | None = None
) -> Iterator[ReadResult]:
    """Every report in ``data`` (one for a document, one per row for a dataset). A file
    past a limit (``ingest.limits``) gives one P014 result, after the rows of a dataset
    read before the limit was met. ``fmt``: what ``sniff(data, source)`` says, where the
    caller has asked it already."""
    host = host or default_host()
    told, fmt = fmt, ""
    try:
        # standard input is read to one byte past the limit: there may have been more
        check("file_bytes", len(data), at_least=len(data) == active().file_bytes + 1)
        fmt = told or sniff(data, source)
        if not data or data.isspace():
            raise UnreadableError("the file is empty")
        # each reader imported when first needed: a run of canonical files needs no other
        if fmt in ("toml", "json"):
            from gik_rules.ingest.canonical import read_canonical

            yield _within_limits(read_canonical(data, fmt, source, host.variants))
            return
        if fmt == "text":
            from gik_rules.ingest.text import read_text

            yield _within_limits(read_text(data, source, host.variants, host.detect_variant))
            return
        if fmt in ("csv", "xlsx"):
            from gik_rules.ingest.dataset import read_dataset

            yield from read_dataset(data, fmt, source, host)
            return
        reader = DOCUMENT_READERS.get(fmt)
        if reader is None:
            _load_optional_readers(fmt)
            reader = DOCUMENT_READERS.get(fmt)
        if reader is None:
            raise UnreadableError(f"{fmt} files are not a supported report format")
        doc = reader(data, source)
        from gik_rules.ingest.assemble import assemble
        from gik_rules.ingest.limit_checks import check_document

        check_document(doc)
        result = _within_limits(assemble(doc, host.variants, host.detect_variant))
    except UnreadableError as exc:
        yield unreadable(source, exc, fmt)
        return
    yield result


def _load_optional_readers(fmt: str) -> None:
    """Readers with heavier imports register themselves when first needed: the format's
    own module first (a PDF check does not import python-docx), else every one."""
    import importlib

    for module in (fmt, "docx", "html", "pdf", "office", "odt"):
        try:
            importlib.import_module(f"gik_rules.ingest.{module}_reader")
        except ModuleNotFoundError as exc:
            if exc.name != f"gik_rules.ingest.{module}_reader":
                raise
        if fmt in DOCUMENT_READERS:
            return


def read_path(path: Path | str, host: Host | None = None) -> Iterator[ReadResult]:
    """Every report in the file at ``path``; a file that cannot be opened, or is no
    regular file (``ingest.input_file``), gives P001."""
    source = str(path)
    try:
        data = read_input(path)
    except UnreadableError as exc:
        yield unreadable(source, exc)
        return
    yield from read_bytes(data, source, host)


def read_report(path: Path | str, host: Host | None = None) -> ReadResult:
    """The one report in a document file (the first, for a dataset)."""
    return next(iter(read_path(path, host)))
