"""A valid and an invalid example for each rule of the foundation."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given

from gik_rules.api import check_report, load_ruleset
from gik_rules.model import AnnualReport, Cell, CellState
from gik_rules.testing import consistent_reports, with_cell


def _only(name: str, report: AnnualReport) -> list[str]:
    result = check_report(report, load_ruleset("national", select=[name]))
    return [f.message for f in result.findings]


@pytest.fixture(scope="module")
def clean(host: object) -> AnnualReport:
    from gik_rules import read
    from tests.conftest import REPO

    return read(REPO / "examples" / "clean-2021.toml")


def test_clean_example_passes_every_rule(clean: AnnualReport) -> None:
    assert check_report(clean, "national").findings == ()


def test_section_missing(clean: AnnualReport) -> None:
    assert _only("section-missing", clean) == []
    dropped = attrs.evolve(clean, sections=tuple(s for s in clean.sections if s.number != 6))
    (message,) = _only("section-missing", dropped)
    assert "六、其他需要报告的事项" in message


def test_section_order(clean: AnnualReport) -> None:
    assert _only("section-order", clean) == []
    s = list(clean.sections)
    s[1], s[2] = s[2], s[1]
    (message,) = _only("section-order", attrs.evolve(clean, sections=tuple(s)))
    assert "第二部分" in message


def test_form_variant_mismatch(clean: AnnualReport) -> None:
    assert _only("form-variant-mismatch", clean) == []
    old = attrs.evolve(clean, meta=attrs.evolve(clean.meta, variant="V2019"))
    (message,) = _only("form-variant-mismatch", old)
    assert "V2021" in message and "V2019" in message


def test_form_variant_2019_is_a_separate_warning(clean: AnnualReport) -> None:
    report_2019 = attrs.evolve(clean, meta=attrs.evolve(clean.meta, year=2019))
    result = check_report(report_2019, load_ruleset("national", select=["N2"]))
    assert [(f.name, f.severity.value) for f in result.findings] == [
        ("form-variant-2019", "warning")
    ]


def test_identity_mismatch(clean: AnnualReport) -> None:
    assert _only("identity-mismatch", clean) == []
    (message,) = _only("identity-mismatch", with_cell(clean, "t4.review.total", 0))
    assert "A6[review]" in message and "填报值 0" in message and "应为 1" in message


def test_blank_cell(clean: AnnualReport) -> None:
    assert _only("blank-cell", clean) == []
    blank = attrs.evolve(
        clean, cells={**clean.cells, "t3.new.np": Cell(raw="", state=CellState.BLANK)}
    )
    (message,) = _only("blank-cell", blank)
    assert "按0计算" in message and "自然人" in message


def test_invalid_number(clean: AnnualReport) -> None:
    assert _only("invalid-number", clean) == []
    for raw in ("2.5", "-1", "若干"):
        from gik_rules.model.cell_text import parse_cell_text

        bad = attrs.evolve(clean, cells={**clean.cells, "t3.open.np": parse_cell_text(raw)})
        (message,) = _only("invalid-number", bad)
        assert raw in message


@given(consistent_reports())
def test_a_change_of_sign_in_a_count_is_invalid(report: AnnualReport) -> None:
    bad = with_cell(report, "t3.open.np", -1)
    assert any(f.name == "invalid-number" for f in check_report(bad, "national").findings)
