"""Data the national rules keep once: param defaults in the rules' TOML (the engine merges
them into ctx.params), section titles in the form variants."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

from gik_rules.api import check_report, load_ruleset, read
from gik_rules.host import default_host
from gik_rules.model import AnnualReport
from gik_rules.rules import RuleContext

RULES = Path(__file__).resolve().parents[1] / "src" / "gik_rules_national" / "rules"
EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "clean-2021.toml"


def test_rules_take_param_defaults_from_their_toml_only() -> None:
    """A default in code (ctx.params.get(name, default)) drifts from the TOML one: N107's
    was (), N601's ''."""
    for module in sorted(RULES.glob("*.py")):
        text = module.read_text(encoding="utf-8")
        assert not re.search(r"params\.get\(", text), module.name


def test_a_param_left_out_of_the_context_is_an_error_not_a_silent_default() -> None:
    host = default_host()
    rule = host.rule("template-text-unfilled")
    assert rule is not None and rule.check is not None
    report = attrs.evolve(read(EXAMPLE), preamble="本报告【待填写：编制依据】。")
    with pytest.raises(KeyError, match="markers"):
        list(rule.check(report, RuleContext(variants=host.variants)))  # type: ignore[arg-type]
    ctx = RuleContext(params=rule.default_params(), variants=host.variants)
    hits = list(rule.check(report, ctx))  # type: ignore[arg-type]
    assert [h.actual for h in hits] == ["【待填写：编制依据】"]


def _without_variant(report: AnnualReport, year: int | None) -> AnnualReport:
    meta = attrs.evolve(report.meta, variant=None, year=year)
    return attrs.evolve(report, meta=meta, sections=report.sections[:5])


@pytest.mark.parametrize("year", [2021, 2020, None])
def test_section_titles_come_from_the_form_variants(year: int | None) -> None:
    """Without a variant of its own, a report is held to the sections of its year's
    variant, else of the newest."""
    report = _without_variant(read(EXAMPLE), year)
    findings = check_report(report, load_ruleset("national", select=["N101", "N103"])).findings
    assert [(f.code, f.expected) for f in findings] == [("N101", "六、其他需要报告的事项")]
    renamed = attrs.evolve(
        report,
        sections=tuple(
            attrs.evolve(s, title="主动公开情况") if s.number == 2 else s for s in report.sections
        ),
    )
    findings = check_report(renamed, load_ruleset("national", select=["N103"])).findings
    assert [(f.code, f.expected) for f in findings] == [("N103", "二、主动公开政府信息情况")]
