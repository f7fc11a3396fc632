"""Golden tests: the seed text report and the three published PDF reports of the corpus,
read and compared field by field with their canonical TOML under tests/golden/.

The golden files were made with ``gik-rules parse`` and then checked by hand against the
documents (every figure of tables 二, 三 and 四, the sections, the metadata).
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from gik_rules.host import Host
from gik_rules.model import AnnualReport
from gik_rules.model.canonical import from_toml
from tests.ingest.conftest import CORPUS_FILES, GOLDEN, corpus_file, differences, read_one


def _golden(name: str) -> AnnualReport:
    return from_toml((GOLDEN / name).read_text(encoding="utf-8"))


def test_seed_reads_as_its_golden_file(seed_path: Path, host: Host) -> None:
    result = read_one(seed_path.read_bytes(), seed_path.name, host)
    assert result.report is not None
    assert [i.code for i in result.issues] == []
    assert differences(result.report, _golden(f"seed-{seed_path.stem}.toml")) == []


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_pdf_reads_as_its_golden_file(name: str, host: Host) -> None:
    path = corpus_file(name)
    result = read_one(path.read_bytes(), path.name, host)
    assert result.report is not None
    assert differences(result.report, _golden(name.replace(".pdf", ".toml"))) == []


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_golden_files_are_complete(name: str) -> None:
    """The golden files themselves: every section, every cell of tables 三 and 四."""
    report = _golden(name.replace(".pdf", ".toml"))
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert set(report.tables) == {"t2", "t3", "t4"}
    assert report.meta.variant == "V2021"
    t3 = {c for c in report.cells if c.startswith("t3.")}
    t4 = {c for c in report.cells if c.startswith("t4.")}
    assert len(t4) == 15
    # The city report prints the 2021 （六） sub-items, the Hongze reports one 2019-era row.
    assert len(t3) == (25 if "city" in name else 23) * 7
    assert all(report.cells[c].is_number for c in t3 | t4)


def test_golden_metadata() -> None:
    city = _golden("huaian-city-2024.toml").meta
    hongze_2023 = _golden("huaian-hongze-district-2023.toml").meta
    hongze_2024 = _golden("huaian-hongze-district-2024.toml").meta
    assert (city.organ, city.year) == ("淮安市人民政府", 2024)
    assert (hongze_2023.organ, hongze_2023.year) == ("洪泽区人民政府", 2023)
    assert (hongze_2024.organ, hongze_2024.year) == ("淮安市洪泽区人民政府", 2024)
    assert hongze_2024.title == "2024年政府信息公开工作年度报告"


def test_golden_comparison_notices_a_changed_cell() -> None:
    report = _golden("huaian-city-2024.toml")
    cells = dict(report.cells)
    cells["t3.new.np"] = attrs.evolve(cells["t3.new.np"], raw="3002", value=3002)
    assert differences(attrs.evolve(report, cells=cells), report) == [
        "cells.t3.new.np.raw: '3002' != '3001'",
        "cells.t3.new.np.value: 3002 != 3001",
    ]
