"""What a ruleset does to a kind of report, worked out once.

Whether a rule runs on a report, and why it is ``skipped`` when it does not or when it
finds nothing, depends only on the report's variant, year, whether it has text and the
tables read (``engine.needs``); the context a rule gets depends only on its config and
the form variants. A province's reports come in a handful of such kinds, so the engine
works each kind out once per ruleset (``plan_for``) instead of once per report and rule.
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from gik_rules.engine.needs import naming_variant, skip_reason, tables_reason, unread_tables
from gik_rules.engine.result import RuleStatus, shared_mapping
from gik_rules.forms.variant import FormVariant
from gik_rules.model import AnnualReport, ReportMeta
from gik_rules.rules.catalog import loaded
from gik_rules.rules.context import RuleContext
from gik_rules.rules.finding import Hit
from gik_rules.rules.rule import Scope
from gik_rules.rules.skip import SkipReason
from gik_rules.ruleset import RuleConfig, Ruleset


@attrs.frozen(slots=True)
class Step:
    """One rule of a plan: its config and context, and what becomes of it on this kind
    of report. ``skip``: it does not run, for this reason. ``unread``: it runs, but a
    table it needs was not read, so a run that finds nothing is skipped for this reason."""

    config: RuleConfig
    check: Callable[[Any, RuleContext], Iterable[Hit]]
    ctx: RuleContext
    skip: SkipReason | None = None
    unread: SkipReason | None = None


@attrs.frozen(slots=True)
class Run:
    """A kind of report's steps as ``check_report`` goes through them: the rules that
    run, each with its code, and every rule's status and skip reason where it does not
    run, in the order of the steps (a running rule's status there stands until it has
    run), to be copied for each report rather than set rule by rule."""

    running: tuple[tuple[str, Step], ...]
    statuses: Mapping[str, RuleStatus]
    skipped: Mapping[str, SkipReason]


def run_of(steps: tuple[Step, ...]) -> Run:
    running = tuple((s.config.rule.code, s) for s in steps if s.skip is None)
    statuses = {
        s.config.rule.code: RuleStatus.OK if s.skip is None else RuleStatus.SKIPPED for s in steps
    }
    skipped = {s.config.rule.code: s.skip for s in steps if s.skip is not None}
    # shared: a report on which every rule that ran found nothing has these as they are
    return Run(running, shared_mapping(statuses), shared_mapping(skipped))


#: (variant, year, has text, tables read): what decides a report's plan
Kind = tuple[str | None, int | None, bool, frozenset[str]]


class Plans:
    """The plans of one ruleset over one set of form variants, by kind of report."""

    def __init__(self, ruleset: Ruleset, variants: Mapping[str, FormVariant], scope: Scope) -> None:
        # held, so that the ids ``plan_for`` finds this by stay theirs
        self.ruleset, self.variants = ruleset, variants
        self.configs = tuple(
            c for c in ruleset.rules if c.rule.scope is scope and c.rule.check is not None
        )
        self.contexts = tuple(RuleContext(params=c.params, variants=variants) for c in self.configs)
        self._steps: dict[Kind, tuple[Step, ...]] = {}
        self._runs: dict[Kind, Run] = {}

    def steps(self, meta: ReportMeta, has_text: bool, read: frozenset[str]) -> tuple[Step, ...]:
        """The steps for a report with this ``meta`` (its variant and year count)."""
        kind: Kind = (meta.variant, meta.year, has_text, read)
        found = self._steps.get(kind)
        if found is None:
            found = self._steps[kind] = self._plan(meta, has_text, read)
        return found

    def run(self, meta: ReportMeta, has_text: bool, read: frozenset[str]) -> Run:
        """``steps`` as ``check_report`` goes through them (``Run``)."""
        kind: Kind = (meta.variant, meta.year, has_text, read)
        found = self._runs.get(kind)
        if found is None:
            found = self._runs[kind] = run_of(self.steps(meta, has_text, read))
        return found

    def _plan(self, meta: ReportMeta, has_text: bool, read: frozenset[str]) -> tuple[Step, ...]:
        report = AnnualReport(meta=meta)  # skip reasons look at its variant and year only
        steps = []
        for config, ctx in zip(self.configs, self.contexts, strict=True):
            rule = config.rule
            skip = skip_reason(rule, report, has_text=has_text, variants=self.variants, read=read)
            unread = None
            if skip is None:
                missing = unread_tables(rule, read)
                if missing:
                    unread = tables_reason(missing, naming_variant(report, self.variants))
            assert rule.check is not None  # configs are those with a check
            # a check that runs is called as itself (its module imported now, once)
            check = rule.check if skip is not None else loaded(rule.check)
            steps.append(Step(config, check, ctx, skip, unread))
        return tuple(steps)


_PLANS: collections.OrderedDict[tuple[int, int, Scope], Plans] = collections.OrderedDict()
_KEPT = 32


def plan_for(
    ruleset: Ruleset, variants: Mapping[str, FormVariant], scope: Scope = Scope.REPORT
) -> Plans:
    """The plans of ``ruleset`` over ``variants`` for rules of ``scope`` (kept for the
    last few rulesets a process used; each entry holds its ruleset and variants, so the
    ids it is found by stay theirs)."""
    key = (id(ruleset), id(variants), scope)
    plans = _PLANS.get(key)
    if plans is None:
        plans = _PLANS[key] = Plans(ruleset, variants, scope)
        if len(_PLANS) > _KEPT:
            _PLANS.popitem(last=False)
    else:
        _PLANS.move_to_end(key)
    return plans
