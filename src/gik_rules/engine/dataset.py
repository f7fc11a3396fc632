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

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from gik_rules.engine.needs import tables_read
from gik_rules.engine.plan import Step, plan_for
from gik_rules.engine.release import release_unused
from gik_rules.engine.result import (
    Fields,
    ReportResult,
    RuleStatus,
    fields_of,
    shared_mapping,
    unique_keys,
)
from gik_rules.engine.run import crash_finding
from gik_rules.engine.spill import FindingStore, SortedFindings, encode_hit
from gik_rules.forms.variant import FormVariant
from gik_rules.model import AnnualReport
from gik_rules.rules.context import RuleContext
from gik_rules.rules.dataset import DeclaredOrgan, natural, organ_key, shared_series, subject
from gik_rules.rules.finding import Finding
from gik_rules.rules.rule import Scope
from gik_rules.rules.skip import Skip, SkipReason
from gik_rules.ruleset import RuleConfig, Ruleset


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
    # each report named by its key (``meta.source``): a report already so named (a
    # dataset's rows are) is not copied
    keyed = [
        r if r.meta.source == key else attrs.evolve(r, meta=attrs.evolve(r.meta, source=key))
        for key, r in zip(unique, reports, strict=True)
    ]
    plans = plan_for(ruleset, variants, Scope.DATASET)
    steps = {
        key: plans.steps(r.meta, key in with_text, tables_read(r))
        for key, r in zip(unique, keyed, strict=True)
    }
    del texts, with_text  # a set of a dataset's keys, not held while the rules run
    # in order of organ, year and key: sorted by key, then (stable) by organ and year,
    # so that a dataset's hundred thousand keys of each kind are not all held at once
    keyed.sort(key=lambda r: natural(_key(r)))
    keyed.sort(key=lambda r: (organ_key(r), r.meta.year or 0))
    first = _key(keyed[0]) if keyed else ""
    # each report's plan beside it (the plans are shared: a few distinct tuples), and
    # the reports one tuple, given as it is to each rule that every plan runs (not a
    # list of them for each rule)
    planned = [steps[_key(r)] for r in keyed]
    distinct = list({id(p): p for p in planned}.values())
    everyone = tuple(keyed)
    del keyed
    findings = FindingStore()
    outcomes = []
    with shared_series():  # the rules across years group the same reports alike
        for j, config in enumerate(plans.configs):
            applicable: Sequence[AnnualReport] = everyone
            if any(p[j].skip is not None for p in distinct):
                applicable = [
                    r for r, p in zip(everyone, planned, strict=True) if p[j].skip is None
                ]
            ctx = plans.contexts[j]
            if organs:  # the declared organs are the dataset's, not the plan's
                ctx = attrs.evolve(ctx, organs=tuple(organs))
            outcomes.append(_run(j, config, applicable, ctx, steps, first, ruleset, findings))
            del applicable
            release_unused()  # what the rule freed, not held beside the next one's work
    del planned, everyone
    return DatasetResult(
        SortedFindings(findings, steps), *_statuses(unique, steps, outcomes, first)
    )


def _key(report: AnnualReport) -> str:
    """A report's key in ``check_dataset`` (its source, once named)."""
    return report.meta.source or ""


@attrs.frozen(slots=True)
class _Outcome:
    """What one dataset rule did: the reports it found something in, the reason it
    skipped itself (``Skip``), whether it raised."""

    found: frozenset[str] = frozenset()
    own: SkipReason | None = None
    crashed: bool = False


def _run(
    j: int,
    config: RuleConfig,
    reports: Sequence[AnnualReport],
    ctx: RuleContext,
    keys: Mapping[str, object],
    first: str,
    ruleset: Ruleset,
    findings: FindingStore,
) -> _Outcome:
    """Run the ``j``-th dataset rule, its findings added to ``findings`` under the key
    of their report (a hit naming no report of the dataset goes to the first), each as
    the rule yields it: a rule finding much holds no hits besides."""
    rule = config.rule
    found: set[str] = set()
    own: SkipReason | None = None
    try:
        for hit in rule.check(reports, ctx):  # type: ignore[arg-type,misc]
            key = hit.subject if hit.subject in keys else first
            if key:
                findings.add_encoded(key, j, encode_hit(config, hit))
                found.add(key)
    except Skip as skip:  # the hits yielded before it stand
        own = skip.reason
    except Exception as exc:  # a crashing rule is a finding, never a crash of the run
        findings.drop(j)
        crash = crash_finding(config, exc, ruleset)
        if first and crash:
            findings.add(first, j, crash)
        return _Outcome(crashed=True)
    return _Outcome(frozenset(found), own)


def _statuses(
    keys: Sequence[str],
    steps: Mapping[str, tuple[Step, ...]],
    outcomes: Sequence[_Outcome],
    first: str,
) -> tuple[dict[str, Mapping[str, RuleStatus]], dict[str, Mapping[str, SkipReason]]]:
    """Each report's status of every dataset rule, and why each skipped one was skipped:
    worked out once for the reports of one plan that fared alike (one dict for them all)."""
    statuses: dict[str, Mapping[str, RuleStatus]] = {}
    skipped: dict[str, Mapping[str, SkipReason]] = {}
    # the rules that found something in each report, as bits (rule j: 1 << j), from the
    # reports each found something in: not every rule asked about every report
    hits: dict[str, int] = {}
    for j, outcome in enumerate(outcomes):
        for key in outcome.found:
            hits[key] = hits.get(key, 0) | 1 << j
    done: dict[tuple[int, bool, int], tuple[Any, Any]] = {}
    for key in keys:
        plan = steps[key]
        fared = (id(plan), key == first, hits.get(key, 0))
        found = done.get(fared)
        if found is None:
            found = done[fared] = _fared(
                plan,
                outcomes,
                key == first,
                tuple(fared[2] >> j & 1 == 1 for j in range(len(outcomes))),
            )
        statuses[key], skipped[key] = found
    return statuses, skipped


