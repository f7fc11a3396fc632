"""Running a ruleset over reports. Rules are pure; a rule that raises becomes an X001
finding and the run goes on; results are sorted so output is deterministic. A rule that
does not apply, or cannot look at what it needs (``engine.needs``), is ``skipped`` with
its reason, never ``ok``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from gik_rules.engine.needs import TEXT_GROUPS as TEXT_GROUPS  # where it was defined before
from gik_rules.engine.needs import tables_read
from gik_rules.engine.plan import plan_for
from gik_rules.engine.result import ReportResult, RuleStatus, shared_mapping
from gik_rules.forms.variant import FormVariant
from gik_rules.host import Host, default_host
from gik_rules.ingest.manifest import Manifest
from gik_rules.ingest.result import ParseIssue, ReadResult
from gik_rules.model import AnnualReport
from gik_rules.rules.finding import Finding, Hit, Location
from gik_rules.rules.skip import Skip, SkipReason
from gik_rules.ruleset import RuleConfig, Ruleset


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
    import traceback  # here: only a rule that crashed needs it

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


def check_report(
    report: AnnualReport,
    ruleset: Ruleset,
    variants: Mapping[str, FormVariant],
    *,
    source: str = "",
    issues: Sequence[ParseIssue] = (),
    has_text: bool = True,
    computed: Mapping[str, tuple[Sequence[Hit], SkipReason | None]] | None = None,
    read: frozenset[str] | None = None,
) -> ReportResult:
    """Run every report-scope rule of ``ruleset`` on one report (without the rules that
    read the text when the report has none, as a dataset row). ``computed`` holds, by
    rule code, what a rule's check yielded and why it skipped itself, where it was
    evaluated elsewhere (``engine.columnar``, for a dataset's rows): that stands in for
    calling the check, and all else is as for any rule; ``read``: the tables read
    (``tables_read(report)``), where known. Which rules run, and why the others are
    skipped, is worked out once per kind of report (``engine.plan``)."""
    computed = computed or {}
    plans = plan_for(ruleset, variants)
    findings = parse_findings(issues, ruleset) if issues else []
    read = tables_read(report) if read is None else read
    run = plans.run(report.meta, has_text, read)
    # the statuses as planned (a rule that runs: ok), shared by the reports of the kind;
    # what a rule that runs finds otherwise is set over them
    changed: dict[str, RuleStatus] = {}
    unplanned: dict[str, SkipReason] = {}  # skipped though they ran
    for code, step in run.running:
        hits: list[Hit] = []
        own: SkipReason | None = None
        try:
            if code in computed:
                done, own = computed[code]
                hits.extend(done)
            else:
                hits.extend(step.check(report, step.ctx))
        except Skip as skip:  # the hits yielded before it stand
            own = skip.reason
        except Exception as exc:  # a crashing rule is a finding, never a crash of the run
            changed[code] = RuleStatus.ERROR
            crash = crash_finding(step.config, exc, ruleset)
            if crash:
                findings.append(crash)
            continue
        if hits:
            findings.extend(make_finding(step.config, h) for h in hits)
            changed[code] = RuleStatus.FINDINGS
            continue
        reason = step.unread or own  # a missing table is the cause, whatever the rule said
        if reason is not None:
            changed[code] = RuleStatus.SKIPPED
            unplanned[code] = reason
    # a report on which every rule that ran found nothing has the kind's own mappings,
    # any other one those shared with the reports that fared alike (a dataset's rows
    # mostly do, and are kept together for the dataset rules)
    statuses = shared_mapping({**run.statuses, **changed}) if changed else run.statuses
    skipped = run.skipped
    if unplanned:  # in the order of the steps, as the planned ones
        skipped = shared_mapping(
            {
                code: reason
                for code in statuses
                if (reason := unplanned.get(code) or run.skipped.get(code)) is not None
            }
        )
    findings.sort(key=Finding.sort_key)
    return ReportResult(
        source, report, tuple(findings), statuses, has_text=has_text, skipped=skipped
    )


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
    manifest adds what it states about each report (organ id, parent, dates) first.
    (``engine.columnar.check_path`` gives the same results with a dataset's identities
    evaluated column-wise; it is not the default while reading the rows, not checking
    them, is what a dataset's time goes on: benchmarks/bench_dataset.py.)"""
    from gik_rules.ingest.reader import read_path

    host = host or default_host()
    for path in paths:
        for read in read_path(path, host):
            yield check_read(manifest.apply(read) if manifest else read, ruleset, host)
