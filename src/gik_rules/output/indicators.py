"""The indicators of a run's reports as the json and html formats write them: each
report's values (with the changes against the year before where the run holds that
report) and each indicator's distribution over the run."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from gik_rules.engine.result import ReportResult
from gik_rules.forms.variant import FormVariant
from gik_rules.indicators import IndicatorValue, dataset_indicators, distributions


def _figure(value: Decimal | None) -> int | str | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else str(value.normalize())


def value_dict(item: IndicatorValue) -> dict[str, Any]:
    out: dict[str, Any] = {"name": item.name, "name_en": item.name_en, "value": item.value}
    if item.numerator is not None:
        out["numerator"] = _figure(item.numerator)
    if item.denominator is not None:
        out["denominator"] = _figure(item.denominator)
    if item.value is None:
        out["reason"], out["reason_en"] = item.reason, item.reason_en
    return out


def run_indicators(
    results: Sequence[ReportResult], variants: Mapping[str, FormVariant]
) -> tuple[list[dict[str, dict[str, Any]] | None], list[dict[str, Any]]]:
    """Each result's indicators by id (None for a report that was not read), and the
    distributions over the run."""
    read = [r.report for r in results if r.report is not None]
    values = dataset_indicators(read, variants)
    per_result: list[dict[str, dict[str, Any]] | None] = []
    found = iter(values)
    for result in results:
        if result.report is None:
            per_result.append(None)
        else:
            per_result.append({v.id: value_dict(v) for v in next(found)})
    spread = [
        {
            "id": d.id,
            "name": d.name,
            "name_en": d.name_en,
            "count": d.count,
            "min": d.minimum,
            "q1": d.q1,
            "median": d.median,
            "q3": d.q3,
            "max": d.maximum,
        }
        for d in distributions(values)
    ]
    return per_result, spread
