"""Precedence of rule params: a jurisdiction's declared override of another's defaults."""

from __future__ import annotations

import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from gik_rules.engine import check_report
from gik_rules.hookspecs import hookimpl
from gik_rules.host import Host, PluginConflictError, build_host
from gik_rules.model import AnnualReport, ReportMeta
from gik_rules.rules import Hit, Param, Rule, RuleContext, RuleDataError, RuleDoc, Severity
from gik_rules.ruleset import RulesetError, load_ruleset


def days_left(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    yield Hit(f"期限{ctx.params['days']}天", f"deadline {ctx.params['days']} days")


RULE = Rule(
    code="ZN001",
    name="zz-deadline",
    summary="s",
    severity=Severity.ERROR,
    groups=("g",),
    doc=RuleDoc(what="w"),
    check=days_left,
    params=(Param("days", 31, "d"), Param("month", 1, "m")),
    plugin="nat",
)


def _plugin(**hooks: Any) -> types.SimpleNamespace:
    plugin = types.SimpleNamespace()
    for name, value in hooks.items():

        def impl(value: Any = value) -> Any:
            return value

        impl.__name__ = name
        setattr(plugin, name, hookimpl(specname=name)(impl))
    return plugin


def _host(tmp_path: Path, *extra: tuple[str, types.SimpleNamespace]) -> Host:
    files = {
        "nat": '[ruleset]\njurisdiction = "nat"\nselect = ["ZN"]\n',
        "prov": '[ruleset]\njurisdiction = "prov"\nextends = ["nat"]\n',
        "city": '[ruleset]\njurisdiction = "city"\nextends = ["prov"]\n',
    }
    for name, body in files.items():
        (tmp_path / f"{name}.toml").write_text(body, encoding="utf-8")
    nat = _plugin(
        gik_rules=[RULE],
        gik_rulesets={n: tmp_path / f"{n}.toml" for n in files},
    )
    return build_host([("nat", nat), *extra], entry_points=False)


def _prov(days: int = 10, overrides: str = "nat", jurisdiction: str = "prov") -> Any:
    return _plugin(
        gik_rule_params=[
            {
                "jurisdiction": jurisdiction,
                "rule": "zz-deadline",
                "overrides": overrides,
                "params": {"days": days},
            }
        ]
    )


def _params(host: Host, ruleset: str) -> dict[str, Any]:
    resolved = load_ruleset(ruleset, host.rules, host.rulesets, param_overrides=host.rule_params)
    config = resolved.config("ZN001")
    assert config is not None
    return dict(config.params)


def test_the_provincial_ruleset_gets_the_provincial_value(tmp_path: Path) -> None:
    host = _host(tmp_path, ("prov", _prov()))
    assert _params(host, "nat") == {"days": 31, "month": 1}
    assert _params(host, "prov") == {"days": 10, "month": 1}
    resolved = load_ruleset("prov", host.rules, host.rulesets, param_overrides=host.rule_params)
    assert resolved.jurisdiction == "prov"
    result = check_report(AnnualReport(meta=ReportMeta(year=2023)), resolved, host.variants)
    assert [f.message for f in result.findings] == ["期限10天"]


def test_explicit_ruleset_params_still_win(tmp_path: Path) -> None:
    host = _host(tmp_path, ("prov", _prov()))
    office = tmp_path / "office.toml"
    office.write_text(
        '[ruleset]\nextends = ["prov"]\n[params.zz-deadline]\ndays = 5\n', encoding="utf-8"
    )
    assert _params(host, str(office))["days"] == 5
    # a [params] table in the provincial ruleset file itself wins over the declaration too
    (tmp_path / "prov.toml").write_text(
        '[ruleset]\njurisdiction = "prov"\nextends = ["nat"]\n[params.ZN001]\ndays = 7\n',
        encoding="utf-8",
    )
    assert _params(host, "prov")["days"] == 7


def test_an_undeclared_jurisdiction_keeps_the_defaults(tmp_path: Path) -> None:
    host = _host(tmp_path, ("prov", _prov()))
    plain = tmp_path / "plain.toml"
    plain.write_text('[ruleset]\nextends = ["nat"]\n', encoding="utf-8")
    assert _params(host, str(plain))["days"] == 31


def test_a_chain_of_jurisdictions_applies_nearest_last(tmp_path: Path) -> None:
    city = _plugin(
        gik_rule_params=[
            {
                "jurisdiction": "city",
                "rule": "ZN001",
                "overrides": "prov",
                "params": {"month": 2},
            }
        ]
    )
    host = _host(tmp_path, ("prov", _prov()), ("city", city))
    assert _params(host, "city") == {"days": 10, "month": 2}
    assert _params(host, "prov") == {"days": 10, "month": 1}


def test_two_plugins_setting_one_param_is_a_load_time_error(tmp_path: Path) -> None:
    with pytest.raises(PluginConflictError, match="param days of rule ZN001 for prov"):
        _host(tmp_path, ("prov", _prov()), ("prov2", _prov(12)))


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"jurisdiction": "prov", "rule": "ZN001", "params": {"days": 1}}, "'overrides'"),
        (
            {"jurisdiction": "prov", "rule": "ZN001", "overrides": "nat", "params": {"x": 1}},
            "has no param x",
        ),
        ({"jurisdiction": "prov", "rule": "ZN001", "overrides": "nat", "params": {}}, "params"),
        (
            {"jurisdiction": "prov", "rule": "ZN001", "overrides": "nat", "params": {"days": "9"}},
            "params.days: expected an integer, not '9'",
        ),
    ],
)
def test_a_malformed_declaration_fails_its_plugin(
    tmp_path: Path, entry: dict[str, Any], message: str
) -> None:
    """The plugin is listed as failed with the reason; the others load."""
    host = _host(tmp_path, ("prov", _plugin(gik_rule_params=[entry])))
    (failed,) = host.failed
    assert failed.name == "prov"
    assert failed.error is not None and message in failed.error
    assert "prov" not in host.jurisdictions and _params(host, "nat")["days"] == 31


