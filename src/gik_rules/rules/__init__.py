"""Rules, findings and the context a rule runs in."""

from gik_rules.rules.catalog import RuleDataError, implements, load_rule_package
from gik_rules.rules.context import RuleContext
from gik_rules.rules.finding import Finding, Hit, Location, Severity
from gik_rules.rules.rule import Param, Rule, RuleDoc, Scope

__all__ = [
    "Finding",
    "Hit",
    "Location",
    "Param",
    "Rule",
    "RuleContext",
    "RuleDataError",
    "RuleDoc",
    "Scope",
    "Severity",
    "implements",
    "load_rule_package",
]