def _fared(
    plan: tuple[Step, ...], outcomes: Sequence[_Outcome], is_first: bool, found: tuple[bool, ...]
) -> tuple[Any, Any]:
    """The statuses and skip reasons of a report of this ``plan``, the first of the
    dataset or not, in which each rule found something or not."""
    status: dict[str, RuleStatus] = {}
    why: dict[str, SkipReason] = {}
    for step, outcome, hit in zip(plan, outcomes, found, strict=True):
        code = step.config.rule.code
        reason = step.skip
        if outcome.crashed and is_first:
            status[code] = RuleStatus.ERROR  # its crash finding is the first report's
        elif hit:
            status[code] = RuleStatus.FINDINGS
        elif reason is None:  # it looked: found nothing, or a table it needs not read
            reason = None if outcome.crashed else step.unread or outcome.own
            status[code] = RuleStatus.OK if reason is None else RuleStatus.SKIPPED
        else:
            status[code] = RuleStatus.SKIPPED
        if reason is not None:
            why[code] = reason
    return shared_mapping(dict(sorted(status.items()))), shared_mapping(dict(sorted(why.items())))


def with_dataset_findings(
    results: Sequence[ReportResult],
    ruleset: Ruleset,
    variants: Mapping[str, FormVariant],
    organs: Sequence[DeclaredOrgan] = (),
) -> list[ReportResult]:
    """The results of checking reports one by one, with the dataset rules' findings and
    statuses added to the report each finding names (``organs``: the organs the dataset
    declares, as for ``check_dataset``)."""
    add = dataset_findings_for(results, ruleset, variants, organs)
    return [add(result) for result in results]


def dataset_findings_for(
    results: Sequence[ReportResult],
    ruleset: Ruleset,
    variants: Mapping[str, FormVariant],
    organs: Sequence[DeclaredOrgan] = (),
) -> Callable[[ReportResult], ReportResult]:
    """Run the dataset rules over ``results``: what gives each of them, asked once for
    each while it lives, with its dataset findings and statuses added (as
    ``with_dataset_findings``, one result at a time: each may be written and let go
    before the next, and only its own findings are read back)."""
    readable = [r for r in results if r.report is not None]
    if not has_dataset_rules(ruleset) or not readable:
        return _same
    reports = [r.report for r in readable if r.report is not None]
    keys = dataset_keys([r.key for r in readable], reports)
    add = dataset_findings_by_key(
        reports,
        keys,
        [r.has_text for r in readable],
        ruleset,
        variants,
        organs,
    )
    # by id, taken out when asked for: a result let go after that frees its id for another
    by_id = {id(r): k for r, k in zip(readable, keys, strict=True)}
    del readable

    def add_by_id(result: ReportResult) -> ReportResult:
        key = by_id.pop(id(result), None)
        return result if key is None else add(fields_of(result), key)

    return add_by_id


def dataset_keys(results_keys: Sequence[str], reports: Sequence[AnnualReport]) -> list[str]:
    """The keys ``dataset_findings_for`` gives reports whose results go by
    ``results_keys`` (``ReportResult.key``; empty: named by ``subject``)."""
    return _dataset_keys([k or subject(r) for k, r in zip(results_keys, reports, strict=True)])


def dataset_findings_by_key(
    reports: Sequence[AnnualReport],
    keys: Sequence[str],
    has_text: Sequence[bool],
    ruleset: Ruleset,
    variants: Mapping[str, FormVariant],
    organs: Sequence[DeclaredOrgan] = (),
) -> Callable[[Fields, str], ReportResult]:
    """Run the dataset rules over ``reports`` (named by ``keys``, as ``check_dataset``
    takes them): what makes the result of the report of ``key`` from its own fields
    (``engine.result.Fields``) with its dataset findings and statuses added (asked
    once for each key)."""
    outcome = check_dataset(reports, ruleset, variants, keys=keys, has_text=has_text, organs=organs)

    merged: dict[tuple[int, int], tuple[Mapping[str, Any], Mapping[str, Any], Any]] = {}

    def joined(own: Mapping[str, Any], added: Mapping[str, Any]) -> Any:
        """``own`` updated with ``added``, shared with the equal ones of other reports (a
        dataset's are mostly the same): worked out once for each pair of mappings, which
        the rows share in turn (both kept with it, so their ids stay theirs)."""
        found = merged.get((id(own), id(added)))
        if found is None or found[0] is not own or found[1] is not added:
            if len(merged) >= 256:
                merged.clear()
            found = merged[id(own), id(added)] = (own, added, shared_mapping({**own, **added}))
        return found[2]

    def add(fields: Fields, key: str) -> ReportResult:
        source, report, own, statuses, _, has_text, skipped, dismissed = fields
        found = outcome.findings[key]  # sorted
        if own:
            found = tuple(sorted((*own, *found), key=Finding.sort_key))
        return ReportResult(
            source,
            report,
            found,
            joined(statuses, outcome.statuses[key]),
            key,
            has_text,
            joined(skipped, outcome.skipped[key]),
            dismissed,
        )

    return add


def _same(result: ReportResult) -> ReportResult:
    return result
