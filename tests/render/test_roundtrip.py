"""Render then read back gives the same data, for every format a reader exists for
(plain text as a .docx converted to text, .docx, HTML): the property of issues 3 and 6."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.api import read
from gik_rules.host import default_host
from gik_rules.model import AnnualReport, OrganLevel, ReportMeta
from gik_rules.render import render_report, templates_for
from gik_rules.render.skeleton import skeleton_report
from tests.conftest import CORPUS, REPO
from tests.render.helpers import differences, read_back, reports_to_render

FORMATS = ("txt", "html", "docx")
EXAMPLES = sorted((REPO / "examples").glob("clean-*.toml"))


def _roundtrip(report: AnnualReport, fmt: str) -> list[str]:
    variant = default_host().variants[report.meta.variant or ""]
    result = read_back(render_report(report, fmt), fmt)
    assert result.report is not None, result.issues
    assert [i.code for i in result.issues] == []
    return differences(report, result.report, variant)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_read_back_unchanged(path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    assert _roundtrip(read(path), fmt) == []


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=25)
@given(report=st.sampled_from(["V2019", "V2021"]).flatmap(reports_to_render))
def test_generated_reports_read_back_unchanged(fmt: str, report: AnnualReport) -> None:
    assert _roundtrip(report, fmt) == []


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("year", [2020, 2024])
def test_a_new_skeleton_reads_back_blank(fmt: str, year: int) -> None:
    host = default_host()
    probe = AnnualReport(meta=ReportMeta(organ="示例市商务局", year=year))
    report = skeleton_report(
        "示例市商务局", year, OrganLevel.DEPARTMENT, templates_for(probe, "national", host)
    )
    assert _roundtrip(report, fmt) == []


REAL = sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_seed_report_reads_back_unchanged(fmt: str, seed_path: Path) -> None:
    assert _roundtrip(read(seed_path), fmt) == []


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.stem)
def test_published_reports_read_back_unchanged(path: Path) -> None:
    report = read(path)
    for fmt in FORMATS:
        assert _roundtrip(report, fmt) == [], fmt
