"""Rules, findings and the context a rule runs in."""

from gik_rules.rules.catalog import RuleDataError, implements, load_rule_package
from gik_rules.rules.context import RuleContext
from gik_rules.rules.finding import Finding, Hit, Location, Severity
from gik_rules.rules.params import Param, ParamError, ParamType
from gik_rules.rules.rule import Needs, Rule, RuleDoc, Scope
from gik_rules.rules.skip import Skip, SkipKind, SkipReason

__all__ = [
    "Finding",
    "Hit",
    "Location",
    "Needs",
    "Param",
    "ParamError",
    "ParamType",
    "Rule",
    "RuleContext",
    "RuleDataError",
    "RuleDoc",
    "Scope",
    "Severity",
    "Skip",
    "SkipKind",
    "SkipReason",
    "implements",
    "load_rule_package",
]
