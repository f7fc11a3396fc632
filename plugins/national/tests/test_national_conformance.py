"""The national conformance suite: every rule's passing and failing cases
(``conformance/<CODE>-<name>.toml``, see ``national_cases``)."""

from __future__ import annotations

import pytest
from national_cases import Case, case_files, load_cases, matches, run

from gik_rules.engine import RuleStatus
from gik_rules.host import default_host
from gik_rules.rules import Scope

CASES = list(load_cases())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Case) -> None:
    found, statuses = run(case, default_host())
    assert RuleStatus.ERROR not in statuses, f"{case.rule} raised"
    if case.expect == "pass":
        assert found == [], [f.message for _, f in found]
        return
    assert found, f"expected a {case.rule} finding"
    assert RuleStatus.FINDINGS in statuses
    expected = case.spec.get("hits")
    if expected is None:
        return
    assert len(found) == len(expected), [f.message for _, f in found]
    unmatched = list(found)
    for hit in expected:
        match = next((x for x in unmatched if matches(hit, *x)), None)
        assert match is not None, (hit, [(i, f.location, f.message) for i, f in unmatched])
        unmatched.remove(match)


def test_every_rule_has_a_passing_and_a_failing_case() -> None:
    rules = [
        r
        for r in default_host().rules.values()
        if r.plugin == "national" and r.scope is not Scope.READER
    ]
    assert len(rules) >= 29
    expects: dict[str, set[str]] = {}
    for case in CASES:
        expects.setdefault(case.rule, set()).add(case.expect)
    missing = [r.code for r in rules if expects.get(r.code) != {"pass", "fail"}]
    assert missing == [], f"rules without a pass and a fail case: {missing}"


def test_case_files_are_named_after_their_rule() -> None:
    rules = default_host().rules
    for path in case_files():
        code = path.stem.split("-", 1)[0]
        assert code in rules, path.name
        assert path.stem == f"{code}-{rules[code].name}", path.name
        assert all(c.rule == code for c in CASES if c.file == path.name), path.name
