"""Lean reports (``engine.lean``): a run keeps of each checked report, and a worker sends,
what its dataset rules and its output format say they read, and the output is that of
whole reports."""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gik_rules.engine import with_dataset_findings
from gik_rules.engine.dataset import check_dataset
from gik_rules.engine.lean import (
    BARE,
    Keep,
    indicator_cells,
    kept_ids,
    lean_report,
    lean_result,
    run_keep,
)
from gik_rules.engine.needs import tables_read
from gik_rules.engine.parallel import check_jobs, packed_result
from gik_rules.engine.result import ReportResult
from gik_rules.host import Host
from gik_rules.model import AnnualReport, OrganLevel, ReportMeta
from gik_rules.model.canonical import from_toml
from gik_rules.model.cell import NUMBER_STATES
from gik_rules.rules import Hit, Needs, Rule, RuleContext, RuleDoc, Scope, Severity
from gik_rules.ruleset import RuleConfig, Ruleset, ruleset_of
from gik_rules.testing.strategies import any_reports
from tests.conftest import REPO
from tests.engine.batch_files import flat, jobs_of, rendered


def _figures(report: AnnualReport) -> int:
    return sum(c.state in NUMBER_STATES for c in report.cells.values())


def test_the_national_dataset_rules_say_what_they_read(national: Ruleset, host: Host) -> None:
    """Every dataset rule of the national ruleset declares what it reads, so that a run
    keeps less than whole reports: the metadata-only rules add no cell, and json adds
    the indicators' cells."""
    dataset_rules = [c for c in national.rules if c.rule.scope is Scope.DATASET]
    assert dataset_rules and all(c.rule.needs.reads is not None for c in dataset_rules)
    keep = run_keep([national], host.variants, BARE)
    assert keep is not None and keep.cells is not None and keep.text and keep.extent
    alone = ruleset_of(host, "national", select=["N805", "N806"])
    assert run_keep([alone], host.variants, BARE) == Keep()  # the metadata alone
    json_keep = Keep(indicator_cells(host.variants.values()), extent=False)
    assert "t3.total.tot" in (json_keep.cells or ())
    assert run_keep([alone], host.variants, json_keep) == json_keep | Keep()
    assert run_keep([], host.variants, None) is None  # html: whole reports


@pytest.mark.parametrize("ignore", [(), ("N803", "N807")])
def test_a_worker_sends_each_report_lean(
    ignore: tuple[str, ...], batch: list[Path], host: Host
) -> None:
    """With ``keep`` a worker sends each report's metadata, the cells kept, the text
    only if kept, and what the whole report read (its tables and figures): fewer bytes
    than the whole report, and no cell the run does not read (the national rules that
    read the text read every table; without them, the text and most cells stay)."""
    ruleset = ruleset_of(host, "national", ignore=list(ignore))
    here = flat(check_jobs(jobs_of(batch, ruleset), host=host))
    keep = run_keep([ruleset], host.variants, BARE)
    assert keep is not None and keep.cells is not None and keep.text == (not ignore)
    lean = flat(check_jobs(jobs_of(batch, ruleset), workers=2, keep=keep))
    assert [attrs.evolve(r, report=None) for r in lean] == [
        attrs.evolve(r, report=None) for r in here
    ]
    fewer = smaller = 0
    for got, whole in zip(lean, here, strict=True):
        if whole.report is None:
            assert got.report is None
            continue
        assert got.report is not None
        cells, report = got.report.cells, whole.report
        assert got.report.meta == report.meta
        assert list(cells) == list(kept_ids(tuple(report.cells), keep.cells))
        assert all(cells[cid] == report.cells[cid] for cid in cells)
        text = (report.sections, report.preamble) if keep.text else ((), "")
        assert (got.report.sections, got.report.preamble) == text
        assert not got.report.tables
        assert tables_read(got.report) == tables_read(report)
        extent = getattr(cells, "extent", None)
        if len(cells) < len(report.cells):  # what the whole report read, told apart
            assert extent is not None and extent.figures == _figures(report)
            fewer += 1
        else:
            assert extent is None
        sent, before = len(pickle.dumps(got)), len(pickle.dumps(packed_result(whole)))
        assert sent <= before
        smaller += sent < before
    assert smaller  # the tables' titles and places at least are not sent
    assert bool(fewer) == bool(ignore)  # cells no rule reads


