"""The national plugin of gik-rules: the two form variants of 政府信息公开工作年度报告
(国办公开办函〔2019〕60号 and 〔2021〕30号), the national rules and the national ruleset.

Everything is data beside this module: ``forms/*.toml``, ``rules/*.toml`` (metadata and
docs, implemented by the matching ``rules/*.py``), ``rulesets/*.toml`` and the section
templates in ``templates/`` (docs/templates.md).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from gik_rules.forms import FormVariant, load_variant
from gik_rules.hookspecs import hookimpl
from gik_rules.rules import Rule, load_rule_package

PLUGIN = "national"
HERE = Path(__file__).parent


@functools.cache
def variants() -> tuple[FormVariant, ...]:
    return tuple(load_variant(p, plugin=PLUGIN) for p in sorted((HERE / "forms").glob("*.toml")))


@hookimpl
def gik_form_variants() -> list[FormVariant]:
    return list(variants())


@hookimpl
def gik_rules() -> list[Rule]:
    return load_rule_package("gik_rules_national.rules", plugin=PLUGIN)


@hookimpl
def gik_rulesets() -> dict[str, Path]:
    return {p.stem: p for p in (HERE / "rulesets").glob("*.toml")}


@hookimpl
def gik_section_templates() -> list[dict[str, Any]]:
    return [{"jurisdiction": "national", "path": HERE / "templates"}]
