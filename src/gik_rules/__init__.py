"""gik-rules: read, check, fix and write 政府信息公开工作年度报告.

The core defines the report data model, form variants, rules, rulesets and the plugin
hooks; jurisdictions (the national plugin, provincial plugins) contribute the rest::

    import gik_rules
    report = gik_rules.read("report.docx")
    result = gik_rules.check_report(report, "national")
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

#: where each public name lives; imported when first used, so that ``import gik_rules``
#: (and every ``gik-rules`` command) pays only for what it uses
_HOMES = {
    **dict.fromkeys(("check", "check_report", "load_ruleset", "read"), "gik_rules.api"),
    **dict.fromkeys(("ReportResult", "RuleStatus"), "gik_rules.engine"),
    **dict.fromkeys(
        ("AnnualReport", "Cell", "CellState", "OrganLevel", "ReportMeta", "Section", "SourceSpan"),
        "gik_rules.model",
    ),
    **dict.fromkeys(("from_json", "from_toml", "to_json", "to_toml"), "gik_rules.model.canonical"),
    **dict.fromkeys(("Finding", "Location", "Severity"), "gik_rules.rules"),
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'gik_rules' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


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
