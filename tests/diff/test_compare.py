"""Two reports side by side: cells with both values and the change, sentences carried
over word for word or with other figures only, findings matched by rule and place."""

from __future__ import annotations

from decimal import Decimal

import attrs

import gik_rules
from gik_rules.diff import Carried, CellStatus, diff_findings, diff_reports
from gik_rules.host import Host
from gik_rules.model import AnnualReport, Cell
from gik_rules.rules import Finding, Location, Severity
from tests.conftest import REPO


def _example() -> AnnualReport:
    return gik_rules.read(REPO / "examples" / "clean-2021.toml")


def _with_text(report: AnnualReport, number: int, text: str) -> AnnualReport:
    sections = tuple(
        attrs.evolve(s, text=text) if s.number == number else s for s in report.sections
    )
    return attrs.evolve(report, sections=sections)


def test_every_cell_with_both_values_and_the_change(host: Host) -> None:
    old = _example()
    cells = {**old.cells, "t3.new.np": Cell.of(8), "t2.fees.amount": Cell.of(Decimal("1.5"))}
    del cells["t2.rules.issued"]
    new = attrs.evolve(old, cells=cells)
    diff = diff_reports(old, new, host.variants)
    by_id = {c.cell: c for c in diff.cells}
    assert len(diff.cells) == len(set(old.cells) | set(new.cells))
    assert list(by_id)[:3] == list(host.variants["V2021"].cells)[:3]  # in the form's order
    changed = by_id["t3.new.np"]
    assert (changed.old.value, changed.new.value, changed.change) == (6, 8, 2)  # type: ignore[union-attr]
    assert changed.status is CellStatus.CHANGED
    assert changed.label == "一、本年新收政府信息公开申请数量 / 自然人"
    assert by_id["t2.fees.amount"].change == Decimal("1.5")
    assert by_id["t2.rules.issued"].status is CellStatus.REMOVED
    assert by_id["t2.rules.issued"].change is None
    assert diff.count(CellStatus.SAME) == len(diff.cells) - 3


def test_text_carried_over_word_for_word_or_with_other_figures(host: Host) -> None:
    old = _with_text(_example(), 5, "政策解读形式单一。全年新收申请6件。存在问题较多。")
    new = _with_text(_example(), 5, "政策解读形式单一。全年新收申请9件。今年新问题。")
    five = next(s for s in diff_reports(old, new, host.variants).sections if s.number == 5)
    assert [(s.text, s.carried) for s in five.sentences] == [
        ("政策解读形式单一。", Carried.SAME),
        ("全年新收申请9件。", Carried.FIGURES),
        ("今年新问题。", Carried.NEW),
    ]
    assert five.text[five.sentences[1].start : five.sentences[1].end] == "全年新收申请9件。"
    # shares of the characters (fold): 9 + 9 of 24 ("今年新问题。" is new)
    assert (five.carried, five.figures) == (round(9 / 24, 4), round(9 / 24, 4))


def test_a_sentence_moved_to_another_section_is_carried_too(host: Host) -> None:
    old = _with_text(_example(), 6, "本局认真落实上级年度政务公开工作要点。")
    new = _with_text(_example(), 5, "本局认真落实上级年度政务公开工作要点。")
    five = next(s for s in diff_reports(old, new, host.variants).sections if s.number == 5)
    assert five.carried == 1.0


def test_a_section_only_old_has(host: Host) -> None:
    old = _example()
    new = attrs.evolve(old, sections=tuple(s for s in old.sections if s.number != 6))
    sections = diff_reports(old, new, host.variants).sections
    assert [s.number for s in sections if s.only_in_old] == [6]


def _finding(code: str, cell: str | None = None, message: str = "", line: int = 1) -> Finding:
    return Finding(code, "x", Severity.WARNING, message, message, Location(cell=cell, line=line))


def test_findings_new_fixed_and_unchanged_by_rule_and_place() -> None:
    old = [
        _finding("N301", "t3.new.tot", "填报值 5", line=30),
        _finding("N106"),
        _finding("N401"),
        _finding("N401"),
    ]
    new = [_finding("N301", "t3.new.tot", "填报值 9", line=41), _finding("N401"), _finding("N902")]
    diff = diff_findings(old, new)
    assert [f.code for f in diff.new] == ["N902"]
    assert [f.code for f in diff.fixed] == ["N106", "N401"]  # one of the two N401 is gone
    assert next((o.message, n.message) for o, n in diff.unchanged) == ("填报值 5", "填报值 9")
    assert len(diff.unchanged) == 2


def test_a_report_against_itself_changes_nothing(host: Host) -> None:
    report = _example()
    result = gik_rules.check_report(report)
    diff = diff_reports(
        report, report, host.variants, old_findings=result.findings, new_findings=result.findings
    )
    assert diff.count(CellStatus.SAME) == len(diff.cells)
    assert all(s.carried == 1.0 for s in diff.sections)
    assert diff.findings.new == diff.findings.fixed == ()
    assert len(diff.findings.unchanged) == len(result.findings)
