"""Reading any supported file into reports: the single entry point of ``ingest``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from gik_rules.host import Host, default_host
from gik_rules.ingest.assemble import assemble
from gik_rules.ingest.canonical import read_canonical
from gik_rules.ingest.document import Document
from gik_rules.ingest.result import ParseIssue, ReadResult, UnreadableError
from gik_rules.ingest.sniff import sniff
from gik_rules.ingest.text import read_text
from gik_rules.rules.finding import Location

DocumentReader = Callable[[bytes, str], Document]

#: Readers of single-report document formats, by format name.
DOCUMENT_READERS: dict[str, DocumentReader] = {}


def _unreadable(source: str, fmt: str, why: str) -> ReadResult:
    issue = ParseIssue(
        "P001", f"无法读取文件：{why}", f"cannot read the file: {why}", Location(ref=source)
    )
    return ReadResult(source, None, (issue,), fmt)


def read_bytes(data: bytes, source: str = "", host: Host | None = None) -> Iterator[ReadResult]:
    """Every report in ``data`` (one for a document, one per row for a dataset)."""
    host = host or default_host()
    fmt = sniff(data, source)
    try:
        if not data.strip():
            raise UnreadableError("the file is empty")
        if fmt in ("toml", "json"):
            yield read_canonical(data, fmt, source, host.variants)
            return
        if fmt == "text":
            yield read_text(data, source, host.variants, host.detect_variant)
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
    except UnreadableError as exc:
        yield _unreadable(source, fmt, str(exc))
        return
    yield assemble(doc, host.variants, host.detect_variant)


def _load_optional_readers(fmt: str) -> None:
    """Readers with heavier imports register themselves when first needed: the format's
    own module first (a PDF check does not import python-docx), else every one."""
    import importlib

    for module in (fmt, "docx", "html", "pdf"):
        try:
            importlib.import_module(f"gik_rules.ingest.{module}_reader")
        except ModuleNotFoundError as exc:
            if exc.name != f"gik_rules.ingest.{module}_reader":
                raise
        if fmt in DOCUMENT_READERS:
            return


def read_path(path: Path | str, host: Host | None = None) -> Iterator[ReadResult]:
    """Every report in the file at ``path``; a file that cannot be opened gives P001."""
    source = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        yield _unreadable(source, "", exc.strerror or str(exc))
        return
    yield from read_bytes(data, source, host)


def read_report(path: Path | str, host: Host | None = None) -> ReadResult:
    """The one report in a document file (the first, for a dataset)."""
    return next(iter(read_path(path, host)))
