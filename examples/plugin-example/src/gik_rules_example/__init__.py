"""A minimal gik-rules province plugin (示例省): rules XM…, the ``example`` ruleset and a
departmental deadline that replaces the national default in the ``example`` jurisdiction."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gik_rules.hookspecs import hookimpl
from gik_rules.rules import Rule, load_rule_package

PLUGIN = "example"  # the entry-point name
CODE_PREFIX = "XM"  # every rule code is XM + three digits
HERE = Path(__file__).parent


@hookimpl
def gik_rules() -> list[Rule]:
    return load_rule_package("gik_rules_example.rules", plugin=PLUGIN)


@hookimpl
def gik_rulesets() -> dict[str, Path]:
    return {p.stem: p for p in (HERE / "rulesets").glob("*.toml")}


@hookimpl
def gik_rule_params() -> list[dict[str, Any]]:
    # 示例省 wants departments' reports out by 25 January: rulesets whose jurisdiction is
    # "example" check the national rule published-late with this date.
    return [
        {
            "jurisdiction": "example",
            "rule": "published-late",
            "overrides": "national",
            "params": {"department_deadline": "01-25"},
        }
    ]
