"""Readers: plain text, .docx, HTML, PDF, canonical TOML/JSON and CSV/XLSX datasets."""

from gik_rules.ingest.result import ParseIssue, ReadResult, UnreadableError

__all__ = ["ParseIssue", "ReadResult", "UnreadableError", "read_bytes", "read_path", "read_report"]


def __getattr__(name: str) -> object:
    # Imported lazily: the reader pulls in the plugin host.
    if name in ("read_bytes", "read_path", "read_report"):
        from gik_rules.ingest import reader

        return getattr(reader, name)
    raise AttributeError(name)
