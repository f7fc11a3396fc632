"""The 山东省 plugin of gik-rules: the provincial ruleset (rules follow in their own release)."""

from __future__ import annotations

from pathlib import Path

from gik_rules.hookspecs import hookimpl

PLUGIN = "shandong"
HERE = Path(__file__).parent


@hookimpl
def gik_rulesets() -> dict[str, Path]:
    return {p.stem: p for p in (HERE / "rulesets").glob("*.toml")}
