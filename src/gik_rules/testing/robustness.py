"""Running rules over generated reports: they must never raise, and must answer with
well-formed, repeatable hits."""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Sequence
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gik_rules.forms.variant import FormVariant
from gik_rules.model import AnnualReport
from gik_rules.rules import Hit, Location, Rule, RuleContext, Scope
from gik_rules.testing.narrative import odd_reports
from gik_rules.testing.strategies import any_reports, consistent_reports


def _run(rule: Rule, reports: Sequence[AnnualReport], ctx: RuleContext) -> list[Hit]:
    if rule.check is None:
        return []
    if rule.scope is Scope.DATASET:
        return list(rule.check(reports, ctx))  # type: ignore[arg-type]
    return list(rule.check(reports[0], ctx))  # type: ignore[arg-type]


def _malformed(hit: Any) -> str | None:
    if not isinstance(hit, Hit):
        return f"yielded {type(hit).__name__}, not a Hit"
    if not (isinstance(hit.message, str) and hit.message.strip()):
        return "yielded a hit without a message"
    if not (isinstance(hit.message_en, str) and hit.message_en.strip()):
        return "yielded a hit without an English message"
    if not isinstance(hit.location, Location):
        return "yielded a hit whose location is not a Location"
    return None


def _where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    return f" at {frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else ""


def probe(
    rules: Iterable[Rule], variants: dict[str, FormVariant], *, examples: int = 25
) -> dict[str, str]:
    """Run every rule on ``examples`` generated reports of each variant (consistent ones
    and ones with odd cells, missing cells and sections, scrambled text and metadata).
    Returns, per rule code, the first problem found."""
    rules = [r for r in rules if r.check is not None]
    problems: dict[str, str] = {}

    def check(reports: list[AnnualReport]) -> None:
        for rule in rules:
            if rule.code in problems:
                continue
            ctx = RuleContext(params=rule.default_params(), variants=variants)
            meta = reports[0].meta
            about = f"on a generated {meta.variant} report ({meta.organ}, {meta.year})"
            try:
                first = _run(rule, reports, ctx)
                second = _run(rule, reports, ctx)
            except Exception as exc:
                problems[rule.code] = f"raised {type(exc).__name__}: {exc}{_where(exc)} {about}"
                continue
            bad = next((m for m in map(_malformed, first) if m), None)
            if bad:
                problems[rule.code] = f"{bad} {about}"
            elif first != second:
                problems[rule.code] = f"gave different hits on the same report {about}"

    for variant in variants.values():
        reports = st.one_of(consistent_reports(variant), any_reports(variant), odd_reports(variant))

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(st.lists(reports, min_size=1, max_size=3))
        def run(batch: list[AnnualReport]) -> None:
            check(batch)

        run()
    return problems
