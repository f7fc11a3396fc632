"""Fixtures of the reader tests: the shared corpus, golden files, report comparison."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from gik_rules.host import Host
from gik_rules.ingest.reader import read_bytes
from gik_rules.ingest.result import ReadResult
from gik_rules.model import AnnualReport
from tests.conftest import CORPUS

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
CORPUS_FILES = (
    "huaian-city-2024.pdf",
    "huaian-hongze-district-2023.pdf",
    "huaian-hongze-district-2024.pdf",
)


def corpus_file(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"the corpus is not at {CORPUS} (../shared/corpus beside the repository)")
    return path


def read_one(data: bytes, source: str, host: Host) -> ReadResult:
    """The single result of reading a document, asserting there is exactly one."""
    results = list(read_bytes(data, source, host))
    assert len(results) == 1, [r.source for r in results]
    return results[0]


def differences(actual: AnnualReport, expected: AnnualReport) -> list[str]:
    """Every field in which two reports differ, named ("meta.organ", "cells.t3.new.np")."""
    out: list[str] = []

    def same(name: str, a: object, b: object) -> None:
        if a != b:
            out.append(f"{name}: {a!r} != {b!r}")

    for field in attrs.fields(type(expected.meta)):
        same(
            f"meta.{field.name}",
            getattr(actual.meta, field.name),
            getattr(expected.meta, field.name),
        )
    same("preamble", actual.preamble, expected.preamble)
    same(
        "section numbers",
        [s.number for s in actual.sections],
        [s.number for s in expected.sections],
    )
    for a_sec, e_sec in zip(actual.sections, expected.sections, strict=False):
        for field in attrs.fields(type(e_sec)):
            same(
                f"sections[{e_sec.number}].{field.name}",
                getattr(a_sec, field.name),
                getattr(e_sec, field.name),
            )
    same("tables", dict(actual.tables), dict(expected.tables))
    same("cell ids", sorted(actual.cells), sorted(expected.cells))
    for cid, cell in expected.cells.items():
        if cid in actual.cells:
            for field in attrs.fields(type(cell)):
                same(
                    f"cells.{cid}.{field.name}",
                    getattr(actual.cells[cid], field.name),
                    getattr(cell, field.name),
                )
    return out
