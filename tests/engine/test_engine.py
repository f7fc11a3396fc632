"""The engine: statuses, crashing rules, determinism."""

from __future__ import annotations

import pickle
import types
from collections.abc import Iterator

import attrs
from hypothesis import given

from gik_rules.api import check_report, load_ruleset
from gik_rules.engine import RuleStatus
from gik_rules.hookspecs import hookimpl
from gik_rules.host import build_host
from gik_rules.model import AnnualReport
from gik_rules.rules import Hit, Rule, RuleContext, RuleDoc, Severity
from gik_rules.testing import any_reports, consistent_reports


def explode(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    raise ZeroDivisionError("division by zero")


def _crashing_host() -> object:
    plugin = types.SimpleNamespace()

    @hookimpl
    def gik_rules() -> list[Rule]:
        return [
            Rule(
                "ZZ001",
                "explodes",
                "s",
                Severity.ERROR,
                ("test",),
                RuleDoc(what="w"),
                check=explode,
            )
        ]

    plugin.gik_rules = gik_rules
    return build_host([("crash", plugin)])


@given(consistent_reports())
def test_a_crashing_rule_is_a_finding_and_the_run_goes_on(report: AnnualReport) -> None:
    host = _crashing_host()
    ruleset = load_ruleset("national", select=["N", "X", "ZZ001"], host=host)  # type: ignore[arg-type]
    result = check_report(report, ruleset, host)  # type: ignore[arg-type]
    assert result.statuses["ZZ001"] is RuleStatus.ERROR
    (crash,) = [f for f in result.findings if f.code == "X001"]
    assert "ZZ001" in crash.message and "ZeroDivisionError" in crash.message
    assert result.statuses["N301"] is RuleStatus.OK


def test_statuses_say_skipped_for_rules_of_other_years(host: object) -> None:
    from gik_rules import read
    from tests.conftest import REPO

    report = read(REPO / "examples" / "clean-2021.toml")
    result = check_report(report, "national")
    assert result.statuses["N202"] is RuleStatus.SKIPPED  # 2019 only
    assert result.statuses["N301"] is RuleStatus.OK


@given(any_reports())
def test_rules_never_raise_and_results_are_deterministic(report: AnnualReport) -> None:
    first = check_report(report, "national")
    assert RuleStatus.ERROR not in first.statuses.values(), [
        f.message for f in first.findings if f.code == "X001"
    ]
    assert check_report(report, "national") == first
    shuffled = attrs.evolve(report, cells=dict(reversed(list(report.cells.items()))))
    assert check_report(shuffled, "national").findings == first.findings


def test_rulesets_and_reports_pickle() -> None:
    ruleset = load_ruleset("national")
    assert pickle.loads(pickle.dumps(ruleset)) == ruleset
