"""``check_report`` goes through a kind of report's planned run (``engine.plan.Run``):
the same statuses, skip reasons and findings, in the same order, as stepping through
every rule of the plan one by one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.api import load_ruleset
from gik_rules.engine import RuleStatus
from gik_rules.engine.needs import tables_read
from gik_rules.engine.plan import plan_for
from gik_rules.engine.result import shared_mapping
from gik_rules.engine.run import check_report, make_finding
from gik_rules.host import default_host
from gik_rules.model import AnnualReport
from gik_rules.rules import Hit, Location
from gik_rules.rules.finding import Finding
from gik_rules.rules.skip import Skip, SkipKind, SkipReason
from gik_rules.testing import any_reports

HOST = default_host()
NATIONAL = load_ruleset("national", host=HOST)
CODES = [c.rule.code for c in NATIONAL.rules]
OWN = SkipReason("自行跳过", "skipped itself", SkipKind.NOT_READ)


def step_by_step(
    report: AnnualReport, has_text: bool, read: frozenset[str], computed: Mapping[str, Any]
) -> tuple[list[Any], list[Any], list[Finding]]:
    """What ``check_report`` gave when it went through every step of the plan."""
    statuses: dict[str, RuleStatus] = {}
    skipped: dict[str, SkipReason] = {}
    findings: list[Finding] = []
    for step in plan_for(NATIONAL, HOST.variants).steps(report.meta, has_text, read):
        code = step.config.rule.code
        reason = step.skip
        if reason is None:
            own = None
            try:
                if code in computed:
                    hits, own = computed[code]
                else:
                    hits = list(step.check(report, step.ctx))
            except Skip as skip:
                hits, own = [], skip.reason
            if hits:
                findings.extend(make_finding(step.config, h) for h in hits)
                statuses[code] = RuleStatus.FINDINGS
                continue
            reason = step.unread or own
            if reason is None:
                statuses[code] = RuleStatus.OK
                continue
        statuses[code] = RuleStatus.SKIPPED
        skipped[code] = reason
    findings.sort(key=Finding.sort_key)
    return list(statuses.items()), list(skipped.items()), findings


_HIT = Hit("命中", "hit", Location(ref="x"))


@settings(max_examples=25, deadline=None)
@given(
    any_reports(),
    st.booleans(),
    st.none() | st.sets(st.sampled_from(["t1", "t2", "t3", "t4"])).map(frozenset),
    st.dictionaries(
        st.sampled_from(CODES),
        st.sampled_from([((), None), ((_HIT,), None), ((), OWN), ((_HIT,), OWN)]),
        max_size=8,
    ),
)
def test_a_planned_run_is_every_step_in_turn(
    report: AnnualReport,
    has_text: bool,
    read: frozenset[str] | None,
    computed: dict[str, Any],
) -> None:
    """Whatever the report, its text, the tables read and what rules found elsewhere
    (findings, or skipping themselves): the statuses and skip reasons in the steps'
    order, and the findings, of going through every step."""
    read = tables_read(report) if read is None else read
    result = check_report(
        report, NATIONAL, HOST.variants, has_text=has_text, computed=computed, read=read
    )
    statuses, skipped, findings = step_by_step(report, has_text, read, computed)
    assert list(result.statuses.items()) == statuses
    assert list(result.skipped.items()) == skipped
    assert list(result.findings) == findings


def test_reports_of_a_kind_on_which_nothing_is_found_share_their_statuses() -> None:
    """A dataset's hundred thousand clean rows hold one statuses and one skip mapping
    (``engine.result.shared_mapping`` then returns it as it is); a report with a
    finding has its own, and the planned ones are left as they were."""
    report = AnnualReport()
    quiet = {code: ((), None) for code in CODES}
    first = check_report(report, NATIONAL, HOST.variants, computed=quiet, has_text=False)
    second = check_report(report, NATIONAL, HOST.variants, computed=quiet, has_text=False)
    assert first.statuses is second.statuses and first.skipped is second.skipped
    assert shared_mapping(first.statuses) is first.statuses
    assert shared_mapping(dict(first.statuses)) is first.statuses  # an equal one: the same
    running = next(c for c, s in first.statuses.items() if s is RuleStatus.OK)
    found = {**quiet, running: ((_HIT,), None)}
    third = check_report(report, NATIONAL, HOST.variants, computed=found, has_text=False)
    assert third.statuses is not first.statuses
    assert third.statuses[running] is RuleStatus.FINDINGS
    assert first.statuses[running] is RuleStatus.OK
