"""Indicators: the figures evaluators compute from a report's tables (公开率, 不予公开率,
无法提供率, 行政复议/诉讼纠错率, the change of applications from the year before).

Which cells make each is the form variant's data (``[[indicators]]``, ``forms.indicators``);
``compute`` evaluates them on one report, ``dataset_indicators`` on many with their
year-on-year changes, ``distributions`` and ``outliers`` summarise a dataset
(docs/indicators.md).
"""

from gik_rules.forms.indicators import Indicator, IndicatorError, check_indicators
from gik_rules.indicators.compute import IndicatorValue, compute, evaluate
from gik_rules.indicators.dataset import (
    Distribution,
    Outlier,
    dataset_indicators,
    distributions,
    indicator_values,
    indicators_of,
    outliers,
    previous_reports,
)

__all__ = [
    "Distribution",
    "Indicator",
    "IndicatorError",
    "IndicatorValue",
    "Outlier",
    "check_indicators",
    "compute",
    "dataset_indicators",
    "distributions",
    "evaluate",
    "indicator_values",
    "indicators_of",
    "outliers",
    "previous_reports",
]
