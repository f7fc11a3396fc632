"""gik-rules: read, check, fix and write 政府信息公开工作年度报告.

The core defines the report data model, form variants, rules, rulesets and the plugin
hooks; jurisdictions (the national plugin, provincial plugins) contribute the rest::

    import gik_rules
    report = gik_rules.read("report.docx")
    result = gik_rules.check_report(report, "national")
"""

from __future__ import annotations

__version__ = "0.1.0"

from gik_rules.api import check, check_report, load_ruleset, read
from gik_rules.engine import ReportResult, RuleStatus
from gik_rules.model import (
    AnnualReport,
    Cell,
    CellState,
    OrganLevel,
    ReportMeta,
    Section,
    SourceSpan,
)
from gik_rules.model.canonical import from_json, from_toml, to_json, to_toml
from gik_rules.rules import Finding, Location, Severity

__all__ = [
    "AnnualReport",
    "Cell",
    "CellState",
    "Finding",
    "Location",
    "OrganLevel",
    "ReportMeta",
    "ReportResult",
    "RuleStatus",
    "Section",
    "Severity",
    "SourceSpan",
    "__version__",
    "check",
    "check_report",
    "from_json",
    "from_toml",
    "load_ruleset",
    "read",
    "to_json",
    "to_toml",
]
