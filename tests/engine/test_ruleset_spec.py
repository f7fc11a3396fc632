"""A ruleset as plain data (ruleset.spec): what is sent to workers, rebuilt there."""

from __future__ import annotations

import pickle

import attrs
import pytest

from gik_rules.host import Host, build_host
from gik_rules.rules import Severity
from gik_rules.ruleset import RulesetError, ruleset_of
from gik_rules.ruleset.spec import RulesetSpec, ruleset_from_spec, ruleset_spec


@pytest.mark.parametrize("name", ["national", "shandong"])
def test_a_ruleset_survives_spec_pickle_and_rebuild(name: str, host: Host) -> None:
    ruleset = ruleset_of(host, name)
    sent = pickle.loads(pickle.dumps(ruleset_spec(ruleset)))
    assert isinstance(sent, RulesetSpec)
    assert ruleset_from_spec(sent, host) == ruleset
    assert ruleset_from_spec(sent, host).jurisdiction == ruleset.jurisdiction


def test_severity_params_and_jurisdiction_are_kept(host: Host) -> None:
    ruleset = ruleset_of(host, "shandong")
    configs = list(ruleset.rules)
    with_params = next(i for i, c in enumerate(configs) if c.params)
    param = next(iter(configs[with_params].params))
    configs[with_params] = attrs.evolve(
        configs[with_params], severity=Severity.INFO, params={param: "changed"}
    )
    changed = attrs.evolve(ruleset, rules=tuple(configs), name="mine", jurisdiction="somewhere")
    rebuilt = ruleset_from_spec(pickle.loads(pickle.dumps(ruleset_spec(changed))), host)
    assert rebuilt == changed
    assert rebuilt != ruleset
    assert rebuilt.rules[with_params].severity is Severity.INFO
    assert rebuilt.rules[with_params].params == {param: "changed"}
    # the rules are the host's own objects, with their checks
    assert all(c.rule is host.rules[c.rule.code] for c in rebuilt.rules)


def test_a_rule_the_host_lacks_is_named() -> None:
    national = ruleset_of(build_host(), "national")
    bare = build_host(entry_points=False)  # the built-in parse rules only
    with pytest.raises(RulesetError, match=r"N101.*not installed here"):
        ruleset_from_spec(ruleset_spec(national), bare)
