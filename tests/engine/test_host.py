"""The plugin host: discovery, failing plugins, conflicts."""

from __future__ import annotations

import types

import pytest

from gik_rules.forms import FormVariant
from gik_rules.hookspecs import hookimpl
from gik_rules.host import PluginConflictError, build_host
from gik_rules.rules import Rule, RuleDoc, Severity


def _rule(code: str, name: str) -> Rule:
    return Rule(
        code=code,
        name=name,
        summary="s",
        severity=Severity.INFO,
        groups=("g",),
        doc=RuleDoc(what="w"),
    )


def test_both_shipped_plugins_are_found_by_entry_point() -> None:
    host = build_host()
    loaded = {p.name: p for p in host.plugins if p.loaded}
    assert {"national", "shandong"} <= set(loaded)
    assert loaded["national"].distribution == "gik-rules-national"
    assert loaded["national"].version
    assert set(host.variants) == {"V2019", "V2021"}


def test_a_plugin_whose_hook_raises_is_skipped() -> None:
    plugin = types.SimpleNamespace()

    @hookimpl
    def gik_rules() -> list[Rule]:
        raise RuntimeError("bad metadata")

    plugin.gik_rules = gik_rules
    host = build_host([("raiser", plugin)])
    assert [p.name for p in host.failed] == ["raiser"]
    assert "bad metadata" in (host.failed[0].error or "")


def test_two_plugins_claiming_one_code_is_a_load_time_error() -> None:
    plugin = types.SimpleNamespace()

    @hookimpl
    def gik_rules() -> list[Rule]:
        return [_rule("N301", "my-identity")]

    plugin.gik_rules = gik_rules
    with pytest.raises(PluginConflictError, match="N301 is claimed by both"):
        build_host([("copycat", plugin)])


def test_two_plugins_claiming_one_name_is_a_load_time_error() -> None:
    plugin = types.SimpleNamespace()

    @hookimpl
    def gik_rules() -> list[Rule]:
        return [_rule("ZZ001", "identity-mismatch")]

    plugin.gik_rules = gik_rules
    with pytest.raises(PluginConflictError, match="identity-mismatch"):
        build_host([("copycat", plugin)])


def test_a_duplicate_variant_is_a_load_time_error() -> None:
    from gik_rules_national import variants

    plugin = types.SimpleNamespace()

    @hookimpl
    def gik_form_variants() -> list[FormVariant]:
        return [variants()[0]]

    plugin.gik_form_variants = gik_form_variants
    with pytest.raises(PluginConflictError, match="form variant V2019"):
        build_host([("copycat", plugin)])