def test_a_lean_run_writes_what_a_whole_one_writes(
    national: Ruleset, host: Host, here: list[ReportResult]
) -> None:
    """The dataset rules over lean reports, and the formats that read only what they
    declare, give the bytes of whole reports (the old path)."""
    for fmt, output in (("json", Keep(indicator_cells(host.variants.values()))), ("jsonl", BARE)):
        keep = run_keep([national], host.variants, output)
        assert keep is not None
        lean = [lean_result(r, keep) for r in here]
        whole = with_dataset_findings(here, national, host.variants)
        found = with_dataset_findings(lean, national, host.variants)
        assert [attrs.evolve(r, report=None) for r in found] == [
            attrs.evolve(r, report=None) for r in whole
        ]
        assert any(f.code.startswith("N8") for r in whole for f in r.findings)
        assert rendered(found, fmt, host) == rendered(whole, fmt, host)


def _loosened(ruleset: Ruleset) -> Ruleset:
    """``ruleset`` with the outliers rule judging groups of two at any gap and the
    hierarchy's sums held equal, so that a few reports give them something to find."""
    loose: dict[str, dict[str, object]] = {
        "N808": {"min_peers": 2, "min_gap": 0.0, "threshold": 0.5, "min_denominator": 0},
        "N804": {"mode": "equal"},
    }
    return attrs.evolve(
        ruleset,
        rules=tuple(
            attrs.evolve(c, params={**c.params, **loose.get(c.rule.code, {})})
            for c in ruleset.rules
        ),
    )


#: rows some rule reads and rows none does: a report without the first, or one without
#: some of the second before its fuller copy, reads otherwise by its lean cells alone
_ROWS = ("t2.rules", "t2.normative", "t3.carried", "t2.licensing", "t2.penalty", "t2.fees")


def _without(report: AnnualReport, rows: list[str]) -> AnnualReport:
    cells = {k: c for k, c in report.cells.items() if k.rpartition(".")[0] not in rows}
    return attrs.evolve(report, cells=cells)


@st.composite
def _datasets(draw: st.DrawFn) -> list[AnnualReport]:
    """Reports of a few organs (some under another's government) on a few years, some
    of one organ and year twice (the copy without some rows no rule reads), their cells
    of every state, some missing, some without the rows a rule reads."""
    reports: list[AnnualReport] = []
    for _ in range(draw(st.integers(2, 10))):
        if reports and draw(st.integers(0, 3)) == 0:  # a fuller copy after it
            at = draw(st.integers(0, len(reports) - 1))
            reports.append(reports[at])
            reports[at] = _without(reports[at], draw(st.lists(st.sampled_from(_ROWS[3:]))))
            continue
        variant = draw(st.sampled_from(["V2019", "V2021"]))
        report = draw(any_reports(variant))
        organ = draw(st.integers(0, 3))
        years = (2019, 2020) if variant == "V2019" else (2021, 2022, 2023)
        meta = attrs.evolve(
            report.meta,
            year=draw(st.sampled_from(years)),
            organ=f"示例市第{organ}局",
            organ_id=f"o{organ}",
            parent_id=draw(st.sampled_from([None, "o0"])) if organ else None,
            level=draw(st.sampled_from(list(OrganLevel))),
        )
        gone = draw(st.sampled_from([[], _ROWS[:2], _ROWS[1:3]]))
        report = _without(report, [*gone, *draw(st.lists(st.sampled_from(_ROWS), max_size=2))])
        reports.append(attrs.evolve(report, meta=meta))
    return reports


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(reports=_datasets(), text=st.booleans())
def test_the_dataset_rules_find_in_lean_reports_what_they_find_in_whole_ones(
    reports: list[AnnualReport], text: bool, host: Host
) -> None:
    """Each national dataset rule reads no more than it declares: over lean reports (as
    kept by a run of the rules, with and without those that read the text and every
    table) they give each report the findings, statuses and skip reasons of whole ones."""
    national = _loosened(ruleset_of(host, "national", ignore=[] if text else ["N803", "N807"]))
    keep = run_keep([national], host.variants, BARE)
    assert keep is not None
    keys = [f"r{i}" for i in range(len(reports))]
    whole = check_dataset(reports, national, host.variants, keys=keys)
    lean = [lean_report(r, keep) for r in reports]
    found = check_dataset(lean, national, host.variants, keys=keys)
    for key in keys:
        assert found.findings[key] == whole.findings[key]
        assert found.statuses[key] == whole.statuses[key]
        assert found.skipped[key] == whole.skipped[key]


