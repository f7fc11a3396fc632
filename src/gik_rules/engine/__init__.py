"""The engine: runs a ruleset over reports and datasets."""

from gik_rules.engine.dataset import DatasetResult, check_dataset, with_dataset_findings
from gik_rules.engine.result import ReportResult, RuleStatus
from gik_rules.engine.run import check_paths, check_read, check_report

__all__ = [
    "DatasetResult",
    "ReportResult",
    "RuleStatus",
    "check_dataset",
    "check_paths",
    "check_read",
    "check_report",
    "with_dataset_findings",
]
