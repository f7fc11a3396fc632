"""The engine: runs a ruleset over reports and datasets."""

from gik_rules.engine.result import ReportResult, RuleStatus
from gik_rules.engine.run import check_paths, check_read, check_report

__all__ = ["ReportResult", "RuleStatus", "check_paths", "check_read", "check_report"]