# ------------------------------------------------------------------ what a rule sees

#: the cell ids and text each recording rule saw, by code
SEEN: dict[str, list[tuple[frozenset[str], bool]]] = {}


def _record(code: str, reports: Sequence[AnnualReport]) -> Iterator[Hit]:
    SEEN.setdefault(code, []).extend((frozenset(r.cells), bool(r.sections)) for r in reports)
    return iter(())


def sees_metadata(reports: Sequence[AnnualReport], ctx: RuleContext) -> Iterator[Hit]:
    return _record("XL001", reports)


def sees_carried(reports: Sequence[AnnualReport], ctx: RuleContext) -> Iterator[Hit]:
    return _record("XL002", reports)


def sees_all(reports: Sequence[AnnualReport], ctx: RuleContext) -> Iterator[Hit]:
    return _record("XL003", reports)


def _rule(code: str, check: object, needs: Needs) -> RuleConfig:
    rule = Rule(
        code,
        f"rule-{code.lower()}",
        "s",
        Severity.INFO,
        ("dataset",),
        RuleDoc(what="w"),
        check=check,  # type: ignore[arg-type]
        scope=Scope.DATASET,
        plugin="xl",
        needs=needs,
    )
    return RuleConfig(rule, rule.severity, {})


META = _rule("XL001", sees_metadata, Needs(reads=("metadata",)))
CARRIED = _rule("XL002", sees_carried, Needs(tables=("t3",), reads=("t3.carried",)))
UNDECLARED = _rule("XL003", sees_all, Needs())


def _seen_by(configs: tuple[RuleConfig, ...], host: Host) -> dict[str, set[frozenset[str]]]:
    """What each rule saw when ``configs`` ran over two reports kept as the run keeps
    them, and whether it saw text."""
    SEEN.clear()
    ruleset = Ruleset("xl", configs)
    report = from_toml((REPO / "examples" / "clean-2021.toml").read_text(encoding="utf-8"))
    reports = [attrs.evolve(report, meta=attrs.evolve(report.meta, year=y)) for y in (2021, 2022)]
    assert report.cells and report.sections
    keep = run_keep([ruleset], host.variants, BARE)
    kept = reports if keep is None else [lean_report(r, keep) for r in reports]
    check_dataset(kept, ruleset, host.variants)
    return {code: {ids for ids, _ in seen} for code, seen in SEEN.items()} | {
        f"{code} text": {frozenset({"text"}) for _, text in seen if text}
        for code, seen in SEEN.items()
    }


def test_a_rule_of_the_metadata_alone_sees_no_cell(host: Host) -> None:
    seen = _seen_by((META,), host)
    assert seen["XL001"] == {frozenset()}
    assert not seen["XL001 text"]


def test_a_rule_sees_the_cells_the_run_declares(host: Host) -> None:
    """With a rule that reads a row of table 三, each rule of the run sees that row's
    cells and no other."""
    seen = _seen_by((META, CARRIED), host)
    (ids,) = seen["XL002"]
    assert ids and all(cid.startswith("t3.carried.") for cid in ids)
    assert seen["XL001"] == {ids}


def test_an_undeclared_plugin_rule_sees_whole_reports(host: Host) -> None:
    """A rule that does not say what it reads (as plugins' rules written before
    ``reads``) takes whole reports, cells, text and all, for every rule of the run."""
    seen = _seen_by((META, UNDECLARED), host)
    (ids,) = seen["XL003"]
    assert len(ids) > 100 and seen["XL003 text"]
    assert seen["XL001"] == {ids}


def test_a_lean_report_made_again_keeps_what_the_whole_one_read() -> None:
    """A report made lean twice (sent lean, kept lean) keeps the whole report's extent."""
    report = from_toml((REPO / "examples" / "clean-2021.toml").read_text(encoding="utf-8"))
    keep = Keep(frozenset({"t2.rules"}))
    once = lean_report(report, keep)
    twice = lean_report(once, keep)
    assert tables_read(twice) == tables_read(report) == {"t2", "t3", "t4"}
    assert getattr(twice.cells, "extent", None) == getattr(once.cells, "extent", None)
    assert lean_report(report, BARE) == AnnualReport(meta=report.meta)
    assert lean_report(AnnualReport(ReportMeta(organ="x")), keep).cells == {}
