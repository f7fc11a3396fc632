"""What a rule needs to look at: a rule that cannot look is ``skipped`` with its reason,
never ``ok`` (``needs`` in the rule's TOML, ``Skip`` from inside a check)."""

from __future__ import annotations

import io
import json
import textwrap
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from gik_rules.api import load_ruleset, read
from gik_rules.engine import RuleStatus, check_dataset, check_report
from gik_rules.host import Host, default_host
from gik_rules.model import AnnualReport
from gik_rules.output import print_text, render_json
from gik_rules.rules import (
    Hit,
    Needs,
    Rule,
    RuleContext,
    RuleDataError,
    RuleDoc,
    Scope,
    Severity,
    Skip,
    SkipKind,
    load_rule_package,
)
from gik_rules.ruleset import RuleConfig, Ruleset
from gik_rules.testing import consistent_reports
from gik_rules.testing.fixtures import alone
from tests.conftest import REPO

CLEAN = REPO / "examples" / "clean-2021.toml"
NO_NEEDS = Needs()

PLUGINS = ("national", "gik_rules_shandong")
TABLE_RULES = sorted(
    (
        r
        for r in default_host().rules.values()
        if r.needs.tables and r.scope is not Scope.READER and r.check is not None
    ),
    key=lambda r: r.code,
)


def without(report: AnnualReport, *tables: str) -> AnnualReport:
    """The report as a reader that could not read ``tables`` gives it: none of their cells."""
    cells = {c: v for c, v in report.cells.items() if c.partition(".")[0] not in tables}
    return attrs.evolve(report, cells=cells)


def status(rule: Rule, report: AnnualReport, host: Host) -> tuple[RuleStatus, str, str]:
    """The rule's status on the report, alone, and its skip reason (Chinese, English)."""
    ruleset = alone(rule)
    if rule.scope is Scope.DATASET:
        outcome = check_dataset([report], ruleset, host.variants, keys=["r"])
        code_status = outcome.statuses["r"][rule.code]
        reason = outcome.skipped["r"].get(rule.code)
    else:
        result = check_report(report, ruleset, host.variants)
        code_status = result.statuses[rule.code]
        reason = result.skipped.get(rule.code)
    if code_status is RuleStatus.SKIPPED:
        assert reason is not None, f"{rule.code} skipped without a reason"
        return code_status, reason.message, reason.message_en
    assert reason is None
    return code_status, "", ""


def test_the_table_rules_of_both_plugins_declare_their_tables() -> None:
    rules = [r for r in default_host().rules.values() if r.plugin in ("national", "shandong")]
    undeclared = [
        r.code for r in rules if {"tables", "arithmetic"} & set(r.groups) and not r.needs.tables
    ]
    assert undeclared == []
    assert {"N301", "N302", "N303", "N304", "N305", "N401", "SD301"} <= {
        r.code for r in TABLE_RULES
    }
    assert default_host().rules["N401"].needs == Needs(("t2", "t3", "t4"), text=True)


@pytest.mark.parametrize("rule", TABLE_RULES, ids=[r.code for r in TABLE_RULES])
@settings(max_examples=8)
@given(data=st.data())
def test_a_rule_whose_tables_were_not_read_is_skipped_never_ok(
    rule: Rule, data: st.DataObject
) -> None:
    host = default_host()
    variant = rule.variants[0] if rule.variants else None
    report = data.draw(consistent_reports(variant))
    if not rule.applies(report.meta.variant, report.meta.year):
        report = attrs.evolve(report, meta=attrs.evolve(report.meta, year=rule.first_year))
    assert status(rule, report, host)[0] is RuleStatus.OK  # it looks, and finds nothing

    got, message, message_en = status(rule, without(report, *rule.needs.tables), host)
    assert got is RuleStatus.SKIPPED
    assert all(t in message_en for t in rule.needs.tables), message_en
    assert message.endswith("未读取"), message

    for table in rule.needs.tables:  # one table lost: what it could not see may hold the fault
        got, message, message_en = status(rule, without(report, table), host)
        assert got is not RuleStatus.OK, table
        if got is RuleStatus.SKIPPED:
            assert message_en == f"table {table} not read"
            assert "表" in message and message.endswith("未读取")


