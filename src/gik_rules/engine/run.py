"""Running a ruleset over reports. Rules are pure; a rule that raises becomes an X001
finding and the run goes on; results are sorted so output is deterministic."""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from gik_rules.engine.result import ReportResult, RuleStatus
from gik_rules.forms.variant import FormVariant
from gik_rules.host import Host, default_host
from gik_rules.ingest.manifest import Manifest
from gik_rules.ingest.result import ParseIssue, ReadResult
from gik_rules.model import AnnualReport
from gik_rules.rules.context import RuleContext
from gik_rules.rules.finding import Finding, Hit, Location
from gik_rules.rules.rule import Rule, Scope
from gik_rules.ruleset import RuleConfig, Ruleset

#: Rule groups whose rules read the report's text (sections, title, narrative).
TEXT_GROUPS = frozenset({"structure", "text"})


def make_finding(config: RuleConfig, hit: Hit) -> Finding:
    """A rule's hit as a finding: the rule's code, name, configured severity and source."""
    return Finding(
        code=config.rule.code,
        name=config.rule.name,
        severity=config.severity,
        message=hit.message,
        message_en=hit.message_en,
        location=hit.location,
        expected=hit.expected,
        actual=hit.actual,
        cells=hit.cells,
        legal=config.rule.doc.legal,
    )


def crash_finding(config: RuleConfig, exc: BaseException, ruleset: Ruleset) -> Finding | None:
    """The X001 finding for a rule that raised (None when the ruleset leaves X001 out)."""
    engine = ruleset.config("X001")
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" ({Path(where.filename).name}:{where.lineno})" if where else ""
    if engine is None:
        return None
    return make_finding(
        engine,
        Hit(
            f"规则 {config.rule.code} {config.rule.name} 执行出错：{type(exc).__name__}: {exc}{at}",
            f"rule {config.rule.code} {config.rule.name} raised {type(exc).__name__}: {exc}{at}",
            Location(ref=config.rule.code),
        ),
    )


def parse_findings(issues: Iterable[ParseIssue], ruleset: Ruleset) -> list[Finding]:
    """Parse issues as findings of the parse rules the ruleset selects."""
    out = []
    for issue in issues:
        config = ruleset.config(issue.code)
        if config is not None:
            out.append(
                make_finding(
                    config,
                    Hit(
                        issue.message,
                        issue.message_en,
                        issue.location,
                        issue.expected,
                        issue.actual,
                    ),
                )
            )
    return out


def runs_on(rule: Rule, report: AnnualReport, *, has_text: bool = True) -> bool:
    """Whether ``rule`` runs on ``report``: the rule applies to the report's variant and
    year, and reads no text the report lacks (a dataset row has none: ``has_text``)."""
    if not has_text and TEXT_GROUPS.intersection(rule.groups):
        return False
    return rule.applies(report.meta.variant, report.meta.year)


def context_for(config: RuleConfig, variants: Mapping[str, FormVariant]) -> RuleContext:
    return RuleContext(params=config.params, variants=variants)


def check_report(
    report: AnnualReport,
    ruleset: Ruleset,
    variants: Mapping[str, FormVariant],
    *,
    source: str = "",
    issues: Sequence[ParseIssue] = (),
    has_text: bool = True,
) -> ReportResult:
    """Run every report-scope rule of ``ruleset`` on one report (without the rules that
    read the text when the report has none, as a dataset row)."""
    findings = parse_findings(issues, ruleset)
    statuses: dict[str, RuleStatus] = {}
    for config in ruleset.rules:
        rule = config.rule
        if rule.scope is not Scope.REPORT or rule.check is None:
            continue
        if not runs_on(rule, report, has_text=has_text):
            statuses[rule.code] = RuleStatus.SKIPPED
            continue
        ctx = context_for(config, variants)
        try:
            hits = list(rule.check(report, ctx))  # type: ignore[arg-type]
        except Exception as exc:  # a crashing rule is a finding, never a crash of the run
            statuses[rule.code] = RuleStatus.ERROR
            crash = crash_finding(config, exc, ruleset)
            if crash:
                findings.append(crash)
            continue
        statuses[rule.code] = RuleStatus.FINDINGS if hits else RuleStatus.OK
        findings.extend(make_finding(config, h) for h in hits)
    findings.sort(key=Finding.sort_key)
    return ReportResult(source, report, tuple(findings), statuses, has_text=has_text)


def check_read(result: ReadResult, ruleset: Ruleset, host: Host) -> ReportResult:
    """Check what a reader produced (a report, or only the reason it could not be read)."""
    if result.report is None:
        return ReportResult(result.source, None, tuple(parse_findings(result.issues, ruleset)), {})
    return check_report(
        result.report,
        ruleset,
        host.variants,
        source=result.source,
        issues=result.issues,
        has_text=result.has_text,
    )


def check_paths(
    paths: Iterable[Path | str],
    ruleset: Ruleset,
    host: Host | None = None,
    *,
    manifest: Manifest | None = None,
) -> Iterator[ReportResult]:
    """Read and check each file in turn, streaming one result per report. A dataset
    manifest adds what it states about each report (organ id, parent, dates) first."""
    from gik_rules.ingest.reader import read_path

    host = host or default_host()
    for path in paths:
        for read in read_path(path, host):
            yield check_read(manifest.apply(read) if manifest else read, ruleset, host)
