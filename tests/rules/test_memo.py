"""A view of a report that several rules read is worked out once for that report, and
what a rule makes of its params once for its context."""

from __future__ import annotations

import attrs

from gik_rules.model import AnnualReport, ReportMeta
from gik_rules.rules import RuleContext
from gik_rules.rules.memo import per_context, per_object, per_report


def test_a_view_is_kept_for_its_report_and_worked_out_again_for_another() -> None:
    calls: list[str] = []

    @per_report
    def title(report: AnnualReport) -> str:
        calls.append(report.preamble)
        return report.preamble.upper()

    first = AnnualReport(meta=ReportMeta(), preamble="a")
    equal = AnnualReport(meta=ReportMeta(), preamble="a")  # equal, another object
    edited = attrs.evolve(first, preamble="b")
    assert [title(first), title(first), title(equal), title(edited), title(first)] == [
        "A",
        "A",
        "A",
        "B",
        "A",
    ]
    assert calls == ["a", "a", "b", "a"]


def test_what_a_rule_makes_of_its_params_is_made_once_for_its_context() -> None:
    calls: list[object] = []

    @per_context
    def words(ctx: RuleContext) -> frozenset[str]:
        calls.append(ctx.params["words"])
        return frozenset(ctx.params["words"])

    run = RuleContext(params={"words": ["无", "暂无"]})
    other = RuleContext(params={"words": ["无"]})
    assert [words(run), words(run), words(other), words(run)] == [
        frozenset({"无", "暂无"}),
        frozenset({"无", "暂无"}),
        frozenset({"无"}),
        frozenset({"无", "暂无"}),
    ]
    assert calls == [["无", "暂无"], ["无"], ["无", "暂无"]]


def test_what_many_reports_share_one_object_of_is_worked_out_once_for_that_object() -> None:
    """By identity, not equality: an equal tuple is another object, worked out again;
    past the bound, what was kept is let go and worked out again when asked."""
    calls: list[tuple[str, ...]] = []

    def tables(ids: tuple[str, ...]) -> int:
        calls.append(ids)
        return len({i.partition(".")[0] for i in ids})

    shared = per_object(tables, most=2)
    ids = ("t1.a.b", "t3.new.np", "t3.new.tot")
    assert shared(ids) == 2 and shared(ids) == 2
    assert len(calls) == 1
    alike = tuple(list(ids))
    assert alike is not ids
    assert shared(alike) == 2
    assert len(calls) == 2
    shared(("t4.x.y",))  # a third object: past the bound, all are let go
    shared(ids)
    assert len(calls) == 4
