"""``fix``: the safe fixes, each answering a rule's finding, applied until none is left.

Order: blank totals the identities determine (before anything could turn a blank into 0),
then ``--blank-as-zero`` if asked, then the fixes that answer findings of the ruleset
(numbering, section titles, a missing section 六), re-checking after each round because
renumbering one sub-heading can reveal the next. The report is checked after each round;
a round that leaves more errors than it found is retried kind by kind, and a kind that
still does is not applied (its fixes are listed as skipped, with the counts): ``fix``
never raises the error count.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

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
from gik_rules.rules.finding import Finding, Severity
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

    def check(r: AnnualReport) -> tuple[Finding, ...]:
        return tuple(check_report(r, rules, host.variants).findings)

    findings = check(report)
    fixes: list[Fix] = []
    skipped: list[Skipped] = []
    refused: set[str] = set()  # rules whose fixes would raise the error count

    def attempt(steps: Sequence[Step]) -> bool:
        """Apply ``steps`` to ``report`` in turn and check it once: kept when it leaves no
        more errors than there were; else each step is tried alone, and one that still
        raises the count is tried in its ``FALLBACK`` form, then listed as skipped."""
        nonlocal report, findings
        changed, done = report, []
        for step in steps:
            changed, made = step(changed, [f for f in findings if f.name not in refused])
            done += made
        if not done:
            return False
        after = check(changed)
        was, now = _errors(findings), _errors(after)
        if now <= was:
            report, findings = changed, after
            fixes.extend(done)
            return True
        if len(steps) > 1:
            return any([attempt([step]) for step in steps])  # every one is tried
        if steps[0] in fallback:
            return attempt([fallback[steps[0]]])
        refused.update(f.rule for f in done)
        skipped.extend(
            Skipped(
                f.rule, f"not applied: it would raise the errors from {was} to {now}", f.location
            )
            for f in done
        )
        return False

    def totals(r: AnnualReport, _: Sequence[Finding]) -> tuple[AnnualReport, list[Fix]]:
        r, filled, undetermined = fill_totals(r, variant, code_of)
        skipped.extend(undetermined)
        return r, filled

    def skeleton(number: int) -> str:
        return templates.render(f"section-{number}", ctx, required=False)

    def sections(r: AnnualReport, found: Sequence[Finding]) -> tuple[AnnualReport, list[Fix]]:
        return add_sections(r, found, variant, heading, skeleton)

    def headings(r: AnnualReport, found: Sequence[Finding]) -> tuple[AnnualReport, list[Fix]]:
        return add_sections(r, found, variant, heading, None)

    # a missing section whose template text (its placeholders) would raise the error
    # count gets its heading alone
    fallback: dict[Step, Step] = {sections: headings}
    attempt([totals])
    if blank_as_zero:
        attempt([lambda r, _: zero_blanks(r, variant, code_of)])
    steps: list[Step] = [fix_numbering, lambda r, f: fix_titles(r, f, variant, heading), sections]
    for _ in range(MAX_ROUNDS):
        # renumbering one sub-heading can reveal the next: until a round changes nothing
        if not attempt(steps):
            break
    return FixResult(report, tuple(fixes), tuple(skipped), jurisdiction, findings)


Step = Callable[[AnnualReport, Sequence[Finding]], tuple[AnnualReport, list[Fix]]]


def _errors(findings: Sequence[Finding]) -> int:
    return sum(1 for f in findings if f.severity is Severity.ERROR)
