"""Rulesets: selection, severities and params from TOML files."""

from gik_rules.ruleset.ruleset import (
    RuleConfig,
    Ruleset,
    RulesetError,
    load_ruleset,
    locate,
    match_selector,
    ruleset_of,
)

__all__ = [
    "RuleConfig",
    "Ruleset",
    "RulesetError",
    "load_ruleset",
    "locate",
    "match_selector",
    "ruleset_of",
]