def test_identity_mismatch_skips_identities_none_of_whose_cells_was_read(host: Host) -> None:
    report = read(CLEAN)
    rule = host.rules["N301"]
    lost = [c for c in report.cells if c.startswith("t4.suit_after.")]
    assert lost
    partial = attrs.evolve(report, cells={c: v for c, v in report.cells.items() if c not in lost})
    got, message, message_en = status(rule, partial, host)
    assert got is RuleStatus.SKIPPED
    assert "A6[suit_after]" in message and "not evaluated" in message_en


def test_the_json_output_gives_every_skipped_rule_with_its_reason(host: Host) -> None:
    report = without(read(CLEAN), "t3")
    result = check_report(report, load_ruleset("national", host=host), host.variants)
    doc = json.loads(render_json([attrs.evolve(result, source="clean.toml")]))
    entry = doc["reports"]["clean.toml"]
    assert entry["statuses"]["N301"] == "skipped"
    assert entry["skipped"]["N301"] == {
        "message": "表三未读取",
        "message_en": "table t3 not read",
        "kind": "not-read",
    }
    assert entry["skipped"]["N202"]["kind"] == "not-applicable"  # a 2019-only rule
    assert "2019" in entry["skipped"]["N202"]["message_en"]
    assert set(entry["skipped"]) == {c for c, s in entry["statuses"].items() if s == "skipped"}


def test_the_text_output_says_how_many_rules_were_skipped_and_why(host: Host) -> None:
    clean = read(CLEAN)
    ruleset = load_ruleset("national", host=host)
    results = [
        check_report(clean, ruleset, host.variants, source="whole.toml"),
        check_report(without(clean, "t3"), ruleset, host.variants, source="lost.toml"),
    ]
    for english, reason in ((False, "表三未读取"), (True, "table t3 not read")):
        buffer = io.StringIO()
        print_text(results, Console(file=buffer, width=200), english=english)
        whole, _, lost = buffer.getvalue().partition("lost.toml")
        assert "skipped" not in whole  # rules not meant for 2021 (N202) are not counted
        skipped = [r for r in results[1].not_read().values()]
        assert f"{len(skipped)} rules skipped: {reason}" in lost
        assert len(skipped) >= 5


