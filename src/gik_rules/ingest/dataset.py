"""Datasets (CSV, XLSX): one report per row."""

from __future__ import annotations

from collections.abc import Iterator

from gik_rules.host import Host
from gik_rules.ingest.result import ReadResult, UnreadableError


def read_dataset(data: bytes, fmt: str, source: str, host: Host) -> Iterator[ReadResult]:
    raise UnreadableError(f"{fmt} datasets are not supported by this version")
    yield  # pragma: no cover
