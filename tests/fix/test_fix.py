"""The safe fixes one by one, the rule codes they answer, and atomic writing."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import attrs
import pytest

from gik_rules.api import check_report, read
from gik_rules.fix import fix_report, write_atomic
from gik_rules.hookspecs import hookimpl
from gik_rules.host import build_host, default_host
from gik_rules.model import Cell, CellState
from gik_rules.ruleset import load_ruleset
from gik_rules.testing import with_cell
from tests.conftest import REPO

FAULTY = REPO / "examples" / "faulty-2021.toml"
CLEAN = REPO / "examples" / "clean-2021.toml"


def test_a_clean_report_needs_no_fix() -> None:
    result = fix_report(read(CLEAN))
    assert result.fixes == () and result.skipped == ()
    assert result.report == read(CLEAN)


def test_missing_section_6_gets_its_heading_when_the_template_would_add_errors() -> None:
    """The national 六 template holds 【待填写】 placeholders, each an error of
    template-text-unfilled: the heading alone is added, and the fix says so."""
    before = check_report(read(FAULTY)).findings
    result = fix_report(read(FAULTY))
    (fix,) = [f for f in result.fixes if f.rule == "section-missing"]
    assert fix.code == default_host().rule("section-missing").code  # type: ignore[union-attr]
    assert "its content is the organ's to write" in fix.message_en
    six = result.report.section(6)
    assert six is not None and six.heading == "六、其他需要报告的事项" and six.text == ""
    assert result.errors < sum(1 for f in before if f.severity.value == "error")
    assert [s.number for s in result.report.sections] == [1, 2, 3, 4, 5, 6]
    # the blank part 表三（四）1 商业企业 is not a total: it stays blank
    assert result.report.cell("t3.none_held.ce").state is CellState.BLANK


def test_the_seed_gets_numbering_title_and_section_6(seed_path: Path) -> None:
    result = fix_report(read(seed_path))
    by_rule = {f.rule: f for f in result.fixes}
    assert by_rule["numbering-style"].before.startswith("（4）")
    assert by_rule["numbering-style"].after.startswith("（四）全面落实")
    assert by_rule["section-title"].after == "五、存在的主要问题及改进情况"
    assert "section-missing" in by_rule
    for fix in result.fixes:
        rule = default_host().rule(fix.rule)
        assert rule is not None and fix.code == rule.code


def test_a_blank_total_is_filled_and_answers_both_rules() -> None:
    report = read(CLEAN)
    value = report.cell("t3.total.np").value
    result = fix_report(with_cell(report, "t3.total.np", None))
    (fix,) = result.fixes
    assert fix.cells == ("t3.total.np",) and fix.after == str(value)
    host = default_host()
    assert fix.code == host.rule("blank-cell").code  # type: ignore[union-attr]
    assert fix.also == (host.rule("identity-mismatch").code,)  # type: ignore[union-attr]
    assert result.report.cell("t3.total.np").value == value
    assert result.report.cell("t3.total.np").span == report.cell("t3.total.np").span


def test_totals_that_identities_disagree_on_are_left_blank() -> None:
    report = read(CLEAN)
    report = with_cell(report, "t3.open.tot", (report.cell("t3.open.tot").value or 0) + 1)
    report = with_cell(report, "t3.total.tot", None)  # A2[total] and A4[tot] now disagree
    result = fix_report(report)
    assert result.report.cell("t3.total.tot").state is CellState.BLANK
    assert [s.location.cell for s in result.skipped] == ["t3.total.tot"]
    assert "different values" in result.skipped[0].reason


def test_a_placeholder_is_not_a_blank() -> None:
    report = read(CLEAN)
    report = attrs.evolve(
        report,
        cells={**report.cells, "t4.review.total": Cell(raw="/", state=CellState.PLACEHOLDER)},
    )
    for blank_as_zero in (False, True):
        result = fix_report(report, blank_as_zero=blank_as_zero)
        assert result.report.cell("t4.review.total").state is CellState.PLACEHOLDER


def test_blank_as_zero_is_one_fix_per_table() -> None:
    result = fix_report(read(FAULTY), blank_as_zero=True)
    zeroed = [
        f for f in result.fixes if f.after == "0" and len(f.cells) >= 1 and f.rule == "blank-cell"
    ]
    assert [f.cells for f in zeroed] == [("t3.none_held.ce",)]
    assert result.report.cell("t3.none_held.ce").value == 0


def test_write_atomic_replaces_in_one_step(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    write_atomic(path, b"new")
    assert path.read_text(encoding="utf-8") == "new"
    assert path.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["r.toml"]


def test_write_atomic_gives_a_new_file_the_usual_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.html", b"<p>")
    finally:
        os.umask(old)
    assert (tmp_path / "new.html").stat().st_mode & 0o777 == 0o644


def test_write_atomic_keeps_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.toml"
    path.write_text("old", encoding="utf-8")

    def broken(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(path, b"new")
    assert path.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["r.toml"]


def test_the_rulesets_jurisdiction_chooses_the_templates(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "section-6.j2").write_text("测试省：{{ organ }}的其他事项。", encoding="utf-8")
    rules = tmp_path / "testprov.toml"
    rules.write_text(
        '[ruleset]\nname = "testprov"\njurisdiction = "testprov"\nextends = ["national"]\n',
        encoding="utf-8",
    )
    plugin = SimpleNamespace(
        gik_section_templates=hookimpl(
            lambda: [{"jurisdiction": "testprov", "path": templates, "overrides": "national"}]
        )
    )
    host = build_host([("testprov", plugin)])
    ruleset = load_ruleset(str(rules), host.rules, host.rulesets, param_overrides=host.rule_params)
    result = fix_report(read(FAULTY), ruleset, host=host)
    six = result.report.section(6)
    assert six is not None and six.text == "测试省：示例县住房和城乡建设局的其他事项。"
    assert result.jurisdiction == "testprov"
    national = fix_report(read(FAULTY), ruleset, jurisdiction="national", host=host)
    assert (national.report.section(6) or six).text == ""  # its placeholders: errors


def test_the_template_context_is_made_once_per_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    """Headings and the added section share one context (the fixes change no metadata)."""
    import gik_rules.fix.run as run

    made = []
    real = run.context

    def context(*args: object, **kwargs: object) -> object:
        made.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(run, "context", context)
    report = read(FAULTY)
    sections = tuple(
        attrs.evolve(s, title="存在的问题", heading="五、存在的问题") if s.number == 5 else s
        for s in report.sections
    )
    result = fix_report(attrs.evolve(report, sections=sections))
    assert {f.rule for f in result.fixes} >= {"section-missing", "section-title"}
    assert result.report.section(5).heading == "五、存在的主要问题及改进情况"  # type: ignore[union-attr]
    assert len(made) == 1


@pytest.mark.parametrize("rounds", [1, 20])
def test_the_result_carries_the_findings_of_the_fixed_report(
    monkeypatch: pytest.MonkeyPatch, rounds: int
) -> None:
    """remaining is what check says about the report returned, also when the last round
    allowed still changed it (one round here: section 六 added, not re-checked by it)."""
    import gik_rules
    import gik_rules.fix.run as run
    from gik_rules.engine import check_report

    monkeypatch.setattr(run, "MAX_ROUNDS", rounds)
    national = gik_rules.load_ruleset("national")
    result = fix_report(read(FAULTY), national)
    assert "section-missing" in {f.rule for f in result.fixes}
    again = check_report(result.report, national, default_host().variants).findings
    assert result.remaining == tuple(again) and result.remaining
    assert "section-missing" not in {f.name for f in result.remaining}
    assert result.errors == sum(1 for f in again if f.severity.value == "error") > 0
