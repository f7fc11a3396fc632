"""After fix, check no longer reports what was fixed; fix never loses data."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.api import check_report
from gik_rules.fix import Fix, fix_report
from gik_rules.model import AnnualReport, CellState
from gik_rules.rules import Finding
from gik_rules.testing import any_reports
from tests.fix.faults import faulty_reports

VARIANTS = st.sampled_from(["V2019", "V2021"])


def _answers(fix: Fix, finding: Finding) -> bool:
    """Whether ``finding`` is the fault ``fix`` was meant to remove."""
    if finding.code not in (fix.code, *fix.also):
        return False
    if fix.cells:
        return bool(set(fix.cells) & set(finding.cells)) or finding.location.cell in fix.cells
    if fix.rule == "numbering-style":  # the renumbered line is still out of line
        return finding.location.section == fix.location.section and (
            finding.location.excerpt == str(fix.after)[:60]
        )
    return finding.location.section == fix.location.section


def _kept(before: AnnualReport, after: AnnualReport) -> None:
    """Every figure, every section and the metadata survive."""
    for cid, cell in before.cells.items():
        if cell.state is not CellState.BLANK:
            assert after.cells[cid] == cell, cid
    assert after.meta == before.meta
    assert after.preamble == before.preamble
    numbers = [s.number for s in after.sections]
    assert all(s.number in numbers for s in before.sections)
    for old in before.sections:
        new = next(s for s in after.sections if s.number == old.number)
        assert len(new.text.split("\n")) == len(old.text.split("\n"))


@given(VARIANTS.flatmap(faulty_reports))
def test_fixed_faults_are_gone(report: AnnualReport) -> None:
    result = fix_report(report)
    after = check_report(result.report).findings
    for fix in result.fixes:
        assert fix.code is not None, fix
        left = [f for f in after if _answers(fix, f)]
        assert left == [], (fix, left)
    # the faults of faulty_reports are all safe to fix: none of them is left
    names = {f.name for f in after}
    assert not names & {"identity-mismatch", "numbering-style", "section-title"}
    assert not any(f.name == "section-missing" and f.location.section == 6 for f in after)
    assert not any(f.name == "blank-cell" for f in after)
    _kept(report, result.report)
    assert result.skipped == ()


@given(VARIANTS.flatmap(faulty_reports))
def test_filled_totals_are_the_original_figures(report: AnnualReport) -> None:
    result = fix_report(report)
    for fix in result.fixes:
        if fix.rule == "blank-cell":
            (cid,) = fix.cells
            assert result.report.cells[cid].state in (CellState.VALUE, CellState.ZERO)
            assert fix.after == result.report.cells[cid].raw


@given(VARIANTS.flatmap(any_reports))
def test_fix_on_any_report_keeps_data_and_removes_what_it_fixed(report: AnnualReport) -> None:
    result = fix_report(report)
    _kept(report, result.report)
    after = check_report(result.report).findings
    for fix in result.fixes:
        if fix.cells:
            assert not any(f.name == "blank-cell" and set(fix.cells) & set(f.cells) for f in after)
        elif fix.rule in ("section-title", "section-missing"):
            assert not any(_answers(fix, f) for f in after), fix


@given(VARIANTS.flatmap(faulty_reports))
def test_blank_as_zero_leaves_no_blank_cell(report: AnnualReport) -> None:
    result = fix_report(report, blank_as_zero=True)
    assert not any(c.state is CellState.BLANK for c in result.report.cells.values())
    assert not any(f.name == "blank-cell" for f in check_report(result.report).findings)


def _errors(findings: list[Finding] | tuple[Finding, ...]) -> int:
    return sum(1 for f in findings if f.severity.value == "error")


@settings(max_examples=60)
@given(VARIANTS.flatmap(lambda v: faulty_reports(v) | any_reports(v)), st.booleans())
def test_fix_never_raises_the_error_count(report: AnnualReport, blank_as_zero: bool) -> None:
    """A fix that would leave more errors than it found (the 【待填写】 placeholders of a
    template section, say) is not made: the heading alone is added, or it is skipped."""
    before = _errors(check_report(report).findings)
    result = fix_report(report, blank_as_zero=blank_as_zero)
    assert result.errors <= before
    assert result.errors == _errors(check_report(result.report).findings)
