"""``fix``: the safe fixes, each answering a rule's finding, applied until none is left.

Order: blank totals the identities determine (before anything could turn a blank into 0),
then ``--blank-as-zero`` if asked, then the fixes that answer findings of the ruleset
(numbering, section titles, a missing section 六), re-checking after each round because
renumbering one sub-heading can reveal the next.
"""

from __future__ import annotations

import attrs

from gik_rules.engine import check_report
from gik_rules.fix.blanks import zero_blanks
from gik_rules.fix.numbering import fix_numbering
from gik_rules.fix.record import Fix, FixResult, Skipped
from gik_rules.fix.sections import add_sections
from gik_rules.fix.titles import fix_titles
from gik_rules.fix.totals import fill_totals
from gik_rules.host import Host, default_host
from gik_rules.model import AnnualReport
from gik_rules.render.document import context
from gik_rules.render.report import templates_for, variant_of
from gik_rules.ruleset import Ruleset, ruleset_of

MAX_ROUNDS = 20


def fix_report(
    report: AnnualReport,
    ruleset: Ruleset | str = "national",
    *,
    jurisdiction: str | None = None,
    blank_as_zero: bool = False,
    host: Host | None = None,
) -> FixResult:
    """The report with every safe fix applied; never changes what the organ wrote beyond
    the fixes listed (raises RenderError when the form variant is unknown). Templates are
    those of ``jurisdiction``, by default of the ruleset's jurisdiction, else national.
    ``remaining`` holds the ruleset's findings on the fixed report (no need to check it
    again)."""
    host = host or default_host()
    rules = ruleset if isinstance(ruleset, Ruleset) else ruleset_of(host, ruleset)
    if jurisdiction is None:  # the ruleset's own templates, when it has any
        known = {t.get("jurisdiction") for t in host.templates}
        jurisdiction = rules.jurisdiction if rules.jurisdiction in known else None
    jurisdiction = jurisdiction or "national"
    variant = variant_of(report, host.variants)
    if report.meta.variant is None:
        report = attrs.evolve(report, meta=attrs.evolve(report.meta, variant=variant.id))
    templates = templates_for(report, jurisdiction, host)
    ctx = context(report, variant, jurisdiction)  # the fixes change no metadata

    def code_of(name: str) -> str | None:
        rule = host.rule(name)
        return rule.code if rule else None

    def heading(number: int, title: str) -> str:
        return templates.heading(ctx, number, title)

    def skeleton(number: int) -> str:
        return templates.render(f"section-{number}", ctx, required=False)

    fixes: list[Fix] = []
    skipped: list[Skipped] = []
    report, filled, skipped = fill_totals(report, variant, code_of)
    fixes += filled
    if blank_as_zero:
        report, zeroed = zero_blanks(report, variant, code_of)
        fixes += zeroed
    for _ in range(MAX_ROUNDS):
        findings = check_report(report, rules, host.variants).findings
        round_fixes: list[Fix] = []
        report, done = fix_numbering(report, findings)
        round_fixes += done
        report, done = fix_titles(report, findings, variant, heading)
        round_fixes += done
        report, done = add_sections(report, findings, variant, heading, skeleton)
        round_fixes += done
        if not round_fixes:
            break  # the findings are those of the report as it is returned
        fixes += round_fixes
    else:  # the last round changed the report: check it as it is returned
        findings = check_report(report, rules, host.variants).findings
    return FixResult(report, tuple(fixes), tuple(skipped), jurisdiction, tuple(findings))
