"""The hooks a gik-rules plugin implements (entry-point group ``gik_rules``).

Every hook is optional. Contributions from all plugins are collected and merged by the
host; precedence between plugins is explicit data (``overrides``), never call order.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from gik_rules.forms.variant import FormVariant
    from gik_rules.rules.rule import Rule

PROJECT = "gik_rules"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def gik_form_variants() -> list[FormVariant]:  # type: ignore[empty-body]
    """Form variants this plugin defines (each id once across all plugins)."""


@hookspec
def gik_rules() -> list[Rule]:  # type: ignore[empty-body]
    """Rules this plugin contributes (codes unique across all plugins)."""


@hookspec
def gik_rulesets() -> dict[str, Path]:  # type: ignore[empty-body]
    """Named rulesets: name -> path of a ruleset TOML file."""


@hookspec
def gik_section_templates() -> list[dict[str, Any]]:  # type: ignore[empty-body]
    """Section templates: dicts with ``jurisdiction`` (a lower-case name), ``path`` (a
    directory of Jinja2 templates and table layouts) and optionally ``overrides`` (the
    jurisdiction whose templates these take precedence over, piece by piece). One
    jurisdiction per contribution and plugin; the directory layout is docs/templates.md."""


@hookspec
def gik_rule_params() -> list[dict[str, Any]]:  # type: ignore[empty-body]
    """Parameter overrides: dicts with ``jurisdiction``, ``rule`` (code or name),
    ``params`` and ``overrides`` (the jurisdiction whose defaults these replace)."""


@hookspec(firstresult=True)
def gik_detect_variant(labels: list[str], candidates: list[FormVariant]) -> str | None:
    """The variant id of a document from the table labels it prints, or None to leave it
    to the next plugin and finally to the built-in signature detection."""
