"""Running the dataset-scope rules of a ruleset over several reports at once.

A dataset rule sees every report it applies to (by variant and year) and yields hits that
name their report by ``Hit.subject``; the engine gives each report a unique subject key
in ``meta.source`` before the rules see it, so ``gik_rules.rules.dataset.subject`` is
that key. Reports are handed over in a stable order (organ, year, key), hits are sorted,
a rule that raises becomes an X001 finding of the first report: output is deterministic.
A report a rule cannot look at (``engine.needs``) is ``skipped`` for it, with the reason
(worked out once per kind of report: ``engine.plan``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from gik_rules.engine.needs import tables_read
from gik_rules.engine.plan import plan_for
from gik_rules.engine.result import ReportResult, RuleStatus, shared_mapping, unique_keys
from gik_rules.engine.run import crash_finding, make_finding
from gik_rules.forms.variant import FormVariant
from gik_rules.model import AnnualReport
from gik_rules.rules.dataset import DeclaredOrgan, natural, organ_key, subject
from gik_rules.rules.finding import Finding, Hit
from gik_rules.rules.rule import Scope
from gik_rules.rules.skip import Skip, SkipReason
from gik_rules.ruleset import Ruleset


@attrs.frozen(slots=True)
class DatasetResult:
    """Findings and rule statuses of the dataset rules, by subject key, and why each
    skipped rule was skipped."""

    findings: Mapping[str, tuple[Finding, ...]]
    statuses: Mapping[str, Mapping[str, RuleStatus]]
    skipped: Mapping[str, Mapping[str, SkipReason]] = attrs.field(factory=dict)


def has_dataset_rules(ruleset: Ruleset) -> bool:
    return any(c.rule.scope is Scope.DATASET and c.rule.check for c in ruleset.rules)


def _dataset_keys(names: Sequence[str]) -> list[str]:
    """Names of a dataset's reports as keys: unique, and ``report`` for a nameless one."""
    return unique_keys([name or "report" for name in names])


def check_dataset(
    reports: Sequence[AnnualReport],
    ruleset: Ruleset,
    variants: Mapping[str, FormVariant],
    *,
    keys: Sequence[str] | None = None,
    has_text: Sequence[bool] | None = None,
    organs: Sequence[DeclaredOrgan] = (),
) -> DatasetResult:
    """Run every dataset-scope rule of ``ruleset`` over ``reports``.

    ``keys`` name the reports; findings come back under exactly those keys, which must
    be unique and non-empty (``ValueError`` otherwise). Without them a report is named by
    ``gik_rules.rules.dataset.subject`` (its source, else organ and year), made unique.
    ``has_text`` says, report by report, whether it has text (default: all have); the
    rules that read text neither see nor run on those that have none (dataset rows).
    ``organs`` are the organs the dataset declares (a manifest's), reports or not.
    """
    if keys is None:
        unique = _dataset_keys([subject(r) for r in reports])
    else:
        unique = list(keys)
        if len(unique) != len(reports):
            raise ValueError(f"{len(unique)} keys for {len(reports)} reports")
        if "" in unique or len(set(unique)) != len(unique):
            raise ValueError("the keys of a dataset's reports must be unique and non-empty")
    texts = list(has_text) if has_text is not None else [True] * len(reports)
    if len(texts) != len(reports):
        raise ValueError(f"{len(texts)} has_text flags for {len(reports)} reports")
    with_text = {key for key, text in zip(unique, texts, strict=True) if text}
    keyed = sorted(
        (
            (key, attrs.evolve(r, meta=attrs.evolve(r.meta, source=key)))
            for key, r in zip(unique, reports, strict=True)
        ),
        key=lambda kr: (organ_key(kr[1]), kr[1].meta.year or 0, natural(kr[0])),
    )
    findings: dict[str, list[Finding]] = {key: [] for key in unique}
    statuses: dict[str, dict[str, RuleStatus]] = {key: {} for key in unique}
    skipped: dict[str, dict[str, SkipReason]] = {key: {} for key in unique}
    plans = plan_for(ruleset, variants, Scope.DATASET)
    steps = {key: plans.steps(r.meta, key in with_text, tables_read(r)) for key, r in keyed}
    first = keyed[0][0] if keyed else ""
    for j, config in enumerate(plans.configs):
        rule = config.rule
        applicable = []
        for key, report in keyed:
            reason = steps[key][j].skip
            if reason is None:
                applicable.append((key, report))
                statuses[key][rule.code] = RuleStatus.OK
            else:
                statuses[key][rule.code] = RuleStatus.SKIPPED
                skipped[key][rule.code] = reason
        ctx = plans.contexts[j]
        if organs:  # the declared organs are the dataset's, not the plan's
            ctx = attrs.evolve(ctx, organs=tuple(organs))
        hits: list[Hit] = []
        own: SkipReason | None = None
        try:
            reports_seen = [r for _, r in applicable]
            hits.extend(rule.check(reports_seen, ctx))  # type: ignore[arg-type,misc]
        except Skip as skip:  # the hits yielded before it stand
            own = skip.reason
        except Exception as exc:  # a crashing rule is a finding, never a crash of the run
            crash = crash_finding(config, exc, ruleset)
            if first:
                statuses[first][rule.code] = RuleStatus.ERROR
                if crash:
                    findings[first].append(crash)
            continue
        found: set[str] = set()
        for hit in hits:
            key = hit.subject if hit.subject in findings else first
            if not key:
                continue
            findings[key].append(make_finding(config, hit))
            statuses[key][rule.code] = RuleStatus.FINDINGS
            found.add(key)
        for key, _ in applicable:
            # found nothing: a table it needs not read is the cause, else its own Skip
            reason = None if key in found else steps[key][j].unread or own
            if reason is not None:
                statuses[key][rule.code] = RuleStatus.SKIPPED
                skipped[key][rule.code] = reason
    return DatasetResult(
        {k: tuple(sorted(v, key=Finding.sort_key)) for k, v in findings.items()},
        {k: shared_mapping(dict(sorted(v.items()))) for k, v in statuses.items()},
        {k: shared_mapping(dict(sorted(v.items()))) for k, v in skipped.items()},
    )


def with_dataset_findings(
    results: Sequence[ReportResult],
    ruleset: Ruleset,
    variants: Mapping[str, FormVariant],
    organs: Sequence[DeclaredOrgan] = (),
) -> list[ReportResult]:
    """The results of checking reports one by one, with the dataset rules' findings and
    statuses added to the report each finding names (``organs``: the organs the dataset
    declares, as for ``check_dataset``)."""
    readable = [r for r in results if r.report is not None]
    if not has_dataset_rules(ruleset) or not readable:
        return list(results)
    keys = _dataset_keys([r.key or subject(r.report) for r in readable if r.report is not None])
    outcome = check_dataset(
        [r.report for r in readable if r.report is not None],
        ruleset,
        variants,
        keys=keys,
        has_text=[r.has_text for r in readable],
        organs=organs,
    )
    by_id = {id(r): k for r, k in zip(readable, keys, strict=True)}
    merged = []
    for result in results:
        key = by_id.get(id(result))
        if key is None:
            merged.append(result)
            continue
        findings = sorted((*result.findings, *outcome.findings[key]), key=Finding.sort_key)
        # shared with the equal ones of other reports: a dataset's are mostly the same
        statuses = shared_mapping({**result.statuses, **outcome.statuses[key]})
        skipped = shared_mapping({**result.skipped, **outcome.skipped[key]})
        merged.append(
            attrs.evolve(
                result,
                subject=key,
                findings=tuple(findings),
                statuses=statuses,
                skipped=skipped,
            )
        )
    return merged
