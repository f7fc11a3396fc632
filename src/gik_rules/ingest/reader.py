"""Reading any supported file into reports: the single entry point of ``ingest``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from gik_rules.host import Host, default_host
from gik_rules.ingest.result import ParseIssue, ReadResult, UnreadableError
from gik_rules.ingest.sniff import sniff
from gik_rules.rules.finding import Location

if TYPE_CHECKING:
    from gik_rules.ingest.document import Document

DocumentReader = Callable[[bytes, str], "Document"]

#: Readers of single-report document formats, by format name.
DOCUMENT_READERS: dict[str, DocumentReader] = {}


def _unreadable(source: str, fmt: str, why: str) -> ReadResult:
    issue = ParseIssue(
        "P001", f"无法读取文件：{why}", f"cannot read the file: {why}", Location(ref=source)
    )
    return ReadResult(source, None, (issue,), fmt)


def read_bytes(
    data: bytes, source: str = "", host: Host | None = None, *, fmt: str | None = None
) -> Iterator[ReadResult]:
    """Every report in ``data`` (one for a document, one per row for a dataset);
    ``fmt``: what ``sniff(data, source)`` says, where the caller has asked it already."""
    host = host or default_host()
    fmt = fmt or sniff(data, source)
    try:
        if not data.strip():
            raise UnreadableError("the file is empty")
        # each reader imported when first needed: a run of canonical files needs no other
        if fmt in ("toml", "json"):
            from gik_rules.ingest.canonical import read_canonical

            yield read_canonical(data, fmt, source, host.variants)
            return
        if fmt == "text":
            from gik_rules.ingest.text import read_text

            yield read_text(data, source, host.variants, host.detect_variant)
            return
        if fmt in ("csv", "xlsx"):
            from gik_rules.ingest.dataset import read_dataset

            yield from read_dataset(data, fmt, source, host)
            return
        reader = DOCUMENT_READERS.get(fmt)
        if reader is None:
            _load_optional_readers()
            reader = DOCUMENT_READERS.get(fmt)
        if reader is None:
            raise UnreadableError(f"{fmt} files are not a supported report format")
        doc = reader(data, source)
    except UnreadableError as exc:
        yield _unreadable(source, fmt, str(exc))
        return
    from gik_rules.ingest.assemble import assemble

    yield assemble(doc, host.variants, host.detect_variant)


def _load_optional_readers() -> None:
    """Readers with heavier imports register themselves when first needed."""
    import importlib

    for module in ("docx", "html", "pdf"):
        try:
            importlib.import_module(f"gik_rules.ingest.{module}_reader")
        except ModuleNotFoundError as exc:
            if exc.name != f"gik_rules.ingest.{module}_reader":
                raise


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
