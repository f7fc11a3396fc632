"""Determinism: ``check`` writes byte-identical json and sarif whatever the number of
processes and the order the files are given in, for good, damaged and hostile files
alike (the Dask engine: tests/engine/test_dask.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gik_rules.cli.main import main
from tests.engine.batch_files import make_batch
from tests.fuzz import inputs


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("mixed")
    batch = make_batch(folder, count=12)
    hostile = {
        "deep.json": inputs.deep("json", 1000),
        "digits.csv": inputs.with_number("csv", 4400),
        "rows.csv": inputs.csv_of(inputs.dataset_rows(12)),
        "noise.pdf": bytes(range(256)) * 8,
        "deep.html": inputs.deep("html", 300),
    }
    for name, data in hostile.items():
        (folder / name).write_bytes(data)
    return [*batch, *(folder / name for name in hostile)]


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_the_same_bytes_whatever_the_processes_and_the_order(
    fmt: str, files: list[Path], tmp_path: Path
) -> None:
    common = ["--isolated", "--no-cache", "--format", fmt, "-q"]
    runs = {
        "given": [*map(str, files)],
        "reversed, 2 processes": [*map(str, reversed(files)), "-j", "2"],
        "sorted, 3 processes": [*sorted(map(str, files)), "-j", "3"],
    }
    written = {}
    for name, argv in runs.items():
        output = tmp_path / f"{name}.{fmt}"
        assert main(["check", *argv, *common, "-o", str(output)]) == 2  # unreadable files
        written[name] = output.read_bytes()
    first = written["given"]
    assert b"P014" in first and b"row 12" in first
    assert all(data == first for data in written.values())
