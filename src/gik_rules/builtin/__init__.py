"""The built-in plugin: jurisdiction-free rules of the core (parse and engine findings)
and the signature-based variant detection that plugins may override."""

from __future__ import annotations

from gik_rules.forms.detect import detect_from_labels
from gik_rules.forms.variant import FormVariant
from gik_rules.hookspecs import hookimpl
from gik_rules.rules.catalog import load_rule_package
from gik_rules.rules.rule import Rule


@hookimpl
def gik_rules() -> list[Rule]:
    return load_rule_package("gik_rules.builtin.rules", plugin="gik_rules.builtin")


@hookimpl(trylast=True)
def gik_detect_variant(labels: list[str], candidates: list[FormVariant]) -> str | None:
    return detect_from_labels(labels, {v.id: v for v in candidates})
