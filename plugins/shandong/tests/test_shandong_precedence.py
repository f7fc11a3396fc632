"""Shandong's declared overrides: its deadlines replace the national defaults of
published-late, its section templates replace the national pieces it ships."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import gik_rules_shandong
import pytest
from gik_rules_shandong import data

import gik_rules
from gik_rules.host import Host, build_host, default_host
from gik_rules.model import AnnualReport, OrganLevel, ReportMeta
from gik_rules.render.templates import load_templates, piece_context

LATE_IN_JANUARY = AnnualReport(
    meta=ReportMeta(
        organ="山东省示例厅",
        year=2023,
        variant="V2021",
        level=OrganLevel.DEPARTMENT,
        published=dt.date(2024, 1, 25),
    )
)


def _codes(report: AnnualReport, ruleset: str, host: Host) -> set[str]:
    resolved = gik_rules.load_ruleset(ruleset, host=host)
    return {f.code for f in gik_rules.check_report(report, resolved, host=host).findings}


def test_the_shandong_ruleset_takes_the_deadlines_of_its_data_file() -> None:
    ruleset = gik_rules.load_ruleset("shandong")
    assert ruleset.jurisdiction == "shandong"
    rule = default_host().rule("published-late")  # the national rule, by its published name
    assert rule is not None
    params = ruleset.config(rule.code).params  # type: ignore[union-attr]
    table = data.deadlines()
    assert params["department_deadline"] == table["department"].deadline
    assert params["government_deadline"] == table["government"].deadline


@pytest.fixture
def earlier_department_deadline(monkeypatch: pytest.MonkeyPatch) -> Host:
    """The host as it would be if a Shandong notice set 20 January for departments."""
    table = data.deadlines()
    earlier = {**table, "department": attrs.evolve(table["department"], deadline="01-20")}
    monkeypatch.setattr(data, "deadlines", lambda: earlier)
    return build_host()


def test_a_provincial_deadline_overrides_the_national_one(
    earlier_department_deadline: Host,
) -> None:
    host = earlier_department_deadline
    late = host.rule("published-late").code  # type: ignore[union-attr]
    assert late in _codes(LATE_IN_JANUARY, "shandong", host)
    assert late not in _codes(LATE_IN_JANUARY, "national", host)


def test_an_explicit_ruleset_param_still_wins(
    earlier_department_deadline: Host, tmp_path: Path
) -> None:
    office = tmp_path / "office.toml"
    office.write_text(
        '[ruleset]\nextends = ["shandong"]\n'
        '[params.published-late]\ndepartment_deadline = "01-31"\n',
        encoding="utf-8",
    )
    late = earlier_department_deadline.rule("published-late").code  # type: ignore[union-attr]
    assert late not in _codes(LATE_IN_JANUARY, str(office), earlier_department_deadline)


def test_shandong_templates_replace_only_the_pieces_it_ships() -> None:
    host = default_host()
    variant = host.variants["V2021"]
    templates = load_templates(variant, "shandong", host.templates)
    shipped = {
        p.name.split(".")[0]
        for p in (Path(gik_rules_shandong.__file__).parent / "templates").iterdir()
    }
    for stem in ("preamble", "section-1", "section-6"):
        assert stem in shipped
        assert (templates.find(stem) or "").startswith("shandong/")
    for stem in ("heading", "section-5", "signature"):
        assert (templates.find(stem) or "").startswith("national/")
    national = load_templates(variant, "national", host.templates)
    assert (national.find("preamble") or "").startswith("national/")


def test_the_shandong_preamble_passes_the_basis_and_period_rules() -> None:
    host = default_host()
    variant = host.variants["V2021"]
    context = piece_context(
        variant,
        organ="济南市商务局",
        year=2024,
        level="department",
        region="济南市",
        published=None,
    )
    preamble = load_templates(variant, "shandong", host.templates).render("preamble", context)
    section_6 = load_templates(variant, "shandong", host.templates).render("section-6", context)
    assert "省政府办公厅" in preamble and "2024年山东省政务公开工作要点" in section_6
    report = AnnualReport(
        meta=ReportMeta(organ="济南市商务局", year=2024, variant="V2021"), preamble=preamble
    )
    ruleset = gik_rules.load_ruleset(
        "shandong",
        select=[
            "statistics-period",
            "ordinance-name",
            "outdated-basis",
            "sd-basis-ordinance",
            "sd-contact",
        ],
    )
    assert gik_rules.check_report(report, ruleset).findings == ()