def test_a_declaration_that_does_not_lead_to_the_rule_fails_at_load(tmp_path: Path) -> None:
    entry = {
        "jurisdiction": "prov",
        "rule": "ZN001",
        "overrides": "elsewhere",
        "params": {"days": 1},
    }
    with pytest.raises(RuleDataError, match="does not lead to 'nat'"):
        _host(tmp_path, ("prov", _plugin(gik_rule_params=[entry])))


def test_a_declaration_for_a_rule_not_installed_is_skipped(tmp_path: Path) -> None:
    other = _plugin(
        gik_rule_params=[
            {"jurisdiction": "prov", "rule": "no-such-rule", "overrides": "nat", "params": {"a": 1}}
        ]
    )
    host = _host(tmp_path, ("prov", other))
    assert _params(host, "prov")["days"] == 31


def test_a_non_string_jurisdiction_is_a_ruleset_error(tmp_path: Path) -> None:
    host = _host(tmp_path)
    bad = tmp_path / "bad.toml"
    bad.write_text("[ruleset]\njurisdiction = 3\n", encoding="utf-8")
    with pytest.raises(RulesetError, match=r"ruleset\.jurisdiction: expected a string, not 3"):
        load_ruleset(str(bad), host.rules, host.rulesets)


def test_the_host_parses_the_declarations_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """host.param_overrides keeps what build_host checked; ruleset_of resolves with it
    and never parses host.rule_params again."""
    from gik_rules.rules import overrides
    from gik_rules.ruleset import ruleset_of

    host = _host(tmp_path, ("prov", _prov()))
    (declared,) = host.param_overrides
    assert (declared.jurisdiction, declared.code, dict(declared.params)) == (
        "prov",
        "ZN001",
        {"days": 10},
    )

    def parse_again(*args: object) -> None:
        raise AssertionError("the declarations were parsed again")

    monkeypatch.setattr(overrides, "param_overrides", parse_again)
    config = ruleset_of(host, "prov").config("ZN001")
    assert config is not None and config.params["days"] == 10


def test_a_rule_is_found_by_code_name_or_alias_the_same_way_everywhere(tmp_path: Path) -> None:
    from gik_rules.rules.rule import find_rule
    from gik_rules.ruleset import match_selector

    aliased = _plugin(
        gik_rules=[attrs.evolve(RULE, code="ZN002", name="zz-other", aliases=("zz-old",))]
    )
    host = _host(tmp_path, ("alias", aliased))
    for key, code in [("ZN001", "ZN001"), ("zz-deadline", "ZN001"), ("zz-old", "ZN002")]:
        rule = find_rule(key, host.rules)
        assert rule is not None and rule.code == code
        assert host.rule(key) is rule
        assert match_selector(key, host.rules) == ({code}, True)
    assert find_rule("zz-nothing", host.rules) is None and host.rule("ZN") is None