def looks_away(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    raise Skip("无从核对", "nothing to check")
    yield  # a generator, as checks are


def finds_then_gives_up(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    yield Hit("有误", "wrong")
    raise Skip("其余无从核对", "the rest cannot be checked")


def never_looks(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    raise AssertionError("a rule whose needs are not met must not run")
    yield


def _rule(code: str, check: object, needs: Needs = NO_NEEDS) -> Rule:
    return Rule(code, code.lower(), "s", Severity.ERROR, ("t",), RuleDoc("w"), check, needs=needs)  # type: ignore[arg-type]


def test_a_check_skips_itself_with_a_typed_reason() -> None:
    rules = (
        _rule("ZS001", looks_away),
        _rule("ZS002", finds_then_gives_up),
        _rule("ZS003", never_looks, Needs(tables=("t9",))),
        _rule("ZS004", never_looks, Needs(text=True)),
    )
    ruleset = Ruleset("needs", tuple(RuleConfig(r, r.severity, {}) for r in rules))
    host = default_host()
    result = check_report(read(CLEAN), ruleset, host.variants, has_text=False)
    assert result.statuses == {
        "ZS001": RuleStatus.SKIPPED,
        "ZS002": RuleStatus.FINDINGS,
        "ZS003": RuleStatus.SKIPPED,
        "ZS004": RuleStatus.SKIPPED,
    }
    assert result.skipped["ZS001"].message_en == "nothing to check"
    assert result.skipped["ZS001"].kind is SkipKind.NOT_READ
    assert result.skipped["ZS003"].message_en == "table t9 not read"
    assert "no text" in result.skipped["ZS004"].message_en
    assert [f.message for f in result.findings] == ["有误"]


def test_dataset_rows_say_why_the_text_rules_were_skipped(tmp_path: Path, host: Host) -> None:
    outcome = check_dataset(
        [read(CLEAN)], alone(host.rules["N803"]), host.variants, keys=["a"], has_text=[False]
    )
    assert outcome.statuses["a"]["N803"] is RuleStatus.SKIPPED
    assert "dataset row" in outcome.skipped["a"]["N803"].message_en


def _package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, needs: str) -> str:
    name = "needs_" + "".join(c if c.isalnum() else "_" for c in tmp_path.name)  # a fresh import
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "demo.toml").write_text(
        textwrap.dedent(
            f"""\
            [[rule]]
            code = "ZN001"
            name = "demo"
            summary = "s"
            severity = "error"
            needs = {needs}
            [rule.doc]
            what = "w"
            """
        ),
        encoding="utf-8",
    )
    (package / "demo.py").write_text(
        "from gik_rules.rules import implements\n\n\n"
        '@implements("ZN001")\ndef demo(report, ctx):\n    return []\n'
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    return name


@pytest.mark.parametrize(
    ("needs", "message"),
    [
        (
            '{ tabels = ["t3"] }',
            r"needs_\w+/demo\.toml: rule\[1\] \(ZN001\)\.needs: unknown key 'tabels' "
            r"\(known: tables, text, reads\)",
        ),
        (
            '{ read = ["metadata"] }',
            r"needs_\w+/demo\.toml: rule\[1\] \(ZN001\)\.needs: unknown key 'read' "
            r"\(known: tables, text, reads\)",
        ),
        (
            '{ reads = "metadata" }',
            r"demo\.toml: rule\[1\] \(ZN001\)\.needs\.reads: expected a list of strings, not 'metadata'",
        ),
        (
            '{ reads = ["the text"] }',
            r"demo\.toml: rule\[1\] \(ZN001\)\.needs: needs\.reads: 'the text' is not metadata, text, "
            r"indicators, param:NAME or a cell id",
        ),
        (
            '{ reads = ["param:cells"] }',
            r"demo\.toml: rule ZN001: needs\.reads: 'param:cells' names no param of the rule",
        ),
        (
            '{ tables = "t3" }',
            r"demo\.toml: rule\[1\] \(ZN001\)\.needs\.tables: expected a list of strings, not 't3'",
        ),
        (
            '{ text = "yes" }',
            r"demo\.toml: rule\[1\] \(ZN001\)\.needs\.text: expected true or false, not 'yes'",
        ),
        ('["t3"]', r"demo\.toml: rule\[1\] \(ZN001\)\.needs: expected a table, not a list"),
    ],
)
def test_a_malformed_need_is_rejected_at_load_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, needs: str, message: str
) -> None:
    package = _package(tmp_path, monkeypatch, needs)
    with pytest.raises(RuleDataError, match=message):
        load_rule_package(package)


def test_declared_needs_are_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = _package(tmp_path, monkeypatch, '{ tables = ["t3"], text = true }')
    (rule,) = load_rule_package(package)
    assert rule.needs == Needs(tables=("t3",), text=True)
    assert rule.needs.reads is None  # not declared: the whole report


def test_what_a_rule_reads_is_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = _package(tmp_path, monkeypatch, '{ reads = ["metadata", "t3.new", "indicators"] }')
    (rule,) = load_rule_package(package)
    assert rule.needs == Needs(reads=("metadata", "t3.new", "indicators"))


@settings(max_examples=3, deadline=None)
@given(report=consistent_reports("V2021"), left_out=st.sampled_from(["t2", "t3", "t4", "t9"]))
def test_a_dataset_rows_tables_read_are_those_of_its_cells(
    report: AnnualReport, left_out: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A dataset row's tables are worked out once for the rows sharing its cell ids: two
    files, one without a table's columns, each get their own."""
    import csv

    from gik_rules.engine.columnar import check_path
    from gik_rules.engine.needs import tables_read
    from gik_rules.ingest.dataset_columns import template_header

    host = default_host()
    national = load_ruleset("national", host=host)
    header = template_header({"V2021": host.variants["V2021"]})
    cells = {cid: str(cell.value) for cid, cell in report.cells.items()}
    row = {**cells, "organ": "示例市第1局", "year": "2022", "organ_id": "o1"}
    seen = []
    for columns in (header, [h for h in header if not h.startswith(left_out + ".")], header):
        path = tmp_path_factory.mktemp("needs") / "d.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(columns)
            writer.writerows([[row.get(h, "") for h in columns]] * 2)
        for result in check_path(path, national, host, None):
            assert result.report is not None
            ids = list(result.report.cells)
            assert tables_read(result.report) == {cid.partition(".")[0] for cid in ids}
            seen.append(tables_read(result.report))
    assert (left_out in seen[0]) == (left_out in {"t2", "t3", "t4"})
    assert left_out not in seen[2]
