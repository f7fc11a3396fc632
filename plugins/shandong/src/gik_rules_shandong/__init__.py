"""The 山东省 plugin of gik-rules: provincial rules (codes SD…), the ``shandong`` ruleset
and Shandong's section templates.

Built as any outside plugin is: it uses only the public API of ``gik_rules`` and the
published names of the national plugin (the ``national`` ruleset and jurisdiction, its rule
names), which the host finds by entry point. Everything else is data beside this module:
``rules/*.toml`` (metadata and docs, checked by ``rules/*.py``), ``data/*.toml`` (deadlines,
要点 numbers, the notice title, cited bases), ``rulesets/`` and ``templates/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gik_rules.hookspecs import hookimpl
from gik_rules.rules import Rule, load_rule_package
from gik_rules_shandong import data

PLUGIN = "shandong"
JURISDICTION = "shandong"
CODE_PREFIX = "SD"
HERE = Path(__file__).parent


@hookimpl
def gik_rules() -> list[Rule]:
    return load_rule_package("gik_rules_shandong.rules", plugin=PLUGIN)


@hookimpl
def gik_rulesets() -> dict[str, Path]:
    return {p.stem: p for p in (HERE / "rulesets").glob("*.toml")}


@hookimpl
def gik_rule_params() -> list[dict[str, Any]]:
    """Shandong's publication deadlines, in place of the national defaults of the national
    rule published-late (data/deadlines.toml)."""
    params = {e.national_param: e.deadline for e in data.deadlines().values() if e.national_param}
    return [
        {
            "jurisdiction": JURISDICTION,
            "rule": "published-late",
            "overrides": "national",
            "params": params,
        }
    ]


@hookimpl
def gik_section_templates() -> list[dict[str, Any]]:
    return [{"jurisdiction": JURISDICTION, "path": HERE / "templates", "overrides": "national"}]
