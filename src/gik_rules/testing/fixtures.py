"""Fixture reports that a rule must pass or fail, laid out by rule::

    fixtures/
      SD201/               # the rule's code or name
        pass/clean.toml    # reports the rule finds nothing in
        fail/cites-225.txt # reports the rule reports at least once

A fixture is any file ``gik-rules`` reads (canonical TOML or JSON, text, .docx, HTML,
PDF). The rule runs alone, with its default params, through the engine. A pass fixture
may be a report the rule does not apply to (another year or variant); a fail fixture may not.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import attrs

from gik_rules.engine import RuleStatus
from gik_rules.engine.run import check_read
from gik_rules.host import Host
from gik_rules.ingest.reader import read_path
from gik_rules.rules import Rule
from gik_rules.ruleset import RuleConfig, Ruleset

EXPECTATIONS = ("pass", "fail")


@attrs.frozen(slots=True)
class FixtureCase:
    """One fixture file and what it must do for its rule."""

    rule: str  # the directory name: a code or name
    expect: str  # "pass" or "fail"
    path: Path

    @property
    def id(self) -> str:
        return f"{self.rule}/{self.expect}/{self.path.name}"


def find_fixtures(root: Path) -> Iterator[FixtureCase]:
    """Every fixture under ``root``, in a stable order."""
    for rule_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        for expect in EXPECTATIONS:
            folder = rule_dir / expect
            if folder.is_dir():
                for path in sorted(p for p in folder.iterdir() if p.is_file()):
                    yield FixtureCase(rule_dir.name, expect, path)


def alone(rule: Rule, params: Mapping[str, object] | None = None) -> Ruleset:
    """A ruleset of one rule, at its own severity, with its defaults (or ``params``)."""
    config = RuleConfig(rule, rule.severity, {**rule.default_params(), **(params or {})})
    return Ruleset(name=f"only {rule.code}", rules=(config,))


def run_fixture(case: FixtureCase, rule: Rule, host: Host) -> str | None:
    """None when the fixture does as declared, else what went wrong."""
    ruleset = alone(rule)
    reads = list(read_path(case.path, host))
    if not reads or any(r.report is None for r in reads):
        return f"{case.id}: cannot be read"
    for read in reads:
        result = check_read(read, ruleset, host)
        status = result.statuses.get(rule.code)
        if status is RuleStatus.ERROR:
            return f"{case.id}: {rule.code} raised"
        if status is RuleStatus.SKIPPED and case.expect == "fail":
            return f"{case.id}: {rule.code} does not apply to this report (variant or year)"
        hits = [f for f in result.findings if f.code == rule.code]
        if case.expect == "pass" and hits:
            return f"{case.id}: expected no finding, got {hits[0].message}"
        if case.expect == "fail" and not hits:
            return f"{case.id}: expected a {rule.code} finding, got none"
    return None
